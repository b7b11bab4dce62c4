"""Requests on pages from the volunteer's side: the whole path from asking to verified hours,
asking (an overlap to confirm, asking twice, a started shift, a long message, from the matches
page), withdrawing and cancelling, and the waiting list moving up.

What a coordinator decides on pages is in test_request_decision_pages.py. Shifts come from
factories.new_shift (a new opportunity each time, a week ahead, 3 hours).
"""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import (
    approved,
    asked,
    flashes,
    kitchen,
    make_user,
    new_shift,
    organization,
    page_text,
    section,
    send,
    signed_in,
    start_shift,
    status_of,
    text_of,
    volunteer,
)
from volunteer_match.extensions import db
from volunteer_match.models import (
    Notification,
    RequestStatus,
    Shift,
    ShiftRequest,
    User,
)
from volunteer_match.services import requests, shifts

S = RequestStatus


def request_of(user: User, shift: Shift) -> ShiftRequest | None:
    return db.session.scalar(
        sa.select(ShiftRequest).where(
            ShiftRequest.volunteer_id == user.id, ShiftRequest.shift_id == shift.id
        )
    )


# ---------------------------------------------------------------- the whole path


def test_ask_approve_roster_attend_and_verified_hours(client: FlaskClient) -> None:
    staff = organization("Harbor Food Pantry")
    shift = new_shift(staff, capacity=3, hours=2.5, title="Kitchen helper")
    sam = volunteer(display_name="Sam Rivera", goals=["routine"])
    robin = make_user("coordinator", display_name="Robin")

    # The volunteer asks from the opportunity page.
    sam_b = signed_in(client, sam)
    opportunity_url = f"/opportunities/{shift.opportunity_id}"
    before = page_text(sam_b, opportunity_url)
    assert f'action="/shifts/{shift.id}/request"' in before and "Ask for this shift" in before
    response = send(
        sam_b,
        f"/shifts/{shift.id}/request",
        {f"ask-{shift.id}-message": "I can bring gloves.", f"ask-{shift.id}-next": opportunity_url},
    )
    assert response.headers["Location"] == opportunity_url
    after = flashes(sam_b, response)
    assert "You asked for the Kitchen helper shift" in after
    assert "You’ve asked for this shift" in after
    assert f'action="/shifts/{shift.id}/request"' not in after
    mine = page_text(sam_b, "/my/shifts")
    assert "Kitchen helper" in section(mine, "pending-title")
    assert "Harbor Food Pantry" in section(mine, "pending-title")

    # The coordinator sees it with the message, the reasons and the history, and approves.
    robin_b = signed_in(client, robin)
    dashboard = page_text(robin_b, "/coordinator")
    assert "1 request is waiting" in dashboard and 'href="/coordinator/requests"' in dashboard
    queue = page_text(robin_b, "/coordinator/requests")
    card = section(queue, "pending-title")
    for seen in ("Sam Rivera", "Kitchen helper", "Harbor Food Pantry", "I can bring gloves."):
        assert seen in card
    assert "Why it was suggested" in card and "No shifts attended yet" in card
    assert re.search(r"\d{1,2}:\d\d [ap]m – \d{1,2}:\d\d [ap]m E[SD]T", card)
    item = request_of(sam, shift)
    assert item is not None
    done = flashes(robin_b, send(robin_b, f"/requests/{item.id}/approve"))
    assert "Approved: Sam Rivera is on the Kitchen helper shift" in done
    assert "No requests are waiting" in done
    assert "Kitchen helper" in section(page_text(sam_b, "/my/shifts"), "approved-title")

    # The organization's roster shows the name and nothing private.
    staff_b = signed_in(client, staff)
    roster = page_text(staff_b, f"/shifts/{shift.id}/roster")
    assert "Sam Rivera" in roster and "Coming" in roster
    assert sam.email not in roster and "I can bring gloves." not in roster
    assert "Routine and structure" not in roster and "Robin" not in roster

    # After the shift starts, the organization records that Sam came (2.5 hours by default).
    start_shift(shift, hours_ago=3)
    roster = page_text(staff_b, f"/shifts/{shift.id}/roster")
    assert f'name="attendance-{item.id}-hours"' in roster
    default = re.search(rf'name="attendance-{item.id}-hours"[^>]*value="([^"]+)"', roster)
    assert default and default.group(1) == "2.5"
    recorded = send(
        staff_b,
        f"/requests/{item.id}/attendance",
        {f"attendance-{item.id}-attended": "yes", f"attendance-{item.id}-hours": "2.5"},
    )
    assert "Sam Rivera's 2.5 hours are on their verified record" in flashes(staff_b, recorded)
    assert status_of(item) == S.ATTENDED.value and item.hours == 2.5

    # Sam's hours: the page, the spreadsheet and the letter.
    hours = page_text(sam_b, "/my/hours")
    assert "2.5" in section(hours, "total-title") and "Kitchen helper" in hours
    sheet = sam_b.get("/my/hours.csv").get_data(as_text=True).splitlines()
    day = shift.starts_at.astimezone(ZoneInfo("America/New_York")).date()
    assert sheet[0] == "date,opportunity,organization,hours"
    assert sheet[1] == f"{day.isoformat()},Kitchen helper,Harbor Food Pantry,2.5"
    letter = sam_b.get("/my/hours.pdf").data
    assert letter.startswith(b"%PDF") and b"Sam Rivera" in letter and b"2.5" in letter


