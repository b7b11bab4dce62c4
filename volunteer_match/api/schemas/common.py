"""Shapes every resource shares: strict input models, partial updates, times, tags, errors."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer

from volunteer_match.services.text import TAG_MAX, TAGS_MAX


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Patch(Strict):
    """A partial update: only the fields sent change. ``null`` means "no change", except for
    the fields in NULLABLE, where it clears the value."""

    NULLABLE: ClassVar[frozenset[str]] = frozenset()

    def changes(self) -> dict[str, Any]:
        sent = self.model_dump(mode="json", exclude_unset=True)
        return {k: v for k, v in sent.items() if v is not None or k in self.NULLABLE}


class ErrorBody(BaseModel):
    code: str
    message: str
    fields: dict[str, list[str]] | None = None


class ErrorOut(BaseModel):
    error: ErrorBody


def omit_none(value: object) -> bool:
    """For ``Field(exclude_if=omit_none)``: leave the field out of the answer when it is None."""
    return value is None


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


class AttributesIn(Strict):
    """Recovery-fit attributes of a place (also a volunteer's preferences about places)."""

    substance_free: bool = False
    peer_support_on_site: bool = False
    no_background_check: bool = False
    wheelchair_accessible: bool = False
    team_based: bool = False
    training_provided: bool = False
