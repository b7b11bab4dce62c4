"""API shapes of the volunteer profile: skills, goals, availability ("HH:MM"), preferences."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, WithJsonSchema

from volunteer_match.api.schemas.common import AttributesIn, Strict, Tags
from volunteer_match.matching import goal_key
from volunteer_match.models import GOALS
from volunteer_match.services.profiles import MAX_WINDOWS

_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


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
    return goal_key(value) or value


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
