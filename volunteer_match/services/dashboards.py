"""What each role's dashboard shows: small read-only summaries."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import (
    Opportunity,
    OpportunityStatus,
    Organization,
    Role,
    Shift,
    ShiftStatus,
    User,
    VolunteerProfile,
    utcnow,
)
from volunteer_match.services.opportunities import of_organization
from volunteer_match.services.organizations import awaiting_verification, organization_of


@dataclass(frozen=True)
class SiteCounts:
    open_opportunities: int
    upcoming_shifts: int
    organizations_to_verify: int
    volunteers: int


def site_counts() -> SiteCounts:
    """Counts as volunteers see them: open opportunities of verified organizations."""
    visible = (Opportunity.status == OpportunityStatus.OPEN.value) & (
        Organization.verified_at.is_not(None)
    )
    return SiteCounts(
        open_opportunities=db.session.scalar(
            sa.select(sa.func.count(Opportunity.id)).join(Organization).where(visible)
        )
        or 0,
        upcoming_shifts=db.session.scalar(
            sa.select(sa.func.count(Shift.id))
            .join(Opportunity)
            .join(Organization)
            .where(visible, Shift.starts_at > utcnow(), Shift.status == ShiftStatus.SCHEDULED.value)
        )
        or 0,
        organizations_to_verify=db.session.scalar(
            sa.select(sa.func.count(Organization.id)).where(awaiting_verification())
        )
        or 0,
        volunteers=db.session.scalar(
            sa.select(sa.func.count(User.id)).where(User.role == Role.VOLUNTEER.value)
        )
        or 0,
    )


def volunteer_profile(user: User) -> VolunteerProfile | None:
    return db.session.scalar(sa.select(VolunteerProfile).where(VolunteerProfile.user_id == user.id))


@dataclass(frozen=True)
class OpportunityRow:
    opportunity: Opportunity
    upcoming_shifts: int


@dataclass(frozen=True)
class OrganizationSummary:
    organization: Organization | None
    open_opportunities: int
    opportunities: list[OpportunityRow] = field(default_factory=list)


def organization_summary(user: User) -> OrganizationSummary:
    """The staff member's organization, and each of its opportunities with upcoming shifts."""
    organization = organization_of(user)
    if organization is None:
        return OrganizationSummary(None, 0)
    upcoming: dict[int, int] = {
        opportunity_id: count
        for opportunity_id, count in db.session.execute(
            sa.select(Shift.opportunity_id, sa.func.count(Shift.id))
            .join(Opportunity)
            .where(
                Opportunity.organization_id == organization.id,
                Shift.status == ShiftStatus.SCHEDULED.value,
                Shift.starts_at > utcnow(),
            )
            .group_by(Shift.opportunity_id)
        )
    }
    rows = [
        OpportunityRow(opportunity, upcoming.get(opportunity.id, 0))
        for opportunity in of_organization(organization.id)
    ]
    open_count = sum(row.opportunity.status == OpportunityStatus.OPEN.value for row in rows)
    return OrganizationSummary(organization, open_count, rows)
