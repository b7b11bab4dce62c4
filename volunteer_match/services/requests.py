"""The life of a request, and every change to it, in one place.

    pending -> approved | waitlisted | declined | cancelled
    waitlisted -> approved (a place freed up, oldest first) | cancelled
    approved -> attended | no_show | cancelled

Capacity holds under concurrency: approving claims a place with one conditional UPDATE
(``filled = filled + 1 WHERE filled < capacity``), so two approvals can never take the last
place twice, on SQLite or PostgreSQL. Functions flush; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import (
    CoordinatorLink,
    Opportunity,
    RequestStatus,
    Role,
    Shift,
    ShiftRequest,
    ShiftStatus,
    User,
    utcnow,
)
from volunteer_match.services import (
    audit,
    mailer,
    notifications,
    organizations,
    reminders,
    shifts,
)
from volunteer_match.services.errors import Conflict, Forbidden, NotFound, ValidationFailed

S = RequestStatus
LIVE = (S.PENDING.value, S.APPROVED.value, S.WAITLISTED.value)
MESSAGE_MAX = 1000
NOTE_MAX = 1000
MAX_HOURS = 24.0
REVIEWERS = (Role.COORDINATOR.value, Role.ADMIN.value)


class OverlapNeedsConfirm(Conflict):
    """The new request overlaps a shift the person is already approved for."""

    code = "overlap_needs_confirm"


# -- who may see and act on a request ---------------------------------------------------------


def current_coordinator_id(volunteer_id: int) -> int | None:
    return db.session.scalar(
        sa.select(CoordinatorLink.coordinator_id).where(
            CoordinatorLink.volunteer_id == volunteer_id, CoordinatorLink.unlinked_at.is_(None)
        )
    )


def reviewable_by(coordinator: User) -> sa.ColumnElement[bool]:
    """Requests a coordinator may decide: their caseload's, and those of people with no
    coordinator, except people who unlinked from this coordinator (they see nothing new)."""
    linked = sa.select(CoordinatorLink.volunteer_id).where(CoordinatorLink.unlinked_at.is_(None))
    mine = linked.where(CoordinatorLink.coordinator_id == coordinator.id)
    left_me = sa.select(CoordinatorLink.volunteer_id).where(
        CoordinatorLink.coordinator_id == coordinator.id,
        CoordinatorLink.unlinked_at.is_not(None),
    )
    if coordinator.role == Role.ADMIN.value:
        return sa.true()
    return sa.or_(
        ShiftRequest.volunteer_id.in_(mine),
        sa.and_(
            ShiftRequest.volunteer_id.not_in(linked), ShiftRequest.volunteer_id.not_in(left_me)
        ),
    )


def _get(request_id: int) -> ShiftRequest:
    request = db.session.get(ShiftRequest, request_id)
    if request is None:
        raise NotFound("We couldn't find that request.")
    return request


def _is_staff_of_shift(user: User, request: ShiftRequest) -> bool:
    return organizations.is_member(user, request.shift.opportunity.organization_id)


def get_for(user: User, request_id: int) -> ShiftRequest:
    """A request the user may see: their own, their organization's, or one they may decide."""
    request = _get(request_id)
    if user.role == Role.VOLUNTEER.value and request.volunteer_id == user.id:
        return request
    if user.role == Role.ORGANIZATION.value and _is_staff_of_shift(user, request):
        return request
    if user.role in REVIEWERS and db.session.scalar(
        sa.select(ShiftRequest.id).where(ShiftRequest.id == request.id, reviewable_by(user))
    ):
        return request
    raise NotFound("We couldn't find that request.")


def _reviewable(user: User, request_id: int) -> ShiftRequest:
    if user.role not in REVIEWERS:
        raise Forbidden("Only coordinators decide requests.")
    return get_for(user, request_id)


