"""SQLAlchemy models, one module per aggregate; importing this package registers them all."""

from volunteer_match.models.audit import AuditEvent
from volunteer_match.models.base import Base, utcnow
from volunteer_match.models.caseload import CoordinatorLink, InviteCode
from volunteer_match.models.limits import ADDRESS_MAX, DISPLAY_NAME_MAX, NAME_MAX, TEXT_MAX
from volunteer_match.models.notification import Notification
from volunteer_match.models.opportunity import (
    FIT_ATTRIBUTES,
    Opportunity,
    OpportunityStatus,
    Shift,
    ShiftStatus,
)
from volunteer_match.models.organization import Organization, OrganizationKind, OrganizationMember
from volunteer_match.models.request import LIVE_STATUSES, RequestStatus, ShiftRequest
from volunteer_match.models.service_record import AnonymousService
from volunteer_match.models.user import REVIEWER_ROLES, ApiToken, Role, User
from volunteer_match.models.volunteer import GOALS, AvailabilityWindow, VolunteerProfile

__all__ = [
    "ADDRESS_MAX",
    "DISPLAY_NAME_MAX",
    "FIT_ATTRIBUTES",
    "GOALS",
    "LIVE_STATUSES",
    "NAME_MAX",
    "REVIEWER_ROLES",
    "TEXT_MAX",
    "AnonymousService",
    "ApiToken",
    "AuditEvent",
    "AvailabilityWindow",
    "Base",
    "CoordinatorLink",
    "InviteCode",
    "Notification",
    "Opportunity",
    "OpportunityStatus",
    "Organization",
    "OrganizationKind",
    "OrganizationMember",
    "RequestStatus",
    "Role",
    "Shift",
    "ShiftRequest",
    "ShiftStatus",
    "User",
    "VolunteerProfile",
    "utcnow",
]