# ---------------------------------------------------------------- the waiting list and cancelling


def test_a_full_shift_waitlists_then_promotes_when_someone_cancels(client: FlaskClient) -> None:
    staff = organization()
    shift = new_shift(staff, capacity=1, title="Pantry helper")
    robin = make_user("coordinator", display_name="Robin")
    ana, bo = make_user(display_name="Ana"), make_user(display_name="Bo")
    first, second = asked(ana, shift), asked(bo, shift)

    robin_b = signed_in(client, robin)
    assert "Approved: Ana" in flashes(robin_b, send(robin_b, f"/requests/{first.id}/approve"))
    full = flashes(robin_b, send(robin_b, f"/requests/{second.id}/approve"))
    assert "The shift is full: Bo is on the waiting list" in full
    assert "Bo" in section(full, "waiting-title")
    assert status_of(second) == S.WAITLISTED.value

    bo_b = signed_in(client, bo)
    assert "Pantry helper" in section(page_text(bo_b, "/my/shifts"), "waitlisted-title")

    ana_b = signed_in(client, ana)
    mine = page_text(ana_b, "/my/shifts")
    assert f'action="/requests/{first.id}/cancel"' in section(mine, "approved-title")
    gone = flashes(ana_b, send(ana_b, f"/requests/{first.id}/cancel"))
    assert "You've given up your place on the Pantry helper shift" in gone
    assert "You cancelled this" in section(gone, "past-title")

    assert status_of(first) == S.CANCELLED.value and status_of(second) == S.APPROVED.value
    told = db.session.scalars(
        sa.select(Notification.message).where(
            Notification.user_id == bo.id, Notification.kind == "request.approved"
        )
    ).all()
    assert told == ["Good news: a place opened on the Pantry helper shift, and it's yours."]
    assert "Pantry helper" in section(page_text(bo_b, "/my/shifts"), "approved-title")


def test_a_pending_request_can_be_withdrawn(client: FlaskClient) -> None:
    shift = new_shift(organization(), title="Pantry helper")
    sam = make_user(display_name="Sam")
    item = asked(sam, shift)
    sam_b = signed_in(client, sam)
    gone = flashes(sam_b, send(sam_b, f"/requests/{item.id}/cancel"))
    assert "Your request for the Pantry helper shift" in gone and "is withdrawn" in gone
    assert status_of(item) == S.CANCELLED.value
    # Asking again after withdrawing is fine.
    again = send(sam_b, f"/shifts/{shift.id}/request")
    assert "You asked for the Pantry helper shift" in flashes(sam_b, again)


def test_cancelling_a_declined_request_changes_nothing(client: FlaskClient) -> None:
    shift = new_shift(organization())
    robin = make_user("coordinator")
    sam = make_user()
    item = asked(sam, shift)
    requests.decline(robin, item.id, "Not this time, sorry.")
    db.session.commit()
    sam_b = signed_in(client, sam)
    refused = flashes(sam_b, send(sam_b, f"/requests/{item.id}/cancel"))
    assert "This request is declined, so it can't change that way." in refused
    assert status_of(item) == S.DECLINED.value


# ---------------------------------------------------------------- overlaps and asking twice


