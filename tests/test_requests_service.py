"""The request state machine in services/requests.py: every transition, and the forbidden ones."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.factories import (
    add_shift,
    asked,
    login,
    make_user,
    organization,
    post,
    share,
    status_of,
    told,
)
from volunteer_match.extensions import db
from volunteer_match.models import (
    AuditEvent,
    CoordinatorLink,
    Shift,
    ShiftRequest,
    utcnow,
)
from volunteer_match.services import requests, shifts
from volunteer_match.services.errors import Conflict, Forbidden, NotFound, ValidationFailed


@pytest.fixture
def shift(harbor) -> Shift:
    """One place on a shift of Harbor's kitchen, ten days ahead."""
    return add_shift(harbor.staff, harbor.opportunity, capacity=1)


def test_ask_approve_attend_hours(harbor, shift, app: Flask) -> None:
    staff, _, coordinator = harbor
    sam = make_user(display_name="Sam")
    request = asked(sam, shift, message="I can bring gloves")
    assert request.status == "pending" and told(sam, "request.created")

    requests.approve(coordinator, request.id, "See you there")
    db.session.commit()
    assert status_of(request) == "approved" and told(sam, "request.approved")
    assert db.session.get(Shift, shift.id).filled == 1

    with pytest.raises(Conflict):  # before the shift starts
        requests.record_attendance(staff, request.id, attended=True)
    db.session.rollback()
    moved = db.session.get(Shift, shift.id)
    moved.starts_at, moved.ends_at = utcnow() - timedelta(hours=3), utcnow() - timedelta(hours=1)
    db.session.commit()
    requests.record_attendance(staff, request.id, attended=True)
    db.session.commit()
    done = db.session.get(ShiftRequest, request.id)
    assert done.status == "attended" and done.hours == 2.0 and done.verified_by_id == staff.id
    assert requests.history(sam.id).hours == 2.0
    outbox = Path(app.instance_path) / "outbox"
    assert len(list(outbox.glob("*.eml"))) >= 3  # asked, approved, thanked


def test_one_live_request_per_shift_and_no_asking_after_it_starts(harbor, shift) -> None:
    staff, _, _ = harbor
    sam = make_user()
    asked(sam, shift)
    with pytest.raises(Conflict):
        asked(sam, shift)
    db.session.rollback()
    started = add_shift(staff, post(staff, "Gardener"))
    started.starts_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    with pytest.raises(Conflict):
        asked(sam, started)


def test_overlap_with_an_approved_shift_needs_a_confirm(harbor, shift) -> None:
    staff, _opportunity, coordinator = harbor
    sam = make_user()
    requests.approve(coordinator, asked(sam, shift).id)
    db.session.commit()
    other = post(staff, "Pantry sorting")
    same_time = add_shift(staff, other)
    with pytest.raises(requests.OverlapNeedsConfirm, match="Kitchen helper"):
        asked(sam, same_time)
    db.session.rollback()
    assert asked(sam, same_time, confirm_overlap=True).status == "pending"


def test_a_full_shift_waitlists_and_a_cancel_promotes_the_oldest(harbor, shift) -> None:
    _, _, coordinator = harbor
    first, second, third = (make_user(display_name=n) for n in ("Ana", "Ben", "Cy"))
    a, b, c = (asked(person, shift) for person in (first, second, third))
    for request in (a, b, c):
        requests.approve(coordinator, request.id)
        db.session.commit()
    assert [status_of(r) for r in (a, b, c)] == ["approved", "waitlisted", "waitlisted"]
    assert told(second, "request.waitlisted")

    requests.cancel(first, a.id)
    db.session.commit()
    assert [status_of(r) for r in (a, b, c)] == ["cancelled", "approved", "waitlisted"]
    assert told(second, "request.approved")
    assert db.session.get(Shift, shift.id).filled == 1


def test_raising_capacity_promotes_the_waiting_list(harbor, shift) -> None:
    staff, _, coordinator = harbor
    a, b = (asked(make_user(), shift) for _ in range(2))
    for request in (a, b):
        requests.approve(coordinator, request.id)
        db.session.commit()
    assert status_of(b) == "waitlisted"
    shifts.update(staff, shift.id, capacity=2)
    db.session.commit()
    assert status_of(b) == "approved"
    assert db.session.get(Shift, shift.id).filled == 2


