"""The request workflow in the JSON API: asking, the queue, approving, declining, messages,
cancelling, the waiting list and attendance.

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
    error_of,
    fields_of,
    make_user,
    new_shift,
    organization,
    share,
    start_shift,
)
from volunteer_match.extensions import db
from volunteer_match.models import Notification
from volunteer_match.services import requests
from volunteer_match.services.errors import ValidationFailed

# ---------------------------------------------------------------- helpers


def read(client: FlaskClient, headers: dict, request_id: int, status: int = 200) -> dict:
    response = client.get(f"{API}/requests/{request_id}", headers=headers)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def listing(client: FlaskClient, headers: dict, query: str = "", status: int = 200) -> dict:
    response = client.get(f"{API}/requests{query}", headers=headers)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def conflict(body: dict, code: str = "conflict") -> None:
    """The body is an API error with ``code`` (by default a 409's)."""
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]


HOUR = timedelta(hours=1)


def is_utc(moment: str) -> bool:
    return isinstance(moment, str) and moment.endswith("Z") and "T" in moment


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


# ---------------------------------------------------------------- reading


def test_who_may_read_a_request(client: FlaskClient, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    for headers in (api_world.sam_h, api_world.staff_h, api_world.coordinator_h):
        assert read(client, headers, asked["id"])["id"] == asked["id"]
    _, alex_h = api_world.volunteer()
    read(client, alex_h, asked["id"], status=404)
    read(client, bearer(organization("Riverside Shelter")), asked["id"], status=404)
    read(client, api_world.sam_h, 999_999, status=404)
    assert client.get(f"{API}/requests/{asked['id']}").status_code == 401
    share(api_world.sam, make_user("coordinator"))
    read(client, api_world.coordinator_h, asked["id"], status=404)


def test_the_coordinator_queue(client: FlaskClient, api_world: World) -> None:
    mine, mine_h = api_world.volunteer("Mine")
    theirs, theirs_h = api_world.volunteer("Theirs")
    share(mine, api_world.coordinator)
    share(theirs, make_user("coordinator"))
    unlinked = ask(client, api_world.sam_h, api_world.shift.id)
    in_caseload = ask(client, mine_h, api_world.shift.id)
    ask(client, theirs_h, api_world.shift.id)

    body = listing(client, api_world.coordinator_h, "?status=pending")
    assert [item["id"] for item in body["items"]] == [unlinked["id"], in_caseload["id"]]
    assert (body["page"], body["per_page"], body["total"]) == (1, 20, 2)
    assert listing(client, api_world.coordinator_h) == body  # pending is the default queue

    act(client, api_world.coordinator_h, unlinked["id"], "approve")
    assert [i["id"] for i in listing(client, api_world.coordinator_h)["items"]] == [
        in_caseload["id"]
    ]
    approved_items = listing(client, api_world.coordinator_h, "?status=approved")["items"]
    assert [item["id"] for item in approved_items] == [unlinked["id"]]


def test_volunteers_see_their_own_and_organizations_their_shifts(client, api_world: World) -> None:
    _, alex_h = api_world.volunteer()
    mine = ask(client, api_world.sam_h, api_world.shift.id)
    alexs = ask(client, alex_h, api_world.shift.id)
    other_staff = organization("Riverside Shelter")
    elsewhere = ask(client, api_world.sam_h, new_shift(other_staff, title="Shelter desk").id)
    act(client, api_world.coordinator_h, mine["id"], "approve")

    own = listing(client, api_world.sam_h)
    assert {item["id"] for item in own["items"]} == {mine["id"], elsewhere["id"]}
    assert own["total"] == 2
    assert [i["id"] for i in listing(client, api_world.sam_h, "?status=approved")["items"]] == [
        mine["id"]
    ]

    staff_view = listing(client, api_world.staff_h)
    assert {item["id"] for item in staff_view["items"]} == {mine["id"], alexs["id"]}
    pending = listing(client, api_world.staff_h, "?status=pending")["items"]
    assert [item["id"] for item in pending] == [alexs["id"]]
    assert [i["id"] for i in listing(client, bearer(other_staff))["items"]] == [elsewhere["id"]]


def test_request_lists_are_paginated(client: FlaskClient, api_world: World) -> None:
    asked = []
    for number in range(5):
        _, headers = api_world.volunteer(f"Person {number}")
        asked.append(ask(client, headers, api_world.shift.id)["id"])
    for headers in (api_world.coordinator_h, api_world.staff_h):
        first = listing(client, headers, "?per_page=2")
        second = listing(client, headers, "?per_page=2&page=2")
        last = listing(client, headers, "?per_page=2&page=3")
        beyond = listing(client, headers, "?per_page=2&page=4")
        pages = [first, second, last]
        assert [len(p["items"]) for p in pages] == [2, 2, 1] and beyond["items"] == []
        assert {p["total"] for p in [*pages, beyond]} == {5}
        assert sorted(i["id"] for p in pages for i in p["items"]) == sorted(asked)
        assert listing(client, headers, "?per_page=100")["per_page"] == 100


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?per_page=101", "per_page"),
        ("?per_page=0", "per_page"),
        ("?page=0", "page"),
        ("?page=two", "page"),
        ("?status=maybe", "status"),
    ],
)
def test_bad_list_queries_are_422(client: FlaskClient, api_world: World, query, field) -> None:
    response = client.get(f"{API}/requests{query}", headers=api_world.coordinator_h)
    assert list(fields_of(response)) == [field]


def test_status_names_match_the_model() -> None:
    from typing import get_args

    from volunteer_match.api.schemas.requests import StatusName
    from volunteer_match.models import RequestStatus

    assert set(get_args(StatusName)) == {status.value for status in RequestStatus}
