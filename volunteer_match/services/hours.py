"""A volunteer's verified record of hours, computed once for the page, the CSV file, the
letter and the API.

Each shift is dated where it happened, in its organization's time zone, so a late-evening
shift carries the same date everywhere, whoever reads the record and wherever they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import Opportunity, RequestStatus, Shift, ShiftRequest, User
from volunteer_match.services import clock


@dataclass(frozen=True)
class VerifiedShift:
    request_id: int
    shift_id: int
    starts_at: datetime
    day: date  # where the shift happened
    title: str
    organization: str
    hours: float
    verified_on: date | None


@dataclass(frozen=True)
class OrganizationHours:
    name: str
    shifts: int
    hours: float


@dataclass(frozen=True)
class VerifiedRecord:
    shifts: list[VerifiedShift]  # oldest first

    @property
    def total(self) -> float:
        return round(sum(item.hours for item in self.shifts), 2)

    @property
    def period(self) -> tuple[date, date] | None:
        return (self.shifts[0].day, self.shifts[-1].day) if self.shifts else None

    def by_organization(self) -> list[OrganizationHours]:
        """Hours per organization, most hours first (then by name)."""
        totals: dict[str, tuple[int, float]] = {}
        for item in self.shifts:
            shifts, hours = totals.get(item.organization, (0, 0.0))
            totals[item.organization] = (shifts + 1, hours + item.hours)
        ranked = sorted(totals.items(), key=lambda pair: (-pair[1][1], pair[0]))
        return [OrganizationHours(name, shifts, hours) for name, (shifts, hours) in ranked]


def record(volunteer: User) -> VerifiedRecord:
    """Every attended shift with hours, oldest first."""
    rows = db.session.scalars(
        sa.select(ShiftRequest)
        .join(Shift)
        .join(Opportunity)
        .where(
            ShiftRequest.volunteer_id == volunteer.id,
            ShiftRequest.status == RequestStatus.ATTENDED.value,
            ShiftRequest.hours.is_not(None),
        )
        .order_by(Shift.starts_at, ShiftRequest.id)
    )
    return VerifiedRecord([_verified(item) for item in rows])


def _verified(item: ShiftRequest) -> VerifiedShift:
    shift = item.shift
    organization = shift.opportunity.organization
    zone = clock.zone(organization.timezone)
    return VerifiedShift(
        request_id=item.id,
        shift_id=shift.id,
        starts_at=shift.starts_at,
        day=shift.starts_at.astimezone(zone).date(),
        title=shift.opportunity.title,
        organization=organization.name,
        hours=float(item.hours or 0.0),
        verified_on=item.verified_at.astimezone(zone).date() if item.verified_at else None,
    )
