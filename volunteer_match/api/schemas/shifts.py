"""API shapes of shifts: adding one or a weekly series, moving, cancelling, and a shift's places."""

from __future__ import annotations

from pydantic import BaseModel, Field, RootModel

from volunteer_match.api.schemas.common import ApiTime, Strict, UtcTime, omit_none
from volunteer_match.services.shifts import MAX_CAPACITY, MAX_WEEKS, REASON_MAX


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
    reason: str = Field(default="", max_length=REASON_MAX)


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
    cancel_reason: str | None = Field(default=None, exclude_if=omit_none)


class ShiftListOut(BaseModel):
    items: list[ShiftOut]


class ShiftCreatedOut(RootModel[ShiftOut | ShiftListOut]):
    """One shift, or ``{items}`` when the request asked for a weekly series."""