def test_forbidden_transitions_are_conflicts_and_change_nothing(harbor, shift) -> None:
    _staff, _, coordinator = harbor
    sam = make_user()
    request = asked(sam, shift)
    requests.approve(coordinator, request.id)
    db.session.commit()
    for attempt in (
        lambda: requests.approve(coordinator, request.id),
        lambda: requests.decline(coordinator, request.id, "Sorry"),
    ):
        with pytest.raises(Conflict):
            attempt()
        db.session.rollback()
    assert status_of(request) == "approved"
    requests.cancel(sam, request.id)
    db.session.commit()
    with pytest.raises(Conflict):
        requests.cancel(sam, request.id)
    db.session.rollback()
    assert db.session.get(Shift, shift.id).filled == 0


def test_declining_needs_a_kind_note_and_organizations_give_a_reason(harbor, shift) -> None:
    staff, _, coordinator = harbor
    sam = make_user()
    request = asked(sam, shift)
    with pytest.raises(ValidationFailed):
        requests.decline(coordinator, request.id, "  ")
    db.session.rollback()
    with pytest.raises(ValidationFailed):
        requests.cancel(staff, request.id, "")
    db.session.rollback()
    requests.cancel(staff, request.id, "The kitchen is closed for repairs")
    db.session.commit()
    assert told(sam, "request.cancelled")


def test_hours_are_bounded(harbor, shift) -> None:
    staff, _, coordinator = harbor
    request = asked(make_user(), shift)
    requests.approve(coordinator, request.id)
    moved = db.session.get(Shift, shift.id)
    moved.starts_at, moved.ends_at = utcnow() - timedelta(hours=3), utcnow() - timedelta(hours=1)
    db.session.commit()
    for hours in (0, 30):
        with pytest.raises(ValidationFailed):
            requests.record_attendance(staff, request.id, attended=True, hours=hours)
        db.session.rollback()
    requests.record_attendance(staff, request.id, attended=False)
    db.session.commit()
    assert status_of(request) == "no_show"
    assert requests.history(request.volunteer_id).no_shows == 1


def test_who_may_decide_and_see_requests(harbor, shift) -> None:
    staff, _, coordinator = harbor
    other_coordinator = make_user("coordinator", display_name="Kim")
    linked, free = make_user(display_name="Lin"), make_user(display_name="Fay")
    share(linked, other_coordinator)
    linked_request, free_request = asked(linked, shift), asked(free, shift)

    assert {r.id for r in requests.queue(coordinator)} == {free_request.id}
    assert {r.id for r in requests.queue(other_coordinator)} == {linked_request.id, free_request.id}
    with pytest.raises(NotFound):
        requests.approve(coordinator, linked_request.id)
    db.session.rollback()
    with pytest.raises(Forbidden):
        requests.approve(staff, free_request.id)
    db.session.rollback()
    with pytest.raises(NotFound):
        requests.cancel(free, linked_request.id)  # someone else's request
    db.session.rollback()

    link = db.session.scalar(sa.select(CoordinatorLink))
    link.unlinked_at = utcnow()
    db.session.commit()
    # Unlinked: their former coordinator sees nothing new; others now may.
    assert linked_request.id not in {r.id for r in requests.queue(other_coordinator)}
    assert linked_request.id in {r.id for r in requests.queue(coordinator)}


def test_roster_is_for_the_organization_and_coordinators(harbor, shift) -> None:
    staff, _, coordinator = harbor
    request = asked(make_user(display_name="Sam"), shift)
    requests.approve(coordinator, request.id)
    db.session.commit()
    assert [r.id for r in requests.roster(staff, shift.id)] == [request.id]
    assert [r.id for r in requests.roster(coordinator, shift.id)] == [request.id]
    with pytest.raises(NotFound):
        requests.roster(organization("Someone Else"), shift.id)
    with pytest.raises(Forbidden):
        requests.roster(make_user(), shift.id)


def test_reading_the_queue_is_recorded_as_a_disclosure(harbor, shift, client) -> None:
    _, _, coordinator = harbor
    sam = make_user(display_name="Sam")
    asked(sam, shift)
    login(client, coordinator.email)
    assert "Sam" in client.get("/coordinator/requests").get_data(as_text=True)
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "requests.reviewed"))
    assert event is not None and event.actor_id == coordinator.id
    assert event.detail["volunteer_ids"] == [sam.id]