def test_an_overlap_needs_confirming_and_ask_anyway_creates_the_request(client) -> None:
    staff = organization()
    kitchen = new_shift(staff, title="Kitchen helper")
    garden = new_shift(staff, title="Garden day")  # same time, another opportunity
    robin = make_user("coordinator")
    sam = make_user(display_name="Sam")
    approved(robin, sam, kitchen)

    sam_b = signed_in(client, sam)
    field = f"ask-{garden.id}-message"
    response = send(sam_b, f"/shifts/{garden.id}/request", {field: "Happy to help."})
    assert response.status_code == 409
    confirm = text_of(response)
    assert "This shift overlaps another" in confirm
    assert "This overlaps your approved Kitchen helper shift." in confirm
    assert "Ask anyway" in confirm and "Go back" in confirm
    assert f'href="/opportunities/{garden.opportunity_id}"' in confirm
    assert re.search(rf'name="ask-{garden.id}-confirm_overlap"[^>]*value="1"', confirm)
    assert re.search(r">\s*Happy to help.</textarea>", confirm)  # the message is kept
    assert request_of(sam, garden) is None

    anyway = send(
        sam_b,
        f"/shifts/{garden.id}/request",
        {field: "Happy to help.", f"ask-{garden.id}-confirm_overlap": "1"},
    )
    assert "You asked for the Garden day shift" in flashes(sam_b, anyway)
    item = request_of(sam, garden)
    assert item is not None and item.status == S.PENDING.value
    assert item.message == "Happy to help."


def test_asking_twice_or_for_a_started_shift_is_explained(client: FlaskClient) -> None:
    staff = organization()
    shift = new_shift(staff, title="Kitchen helper")
    started = new_shift(staff, title="Garden day")
    start_shift(started)
    sam = make_user()
    asked(sam, shift)
    sam_b = signed_in(client, sam)

    again = flashes(sam_b, send(sam_b, f"/shifts/{shift.id}/request"))
    assert "You've already asked for this shift." in again
    late = flashes(sam_b, send(sam_b, f"/shifts/{started.id}/request"))
    assert "This shift has already started or was cancelled." in late
    assert db.session.scalar(sa.select(sa.func.count(ShiftRequest.id))) == 1


def test_a_message_over_the_limit_is_shown_on_the_form(client: FlaskClient) -> None:
    shift = new_shift(organization())
    sam = make_user()
    sam_b = signed_in(client, sam)
    response = send(sam_b, f"/shifts/{shift.id}/request", {f"ask-{shift.id}-message": "x" * 1001})
    assert response.status_code == 422
    text = text_of(response)
    assert 'class="error-summary"' in text and "Keep the message under 1000 characters." in text
    assert request_of(sam, shift) is None


def test_the_matches_page_offers_the_suggested_shift(client: FlaskClient) -> None:
    staff = organization()
    shift = shifts.upcoming(kitchen(staff))[0]
    sam = volunteer(skills=("cooking",))
    sam_b = signed_in(client, sam)
    matches = page_text(sam_b, "/matches")
    assert f'action="/shifts/{shift.id}/request"' in matches
    response = send(sam_b, f"/shifts/{shift.id}/request", {f"ask-{shift.id}-next": "/matches"})
    assert response.headers["Location"] == "/matches"
    assert request_of(sam, shift) is not None
    # Somewhere else entirely is not a place to be sent back to.
    other = new_shift(staff, title="Garden day")
    response = send(sam_b, f"/shifts/{other.id}/request", {f"ask-{other.id}-next": "//evil.test"})
    assert response.headers["Location"] == f"/opportunities/{other.opportunity_id}"


# ---------------------------------------------------------------- once the shift has started


def test_a_place_cannot_be_cancelled_once_the_shift_has_started(client: FlaskClient) -> None:
    shift = new_shift(organization(), title="Kitchen helper")
    sam = make_user()
    item = approved(make_user("coordinator"), sam, shift)
    start_shift(shift, hours_ago=5)
    sam_b = signed_in(client, sam)
    assert f"/requests/{item.id}/cancel" not in page_text(sam_b, "/my/shifts")
    refused = flashes(sam_b, send(sam_b, f"/requests/{item.id}/cancel"))
    assert "This shift has started: the organization records what happened." in refused
    assert status_of(item) == S.APPROVED.value
