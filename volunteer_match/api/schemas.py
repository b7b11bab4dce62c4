"""Request and response shapes of the API (pydantic); also feed the OpenAPI document."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    RootModel,
    WithJsonSchema,
)

from volunteer_match.models import GOALS, OrganizationKind
from volunteer_match.services.listings import MAX_PER_PAGE
from volunteer_match.services.matching import MAX_LIMIT as MATCH_LIMIT_MAX
from volunteer_match.services.profiles import MAX_WINDOWS
from volunteer_match.services.shifts import MAX_CAPACITY, MAX_WEEKS
from volunteer_match.services.text import TAG_MAX, TAGS_MAX


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OrganizationIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    kind: OrganizationKind = OrganizationKind.NONPROFIT
    description: str = Field(default="", max_length=5000)
    postcode: str | None = Field(default=None, max_length=10)
    address: str = Field(default="", max_length=300)


class RegisterIn(Strict):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(max_length=256)
    display_name: str = Field(min_length=1, max_length=80)
    role: Literal["volunteer", "organization"]
    organization: OrganizationIn | None = None


class TokenIn(Strict):
    email: str = Field(max_length=254)
    password: str = Field(max_length=256)


class AccountOut(BaseModel):
    id: int
    email: str
    display_name: str
    role: str
    organization_id: int | None = None


class TokenOut(BaseModel):
    token: str
    expires_at: datetime


class ErrorBody(BaseModel):
    code: str
    message: str
    fields: dict[str, list[str]] | None = None


class ErrorOut(BaseModel):
    error: ErrorBody


# ---------------------------------------------------------------- shared pieces


def _utc_z(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# A time in a response: always UTC, written with "Z".
UtcTime = Annotated[datetime, PlainSerializer(_utc_z, return_type=str, when_used="json")]


YEAR_MIN, YEAR_MAX = 2000, 2100


def _plausible(moment: datetime) -> datetime:
    """Keeps times far from datetime's limits, where converting zones would overflow."""
    if not YEAR_MIN <= moment.year <= YEAR_MAX:
        raise ValueError(f"Use a date between the years {YEAR_MIN} and {YEAR_MAX}.")
    return moment


# A time in a request: ISO 8601 with an offset; a naive time is read in the organization's zone.
ApiTime = Annotated[
    datetime,
    AfterValidator(_plausible),
    Field(examples=["2027-02-01T17:00:00-05:00"]),
]
Tag = Annotated[str, Field(max_length=TAG_MAX)]
Tags = Annotated[list[Tag], Field(max_length=TAGS_MAX)]


def _omit_none(value: object) -> bool:
    return value is None


