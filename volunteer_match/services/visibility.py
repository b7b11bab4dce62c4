"""What an organization may see, decided once for the pages and the API.

- A roster line shows a person's display name and status, and their email only where the
  person allows it in their profile.
- A coordinator's decision note is for the volunteer and coordinators, never the organization.
- Closed opportunities are listed only to their own organization's staff.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import (
    REVIEWER_ROLES,
    Opportunity,
    OpportunityStatus,
    ShiftRequest,
    User,
    VolunteerProfile,
)
from volunteer_match.services import opportunities, organizations, requests


@dataclass(frozen=True)
class RosterLine:
    request: ShiftRequest
    display_name: str
    email: str | None  # only where the person allows it


def roster(viewer: User, shift_id: int) -> list[RosterLine]:
    """The people on a shift as ``viewer`` may see them (see requests.roster for who may)."""
    items = requests.roster(viewer, shift_id)
    sharing = set(
        db.session.scalars(
            sa.select(VolunteerProfile.user_id).where(
                VolunteerProfile.user_id.in_([item.volunteer_id for item in items]),
                VolunteerProfile.share_email_with_organizations.is_(True),
            )
        )
    )
    return [
        RosterLine(
            item,
            item.volunteer.display_name,
            item.volunteer.email if item.volunteer_id in sharing else None,
        )
        for item in items
    ]


def decision_note(viewer: User, request: ShiftRequest) -> str | None:
    """The coordinator's note, for the volunteer it was written to and coordinators only."""
    if viewer.role in REVIEWER_ROLES or viewer.id == request.volunteer_id:
        return request.decision_note
    return None


def listed_opportunities(viewer: User | None, organization_id: int) -> list[Opportunity]:
    """An organization's opportunities, open ones first; closed ones only for its staff."""
    staff = viewer is not None and organizations.is_member(viewer, organization_id)
    return [
        opportunity
        for opportunity in opportunities.of_organization(organization_id)
        if staff or opportunity.status == OpportunityStatus.OPEN.value
    ]
