"""Time zones: stored times are UTC; people read and type times in their own zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask import current_app

from volunteer_match.services.errors import ValidationFailed


def zone(name: str | None) -> ZoneInfo:
    """The named zone, or the deployment's default for an empty or unknown name."""
    try:
        return ZoneInfo(name or current_app.config["DEFAULT_TIMEZONE"])
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(current_app.config["DEFAULT_TIMEZONE"])


def check_timezone(name: str, field: str = "timezone") -> str:
    if name not in available_timezones():
        raise ValidationFailed.on(field, "Choose a time zone such as America/New_York.")
    return name


def to_utc(moment: datetime, local_zone: ZoneInfo) -> datetime:
    """A naive time is read as wall-clock time in ``local_zone``; aware times keep their offset."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=local_zone)
    return moment.astimezone(UTC)


def format_span(start: datetime, end: datetime, local_zone: ZoneInfo) -> str:
    """'Tue 2 Dec, 5:00 pm – 9:00 pm EST' in the reader's zone."""
    a, b = start.astimezone(local_zone), end.astimezone(local_zone)
    day = f"{a:%a} {a.day} {a:%b}"
    if a.date() != b.date():
        return f"{day}, {_clock(a)} – {b:%a} {b.day} {b:%b}, {_clock(b)} {b.tzname()}"
    return f"{day}, {_clock(a)} – {_clock(b)} {b.tzname()}"


def _clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"
