"""Request and response shapes of the request workflow, rosters and verified hours."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from volunteer_match.api.schemas.common import Strict, UtcTime, omit_none
from volunteer_match.services.listings import MAX_PER_PAGE
from volunteer_match.services.requests import MAX_HOURS, MESSAGE_MAX, NOTE_MAX

StatusName = Literal[
    "pending", "approved", "declined", "waitlisted", "attended", "no_show", "cancelled"
]

# ---------------------------------------------------------------- in


class RequestIn(Strict):
    message: str = Field(default="", max_length=MESSAGE_MAX)
    confirm_overlap: bool = Field(
        default=False,
        description="Ask even though this overlaps a shift you are already approved for",
    )


class ApproveIn(Strict):
    note: str = Field(default="", max_length=NOTE_MAX)


class DeclineIn(Strict):
    note: str = Field(max_length=NOTE_MAX, description="A short, kind note saying why")


class CancelIn(Strict):
    reason: str = Field(
        default="", max_length=NOTE_MAX, description="Required when the organization cancels"
    )


class AttendanceIn(Strict):
    attended: bool
    hours: float | None = Field(
        default=None,
        allow_inf_nan=False,
        description=f"More than 0 and at most {MAX_HOURS:g}; defaults to the shift's length",
    )


class MessageIn(Strict):
    text: str = Field(min_length=1, max_length=NOTE_MAX)


class RequestListParams(BaseModel):
    """Query string of GET /requests; unknown parameters are ignored."""

    model_config = ConfigDict(str_strip_whitespace=True)

    status: StatusName | None = Field(
        default=None,
        description="Only requests in this state. Coordinators get their pending queue when "
        "it is left out; volunteers and organizations get every state.",
    )
    page: int = Field(default=1, ge=1, le=100_000)
    per_page: int = Field(default=20, ge=1, le=MAX_PER_PAGE)


# ---------------------------------------------------------------- out


class RequestShiftOut(BaseModel):
    id: int
    opportunity_id: int
    title: str
    organization: str
    starts_at: UtcTime
    ends_at: UtcTime


class RequestOut(BaseModel):
    id: int
    shift_id: int
    volunteer_id: int
    display_name: str = Field(description="The volunteer's display name")
    status: StatusName
    message: str
    hours: float | None = Field(description="Verified hours, once attendance is recorded")
    created_at: UtcTime
    updated_at: UtcTime
    decided_at: UtcTime | None = Field(default=None, exclude_if=omit_none)
    decision_note: str | None = Field(
        default=None,
        exclude_if=omit_none,
        description="The coordinator's note; shown to the volunteer and coordinators only",
    )
    cancel_reason: str | None = Field(default=None, exclude_if=omit_none)
    shift: RequestShiftOut


class RequestPageOut(BaseModel):
    items: list[RequestOut]
    page: int
    per_page: int
    total: int


class RosterEntryOut(BaseModel):
    request_id: int
    volunteer_id: int
    display_name: str
    status: StatusName
    email: str | None = Field(
        default=None,
        exclude_if=omit_none,
        description="Only when the volunteer chose to share it with organizations",
    )


class RosterOut(BaseModel):
    shift_id: int
    items: list[RosterEntryOut]


class HoursItemOut(BaseModel):
    request_id: int
    shift_id: int
    title: str
    organization: str
    date: dt.date = Field(description="The shift's date in the organization's time zone")
    starts_at: UtcTime
    hours: float
    verified_by: str = Field(description="The organization that verified the hours")


class HoursOut(BaseModel):
    total_hours: float
    items: list[HoursItemOut]
