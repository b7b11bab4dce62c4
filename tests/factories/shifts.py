"""Opportunities and shifts: ``post`` makes an opportunity of a staff account's organization and
``add_shift`` / ``new_shift`` give it shifts, each through the app's own services and committed;
``kitchen`` is the usual evening kitchen role, ``from_now`` a moment to start a shift at, and
``start_shift`` moves a shift into the past (which the services refuse to do). Shifts fall on
people.shift_day by default; people.py is the only factories module this one builds on.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from tests.factories.people import org_of, shift_day
from volunteer_match.extensions import db
from volunteer_match.models import Opportunity, Shift, User, utcnow
from volunteer_match.services import opportunities, shifts
from volunteer_match.services.opportunities import OpportunityInput

KITCHEN = "Help prepare and serve meals in our kitchen"
PARK = "Pick up litter and plant bulbs along the river path"


def post(staff: User, title: str, postcode: str | None = "10027", **fields: object) -> Opportunity:
    """An opportunity of ``staff``'s organization, created through the service, committed."""
    data = OpportunityInput(title=title, postcode=postcode, **fields)  # type: ignore[arg-type]
    opportunity = opportunities.create(staff, org_of(staff).id, data)
    db.session.commit()
    return opportunity


def from_now(*, days: float = 0, hours: float = 0) -> datetime:
    """A moment (UTC, whole seconds) ``days`` and ``hours`` from now."""
    return (utcnow() + timedelta(days=days, hours=hours)).replace(microsecond=0)


def add_shift(
    staff: User,
    opportunity: Opportunity,
    at: time = time(17),
    capacity: int = 5,
    *,
    day: date | None = None,
    start: datetime | None = None,
    hours: float = 2,
    weekly: int = 1,
) -> Shift:
    """A shift of ``opportunity`` lasting ``hours``, made through shifts.create, committed
    (with ``weekly`` > 1, the first of a weekly series).

    It starts at ``start`` (a moment, see from_now, or a naive wall-clock time in the
    organization's zone); by default at ``at`` o'clock on ``day`` (ten days from now)."""
    start = start or datetime.combine(day or shift_day(), at)
    data = shifts.ShiftInput(start, start + timedelta(hours=hours), capacity, weekly)
    created = shifts.create(staff, opportunity.id, data)
    db.session.commit()
    return created[0]


def new_shift(
    staff: User, capacity: int = 2, days: float = 7, hours: float = 3, title: str = "Kitchen"
) -> Shift:
    """A new opportunity of ``staff``'s (verified) organization with one shift ``days`` from
    now: post() then add_shift()."""
    opportunity = post(staff, title)
    return add_shift(staff, opportunity, capacity=capacity, start=from_now(days=days), hours=hours)


def kitchen(staff: User, title: str = "Kitchen helper", **fields: object) -> Opportunity:
    """A kitchen role in Harlem (10027) with one evening shift on add_shift's day."""
    fields.setdefault("description", KITCHEN)
    opportunity = post(staff, title, **fields)
    add_shift(staff, opportunity, at=time(17))
    return opportunity


def start_shift(shift: Shift, hours_ago: float = 1) -> None:
    """Move a shift so that it started ``hours_ago`` (services refuse past times)."""
    length = shift.ends_at - shift.starts_at
    shift.starts_at = utcnow() - timedelta(hours=hours_ago)
    shift.ends_at = shift.starts_at + length
    db.session.commit()
