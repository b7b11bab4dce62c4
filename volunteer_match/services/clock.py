"""Times and time zones: stored times are UTC; people read and type times in their own zone.

Times of day are written here and nowhere else in services, the pages and the API:
``format_minute_of_day`` for people ('5:30 pm'), ``format_hhmm`` for data ('17:30').
(The matcher's reasons say '5:30 pm'/'9 am' with their own pure formatter in matching/.)
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask import current_app

from volunteer_match.services.errors import ValidationFailed

COMMON_ZONES = {
    "America/New_York": "Eastern time (New York)",
    "America/Chicago": "Central time (Chicago)",
    "America/Denver": "Mountain time (Denver)",
    "America/Phoenix": "Arizona (Phoenix)",
    "America/Los_Angeles": "Pacific time (Los Angeles)",
    "America/Anchorage": "Alaska (Anchorage)",
    "Pacific/Honolulu": "Hawaii (Honolulu)",
}


def zone_label(name: str) -> str:
    """'Eastern time (New York)', or the zone's own name for less common zones."""
    return COMMON_ZONES.get(name) or name.replace("_", " ")


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
        return f"{day}, {_time_of_day(a)} – {b:%a} {b.day} {b:%b}, {_time_of_day(b)} {b.tzname()}"
    return f"{day}, {_time_of_day(a)} – {_time_of_day(b)} {b.tzname()}"


def format_moment(moment: datetime, local_zone: ZoneInfo) -> str:
    """'Tue 2 Dec, 5:00 pm EST' in the reader's zone."""
    a = moment.astimezone(local_zone)
    return f"{a:%a} {a.day} {a:%b}, {_time_of_day(a)} {a.tzname()}"


def format_minute_of_day(minute: int) -> str:
    """Minutes since midnight as '5:30 pm' (1440 reads '12:00 am', the end of the day)."""
    hour, minutes = divmod(minute, 60)
    suffix = "am" if hour < 12 or hour == 24 else "pm"
    return f"{hour % 12 or 12}:{minutes:02d} {suffix}"


def format_hhmm(minute: int) -> str:
    """Minutes since midnight as 24-hour 'HH:MM' for data: 1050 -> '17:30', 1440 -> '24:00'."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _time_of_day(moment: datetime) -> str:
    return format_minute_of_day(moment.hour * 60 + moment.minute)
