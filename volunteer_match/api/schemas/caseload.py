"""API shapes for coordinator caseloads (invite codes, consented links); also feed OpenAPI."""

from __future__ import annotations

from pydantic import BaseModel, Field

from volunteer_match.api.schemas.common import Strict, UtcTime
from volunteer_match.services.caseload import CONSENT_SCOPE, MAX_PAGE, MAX_PER_PAGE


class InviteCodeOut(BaseModel):
    invite_code: str = Field(description="8 characters; works once, until expires_at.")
    expires_at: UtcTime


class ShareIn(Strict):
    invite_code: str = Field(min_length=1, max_length=32)


class CoordinatorLinkOut(BaseModel):
    coordinator_name: str
    consent_scope: list[str] = Field(
        description=f"What the volunteer agreed to share: {', '.join(CONSENT_SCOPE)}."
    )
    consented_at: UtcTime


class CaseloadParams(BaseModel):
    page: int = Field(default=1, ge=1, le=MAX_PAGE)
    per_page: int = Field(default=20, ge=1, le=MAX_PER_PAGE)


class UpcomingShiftOut(BaseModel):
    shift_id: int
    title: str
    organization: str
    starts_at: UtcTime
    ends_at: UtcTime


class CaseloadEntryOut(BaseModel):
    """One person; a field is null when they didn't agree to share it."""

    volunteer_id: int
    display_name: str
    linked_at: UtcTime
    consent_scope: list[str]
    upcoming_shifts: list[UpcomingShiftOut] | None
    verified_hours: float | None
    last_activity: UtcTime | None
    follow_up: bool = Field(description="True when inactive for 21 days or more.")


class CaseloadPageOut(BaseModel):
    items: list[CaseloadEntryOut]
    page: int
    per_page: int
    total: int
