"""An organization's roster: who is coming (an email only where the person allows it),
cancelling a place with a reason, and recording attendance once the shift has started."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import (
    approved,
    asked,
    flashes,
    login,
    make_user,
    new_shift,
    organization,
    page_text,
    send,
    share,
    signed_in,
    start_shift,
    status_of,
    text_of,
    volunteer,
)
from volunteer_match.extensions import db
from volunteer_match.models import CoordinatorLink, Notification, RequestStatus, utcnow

S = RequestStatus


def people(roster: str) -> list[str]:
    return re.findall(r'<h2 id="person-\d+">([^<]+)</h2>', roster)


def test_the_roster_shows_names_and_only_the_emails_people_share(client: FlaskClient) -> None:
    staff = organization("Harbor Food Pantry")
    shift = new_shift(staff, capacity=3, title="Kitchen helper")
    robin = make_user("coordinator", display_name="Robin")
    ana = volunteer(
        display_name="Ana",
        email="ana@example.org",
        share_email_with_organizations=True,
        goals=["job_skills"],
    )
    bo = volunteer(display_name="Bo", email="bo@example.org", goals=["routine"])
    share(bo, robin)
    for person, message in ((ana, "Ana's private note"), (bo, "Bo's private note")):
        item = asked(person, shift, message)
        assert send(signed_in(client, robin), f"/requests/{item.id}/approve").status_code == 302
    waiting = make_user(display_name="Cy")
    asked(waiting, new_shift(staff, title="Another shift"))

    roster = page_text(signed_in(client, staff), f"/shifts/{shift.id}/roster")
    assert people(roster) == ["Ana", "Bo"]
    assert 'href="mailto:ana@example.org"' in roster and "bo@example.org" not in roster
    for private in (
        "private note",
        "Build job skills",
        "Routine and structure",
        "Robin",
        "coordinator",
        "Why it was suggested",
    ):
        assert private not in roster, private
    assert roster.count("Coming") >= 2


def test_the_shift_list_links_to_each_roster(client: FlaskClient) -> None:
    staff = organization()
    shift = new_shift(staff)
    url = f"/opportunities/{shift.opportunity_id}/shifts"
    shifts_page = page_text(signed_in(client, staff), url)
    assert f'href="/shifts/{shift.id}/roster"' in shifts_page


def test_the_organization_cancels_a_place_with_a_reason(client: FlaskClient) -> None:
    staff = organization()
    shift = new_shift(staff, capacity=1, title="Kitchen helper")
    robin = make_user("coordinator")
    ana, bo = make_user(display_name="Ana"), make_user(display_name="Bo")
    first = approved(robin, ana, shift)
    second = asked(bo, shift)
    send(signed_in(client, robin), f"/requests/{second.id}/approve")  # waiting list
    staff_b = signed_in(client, staff)
    roster = page_text(staff_b, f"/shifts/{shift.id}/roster")
    assert f'name="cancel-{first.id}-reason"' in roster
    assert f'name="attendance-{first.id}-attended"' not in roster  # not before the shift

    empty = send(staff_b, f"/requests/{first.id}/cancel", {f"cancel-{first.id}-reason": " "})
    assert empty.status_code == 422
    shown = text_of(empty)
    assert 'class="error-summary"' in shown and "Tell the volunteer why, kindly." in shown
    assert status_of(first) == S.APPROVED.value

    reason = "The kitchen is closed for repairs that day."
    done = send(staff_b, f"/requests/{first.id}/cancel", {f"cancel-{first.id}-reason": reason})
    after = flashes(staff_b, done)
    assert "Ana's place is cancelled. We've told them why." in after
    assert people(after) == ["Bo"]  # the waiting list moved up
    assert status_of(first) == S.CANCELLED.value and status_of(second) == S.APPROVED.value
    told = db.session.scalars(
        sa.select(Notification.message).where(
            Notification.user_id == ana.id, Notification.kind == "request.cancelled"
        )
    ).all()
    assert told == [f"The organization cancelled your place on the Kitchen helper shift: {reason}"]
    ana_past = page_text(signed_in(client, ana), "/my/shifts").split('id="past-title"')[1]
    assert "Cancelled by the organization" in ana_past and reason in ana_past


def test_attendance_waits_for_the_shift_to_start(client: FlaskClient) -> None:
    staff = organization()
    shift = new_shift(staff)
    item = approved(make_user("coordinator"), make_user(), shift)
    staff_b = signed_in(client, staff)
    assert "attendance-" not in page_text(staff_b, f"/shifts/{shift.id}/roster")
    early = send(
        staff_b,
        f"/requests/{item.id}/attendance",
        {f"attendance-{item.id}-attended": "yes", f"attendance-{item.id}-hours": "3"},
    )
    assert "Attendance can be recorded once the shift has started." in flashes(staff_b, early)
    assert status_of(item) == S.APPROVED.value and item.hours is None


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"attended": "yes", "hours": "30"}, "Hours are more than 0 and at most 24."),
        ({"attended": "yes", "hours": "0"}, "Hours are more than 0 and at most 24."),
        ({"attended": "yes", "hours": "lots"}, "Enter a number of hours, like 2 or 2.5."),
        ({"hours": "3"}, "Choose yes or no."),
        ({"attended": "maybe", "hours": "3"}, "Not a valid choice"),
    ],
)
def test_bad_attendance_is_shown_and_changes_nothing(client, fields: dict, problem: str) -> None:
    staff = organization()
    shift = new_shift(staff, hours=3)
    item = approved(make_user("coordinator"), make_user(display_name="Sam"), shift)
    start_shift(shift)
    data = {f"attendance-{item.id}-{name}": value for name, value in fields.items()}
    response = send(signed_in(client, staff), f"/requests/{item.id}/attendance", data)
    assert response.status_code == 422
    shown = text_of(response)
    assert 'class="error-summary"' in shown and problem in shown
    assert status_of(item) == S.APPROVED.value and item.hours is None


def test_a_no_show_is_recorded_without_hours(client: FlaskClient) -> None:
    staff = organization()
    shift = new_shift(staff, title="Kitchen helper")
    sam = make_user(display_name="Sam")
    item = approved(make_user("coordinator"), sam, shift)
    start_shift(shift, hours_ago=5)
    staff_b = signed_in(client, staff)
    roster = page_text(staff_b, f"/shifts/{shift.id}/roster")
    assert "The shift has started. Record who came" in roster
    assert re.search(rf'name="attendance-{item.id}-hours"[^>]*value="3"', roster)
    response = send(
        staff_b,
        f"/requests/{item.id}/attendance",
        {f"attendance-{item.id}-attended": "no", f"attendance-{item.id}-hours": "3"},
    )
    after = flashes(staff_b, response)
    assert "Sam is marked as not having come." in after and "Didn't come" in after
    assert status_of(item) == S.NO_SHOW.value and item.hours is None
    past = page_text(signed_in(client, sam), "/my/shifts").split('id="past-title"')[1]
    assert "Marked as missed" in past
    again = send(
        staff_b,
        f"/requests/{item.id}/attendance",
        {f"attendance-{item.id}-attended": "yes", f"attendance-{item.id}-hours": "3"},
    )
    assert "This request is no show, so it can't change that way." in flashes(staff_b, again)
    assert status_of(item) == S.NO_SHOW.value


def test_hours_left_empty_default_to_the_shift_length(client: FlaskClient) -> None:
    staff = organization()
    shift = new_shift(staff, hours=4)
    item = approved(make_user("coordinator"), make_user(display_name="Sam"), shift)
    start_shift(shift, hours_ago=5)
    response = send(
        signed_in(client, staff),
        f"/requests/{item.id}/attendance",
        {f"attendance-{item.id}-attended": "yes", f"attendance-{item.id}-hours": ""},
    )
    assert response.status_code == 302
    assert status_of(item) == S.ATTENDED.value and item.hours == 4


def test_who_may_see_a_roster(client: FlaskClient) -> None:
    staff = organization("Harbor Food Pantry")
    other = organization("Riverside Community Center")
    shift = new_shift(staff)
    item = approved(make_user("coordinator"), make_user(display_name="Sam"), shift)

    other_b = signed_in(client, other)
    assert other_b.get(f"/shifts/{shift.id}/roster").status_code == 404
    reason = {f"cancel-{item.id}-reason": "No."}
    assert send(other_b, f"/requests/{item.id}/cancel", reason).status_code == 404
    start_shift(shift)
    attended = {f"attendance-{item.id}-attended": "yes"}
    assert send(other_b, f"/requests/{item.id}/attendance", attended).status_code == 404
    assert status_of(item) == S.APPROVED.value

    assert signed_in(client, make_user()).get(f"/shifts/{shift.id}/roster").status_code == 403
    anonymous = client.get(f"/shifts/{shift.id}/roster")
    assert anonymous.status_code == 302 and anonymous.headers["Location"].startswith("/login")
    robin_b = signed_in(client, make_user("coordinator"))
    robin_view = page_text(robin_b, f"/shifts/{shift.id}/roster")
    assert "Sam" in robin_view and "<form" not in robin_view.split("<main", 1)[1]
    assert signed_in(client, staff).get("/shifts/999999/roster").status_code == 404


def test_a_coordinator_someone_left_does_not_see_them_on_rosters(client: FlaskClient) -> None:
    staff = organization()
    shift = new_shift(staff)
    casey = make_user("coordinator")
    sam = make_user(display_name="Sam Left")
    db.session.add(
        CoordinatorLink(coordinator_id=casey.id, volunteer_id=sam.id, unlinked_at=utcnow())
    )
    db.session.commit()
    approved(make_user("admin"), sam, shift)
    assert "Sam Left" not in page_text(signed_in(client, casey), f"/shifts/{shift.id}/roster")


def test_recent_shifts_link_to_attendance(client: FlaskClient) -> None:
    staff = organization()
    shift = new_shift(staff)
    opportunity = shift.opportunity
    shift.starts_at, shift.ends_at = utcnow() - timedelta(hours=3), utcnow() - timedelta(hours=1)
    db.session.commit()
    login(client, staff.email)
    page = client.get(f"/opportunities/{opportunity.id}/shifts").get_data(as_text=True)
    assert "Recent shifts: record who came" in page
    assert f'href="/shifts/{shift.id}/roster">Record attendance' in page
