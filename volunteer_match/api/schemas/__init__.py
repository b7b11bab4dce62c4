"""Request and response shapes of the API (pydantic), one module per resource; they also feed
the OpenAPI document.

- common: Strict inputs, Patch (partial updates), times (ApiTime in, UtcTime out), tags,
  fit attributes, the error body
- accounts, organizations, opportunities, shifts, profile, matches, requests (the approval
  workflow, rosters, hours), caseload, privacy

Every model is also importable from this package, so the OpenAPI document and the privacy
check can read them all in one place.
"""

from volunteer_match.api.schemas.accounts import (
    AccountOut,
    OrganizationIn,
    RegisterIn,
    TokenIn,
    TokenOut,
)
from volunteer_match.api.schemas.caseload import (
    CaseloadEntryOut,
    CaseloadPageOut,
    CaseloadParams,
    CoordinatorLinkOut,
    InviteCodeOut,
    ShareIn,
    UpcomingShiftOut,
)
from volunteer_match.api.schemas.common import (
    ApiTime,
    AttributesIn,
    ErrorBody,
    ErrorOut,
    Patch,
    Strict,
    Tag,
    Tags,
    UtcTime,
    omit_none,
)
from volunteer_match.api.schemas.matches import (
    CandidateListOut,
    CandidateOut,
    MatchOut,
    MatchPageOut,
    MatchParams,
)
from volunteer_match.api.schemas.opportunities import (
    ListingOut,
    ListingPageOut,
    OpportunityIn,
    OpportunityOut,
    OpportunityPatch,
    SearchParams,
)
from volunteer_match.api.schemas.organizations import (
    OrganizationOut,
    OrganizationPatch,
    OrganizationRef,
    RejectIn,
)
from volunteer_match.api.schemas.privacy import EraseIn, ExportOut
from volunteer_match.api.schemas.profile import (
    CompletenessOut,
    ProfileIn,
    ProfileOut,
    WindowIn,
    WindowOut,
)
from volunteer_match.api.schemas.requests import (
    ApproveIn,
    AttendanceIn,
    CancelIn,
    DeclineIn,
    HoursItemOut,
    HoursOut,
    MessageIn,
    RequestIn,
    RequestListParams,
    RequestOut,
    RequestPageOut,
    RequestShiftOut,
    RosterEntryOut,
    RosterOut,
    StatusName,
)
from volunteer_match.api.schemas.shifts import (
    CancelShiftIn,
    RepeatIn,
    ShiftCreatedOut,
    ShiftIn,
    ShiftListOut,
    ShiftOut,
    ShiftPatch,
)

__all__ = [
    "AccountOut",
    "ApiTime",
    "ApproveIn",
    "AttendanceIn",
    "AttributesIn",
    "CancelIn",
    "CancelShiftIn",
    "CandidateListOut",
    "CandidateOut",
    "CaseloadEntryOut",
    "CaseloadPageOut",
    "CaseloadParams",
    "CompletenessOut",
    "CoordinatorLinkOut",
    "DeclineIn",
    "EraseIn",
    "ErrorBody",
    "ErrorOut",
    "ExportOut",
    "HoursItemOut",
    "HoursOut",
    "InviteCodeOut",
    "ListingOut",
    "ListingPageOut",
    "MatchOut",
    "MatchPageOut",
    "MatchParams",
    "MessageIn",
    "OpportunityIn",
    "OpportunityOut",
    "OpportunityPatch",
    "OrganizationIn",
    "OrganizationOut",
    "OrganizationPatch",
    "OrganizationRef",
    "Patch",
    "ProfileIn",
    "ProfileOut",
    "RegisterIn",
    "RejectIn",
    "RepeatIn",
    "RequestIn",
    "RequestListParams",
    "RequestOut",
    "RequestPageOut",
    "RequestShiftOut",
    "RosterEntryOut",
    "RosterOut",
    "SearchParams",
    "ShareIn",
    "ShiftCreatedOut",
    "ShiftIn",
    "ShiftListOut",
    "ShiftOut",
    "ShiftPatch",
    "StatusName",
    "Strict",
    "Tag",
    "Tags",
    "TokenIn",
    "TokenOut",
    "UpcomingShiftOut",
    "UtcTime",
    "WindowIn",
    "WindowOut",
    "omit_none",
]
