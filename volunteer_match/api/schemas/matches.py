"""API shapes of matching: a volunteer's ranked matches and an opportunity's candidates."""

from __future__ import annotations

from pydantic import BaseModel, Field

from volunteer_match.api.schemas.common import UtcTime, omit_none
from volunteer_match.services.matching import MAX_LIMIT as MATCH_LIMIT_MAX


class MatchParams(BaseModel):
    """Query string of the match lists; unknown parameters are ignored."""

    limit: int = Field(default=20, ge=1, le=MATCH_LIMIT_MAX, description="How many, best first")


class MatchOut(BaseModel):
    """One opportunity, with its soonest fitting shift and why it fits."""

    shift_id: int
    opportunity_id: int
    title: str
    organization: str
    starts_at: UtcTime
    ends_at: UtcTime
    score: float = Field(description="0-100, higher fits better")
    reasons: list[str]
    distance_km: float | None = Field(default=None, exclude_if=omit_none)
    more_shifts: int = Field(description="Other shifts of this opportunity that also fit")


class MatchPageOut(BaseModel):
    items: list[MatchOut]
    message: str | None = Field(
        default=None, exclude_if=omit_none, description="What to add to the profile to see more"
    )


class CandidateOut(MatchOut):
    volunteer_id: int
    display_name: str


class CandidateListOut(BaseModel):
    items: list[CandidateOut]
