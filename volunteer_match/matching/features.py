"""Plain inputs and outputs of the matcher: a volunteer, a listing, a shift, a match.

The listing and the shift are ``ListingFeatures`` and ``ShiftFeatures``: what the matcher
knows of an opportunity and a shift (``services.listings.Listing`` is a page's listing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from volunteer_match.matching.lexicon import Hit


@dataclass(frozen=True)
class Window:
    """A weekly window in the volunteer's own time zone, minutes since midnight."""

    weekday: int  # Monday = 0
    start_minute: int
    end_minute: int


@dataclass(frozen=True)
class Volunteer:
    id: int
    skills: Mapping[str, str] = field(default_factory=dict)  # concept -> what they typed
    interests: Mapping[str, str] = field(default_factory=dict)
    goals: frozenset[str] = frozenset()
    windows: tuple[Window, ...] = ()
    timezone: str = "America/New_York"
    latitude: float | None = None
    longitude: float | None = None
    postcode: str | None = None
    travel_km: float | None = None
    virtual_ok: bool = False
    preferences: frozenset[str] = frozenset()
    must_have: frozenset[str] = frozenset()
    requested_shift_ids: frozenset[int] = frozenset()

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_empty(self) -> bool:
        return not (self.skills or self.interests)


@dataclass(frozen=True)
class ListingFeatures:
    """An opportunity as the matcher sees it; ``concepts`` were read when it was saved."""

    opportunity_id: int
    title: str
    organization: str = ""
    concepts: Mapping[str, Hit] = field(default_factory=dict)
    attributes: frozenset[str] = frozenset()
    virtual: bool = False
    latitude: float | None = None
    longitude: float | None = None
    visible: bool = True  # open, and its organization is verified
    connections: int = 0  # live requests: the spread gently favours quieter listings


@dataclass(frozen=True)
class ShiftFeatures:
    """A shift: times are seconds since the epoch (UTC)."""

    shift_id: int
    opportunity_id: int
    starts_at: int
    ends_at: int
    free_places: int
    active: bool = True  # scheduled (not cancelled)


@dataclass(frozen=True)
class Match:
    shift_id: int
    opportunity_id: int
    title: str
    organization: str
    starts_at: int
    ends_at: int
    score: float
    reasons: list[str]
    distance_km: float | None
    more_shifts: int
