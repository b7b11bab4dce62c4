"""Shifts: adding one or a weekly series, changing, and cancelling them.

What a change does to the requests on a shift (reminders that follow a move, the waiting list
moving up, every request ending when the shift is cancelled) is services.shift_places' job;
this module never imports services.requests, which imports it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import (
    Opportunity,
    OpportunityStatus,
    RequestStatus,
    Shift,
    ShiftRequest,
    ShiftStatus,
    User,
    utcnow,
)
from volunteer_match.services import audit, clock, opportunities, shift_places
from volunteer_match.services.errors import Conflict, NotFound, ValidationFailed

MAX_LENGTH = timedelta(hours=24)
MAX_CAPACITY = 1000
MAX_WEEKS = 52
REASON_MAX = 500


@dataclass(frozen=True)
class ShiftInput:
    """Times may be aware, or naive wall-clock times in the organization's time zone."""

    starts_at: datetime
    ends_at: datetime
    capacity: int
    weekly: int = 1


def _check(start: datetime, end: datetime, capacity: int, weekly: int = 1) -> None:
    problems: dict[str, list[str]] = {}
    if end <= start:
        problems["ends_at"] = ["The shift has to end after it starts."]
    elif end - start > MAX_LENGTH:
        problems["ends_at"] = ["A shift can last at most 24 hours."]
    if start <= utcnow():
        problems["starts_at"] = ["Choose a time in the future."]
    if not 1 <= capacity <= MAX_CAPACITY:
        problems["capacity"] = [f"Capacity is the number of places: 1 to {MAX_CAPACITY}."]
    if not 1 <= weekly <= MAX_WEEKS:
        problems["repeat.weekly"] = [f"Repeat for 1 to {MAX_WEEKS} weeks."]
    if problems:
        raise ValidationFailed("Please check the shift's details.", problems)


def create(user: User, opportunity_id: int, data: ShiftInput) -> list[Shift]:
    """Add a shift, or a weekly series (same local time each week, across clock changes)."""
    opportunity = opportunities.get_managed(user, opportunity_id)
    if opportunity.status != OpportunityStatus.OPEN.value:
        raise Conflict("Reopen this opportunity before adding shifts.")
    local = clock.zone(opportunity.organization.timezone)
    start = clock.to_utc(data.starts_at, local)
    end = clock.to_utc(data.ends_at, local)
    _check(start, end, data.capacity, data.weekly)
    first_local, length = start.astimezone(local).replace(tzinfo=None), end - start
    created = []
    for week in range(data.weekly):
        starts = clock.to_utc(first_local + timedelta(weeks=week), local)
        created.append(
            Shift(
                opportunity_id=opportunity.id,
                starts_at=starts,
                ends_at=starts + length,
                capacity=data.capacity,
            )
        )
    db.session.add_all(created)
    db.session.flush()
    audit.record("shift.created", actor=user, subject=opportunity, count=len(created))
    return created


def get_managed(user: User, shift_id: int) -> Shift:
    shift = db.session.get(Shift, shift_id)
    if shift is None or not opportunities.can_manage(user, shift.opportunity):
        raise NotFound("We couldn't find that shift.")
    return shift


def get_for_viewer(shift_id: int, viewer: User | None) -> Shift:
    shift = db.session.get(Shift, shift_id)
    if shift is None:
        raise NotFound("We couldn't find that shift.")
    opportunities.get_for_viewer(shift.opportunity_id, viewer)  # same visibility rule
    return shift


def update(
    user: User,
    shift_id: int,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    capacity: int | None = None,
) -> Shift:
    shift = get_managed(user, shift_id)
    if shift.status == ShiftStatus.CANCELLED.value:
        raise Conflict("This shift was cancelled.")
    local = clock.zone(shift.opportunity.organization.timezone)
    start = clock.to_utc(starts_at, local) if starts_at else shift.starts_at
    end = clock.to_utc(ends_at, local) if ends_at else shift.ends_at
    new_capacity = shift.capacity if capacity is None else capacity
    _check(start, end, new_capacity)
    if new_capacity < shift.filled:
        raise ValidationFailed.on(
            "capacity",
            f"{shift.filled} volunteers are already approved for this shift, "
            f"so it needs at least {shift.filled} places.",
        )
    raised, moved = new_capacity > shift.capacity, start != shift.starts_at
    shift.starts_at, shift.ends_at, shift.capacity = start, end, new_capacity
    db.session.flush()
    shift_places.shift_changed(shift, moved_in_time=moved, more_places=raised)
    audit.record("shift.updated", actor=user, subject=shift)
    return shift


def cancel(user: User, shift_id: int, reason: str = "") -> Shift:
    """Cancel a shift; everyone who asked for it is told, and their requests end."""
    shift = get_managed(user, shift_id)
    if shift.status == ShiftStatus.CANCELLED.value:
        raise Conflict("This shift is already cancelled.")
    reason = reason.strip()
    if len(reason) > REASON_MAX:
        raise ValidationFailed.on("reason", f"Keep the reason under {REASON_MAX} characters.")
    shift.status = ShiftStatus.CANCELLED.value
    shift.cancelled_at = utcnow()
    shift.cancel_reason = reason or None
    told = shift_places.end_all_for_shift(user, shift, reason)
    db.session.flush()
    audit.record("shift.cancelled", actor=user, subject=shift, told=told)
    return shift


def waitlist_counts(shift_ids: list[int]) -> dict[int, int]:
    """How many requests wait for a place, per shift (shifts with none are left out)."""
    if not shift_ids:
        return {}
    rows = db.session.execute(
        sa.select(ShiftRequest.shift_id, sa.func.count(ShiftRequest.id))
        .where(
            ShiftRequest.shift_id.in_(shift_ids),
            ShiftRequest.status == RequestStatus.WAITLISTED.value,
        )
        .group_by(ShiftRequest.shift_id)
    )
    return {shift_id: count for shift_id, count in rows}


def recent(opportunity: Opportunity, days: int = 14) -> list[Shift]:
    """Shifts that started in the last ``days`` days, newest first: where attendance is due."""
    now = utcnow()
    return list(
        db.session.scalars(
            sa.select(Shift)
            .where(
                Shift.opportunity_id == opportunity.id,
                Shift.status == ShiftStatus.SCHEDULED.value,
                Shift.starts_at <= now,
                Shift.starts_at > now - timedelta(days=days),
            )
            .order_by(Shift.starts_at.desc(), Shift.id)
        )
    )


def upcoming(opportunity: Opportunity, limit: int = 50) -> list[Shift]:
    return list(
        db.session.scalars(
            sa.select(Shift)
            .where(
                Shift.opportunity_id == opportunity.id,
                Shift.status == ShiftStatus.SCHEDULED.value,
                Shift.starts_at > utcnow(),
            )
            .order_by(Shift.starts_at, Shift.id)
            .limit(limit)
        )
    )


def patch(user: User, shift_id: int, changes: dict[str, datetime | int | None]) -> Shift:
    """A partial update: ``starts_at``, ``ends_at`` and ``capacity`` as in :func:`update`
    (left out or None keeps the current value)."""
    unchangeable = set(changes) - {"starts_at", "ends_at", "capacity"}
    if unchangeable:
        problems = {name: ["This field can't be changed here."] for name in sorted(unchangeable)}
        raise ValidationFailed("Please check the shift's details.", problems)
    return update(user, shift_id, **changes)  # type: ignore[arg-type]
