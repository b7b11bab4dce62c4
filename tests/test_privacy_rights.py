"""A person's privacy rights: a copy of all their data, and deleting their account for good.

What people notice: the download holds their profile, requests and messages and never a
secret; after deleting, their place goes to the next person waiting, the organization keeps
only anonymous hours, and nothing of them is left: no login, no token, the email is free.
"""

from __future__ import annotations

import html
import json
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from tests.factories import (
    PASSWORD,
    api_token,
    attended,
    csrf_token,
    login,
    make_user,
    new_shift,
    organization,
    share,
    start_shift,
    told,
)
from volunteer_match.extensions import db
from volunteer_match.matching.features import Window
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
from volunteer_match.services import calendar, organizations, privacy, profiles, requests
from volunteer_match.services.errors import ValidationFailed

API = "/api/v1"
SAM_EMAIL = "sam.rivera@example.org"


@pytest.fixture
def account(app: Flask, client: FlaskClient) -> dict:
    """Sam: a profile, a coordinator, an approved place on a full shift with two people
    waiting, an attended shift of 2.5 hours, a calendar feed and an API token."""
    harbor = organization("Harbor Food Pantry")
    robin = make_user("coordinator", display_name="Robin")
    sam = make_user(email=SAM_EMAIL, display_name="Sam Rivera")
    profiles.update(
        sam,
        profiles.ProfileInput(
            skills=["cookin"],  # as typed; the matcher still understands it
            interests=["seniors"],
            goals=["give_back"],
            availability=[Window(1, 17 * 60, 21 * 60)],
            postcode="10027",
            travel_km=5,
            timezone="America/New_York",
            preferences=["team_based"],
        ),
    )
    db.session.commit()
    past = attended(harbor, sam, "Pantry sorting", hours=2.5)
    share(sam, robin)

    full = new_shift(harbor, capacity=1, days=10, title="Soup kitchen")
    place = requests.create(sam, full.id, "I can bring gloves")
    requests.approve(robin, place.id, "See you there, Sam")
    db.session.commit()
    lee, ana = make_user(display_name="Lee"), make_user(display_name="Ana")
    waiting = []
    for person in (lee, ana):  # Lee asked first
        item = requests.create(person, full.id)
        requests.approve(robin, item.id)
        db.session.commit()
        waiting.append(item)
    assert [w.status for w in waiting] == ["waitlisted", "waitlisted"]

    calendar.new_feed_token(sam)
    db.session.commit()
    headers = api_token(client, SAM_EMAIL)
    return {
        "harbor": harbor,
        "robin": robin,
        "sam": sam,
        "sam_id": sam.id,
        "profile_id": profiles.get(sam).id,
        "full": full,
        "place": place,
        "lee": lee,
        "ana": ana,
        "waiting": waiting,
        "past": past,
        "headers": headers,
    }


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


# ------------------------------------------------------------------------------- the download


def test_the_download_holds_my_profile_requests_and_messages_and_no_secret(
    client: FlaskClient, account: dict
) -> None:
    response = client.get(f"{API}/me/export", headers=account["headers"])
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="volunteer-match-data.json"'
    assert "no-store" in response.headers["Cache-Control"]
    text = response.get_data(as_text=True)
    data = json.loads(text)

    assert data["account"]["email"] == SAM_EMAIL
    assert data["account"]["display_name"] == "Sam Rivera"
    profile = data["volunteer_profile"]
    assert profile["skills"] == ["cookin"] and profile["interests"] == ["seniors"]
    assert profile["goals"] == ["give_back"] and profile["postcode"] == "10027"
    assert profile["availability"] == [{"weekday": 1, "start": "17:00", "end": "21:00"}]
    assert profile["skill_concepts"] == {"cooking": "cookin"}  # what the matcher understood
    assert profile["findable_by_organizations"] is False

    by_title = {item["opportunity"]: item for item in data["requests"]}
    soup = by_title["Soup kitchen"]
    assert soup["status"] == "approved" and soup["message"] == "I can bring gloves"
    assert soup["decision_note"] == "See you there, Sam"
    assert soup["organization"] == "Harbor Food Pantry"
    assert soup["shift_starts_at"].endswith("Z")
    assert by_title["Pantry sorting"]["hours"] == 2.5
    assert by_title["Pantry sorting"]["verified_at"]

    messages = [note["message"] for note in data["notifications"]]
    assert any("You're on the Soup kitchen shift" in message for message in messages)
    assert data["coordinator_links"][0]["coordinator"] == "Robin"
    assert data["coordinator_links"][0]["consent_scope"]
    assert data["calendar_feed_on"] is True
    assert len(data["api_tokens"]) == 1 and data["api_tokens"][0]["last_used_at"]
    assert "request.created" in {event["action"] for event in data["activity"]}
    assert data["organization_membership"] is None

    sam = db.session.get(User, account["sam_id"])
    digest = db.session.scalar(sa.select(ApiToken.token_hash).where(ApiToken.user_id == sam.id))
    raw_token = account["headers"]["Authorization"].removeprefix("Bearer ")
    for secret in ("$argon2", sam.password_hash, digest, raw_token, sam.calendar_token_hash):
        assert secret and secret not in text
    assert "hash" not in text and "digest" not in text


def test_the_download_page_gives_the_same_file(client: FlaskClient, account: dict) -> None:
    assert client.get("/account/export.json").status_code == 302  # log in first
    login(client, SAM_EMAIL)
    response = client.get("/account/export.json")
    assert response.status_code == 200
    assert "volunteer-match-data.json" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == SAM_EMAIL
    assert "$argon2" not in response.get_data(as_text=True)


def test_an_organization_account_sees_its_membership(client: FlaskClient) -> None:
    staff = organization("Harbor Food Pantry")
    response = client.get(f"{API}/me/export", headers=api_token(client, staff.email))
    data = response.get_json()
    assert data["organization_membership"]["organization"] == "Harbor Food Pantry"
    assert data["volunteer_profile"] is None and data["requests"] == []


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
