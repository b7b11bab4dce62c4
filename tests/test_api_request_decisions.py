"""Deciding on requests in the JSON API: a coordinator approves, declines with a note or sends a
message (and who may), and the organization records attendance once the shift has started.

Asking and cancelling are in test_api_request_asking.py, reading and listing in
test_api_request_lists.py. Most tests start from the ``api_world`` fixture (conftest.py).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import (
    API,
    World,
    act,
    ask,
    bearer,
    conflict,
    fields_of,
    is_utc,
    make_user,
    organization,
    share,
    start_shift,
)
from tests.factories import read_request as read
from volunteer_match.extensions import db
from volunteer_match.models import Notification
from volunteer_match.services import requests
from volunteer_match.services.errors import ValidationFailed

# ---------------------------------------------------------------- deciding


def test_a_coordinator_approves(client: FlaskClient, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    body = act(client, api_world.coordinator_h, asked["id"], "approve", {"note": "See you there"})
    assert body["status"] == "approved" and body["id"] == asked["id"]
    assert body["decision_note"] == "See you there" and is_utc(body["decided_at"])
    assert read(client, api_world.sam_h, asked["id"])["status"] == "approved"
    shift = client.get(f"{API}/shifts/{api_world.shift.id}").get_json()
    assert shift["filled"] == 1 and shift["free_places"] == 1
    told = db.session.scalar(
        sa.select(Notification.id).where(
            Notification.user_id == api_world.sam.id, Notification.kind == "request.approved"
        )
    )
    assert told is not None


def test_an_approve_body_is_optional(client: FlaskClient, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    assert act(client, api_world.coordinator_h, asked["id"], "approve")["status"] == "approved"


def test_approving_twice_is_a_conflict(client: FlaskClient, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    act(client, api_world.coordinator_h, asked["id"], "approve")
    conflict(act(client, api_world.coordinator_h, asked["id"], "approve", status=409))
    assert client.get(f"{API}/shifts/{api_world.shift.id}").get_json()["filled"] == 1


def test_a_coordinator_declines_with_a_note(client: FlaskClient, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    note = "This one needs a food handler card; the Thursday shift doesn't."
    body = act(client, api_world.coordinator_h, asked["id"], "decline", {"note": note})
    assert body["status"] == "declined" and body["decision_note"] == note
    mine = read(client, api_world.sam_h, asked["id"])
    assert mine["status"] == "declined" and mine["decision_note"] == note
    theirs = read(client, api_world.staff_h, asked["id"])  # the organization never sees the note
    assert theirs["status"] == "declined" and "decision_note" not in theirs
    conflict(act(client, api_world.coordinator_h, asked["id"], "approve", status=409))


@pytest.mark.parametrize("body", [{}, {"note": ""}, {"note": "   "}, {"note": "n" * 10_000}])
def test_declining_needs_a_short_note(client: FlaskClient, api_world: World, body: dict) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    response = client.post(
        f"{API}/requests/{asked['id']}/decline", json=body, headers=api_world.coordinator_h
    )
    assert list(fields_of(response)) == ["note"]
    assert read(client, api_world.sam_h, asked["id"])["status"] == "pending"


def test_declining_an_approved_request_is_a_conflict(client, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    act(client, api_world.coordinator_h, asked["id"], "approve")
    conflict(act(client, api_world.coordinator_h, asked["id"], "decline", {"note": "No"}, 409))
    assert read(client, api_world.sam_h, asked["id"])["status"] == "approved"


def test_an_approve_note_over_the_limit_is_422(client: FlaskClient, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    response = client.post(
        f"{API}/requests/{asked['id']}/approve",
        json={"note": "n" * 10_000},
        headers=api_world.coordinator_h,
    )
    assert list(fields_of(response)) == ["note"]
    assert read(client, api_world.sam_h, asked["id"])["status"] == "pending"


@pytest.mark.parametrize("action", ["approve", "decline", "message"])
def test_only_coordinators_decide(client: FlaskClient, api_world: World, action: str) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    body = {"note": "No"} if action == "decline" else {"text": "Hi"} if action == "message" else {}
    for headers in (api_world.sam_h, api_world.staff_h):
        conflict(act(client, headers, asked["id"], action, body, status=403), "forbidden")
    assert read(client, api_world.sam_h, asked["id"])["status"] == "pending"


@pytest.mark.parametrize("action", ["approve", "decline", "message"])
def test_deciding_what_is_not_yours_is_404(client, api_world: World, action: str) -> None:
    body = {"note": "No"} if action == "decline" else {"text": "Hi"} if action == "message" else {}
    conflict(act(client, api_world.coordinator_h, 999_999, action, body, status=404), "not_found")
    other = make_user("coordinator", display_name="Riley")
    share(api_world.sam, other)  # Sam shares with Riley, so Jordan may not decide for Sam
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    conflict(
        act(client, api_world.coordinator_h, asked["id"], action, body, status=404), "not_found"
    )
    assert act(client, bearer(other), asked["id"], action, body)["id"] == asked["id"]


def test_an_admin_may_decide_any_request(client: FlaskClient, api_world: World) -> None:
    share(api_world.sam, make_user("coordinator"))
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    admin = bearer(make_user("admin"))
    assert act(client, admin, asked["id"], "approve")["status"] == "approved"


def test_a_coordinator_messages_the_volunteer(client: FlaskClient, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    body = act(client, api_world.coordinator_h, asked["id"], "message", {"text": "Wear boots!"})
    assert body["id"] == asked["id"] and body["status"] == "pending"
    message = db.session.scalar(
        sa.select(Notification.message).where(
            Notification.user_id == api_world.sam.id, Notification.kind == "request.message"
        )
    )
    assert message is not None and "Jordan" in message and "Wear boots!" in message


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "  "}, {"text": "t" * 10_000}])
def test_a_message_needs_short_text(client: FlaskClient, api_world: World, body: dict) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    response = client.post(
        f"{API}/requests/{asked['id']}/message", json=body, headers=api_world.coordinator_h
    )
    assert list(fields_of(response)) == ["text"]


def test_the_message_service_names_the_text_field(app, api_world: World) -> None:
    asked = requests.create(api_world.sam, api_world.shift.id)
    db.session.commit()
    with pytest.raises(ValidationFailed) as failed:
        requests.send_message(api_world.coordinator, asked.id, "   ")
    assert list(failed.value.fields) == ["text"]


# ---------------------------------------------------------------- attendance


def approved(client: FlaskClient, api_world: World, headers: dict | None = None) -> dict:
    asked = ask(client, headers or api_world.sam_h, api_world.shift.id)
    return act(client, api_world.coordinator_h, asked["id"], "approve")


def test_attendance_waits_for_the_shift_to_start(client: FlaskClient, api_world: World) -> None:
    request = approved(client, api_world)
    conflict(act(client, api_world.staff_h, request["id"], "attendance", {"attended": True}, 409))
    assert read(client, api_world.sam_h, request["id"])["status"] == "approved"


def test_attendance_defaults_to_the_shift_length(client: FlaskClient, api_world: World) -> None:
    request = approved(client, api_world)
    start_shift(api_world.shift)
    body = act(client, api_world.staff_h, request["id"], "attendance", {"attended": True})
    assert body["status"] == "attended" and body["hours"] == 3
    mine = read(client, api_world.sam_h, request["id"])
    assert mine["status"] == "attended" and mine["hours"] == 3


def test_attendance_with_hours_and_no_shows(client: FlaskClient, api_world: World) -> None:
    request = approved(client, api_world)
    _, alex_h = api_world.volunteer("Alex")
    absent = approved(client, api_world, alex_h)
    start_shift(api_world.shift)
    body = act(
        client, api_world.staff_h, request["id"], "attendance", {"attended": True, "hours": 2.5}
    )
    assert (body["status"], body["hours"]) == ("attended", 2.5)
    body = act(
        client, api_world.staff_h, absent["id"], "attendance", {"attended": False, "hours": 2}
    )
    assert (body["status"], body["hours"]) == ("no_show", None)


def test_attendance_twice_is_a_conflict(client: FlaskClient, api_world: World) -> None:
    request = approved(client, api_world)
    start_shift(api_world.shift)
    act(client, api_world.staff_h, request["id"], "attendance", {"attended": True})
    conflict(act(client, api_world.staff_h, request["id"], "attendance", {"attended": False}, 409))
    assert read(client, api_world.sam_h, request["id"])["hours"] == 3


def test_attendance_for_a_pending_request_is_a_conflict(client, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    start_shift(api_world.shift)
    conflict(act(client, api_world.staff_h, asked["id"], "attendance", {"attended": True}, 409))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"attended": True, "hours": 0}, "hours"),
        ({"attended": True, "hours": 30}, "hours"),
        ({"attended": True, "hours": -1}, "hours"),
        ({"attended": True, "hours": "lots"}, "hours"),
        ({"hours": 2}, "attended"),
        ({"attended": "maybe"}, "attended"),
    ],
)
def test_bad_attendance_is_422(
    client: FlaskClient, api_world: World, body: dict, field: str
) -> None:
    request = approved(client, api_world)
    start_shift(api_world.shift)
    response = client.post(
        f"{API}/requests/{request['id']}/attendance", json=body, headers=api_world.staff_h
    )
    assert list(fields_of(response)) == [field]
    assert read(client, api_world.sam_h, request["id"])["status"] == "approved"


def test_a_day_long_shift_may_be_attended_for_24_hours(client, api_world: World) -> None:
    request = approved(client, api_world)
    start_shift(api_world.shift)
    body = act(
        client, api_world.staff_h, request["id"], "attendance", {"attended": True, "hours": 24}
    )
    assert body["hours"] == 24


def test_attendance_is_for_the_shifts_organization(client, api_world: World) -> None:
    request = approved(client, api_world)
    start_shift(api_world.shift)
    for headers in (api_world.sam_h, api_world.coordinator_h):
        conflict(
            act(client, headers, request["id"], "attendance", {"attended": True}, 403),
            "forbidden",
        )
    other_staff = bearer(organization("Riverside Shelter"))
    attended = {"attended": True}
    conflict(act(client, other_staff, request["id"], "attendance", attended, 404), "not_found")
    conflict(act(client, api_world.staff_h, 999_999, "attendance", attended, 404), "not_found")
