"""Coordinator caseloads through the JSON API and the services: invite codes, a volunteer's
consent to share (and bad codes), stopping at once, what a coordinator sees and that each look
is audited.

Who may open the caseload pages and what they show is in test_caseload_pages.py.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from tests.factories import CONSENT_SCOPE as SCOPE
from tests.factories import (
    add_shift,
    api_token,
    approved,
    asked,
    from_now,
    invite,
    login,
    make_user,
    organization,
    post,
    share,
    text_of,
)
from volunteer_match.extensions import db
from volunteer_match.models import AuditEvent, CoordinatorLink, InviteCode, Shift, utcnow
from volunteer_match.services import caseload, requests
from volunteer_match.services.errors import Forbidden, ValidationFailed


def audit_events(action: str) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            sa.select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        )
    )


# ------------------------------------------------------------------------------ invite codes


def test_codes_are_readable_single_use_and_last_14_days(app: Flask) -> None:
    robin = make_user("coordinator", display_name="Robin")
    codes = [caseload.issue_invite_code(robin) for _ in range(30)]
    db.session.commit()
    for invite_code in codes:
        assert re.fullmatch(r"[A-HJ-NP-Z2-9]{8}", invite_code.code), invite_code.code
        lasts = invite_code.expires_at - utcnow()
        assert timedelta(days=13, hours=23) < lasts <= timedelta(days=14)
    assert len({c.code for c in codes}) == 30

    code = codes[0].code
    caseload.link(make_user(), code.lower()[:4] + "-" + code.lower()[4:])  # as people type it
    db.session.commit()
    with pytest.raises(ValidationFailed) as error:
        caseload.link(make_user(), code)
    assert "invite_code" in error.value.fields


def test_only_coordinators_and_admins_make_codes(client: FlaskClient) -> None:
    for role, status in [("coordinator", 201), ("admin", 201), ("volunteer", 403),
                         ("organization", 403)]:  # fmt: skip
        headers = api_token(client, make_user(role).email)
        response = client.post("/api/v1/coordinator/invite-codes", headers=headers)
        assert response.status_code == status, role
        if status == 201:
            body = response.get_json()
            assert set(body) == {"invite_code", "expires_at"}
            assert len(body["invite_code"]) == 8 and body["expires_at"].endswith("Z")
    with pytest.raises(Forbidden):
        caseload.issue_invite_code(make_user("volunteer"))


# ------------------------------------------------------------------------------ consent, API


def test_a_volunteer_shares_with_the_code_and_consent_is_recorded(client: FlaskClient) -> None:
    robin = make_user("coordinator", display_name="Robin")
    sam = make_user(display_name="Sam")
    headers = api_token(client, sam.email)
    response = client.post(
        "/api/v1/me/coordinator", json={"invite_code": invite(robin)}, headers=headers
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["coordinator_name"] == "Robin" and body["consent_scope"] == SCOPE
    assert body["consented_at"].endswith("Z")

    link = caseload.current_link(sam)
    assert link is not None and link.coordinator_id == robin.id
    assert link.consent_scope == SCOPE and link.consented_at is not None
    assert link.unlinked_at is None
    [event] = audit_events("caseload.linked")
    assert event.actor_id == sam.id and event.detail["coordinator"] == robin.id
    assert client.get("/api/v1/me/coordinator", headers=headers).get_json() == body


@pytest.mark.parametrize("problem", ["unknown", "expired", "used", "empty"])
def test_a_bad_code_gets_a_clear_error(client: FlaskClient, problem: str) -> None:
    robin = make_user("coordinator")
    code = invite(robin)
    if problem == "unknown":
        code = "ZZZZ2222"
    elif problem == "expired":
        db.session.execute(sa.update(InviteCode).values(expires_at=utcnow() - timedelta(1)))
        db.session.commit()
    elif problem == "used":
        caseload.link(make_user(), code)
        db.session.commit()
    elif problem == "empty":
        code = " - "
    sam = make_user()
    response = client.post(
        "/api/v1/me/coordinator", json={"invite_code": code}, headers=api_token(client, sam.email)
    )
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["fields"]["invite_code"] and error["message"].endswith(".")
    assert caseload.current_link(sam) is None


def test_sharing_again_needs_unlinking_first(client: FlaskClient) -> None:
    robin, alex = make_user("coordinator"), make_user("coordinator")
    sam = make_user()
    share(sam, robin)
    headers = api_token(client, sam.email)
    second = invite(alex)
    response = client.post("/api/v1/me/coordinator", json={"invite_code": second}, headers=headers)
    assert response.status_code == 409
    assert "Unlink first" in response.get_json()["error"]["message"]
    assert db.session.scalar(sa.select(InviteCode.used_at).where(InviteCode.code == second)) is None

    assert client.delete("/api/v1/me/coordinator", headers=headers).status_code == 204
    response = client.post("/api/v1/me/coordinator", json={"invite_code": second}, headers=headers)
    assert response.status_code == 201
    assert caseload.current_link(sam).coordinator_id == alex.id


def test_only_volunteers_share(client: FlaskClient) -> None:
    robin = make_user("coordinator")
    for role in ("organization", "coordinator"):
        headers = api_token(client, make_user(role).email)
        response = client.post(
            "/api/v1/me/coordinator", json={"invite_code": invite(robin)}, headers=headers
        )
        assert response.status_code == 403
        assert client.delete("/api/v1/me/coordinator", headers=headers).status_code == 403
    assert client.post("/api/v1/me/coordinator", json={"invite_code": "X"}).status_code == 401


def test_unlinking_works_at_once_and_the_coordinator_sees_nothing_new(
    client: FlaskClient,
) -> None:
    robin = make_user("coordinator")
    staff = organization()
    shift = add_shift(staff, post(staff, "Kitchen helper"), start=from_now(hours=48))
    sam = make_user(display_name="Sam")
    share(sam, robin)
    headers = api_token(client, sam.email)
    item = asked(sam, shift)
    assert [r.id for r in requests.queue(robin)] == [item.id]

    assert client.delete("/api/v1/me/coordinator", headers=headers).status_code == 204
    link = db.session.scalar(
        sa.select(CoordinatorLink).where(CoordinatorLink.volunteer_id == sam.id)
    )
    assert link is not None and link.unlinked_at is not None  # the record of consent stays
    later = asked(sam, add_shift(staff, post(staff, "Park cleanup"), start=from_now(hours=72)))
    assert requests.queue(robin) == []
    coordinator_headers = api_token(client, robin.email)
    body = client.get("/api/v1/coordinator/caseload", headers=coordinator_headers).get_json()
    assert body["items"] == [] and body["total"] == 0
    other = make_user("coordinator")
    assert later.id in [r.id for r in requests.queue(other)]
    assert client.delete("/api/v1/me/coordinator", headers=headers).status_code == 404
    assert client.get("/api/v1/me/coordinator", headers=headers).status_code == 404


# ------------------------------------------------------------------------------ the caseload


def test_the_caseload_shows_shifts_hours_activity_and_who_to_check_in_with(
    client: FlaskClient,
) -> None:
    robin = make_user("coordinator", display_name="Robin")
    staff = organization("Harbor Food Pantry")
    kitchen = post(staff, "Kitchen helper")
    sam, lee = make_user(display_name="Sam"), make_user(display_name="Lee")
    share(sam, robin)
    share(lee, robin)
    share(make_user(display_name="Someone else's"), make_user("coordinator"))

    upcoming = approved(robin, sam, add_shift(staff, kitchen, start=from_now(hours=48)))
    past = approved(robin, sam, add_shift(staff, kitchen, start=from_now(hours=72)))
    moved = db.session.get(Shift, past.shift_id)
    moved.starts_at, moved.ends_at = utcnow() - timedelta(hours=5), utcnow() - timedelta(hours=2)
    db.session.commit()
    requests.record_attendance(staff, past.id, attended=True, hours=2.5)
    db.session.commit()
    lee.last_login_at = utcnow() - timedelta(days=30)
    db.session.commit()

    body = client.get(
        "/api/v1/coordinator/caseload", headers=api_token(client, robin.email)
    ).get_json()
    assert body["total"] == 2 and [p["display_name"] for p in body["items"]] == ["Lee", "Sam"]
    lee_row, sam_row = body["items"]
    assert lee_row["follow_up"] is True and lee_row["upcoming_shifts"] == []
    assert lee_row["verified_hours"] == 0 and lee_row["last_activity"].endswith("Z")
    assert sam_row["follow_up"] is False and sam_row["verified_hours"] == 2.5
    assert [s["shift_id"] for s in sam_row["upcoming_shifts"]] == [upcoming.shift_id]
    assert sam_row["upcoming_shifts"][0]["title"] == "Kitchen helper"
    assert sam_row["consent_scope"] == SCOPE

    login(client, robin.email)
    page = text_of(client.get("/coordinator/caseload"))
    assert "People sharing with you (2)" in page
    assert "Kitchen helper, Harbor Food Pantry" in page and "2.5" in page
    assert page.count("It's been a while — maybe check in.") == 1
    assert "Someone else's" not in page


def test_a_caseload_shows_only_what_each_person_agreed_to(app: Flask) -> None:
    robin = make_user("coordinator")
    sam = make_user(display_name="Sam")
    link = share(sam, robin)
    link.consent_scope = ["shifts"]
    db.session.commit()
    [entry] = caseload.caseload(robin).items
    assert entry.upcoming == () and entry.hours is None and entry.last_activity is None
    assert entry.follow_up is False


def test_every_look_at_a_caseload_is_audited(client: FlaskClient) -> None:
    robin = make_user("coordinator")
    sam, lee = make_user(display_name="Sam"), make_user(display_name="Lee")
    share(sam, robin)
    share(lee, robin)
    login(client, robin.email)
    assert client.get("/coordinator/caseload").status_code == 200
    client.get("/api/v1/coordinator/caseload", headers=api_token(client, robin.email))

    events = audit_events("caseload.viewed")
    assert len(events) == 2
    for event in events:
        assert event.actor_id == robin.id and event.created_at is not None
        assert sorted(event.detail["volunteer_ids"]) == sorted([sam.id, lee.id])


def test_out_of_range_pages_are_handled_gently(client: FlaskClient) -> None:
    robin = make_user("coordinator")
    login(client, robin.email)
    assert client.get("/coordinator/caseload?page=99999999999999999999").status_code == 200
    headers = api_token(client, robin.email)
    response = client.get("/api/v1/coordinator/caseload?per_page=500", headers=headers)
    assert response.status_code == 422
