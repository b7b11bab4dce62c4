"""API shapes of opportunities: posting, changing, reading one, and searching the listings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from volunteer_match.api.schemas.common import AttributesIn, Patch, Strict, Tags, UtcTime, omit_none
from volunteer_match.api.schemas.organizations import OrganizationRef
from volunteer_match.api.schemas.shifts import ShiftOut
from volunteer_match.models import ADDRESS_MAX, NAME_MAX, TEXT_MAX
from volunteer_match.services.listings import MAX_PER_PAGE

QUERY_MAX = 200  # search words
ATTRIBUTES_PARAM_MAX = 300  # comma-separated attribute names in the query string


class OpportunityIn(Strict):
    title: str = Field(max_length=NAME_MAX)
    description: str = Field(default="", max_length=TEXT_MAX)
    skills: Tags = []
    interests: Tags = []
    virtual: bool = False
    postcode: str | None = Field(default=None, max_length=10)
    address: str = Field(default="", max_length=ADDRESS_MAX)
    min_age: int | None = None
    attributes: AttributesIn = AttributesIn()


class OpportunityPatch(Patch):
    NULLABLE = frozenset({"postcode", "min_age"})

    title: str | None = Field(default=None, max_length=NAME_MAX)
    description: str | None = Field(default=None, max_length=TEXT_MAX)
    skills: Tags | None = None
    interests: Tags | None = None
    virtual: bool | None = None
    postcode: str | None = Field(default=None, max_length=10)
    address: str | None = Field(default=None, max_length=ADDRESS_MAX)
    min_age: int | None = None
    attributes: AttributesIn | None = None  # only the attributes sent change


class OpportunityOut(BaseModel):
    id: int
    organization_id: int
    organization: OrganizationRef
    title: str
    description: str
    skills: list[str]
    interests: list[str]
    attributes: dict[str, bool]
    virtual: bool
    address: str
    postcode: str | None
    min_age: int | None
    status: str
    created_at: UtcTime
    updated_at: UtcTime
    shifts: list[ShiftOut] = Field(description="Upcoming scheduled shifts, soonest first.")


class SearchParams(BaseModel):
    """Query string of GET /opportunities; unknown parameters are ignored."""

    model_config = ConfigDict(str_strip_whitespace=True)

    q: str = Field(
        default="", max_length=QUERY_MAX, description="Words in title, description or name"
    )
    cause: str | None = Field(default=None, max_length=100, examples=["Environment"])
    attributes: str | None = Field(
        default=None,
        max_length=ATTRIBUTES_PARAM_MAX,
        description="Comma-separated fit attributes, all required",
    )
    virtual: bool | None = None
    postcode: str | None = Field(default=None, max_length=10)
    within_km: float | None = Field(default=None, allow_inf_nan=False)
    page: int = Field(default=1, ge=1, le=100_000)
    per_page: int = Field(default=20, ge=1, le=MAX_PER_PAGE)


class ListingOut(BaseModel):
    id: int
    title: str
    organization: OrganizationRef
    description: str
    attributes: dict[str, bool]
    virtual: bool
    postcode: str | None
    next_shift_starts_at: UtcTime | None
    upcoming_shifts: int
    free_places: int
    distance_km: float | None = Field(default=None, exclude_if=omit_none)


class ListingPageOut(BaseModel):
    items: list[ListingOut]
    page: int
    per_page: int
    total: int
