"""The places on a shift, and what a change to the shift itself does to the requests on it.

``Shift.filled`` counts approved requests. A place is claimed with one conditional UPDATE
(``filled = filled + 1 WHERE filled < capacity``), so two approvals can never take the last
place twice, on SQLite or PostgreSQL; every change to a shift's places takes the shift's row
lock first, so they happen one after another.

When the shift changes, its requests follow: it moves (each approved person's reminder moves
with it), it gains places (the waiting list moves up, oldest first), or it is cancelled (every
live request ends; each person is told and each end audited). services.shifts calls
:func:`shift_changed` and :func:`end_all_for_shift`; services.requests uses the rest.

The dependency runs one way: services.requests imports services.shifts (to find a shift and
who may see it), and both import this module, which imports neither. Status changes still
have one owner, services.request_status.
"""

from __future__ import annotations

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import (
    LIVE_STATUSES,
    RequestStatus,
    Shift,
    ShiftRequest,
    ShiftStatus,
    User,
    utcnow,
)
from volunteer_match.services import audit, reminders
from volunteer_match.services.request_status import moved, tell, transition

S = RequestStatus


def lock_shift(shift_id: int) -> None:
    """Take the shift's row lock first, so approvals, cancels and promotions of one shift
    happen one after another (PostgreSQL; SQLite already runs writers one at a time)."""
    db.session.execute(sa.select(Shift.id).where(Shift.id == shift_id).with_for_update())


def claim_place(shift_id: int) -> bool:
    """Take one free place, or report that the shift is full (one conditional UPDATE)."""
    result = db.session.execute(
        sa.update(Shift)
        .where(
            Shift.id == shift_id,
            Shift.filled < Shift.capacity,
            Shift.status == ShiftStatus.SCHEDULED.value,
        )
        .values(filled=Shift.filled + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    _reread_places(shift_id)
    return result.rowcount == 1  # type: ignore[attr-defined]


def release_place(shift_id: int) -> None:
    db.session.execute(
        sa.update(Shift)
        .where(Shift.id == shift_id, Shift.filled > 0)
        .values(filled=Shift.filled - 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    _reread_places(shift_id)


def _reread_places(shift_id: int) -> None:
    """The UPDATEs above change ``filled`` in the database only: a Shift already in the
    session reads it again, so pages and answers never show the count from before."""
    shift = db.session.identity_map.get(db.session.identity_key(Shift, shift_id))
    if shift is not None:
        db.session.expire(shift, ["filled", "updated_at"])


def placed(request: ShiftRequest, message: str) -> None:
    """A request that now holds a place: its reminder is scheduled and the person told."""
    reminders.schedule(request)
    tell(request, "request.approved", message)


def promote_waitlist(shift_id: int) -> list[ShiftRequest]:
    """Fill freed places with the oldest waitlisted requests, telling each person."""
    lock_shift(shift_id)
    promoted: list[ShiftRequest] = []
    while True:
        oldest = db.session.scalar(
            sa.select(ShiftRequest)
            .where(ShiftRequest.shift_id == shift_id, ShiftRequest.status == S.WAITLISTED.value)
            .order_by(ShiftRequest.created_at, ShiftRequest.id)
            .limit(1)
        )
        if oldest is None or not claim_place(shift_id):
            return promoted
        transition(oldest, (S.WAITLISTED.value,), S.APPROVED.value)
        title = oldest.shift.opportunity.title
        placed(oldest, f"Good news: a place opened on the {title} shift, and it's yours.")
        audit.record("request.promoted", subject=oldest)
        promoted.append(oldest)


def _approved_on(shift: Shift) -> list[ShiftRequest]:
    return list(
        db.session.scalars(
            sa.select(ShiftRequest)
            .where(ShiftRequest.shift_id == shift.id, ShiftRequest.status == S.APPROVED.value)
            .order_by(ShiftRequest.created_at, ShiftRequest.id)
        )
    )


def shift_changed(shift: Shift, moved_in_time: bool, more_places: bool) -> None:
    """After a shift's times or capacity changed (and were flushed)."""
    if moved_in_time:  # reminders follow the shift to its new time
        for request in _approved_on(shift):
            reminders.unschedule(request)
            request.reminder_sent_at = None
            reminders.schedule(request)
    if more_places:  # the waiting list moves up, oldest first
        promote_waitlist(shift.id)


def end_all_for_shift(actor: User, shift: Shift, reason: str = "") -> int:
    """The shift is cancelled: every pending, approved or waitlisted request on it ends.

    Each person is told in the app and by email, each end is audited, reminders are dropped
    and every place is free again. Returns how many requests ended."""
    lock_shift(shift.id)
    live = db.session.scalars(
        sa.select(ShiftRequest)
        .where(ShiftRequest.shift_id == shift.id, ShiftRequest.status.in_(LIVE_STATUSES))
        .order_by(ShiftRequest.created_at, ShiftRequest.id)
    ).all()
    message = f"The {shift.opportunity.title} shift you asked for was cancelled." + (
        f" The organization said: {reason}" if reason else ""
    )
    ended = 0
    for request in live:
        was = request.status
        if not moved(request, LIVE_STATUSES, S.CANCELLED.value):
            continue  # it ended a moment ago, and that change told the person
        request.cancelled_by_id = actor.id
        request.cancel_reason = reason or "The organization cancelled this shift."
        reminders.unschedule(request)
        tell(request, "shift.cancelled", message, f"/opportunities/{shift.opportunity_id}")
        audit.record("request.cancelled", actor=actor, subject=request, was=was, shift=shift.id)
        ended += 1
    shift.filled = 0
    return ended