def _transition(request: ShiftRequest, allowed: tuple[str, ...], new: str) -> None:
    """Move to ``new`` only from ``allowed``, atomically: a concurrent change loses with 409."""
    result = db.session.execute(
        sa.update(ShiftRequest)
        .where(ShiftRequest.id == request.id, ShiftRequest.status.in_(allowed))
        .values(status=new, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        db.session.refresh(request)
        raise Conflict(
            f"This request is {request.status.replace('_', ' ')}, so it can't change that way."
        )
    db.session.refresh(request)


def _tell(request: ShiftRequest, kind: str, message: str, link: str = "/my/shifts") -> None:
    """Every change reaches the volunteer: in the app, and by email (no details of why)."""
    notifications.notify(request.volunteer_id, kind, message, link)
    volunteer = request.volunteer or db.session.get(User, request.volunteer_id)
    if volunteer is not None:
        mailer.send(
            volunteer.email, "An update about your volunteering", _email(volunteer, message)
        )


def _email(volunteer: User, message: str) -> str:
    return (
        f"Hello {volunteer.display_name},\n\n{message}\n\n"
        "You can see all your shifts on Volunteer Match, under My shifts.\n\n"
        "Thank you for giving your time.\nVolunteer Match\n"
    )


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
            ShiftRequest.status.in_((*LIVE, S.ATTENDED.value, S.NO_SHOW.value)),
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
    _tell(
        request,
        "request.created",
        f"You asked for the {title} shift. We'll let you know soon.",
    )
    audit.record("request.created", actor=volunteer, subject=request)
    return request


# -- deciding -------------------------------------------------------------------------------


def _lock_shift(shift_id: int) -> None:
    """Take the shift's row lock first, so approvals, cancels and promotions of one shift
    happen one after another (PostgreSQL; SQLite already runs writers one at a time)."""
    db.session.execute(sa.select(Shift.id).where(Shift.id == shift_id).with_for_update())


def _claim_place(shift_id: int) -> bool:
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
    return result.rowcount == 1  # type: ignore[attr-defined]


def _release_place(shift_id: int) -> None:
    db.session.execute(
        sa.update(Shift)
        .where(Shift.id == shift_id, Shift.filled > 0)
        .values(filled=Shift.filled - 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def _approved(request: ShiftRequest, message: str) -> None:
    reminders.schedule(request)
    _tell(request, "request.approved", message)


def approve(coordinator: User, request_id: int, note: str = "") -> ShiftRequest:
    """Approve, or waitlist when the shift is full."""
    request = _reviewable(coordinator, request_id)
    note = _note(note, required=False)
    _lock_shift(request.shift_id)
    if request.shift.starts_at <= utcnow():
        raise Conflict("This shift has already started.")
    _transition(request, (S.PENDING.value,), S.WAITLISTED.value)
    if _claim_place(request.shift_id):
        _transition(request, (S.WAITLISTED.value,), S.APPROVED.value)
    request.decided_by_id, request.decided_at = coordinator.id, utcnow()
    request.decision_note = note or None
    title = request.shift.opportunity.title
    if request.status == S.APPROVED.value:
        _approved(request, f"You're on the {title} shift. See you there!")
    else:
        _tell(
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
    request = _reviewable(coordinator, request_id)
    note = _note(note, required=True)
    _transition(request, (S.PENDING.value,), S.DECLINED.value)
    request.decided_by_id, request.decided_at, request.decision_note = (
        coordinator.id,
        utcnow(),
        note,
    )
    title = request.shift.opportunity.title
    _tell(
        request,
        "request.declined",
        f"Your request for the {title} shift wasn't approved this time. A note for you: {note}",
    )
    db.session.flush()
    audit.record("request.declined", actor=coordinator, subject=request)
    return request


def send_message(coordinator: User, request_id: int, text: str) -> ShiftRequest:
    request = _reviewable(coordinator, request_id)
    text = _note(text, required=True, field="text")
    _tell(request, "request.message", f"{coordinator.display_name} wrote: {text}")
    audit.record("request.messaged", actor=coordinator, subject=request)
    return request


def promote_waitlist(shift_id: int) -> list[ShiftRequest]:
    """Fill freed places with the oldest waitlisted requests, telling each person."""
    _lock_shift(shift_id)
    promoted: list[ShiftRequest] = []
    while True:
        oldest = db.session.scalar(
            sa.select(ShiftRequest)
            .where(ShiftRequest.shift_id == shift_id, ShiftRequest.status == S.WAITLISTED.value)
            .order_by(ShiftRequest.created_at, ShiftRequest.id)
            .limit(1)
        )
        if oldest is None or not _claim_place(shift_id):
            return promoted
        _transition(oldest, (S.WAITLISTED.value,), S.APPROVED.value)
        title = oldest.shift.opportunity.title
        _approved(oldest, f"Good news: a place opened on the {title} shift, and it's yours.")
        audit.record("request.promoted", subject=oldest)
        promoted.append(oldest)


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
    _lock_shift(request.shift_id)
    if request.status == S.APPROVED.value and request.shift.starts_at <= utcnow():
        raise Conflict("This shift has started: the organization records what happened.")
    was = request.status
    _transition(request, LIVE, S.CANCELLED.value)
    request.cancelled_by_id, request.cancel_reason = actor.id, reason or None
    reminders.unschedule(request)
    if was == S.APPROVED.value:
        _release_place(request.shift_id)
        promote_waitlist(request.shift_id)
    if actor.id != request.volunteer_id:
        title = request.shift.opportunity.title
        _tell(
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
    _transition(request, (S.APPROVED.value,), S.ATTENDED.value if attended else S.NO_SHOW.value)
    request.hours = hours if attended else None
    request.verified_by_id, request.verified_at = staff.id, utcnow()
    if attended:
        _tell(
            request,
            "request.attended",
            f"Thank you! {hours:g} hours at {shift.opportunity.title} are now on your "
            "verified record.",
            "/my/hours",
        )
    db.session.flush()
    audit.record(f"request.{request.status}", actor=staff, subject=request)
    return request


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class History:
    hours: float
    attended: int
    no_shows: int


def history(volunteer_id: int) -> History:
    row = db.session.execute(
        sa.select(
            sa.func.coalesce(sa.func.sum(ShiftRequest.hours), 0.0),
            sa.func.count(ShiftRequest.id).filter(ShiftRequest.status == S.ATTENDED.value),
            sa.func.count(ShiftRequest.id).filter(ShiftRequest.status == S.NO_SHOW.value),
        ).where(ShiftRequest.volunteer_id == volunteer_id)
    ).one()
    hours, attended, no_shows = row
    return History(hours=float(hours or 0.0), attended=int(attended), no_shows=int(no_shows))


def review(coordinator: User, status: str = S.PENDING.value) -> list[ShiftRequest]:
    """The queue as a coordinator reads it, with each person's details: the disclosure is
    written to the audit log (who saw whose requests, when)."""
    items = queue(coordinator, status)
    if items:
        people = sorted({item.volunteer_id for item in items})
        audit.record("requests.reviewed", actor=coordinator, status=status, volunteer_ids=people)
    return items


def queue(coordinator: User, status: str = S.PENDING.value) -> list[ShiftRequest]:
    if coordinator.role not in REVIEWERS:
        raise Forbidden("Only coordinators see the queue.")
    return list(
        db.session.scalars(
            sa.select(ShiftRequest)
            .where(ShiftRequest.status == status, reviewable_by(coordinator))
            .order_by(ShiftRequest.created_at, ShiftRequest.id)
        )
    )


def for_organization(staff: User, status: str | None = None) -> sa.Select:
    """Requests for the shifts of the staff member's own organization, soonest shift first
    (a query, so callers can count and page it)."""
    organization = organizations.own_organization(staff)
    query = (
        sa.select(ShiftRequest)
        .join(Shift)
        .join(Opportunity)
        .where(Opportunity.organization_id == organization.id)
    )
    if status is not None:
        query = query.where(ShiftRequest.status == status)
    return query.order_by(Shift.starts_at, ShiftRequest.created_at, ShiftRequest.id)


def verified_hours(volunteer: User) -> list[ShiftRequest]:
    """Attended shifts with hours, oldest first: the person's verified record."""
    return list(
        db.session.scalars(
            sa.select(ShiftRequest)
            .join(Shift)
            .where(
                ShiftRequest.volunteer_id == volunteer.id, ShiftRequest.status == S.ATTENDED.value
            )
            .order_by(Shift.starts_at, ShiftRequest.id)
        )
    )


def of_volunteer(volunteer: User) -> list[ShiftRequest]:
    return list(
        db.session.scalars(
            sa.select(ShiftRequest)
            .join(Shift)
            .where(ShiftRequest.volunteer_id == volunteer.id)
            .order_by(Shift.starts_at, ShiftRequest.id)
        )
    )


def roster(viewer: User, shift_id: int) -> list[ShiftRequest]:
    """Approved (and, after the shift, attended or absent) people on a shift."""
    shift = db.session.get(Shift, shift_id)
    if shift is None:
        raise NotFound("We couldn't find that shift.")
    if viewer.role == Role.ORGANIZATION.value:
        shifts.get_managed(viewer, shift_id)
    elif viewer.role not in REVIEWERS:
        raise Forbidden("Rosters are for the organization and coordinators.")
    query = sa.select(ShiftRequest).where(
        ShiftRequest.shift_id == shift_id,
        ShiftRequest.status.in_((S.APPROVED.value, S.ATTENDED.value, S.NO_SHOW.value)),
    )
    if viewer.role in REVIEWERS:  # a coordinator sees only people they may still see
        query = query.where(reviewable_by(viewer))
    return list(db.session.scalars(query.order_by(ShiftRequest.created_at, ShiftRequest.id)))
