"""Every change a person makes to a request: asking, deciding, messaging, cancelling, and
recording attendance. Each one checks who may make it, changes the status through
services.request_status (one conditional UPDATE), tells the volunteer and audits the change.

A cancelled shift ends its requests in services.shift_places (``end_all_for_shift``), which
services.shifts calls; it is re-exported by this package with the rest.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import (
    LIVE_STATUSES,
    Role,
    Shift,
    ShiftRequest,
    ShiftStatus,
    User,
    utcnow,
)
from volunteer_match.models import RequestStatus as S
from volunteer_match.services import audit, reminders, shifts
from volunteer_match.services.errors import Conflict, Forbidden, ValidationFailed
from volunteer_match.services.request_status import tell, transition
from volunteer_match.services.requests.access import get_for, get_reviewable
from volunteer_match.services.shift_places import (
    claim_place,
    lock_shift,
    placed,
    promote_waitlist,
    release_place,
)

MESSAGE_MAX = 1000
NOTE_MAX = 1000
MAX_HOURS = 24.0


class OverlapNeedsConfirm(Conflict):
    """The new request overlaps a shift the person is already approved for."""

    code = "overlap_needs_confirm"


# -- asking ---------------------------------------------------------------------------------


def _overlapping(volunteer: User, shift: Shift) -> Shift | None:
    return db.session.scalar(
        sa.select(Shift)
        .join(ShiftRequest, ShiftRequest.shift_id == Shift.id)
        .where(
            ShiftRequest.volunteer_id == volunteer.id,
            ShiftRequest.status == S.APPROVED.value,
            Shift.id != shift.id,
            Shift.starts_at < shift.ends_at,
            Shift.ends_at > shift.starts_at,
        )
        .limit(1)
    )


def create(
    volunteer: User, shift_id: int, message: str = "", confirm_overlap: bool = False
) -> ShiftRequest:
    if volunteer.role != Role.VOLUNTEER.value:
        raise Forbidden("Only volunteers ask for shifts.")
    shift = shifts.get_for_viewer(shift_id, volunteer)
    message = message.strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationFailed.on("message", f"Keep the message under {MESSAGE_MAX} characters.")
    if shift.status != ShiftStatus.SCHEDULED.value or shift.starts_at <= utcnow():
        raise Conflict("This shift has already started or was cancelled.")
    live = db.session.scalar(
        sa.select(ShiftRequest.id).where(
            ShiftRequest.volunteer_id == volunteer.id,
            ShiftRequest.shift_id == shift.id,
            ShiftRequest.status.in_((*LIVE_STATUSES, S.ATTENDED.value, S.NO_SHOW.value)),
        )
    )
    if live is not None:
        raise Conflict("You've already asked for this shift.")
    clash = _overlapping(volunteer, shift)
    if clash is not None and not confirm_overlap:
        raise OverlapNeedsConfirm(
            f"This overlaps your approved {clash.opportunity.title} shift. "
            "Ask anyway if you can do both."
        )
    request = ShiftRequest(volunteer_id=volunteer.id, shift_id=shift.id, message=message)
    db.session.add(request)
    try:
        with db.session.begin_nested():
            db.session.flush()
    except sa.exc.IntegrityError as exc:  # a second tab asked at the same moment
        raise Conflict("You've already asked for this shift.") from exc
    title = shift.opportunity.title
    tell(
        request,
        "request.created",
        f"You asked for the {title} shift. We'll let you know soon.",
    )
    audit.record("request.created", actor=volunteer, subject=request)
    return request


# -- deciding -------------------------------------------------------------------------------


def approve(coordinator: User, request_id: int, note: str = "") -> ShiftRequest:
    """Approve, or waitlist when the shift is full."""
    request = get_reviewable(coordinator, request_id)
    note = _note(note, required=False)
    lock_shift(request.shift_id)
    if request.shift.starts_at <= utcnow():
        raise Conflict("This shift has already started.")
    transition(request, (S.PENDING.value,), S.WAITLISTED.value)
    if claim_place(request.shift_id):
        transition(request, (S.WAITLISTED.value,), S.APPROVED.value)
    request.decided_by_id, request.decided_at = coordinator.id, utcnow()
    request.decision_note = note or None
    title = request.shift.opportunity.title
    if request.status == S.APPROVED.value:
        placed(request, f"You're on the {title} shift. See you there!")
    else:
        tell(
            request,
            "request.waitlisted",
            f"The {title} shift is full, so you're on the waiting list. "
            "We'll tell you if a place opens.",
        )
    db.session.flush()
    audit.record(f"request.{request.status}", actor=coordinator, subject=request)
    return request


def _note(note: str, required: bool, field: str = "note") -> str:
    note = (note or "").strip()
    if required and not note:
        raise ValidationFailed.on(field, "Add a short, kind note saying why.")
    if len(note) > NOTE_MAX:
        raise ValidationFailed.on(field, f"Keep it under {NOTE_MAX} characters.")
    return note


def decline(coordinator: User, request_id: int, note: str) -> ShiftRequest:
    request = get_reviewable(coordinator, request_id)
    note = _note(note, required=True)
    transition(request, (S.PENDING.value,), S.DECLINED.value)
    request.decided_by_id, request.decided_at, request.decision_note = (
        coordinator.id,
        utcnow(),
        note,
    )
    title = request.shift.opportunity.title
    tell(
        request,
        "request.declined",
        f"Your request for the {title} shift wasn't approved this time. A note for you: {note}",
    )
    db.session.flush()
    audit.record("request.declined", actor=coordinator, subject=request)
    return request


def send_message(coordinator: User, request_id: int, text: str) -> ShiftRequest:
    request = get_reviewable(coordinator, request_id)
    text = _note(text, required=True, field="text")
    tell(request, "request.message", f"{coordinator.display_name} wrote: {text}")
    audit.record("request.messaged", actor=coordinator, subject=request)
    return request


# -- cancelling and attendance --------------------------------------------------------------


def cancel(actor: User, request_id: int, reason: str = "") -> ShiftRequest:
    """The volunteer cancels their own; the organization cancels someone, with a reason."""
    request = get_for(actor, request_id)
    reason = (reason or "").strip()
    if actor.role == Role.ORGANIZATION.value and not reason:
        raise ValidationFailed.on("reason", "Tell the volunteer why, kindly.")
    if actor.role not in (Role.VOLUNTEER.value, Role.ORGANIZATION.value):
        raise Forbidden("The volunteer or the organization cancels a request.")
    if len(reason) > NOTE_MAX:
        raise ValidationFailed.on("reason", f"Keep the reason under {NOTE_MAX} characters.")
    lock_shift(request.shift_id)
    if request.status == S.APPROVED.value and request.shift.starts_at <= utcnow():
        raise Conflict("This shift has started: the organization records what happened.")
    was = request.status
    transition(request, LIVE_STATUSES, S.CANCELLED.value)
    request.cancelled_by_id, request.cancel_reason = actor.id, reason or None
    reminders.unschedule(request)
    if was == S.APPROVED.value:
        release_place(request.shift_id)
        promote_waitlist(request.shift_id)
    if actor.id != request.volunteer_id:
        title = request.shift.opportunity.title
        tell(
            request,
            "request.cancelled",
            f"The organization cancelled your place on the {title} shift: {reason}",
        )
    db.session.flush()
    audit.record("request.cancelled", actor=actor, subject=request, was=was)
    return request


def record_attendance(
    staff: User, request_id: int, attended: bool, hours: float | None = None
) -> ShiftRequest:
    request = get_for(staff, request_id)
    if staff.role != Role.ORGANIZATION.value:
        raise Forbidden("The organization records attendance.")
    shift = request.shift
    if shift.starts_at > utcnow():
        raise Conflict("Attendance can be recorded once the shift has started.")
    length = (shift.ends_at - shift.starts_at) / timedelta(hours=1)
    if attended:
        hours = round(length if hours is None else hours, 2)
        if not 0 < hours <= MAX_HOURS:
            raise ValidationFailed.on("hours", f"Hours are more than 0 and at most {MAX_HOURS:g}.")
    transition(request, (S.APPROVED.value,), S.ATTENDED.value if attended else S.NO_SHOW.value)
    request.hours = hours if attended else None
    request.verified_by_id, request.verified_at = staff.id, utcnow()
    if attended:
        tell(
            request,
            "request.attended",
            f"Thank you! {hours:g} hours at {shift.opportunity.title} are now on your "
            "verified record.",
            "/my/hours",
        )
    db.session.flush()
    audit.record(f"request.{request.status}", actor=staff, subject=request)
    return request
