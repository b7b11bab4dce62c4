"""A person's right to be forgotten: deleting their account for good, through the API and on the
account page.

What people notice: after deleting, their place goes to the next person waiting, the
organization keeps only anonymous hours, and nothing of them is left: no login, no token, the
email is free. The download of their data is in test_privacy_export.py; Sam, the ``account``
both use, is a fixture in conftest.py.
"""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import (
    API,
    PASSWORD,
    SAM_EMAIL,
    api_token,
    attended,
    csrf_token,
    login,
    make_user,
    new_shift,
    organization,
    start_shift,
    told,
)
from volunteer_match.extensions import db
from volunteer_match.models import (
    AnonymousService,
    ApiToken,
    AuditEvent,
    AvailabilityWindow,
    Base,
    CoordinatorLink,
    Notification,
    Opportunity,
    Organization,
    OrganizationMember,
    Shift,
    ShiftRequest,
    User,
    VolunteerProfile,
)
from volunteer_match.services import organizations, privacy
from volunteer_match.services.errors import ValidationFailed


def everything_stored() -> str:
    """Every row of every table, as text: what a database dump would show."""
    rows = []
    for table in Base.metadata.sorted_tables:
        rows += [repr(tuple(row)) for row in db.session.execute(sa.select(table))]
    return "\n".join(rows)


def rows_of(model: type, **where: object) -> int:
    query = sa.select(sa.func.count()).select_from(model)
    for column, value in where.items():
        query = query.where(getattr(model, column) == value)
    return db.session.scalar(query) or 0


# -------------------------------------------------------------------------------- erasing


def test_deleting_my_account_frees_my_place_keeps_only_anonymous_hours_and_forgets_me(
    client: FlaskClient, account: dict
) -> None:
    sam_id, profile_id = account["sam_id"], account["profile_id"]
    lee_request, ana_request = account["waiting"]
    headers = account["headers"]

    response = client.delete(f"{API}/me", json={"password": PASSWORD}, headers=headers)
    assert response.status_code == 204, response.get_json()

    # The place on the full shift went to Lee, who asked first, and Lee was told.
    assert db.session.get(ShiftRequest, lee_request.id).status == "approved"
    assert db.session.get(ShiftRequest, ana_request.id).status == "waitlisted"
    assert told(account["lee"], "request.approved")
    assert db.session.get(Shift, account["full"].id).filled == 1

    # The 2.5 attended hours stay for the organization, with nothing pointing to Sam.
    kept = db.session.scalars(sa.select(AnonymousService)).all()
    assert len(kept) == 1
    past = db.session.get(Shift, account["past"].id)
    harbor = organizations.organization_of(account["harbor"])
    assert kept[0].organization_id == harbor.id
    assert kept[0].opportunity_id == past.opportunity_id
    assert kept[0].hours == 2.5
    assert kept[0].shift_date == past.starts_at.astimezone(ZoneInfo(harbor.timezone)).date()
    assert set(AnonymousService.__table__.columns.keys()) == {
        "id", "organization_id", "opportunity_id", "shift_date", "hours", "recorded_at",
    }  # fmt: skip
    referred = {fk.column.table.name for fk in AnonymousService.__table__.foreign_keys}
    assert referred == {"organization", "opportunity"}

    # Sam and everything that was Sam's is gone.
    assert db.session.get(User, sam_id) is None
    assert rows_of(VolunteerProfile, user_id=sam_id) == 0
    assert rows_of(AvailabilityWindow, profile_id=profile_id) == 0
    assert rows_of(ShiftRequest, volunteer_id=sam_id) == 0
    assert rows_of(Notification, user_id=sam_id) == 0
    assert rows_of(CoordinatorLink, volunteer_id=sam_id) == 0
    assert rows_of(ApiToken, user_id=sam_id) == 0
    assert rows_of(AuditEvent, actor_id=sam_id) == 0
    stored = everything_stored()
    assert SAM_EMAIL not in stored and "Sam Rivera" not in stored
    assert "I can bring gloves" not in stored
    erased = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "account.erased"))
    assert (erased.subject_type, erased.subject_id) == ("User", sam_id)
    assert erased.detail["role"] == "volunteer" and erased.actor_id is None

    # No way back in, and the email is free again.
    assert client.get(f"{API}/me", headers=headers).status_code == 401
    assert login(client, SAM_EMAIL).status_code == 422
    again = client.post(
        f"{API}/auth/register",
        json={"email": SAM_EMAIL, "password": PASSWORD, "display_name": "Sam", "role": "volunteer"},
    )
    assert again.status_code == 201, again.get_json()


def test_a_wrong_password_changes_nothing(client: FlaskClient, account: dict) -> None:
    headers = account["headers"]
    response = client.delete(f"{API}/me", json={"password": "not my password!"}, headers=headers)
    assert response.status_code == 422
    assert "password" in response.get_json()["error"]["fields"]
    assert client.delete(f"{API}/me", json={}, headers=headers).status_code == 422
    assert client.delete(f"{API}/me", data="nope", headers=headers).status_code == 400
    assert client.delete(f"{API}/me", json={"password": PASSWORD}).status_code == 401

    assert client.get(f"{API}/me", headers=headers).status_code == 200
    assert db.session.get(User, account["sam_id"]) is not None
    assert db.session.get(ShiftRequest, account["place"].id).status == "approved"
    assert [db.session.get(ShiftRequest, w.id).status for w in account["waiting"]] == [
        "waitlisted",
        "waitlisted",
    ]
    assert rows_of(AnonymousService) == 0
    with pytest.raises(ValidationFailed):
        privacy.erase(db.session.get(User, account["sam_id"]), "")


