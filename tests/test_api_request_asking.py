"""Asking for a shift in the JSON API, and cancelling: a volunteer asks (once at a time, not
for a started shift, confirming an overlap), who may ask and with what body; a volunteer or the
organization cancels, and the waiting list moves up when a place frees.

Deciding is in test_api_request_decisions.py, reading and listing in test_api_request_lists.py.
Most tests start from the ``api_world`` fixture (conftest.py).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import (
    API,
    World,
    act,
    add_shift,
    ask,
    bearer,
    conflict,
    error_of,
    fields_of,
    is_utc,
    make_user,
    new_shift,
    organization,
    start_shift,
)
from tests.factories import read_request as read
from volunteer_match.extensions import db
from volunteer_match.models import Notification

HOUR = timedelta(hours=1)


# ---------------------------------------------------------------- asking


def test_a_volunteer_asks_for_a_shift(client: FlaskClient, api_world: World) -> None:
    body = ask(client, api_world.sam_h, api_world.shift.id, message="  I can bring gloves  ")
    assert isinstance(body["id"], int)
    assert body["shift_id"] == api_world.shift.id
    assert body["volunteer_id"] == api_world.sam.id
    assert body["status"] == "pending"
    assert body["message"] == "I can bring gloves"
    assert body["display_name"] == "Sam" and body["hours"] is None
    assert is_utc(body["created_at"]) and is_utc(body["updated_at"])
    assert body["shift"]["title"] == "Kitchen"
    assert body["shift"]["organization"] == "Harbor Food Pantry"
    assert is_utc(body["shift"]["starts_at"]) and is_utc(body["shift"]["ends_at"])
    assert "decision_note" not in body and "decided_at" not in body
    assert read(client, api_world.sam_h, body["id"]) == body


def test_a_body_is_optional_when_asking(client: FlaskClient, api_world: World) -> None:
    response = client.post(f"{API}/shifts/{api_world.shift.id}/requests", headers=api_world.sam_h)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["message"] == ""


def test_asking_twice_is_a_conflict_until_the_first_ends(client, api_world: World) -> None:
    first = ask(client, api_world.sam_h, api_world.shift.id)
    conflict(ask(client, api_world.sam_h, api_world.shift.id, status=409))
    act(client, api_world.sam_h, first["id"], "cancel")
    again = ask(client, api_world.sam_h, api_world.shift.id)
    assert again["id"] != first["id"] and again["status"] == "pending"


def test_a_started_shift_cannot_be_asked_for(client: FlaskClient, api_world: World) -> None:
    start_shift(api_world.shift)
    conflict(ask(client, api_world.sam_h, api_world.shift.id, status=409))


def test_an_overlapping_request_needs_confirming(client: FlaskClient, api_world: World) -> None:
    first = ask(client, api_world.sam_h, api_world.shift.id)
    act(client, api_world.coordinator_h, first["id"], "approve")
    shift = api_world.shift
    overlapping = add_shift(
        api_world.staff, shift.opportunity, start=shift.starts_at + HOUR, hours=3
    )

    refused = ask(client, api_world.sam_h, overlapping.id, status=409)
    conflict(refused, "overlap_needs_confirm")
    assert "Kitchen" in refused["error"]["message"]
    ask(client, api_world.sam_h, overlapping.id, status=409, confirm_overlap=False)
    assert ask(client, api_world.sam_h, overlapping.id, confirm_overlap=True)["status"] == "pending"

    # Back to back: no overlap.
    later = add_shift(api_world.staff, shift.opportunity, start=shift.starts_at + 3 * HOUR, hours=3)
    ask(client, api_world.sam_h, later.id)


def test_only_volunteers_ask(client: FlaskClient, api_world: World) -> None:
    for headers in (api_world.staff_h, api_world.coordinator_h, bearer(make_user("admin"))):
        response = client.post(
            f"{API}/shifts/{api_world.shift.id}/requests", json={}, headers=headers
        )
        assert response.status_code == 403 and error_of(response)["code"] == "forbidden"
    response = client.post(f"{API}/shifts/{api_world.shift.id}/requests", json={})
    assert response.status_code == 401 and error_of(response)["code"] == "unauthorized"


def test_unknown_and_hidden_shifts_are_404(client: FlaskClient, api_world: World) -> None:
    conflict(ask(client, api_world.sam_h, 999_999, status=404), "not_found")
    hidden = new_shift(organization("Not Yet Checked", verified=False))
    conflict(ask(client, api_world.sam_h, hidden.id, status=404), "not_found")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"message": "x" * 10_000}, "message"),
        ({"confirm_overlap": "perhaps"}, "confirm_overlap"),
        ({"message": 12}, "message"),
        ({"surprise": True}, "surprise"),
    ],
)
def test_bad_request_bodies_are_422(client, api_world: World, body: dict, field: str) -> None:
    response = client.post(
        f"{API}/shifts/{api_world.shift.id}/requests", json=body, headers=api_world.sam_h
    )
    assert list(fields_of(response)) == [field]


# ---------------------------------------------------------------- cancelling and the waitlist


def test_a_volunteer_cancels_their_request(client: FlaskClient, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    act(client, api_world.coordinator_h, asked["id"], "approve")
    body = act(client, api_world.sam_h, asked["id"], "cancel")
    assert body["status"] == "cancelled"
    shift = client.get(f"{API}/shifts/{api_world.shift.id}").get_json()
    assert shift["filled"] == 0


def test_cancelling_a_cancelled_request_is_a_conflict(client, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    act(client, api_world.sam_h, asked["id"], "cancel", {})
    conflict(act(client, api_world.sam_h, asked["id"], "cancel", status=409))


def test_the_organization_cancels_with_a_reason(client: FlaskClient, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    act(client, api_world.coordinator_h, asked["id"], "approve")
    response = client.post(f"{API}/requests/{asked['id']}/cancel", headers=api_world.staff_h)
    assert list(fields_of(response)) == ["reason"]
    reason = "The kitchen flooded; we're sorry."
    body = act(client, api_world.staff_h, asked["id"], "cancel", {"reason": reason})
    assert body["status"] == "cancelled" and body["cancel_reason"] == reason
    told = db.session.scalar(
        sa.select(Notification.message).where(
            Notification.user_id == api_world.sam.id, Notification.kind == "request.cancelled"
        )
    )
    assert told is not None and reason in told


def test_cancelling_is_for_the_volunteer_and_the_organization(client, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    for headers in (api_world.coordinator_h, bearer(make_user("admin"))):
        conflict(act(client, headers, asked["id"], "cancel", status=403), "forbidden")
    _, alex_h = api_world.volunteer()
    conflict(act(client, alex_h, asked["id"], "cancel", status=404), "not_found")
    other_staff = bearer(organization("Riverside Shelter"))
    conflict(act(client, other_staff, asked["id"], "cancel", {"reason": "x"}, 404), "not_found")
    assert read(client, api_world.sam_h, asked["id"])["status"] == "pending"


def test_the_waitlist_moves_up_when_a_place_frees(client: FlaskClient, app) -> None:
    api_world = World(capacity=1)
    alex, alex_h = api_world.volunteer("Alex")
    a = ask(client, api_world.sam_h, api_world.shift.id)
    b = ask(client, alex_h, api_world.shift.id)
    assert act(client, api_world.coordinator_h, a["id"], "approve")["status"] == "approved"
    assert act(client, api_world.coordinator_h, b["id"], "approve")["status"] == "waitlisted"
    shift = client.get(f"{API}/shifts/{api_world.shift.id}").get_json()
    assert (shift["filled"], shift["waitlist"], shift["free_places"]) == (1, 1, 0)
    conflict(act(client, api_world.coordinator_h, b["id"], "approve", status=409))

    act(client, api_world.sam_h, a["id"], "cancel")
    assert read(client, alex_h, b["id"])["status"] == "approved"
    shift = client.get(f"{API}/shifts/{api_world.shift.id}").get_json()
    assert (shift["filled"], shift["waitlist"]) == (1, 0)
    promoted = db.session.scalar(
        sa.select(Notification.id).where(
            Notification.user_id == alex.id, Notification.kind == "request.approved"
        )
    )
    assert promoted is not None


def test_a_waitlisted_volunteer_may_cancel(client: FlaskClient, app) -> None:
    api_world = World(capacity=1)
    _, alex_h = api_world.volunteer("Alex")
    a = ask(client, api_world.sam_h, api_world.shift.id)
    b = ask(client, alex_h, api_world.shift.id)
    act(client, api_world.coordinator_h, a["id"], "approve")
    act(client, api_world.coordinator_h, b["id"], "approve")
    assert act(client, alex_h, b["id"], "cancel")["status"] == "cancelled"
    shift = client.get(f"{API}/shifts/{api_world.shift.id}").get_json()
    assert (shift["filled"], shift["waitlist"]) == (1, 0)