class Patch(Strict):
    """A partial update: only the fields sent change. ``null`` means "no change", except for
    the fields in NULLABLE, where it clears the value."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset()

    def changes(self) -> dict[str, Any]:
        sent = self.model_dump(mode="json", exclude_unset=True)
        return {k: v for k, v in sent.items() if v is not None or k in self.NULLABLE}


# ---------------------------------------------------------------- organizations


class OrganizationPatch(Patch):
    NULLABLE = frozenset({"postcode"})

    name: str | None = Field(default=None, min_length=1, max_length=200)
    kind: OrganizationKind | None = None
    description: str | None = Field(default=None, max_length=5000)
    address: str | None = Field(default=None, max_length=300)
    postcode: str | None = Field(default=None, max_length=10)


class RejectIn(Strict):
    reason: str = Field(max_length=2000)


class OrganizationOut(BaseModel):
    id: int
    name: str
    kind: str
    description: str
    address: str
    postcode: str | None
    timezone: str
    verified: bool
    verified_at: UtcTime | None = Field(default=None, exclude_if=_omit_none)
    rejected_at: UtcTime | None = Field(default=None, exclude_if=_omit_none)
    rejection_reason: str | None = Field(default=None, exclude_if=_omit_none)


class OrganizationRef(BaseModel):
    id: int
    name: str


# ---------------------------------------------------------------- opportunities


class AttributesIn(Strict):
    """Recovery-fit attributes of a place (also a volunteer's preferences about places)."""

    substance_free: bool = False
    peer_support_on_site: bool = False
    no_background_check: bool = False
    wheelchair_accessible: bool = False
    team_based: bool = False
    training_provided: bool = False


class OpportunityIn(Strict):
    title: str = Field(max_length=200)
    description: str = Field(default="", max_length=5000)
    skills: Tags = []
    interests: Tags = []
    virtual: bool = False
    postcode: str | None = Field(default=None, max_length=10)
    address: str = Field(default="", max_length=300)
    min_age: int | None = None
    attributes: AttributesIn = AttributesIn()


class OpportunityPatch(Patch):
    NULLABLE = frozenset({"postcode", "min_age"})

    title: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    skills: Tags | None = None
    interests: Tags | None = None
    virtual: bool | None = None
    postcode: str | None = Field(default=None, max_length=10)
    address: str | None = Field(default=None, max_length=300)
    min_age: int | None = None
    attributes: AttributesIn | None = None  # only the attributes sent change


class ShiftOut(BaseModel):
    id: int
    opportunity_id: int
    starts_at: UtcTime
    ends_at: UtcTime
    capacity: int
    filled: int
    waitlist: int
    free_places: int
    status: str
    cancel_reason: str | None = Field(default=None, exclude_if=_omit_none)


class ShiftListOut(BaseModel):
    items: list[ShiftOut]


class ShiftCreatedOut(RootModel[ShiftOut | ShiftListOut]):
    """One shift, or ``{items}`` when the request asked for a weekly series."""


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

    q: str = Field(default="", max_length=200, description="Words in title, description or name")
    cause: str | None = Field(default=None, max_length=100, examples=["Environment"])
    attributes: str | None = Field(
        default=None, max_length=300, description="Comma-separated fit attributes, all required"
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
    distance_km: float | None = Field(default=None, exclude_if=_omit_none)


class ListingPageOut(BaseModel):
    items: list[ListingOut]
    page: int
    per_page: int
    total: int


# ---------------------------------------------------------------- shifts


class RepeatIn(Strict):
    weekly: int = Field(ge=1, le=MAX_WEEKS, description="How many weekly shifts to create")


class ShiftIn(Strict):
    starts_at: ApiTime
    ends_at: ApiTime
    capacity: int = Field(ge=1, le=MAX_CAPACITY)
    repeat: RepeatIn | None = None


class ShiftPatch(Strict):
    starts_at: ApiTime | None = None
    ends_at: ApiTime | None = None
    capacity: int | None = Field(default=None, ge=1, le=MAX_CAPACITY)


class CancelShiftIn(Strict):
    reason: str = Field(default="", max_length=500)


# ---------------------------------------------------------------- volunteer profile

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_GOAL_KEYS = {key: key for key in GOALS} | {label.casefold(): key for key, label in GOALS.items()}


def _minutes(value: object) -> int:
    """'17:30' → 1050; '24:00' (the end of the day) → 1440."""
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if match:
        hours, minutes = int(match[1]), int(match[2])
        if (hours < 24 and minutes < 60) or (hours, minutes) == (24, 0):
            return hours * 60 + minutes
    raise ValueError('Use a 24-hour time such as "09:00" or "17:30".')


def _goal_key(value: str) -> str:
    """A goal's key, or its label in any case; anything else is left for the service to refuse."""
    return _GOAL_KEYS.get(" ".join(value.split()).casefold(), value)


ClockTime = Annotated[
    int,
    BeforeValidator(_minutes),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}$", "examples": ["17:30"]}),
]
Goal = Annotated[str, Field(max_length=60), AfterValidator(_goal_key)]


class WindowIn(Strict):
    weekday: int = Field(ge=0, le=6, description="Monday = 0")
    start: ClockTime
    end: ClockTime = Field(description='"HH:MM"; "24:00" is the end of the day')


class ProfileIn(Strict):
    """The whole profile: optional fields left out take their defaults."""

    skills: Tags
    interests: Tags
    goals: list[Goal] = Field(
        max_length=20, description=f"Keys or labels: {', '.join(GOALS)}", examples=[["routine"]]
    )
    availability: list[WindowIn] = Field(max_length=MAX_WINDOWS)
    postcode: str | None = Field(default=None, max_length=10)
    travel_km: float | None = Field(default=None, allow_inf_nan=False)
    virtual_ok: bool = False
    timezone: str | None = Field(default=None, max_length=64, examples=["America/Chicago"])
    preferences: AttributesIn = AttributesIn()
    must_have: list[Annotated[str, Field(max_length=40)]] = Field(default=[], max_length=20)
    findable_by_organizations: bool = False
    share_email_with_organizations: bool = False


class WindowOut(BaseModel):
    weekday: int
    start: str
    end: str


class CompletenessOut(BaseModel):
    percent: int
    next_step: str | None


class ProfileOut(BaseModel):
    skills: list[str]
    interests: list[str]
    goals: list[str]
    availability: list[WindowOut]
    postcode: str | None
    travel_km: float | None
    virtual_ok: bool
    timezone: str
    preferences: dict[str, bool]
    must_have: list[str]
    findable_by_organizations: bool
    share_email_with_organizations: bool
    completeness: CompletenessOut


# ---------------------------------------------------------------- matching


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
    distance_km: float | None = Field(default=None, exclude_if=_omit_none)
    more_shifts: int = Field(description="Other shifts of this opportunity that also fit")


class MatchPageOut(BaseModel):
    items: list[MatchOut]
    message: str | None = Field(
        default=None, exclude_if=_omit_none, description="What to add to the profile to see more"
    )


class CandidateOut(MatchOut):
    volunteer_id: int
    display_name: str


class CandidateListOut(BaseModel):
    items: list[CandidateOut]