def test_an_approved_shift_that_already_started_does_not_block_deleting(
    client: FlaskClient, account: dict
) -> None:
    """The organization records what happened on a started shift, so it can't be
    cancelled; the request simply goes with the account."""
    start_shift(db.session.get(Shift, account["full"].id), hours_ago=1)
    response = client.delete(f"{API}/me", json={"password": PASSWORD}, headers=account["headers"])
    assert response.status_code == 204
    assert rows_of(ShiftRequest, volunteer_id=account["sam_id"]) == 0
    assert rows_of(AnonymousService) == 1  # only the attended shift


def test_an_organization_account_can_delete_itself_and_the_organization_stays(
    client: FlaskClient,
) -> None:
    staff = organization("Harbor Food Pantry")
    org_id = organizations.organization_of(staff).id
    staff_id = staff.id
    shift = new_shift(staff, title="Kitchen helper")
    sam = make_user(display_name="Sam")
    came = attended(staff, sam, "Pantry sorting", hours=2)
    headers = api_token(client, staff.email)

    response = client.delete(f"{API}/me", json={"password": PASSWORD}, headers=headers)
    assert response.status_code == 204
    assert db.session.get(User, staff_id) is None
    assert rows_of(OrganizationMember, organization_id=org_id) == 0
    assert db.session.get(Organization, org_id) is not None
    assert db.session.get(Opportunity, shift.opportunity_id) is not None
    assert db.session.get(Shift, shift.id) is not None
    record = db.session.scalar(sa.select(ShiftRequest).where(ShiftRequest.shift_id == came.id))
    assert record.status == "attended" and record.hours == 2 and record.verified_by_id is None
    assert rows_of(AnonymousService) == 0  # Sam's hours are still Sam's
    assert client.get(f"{API}/opportunities/{shift.opportunity_id}").status_code == 200


def test_a_coordinator_can_delete_their_account(client: FlaskClient, account: dict) -> None:
    robin_id = account["robin"].id
    headers = api_token(client, account["robin"].email)
    response = client.delete(f"{API}/me", json={"password": PASSWORD}, headers=headers)
    assert response.status_code == 204
    assert db.session.get(User, robin_id) is None
    assert rows_of(CoordinatorLink, volunteer_id=account["sam_id"]) == 0
    assert db.session.get(ShiftRequest, account["place"].id).decided_by_id is None
    assert client.get(f"{API}/me", headers=account["headers"]).status_code == 200  # Sam is fine


# ---------------------------------------------------------------------------------- pages


def test_my_account_page_explains_what_is_kept_and_deletes_with_the_password(
    client: FlaskClient, account: dict
) -> None:
    assert client.get("/account").status_code == 302
    login(client, SAM_EMAIL)
    home = client.get("/volunteer").get_data(as_text=True)
    assert 'href="/account">My account</a>' in home
    page = client.get("/account")
    text = html.unescape(page.get_data(as_text=True))
    assert page.status_code == 200
    assert "Download my data" in text and 'href="/account/export.json"' in text
    assert "Delete my account" in text and "can't be undone" in text
    assert "only anonymous totals of hours" in text

    refused = client.post("/account/delete", data={"password": PASSWORD})  # no CSRF token
    assert refused.status_code == 400
    token = csrf_token(client, "/account")
    wrong = client.post("/account/delete", data={"password": "wrong password", "csrf_token": token})
    assert wrong.status_code == 422
    assert "That password isn't right" in html.unescape(wrong.get_data(as_text=True))
    assert db.session.get(User, account["sam_id"]) is not None

    done = client.post(
        "/account/delete",
        data={"password": PASSWORD, "csrf_token": csrf_token(client, "/account")},
        follow_redirects=True,
    )
    assert done.status_code == 200 and done.request.path == "/"
    text = done.get_data(as_text=True)
    assert "Your account and your personal data have been deleted" in text
    assert "Log in" in text  # logged out
    assert db.session.get(User, account["sam_id"]) is None
    assert db.session.get(ShiftRequest, account["waiting"][0].id).status == "approved"
    assert client.get("/account").status_code == 302


def test_every_signed_in_role_has_the_page(client: FlaskClient) -> None:
    for role in ("organization", "coordinator", "admin"):
        user = make_user(role)
        login(client, user.email)
        page = client.get("/account")
        assert page.status_code == 200, role
        assert "Delete my account" in page.get_data(as_text=True)
        client.post("/logout", data={"csrf_token": csrf_token(client, "/account")})


def test_the_deleted_account_is_not_named_in_notifications_of_others(
    client: FlaskClient, account: dict
) -> None:
    robin, name = account["robin"], account["sam"].display_name
    assert rows_of(Notification, user_id=robin.id, kind="caseload.joined") == 1
    client.delete(f"{API}/me", json={"password": PASSWORD}, headers=account["headers"])
    query = sa.select(Notification.message).where(Notification.user_id == robin.id)
    assert all(name not in message for message in db.session.scalars(query))
