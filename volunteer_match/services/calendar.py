"""Calendar files (iCalendar): one shift, or a person's private feed of their shifts.

An event says only what a calendar needs: the role's title, when (UTC), where, and the
organization. Never anything about why someone volunteers, their matches, goals or notes:
calendars are shared, synced and shown on lock screens.

The private feed is a secret link; only the SHA-256 digest of its token is stored, so making a
new link or turning it off revokes the old one at once. Functions flush; the caller commits.
"""

from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from icalendar import Calendar, Event

from volunteer_match.extensions import db
from volunteer_match.models import RequestStatus, Role, Shift, ShiftRequest, ShiftStatus, User
from volunteer_match.services import audit
from volunteer_match.services.errors import Forbidden

PRODID = "-//Volunteer Match//Shifts//EN"
FEED_NAME = "My volunteer shifts"
# Shifts that belong in someone's calendar: places they hold, and ones they went to.
IN_CALENDAR = (RequestStatus.APPROVED.value, RequestStatus.ATTENDED.value)
TOKEN_BYTES = 32
TOKEN_MIN, TOKEN_MAX = 20, 100  # token_urlsafe(32) is 43 characters


def uid(shift: Shift) -> str:
    """Stable across downloads, so calendars update an event instead of adding another."""
    return f"shift-{shift.id}@volunteer-match"


def location(shift: Shift) -> str | None:
    opportunity = shift.opportunity
    if opportunity.virtual:
        return "Online"
    address = (opportunity.address or "").strip()
    postcode = (opportunity.postcode or "").strip()
    if address and postcode and postcode not in address:
        return f"{address}, {postcode}"
    return address or postcode or None


def description(shift: Shift) -> str:
    return (
        f"{shift.opportunity.organization.name}\n"
        "A volunteer shift arranged through Volunteer Match."
    )


def event(shift: Shift) -> Event:
    item = Event()
    item.add("uid", uid(shift))
    item.add("dtstamp", shift.updated_at)
    item.add("dtstart", shift.starts_at)
    item.add("dtend", shift.ends_at)
    item.add("summary", shift.opportunity.title)
    where = location(shift)
    if where:
        item.add("location", where)
    item.add("description", description(shift))
    cancelled = shift.status == ShiftStatus.CANCELLED.value
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return item


def _calendar(shifts: list[Shift], name: str | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-published-ttl", "PT1H")
    for shift in shifts:
        calendar.add_component(event(shift))
    return calendar.to_ical()


def shift_ics(shift: Shift) -> bytes:
    """One shift (the caller has checked the viewer may see it)."""
    return _calendar([shift])


def shifts_in_calendar(user: User) -> list[Shift]:
    return list(
        db.session.scalars(
            sa.select(Shift)
            .join(ShiftRequest, ShiftRequest.shift_id == Shift.id)
            .where(ShiftRequest.volunteer_id == user.id, ShiftRequest.status.in_(IN_CALENDAR))
            .order_by(Shift.starts_at, Shift.id)
        )
    )


def feed_ics(user: User) -> bytes:
    """All of a person's approved and attended shifts."""
    return _calendar(shifts_in_calendar(user), FEED_NAME)


# -- the private feed link ------------------------------------------------------------------


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _require_volunteer(user: User) -> None:
    if user.role != Role.VOLUNTEER.value:
        raise Forbidden("Calendar links are for volunteers' own shifts.")


def has_feed(user: User) -> bool:
    return user.calendar_token_hash is not None


def new_feed_token(user: User) -> str:
    """Make a secret feed token (shown once), replacing and so revoking any earlier one."""
    _require_volunteer(user)
    raw = secrets.token_urlsafe(TOKEN_BYTES)
    replaced = user.calendar_token_hash is not None
    user.calendar_token_hash = _digest(raw)
    db.session.flush()
    audit.record("calendar.feed_made", actor=user, subject=user, replaced=replaced)
    return raw


def turn_off_feed(user: User) -> bool:
    """Revoke the feed link; False if there was none."""
    _require_volunteer(user)
    if user.calendar_token_hash is None:
        return False
    user.calendar_token_hash = None
    db.session.flush()
    audit.record("calendar.feed_turned_off", actor=user, subject=user)
    return True


def user_for_feed_token(raw: str) -> User | None:
    """The active volunteer whose feed this is, or None (unknown, revoked, or malformed)."""
    if not TOKEN_MIN <= len(raw or "") <= TOKEN_MAX:
        return None
    user = db.session.scalar(sa.select(User).where(User.calendar_token_hash == _digest(raw)))
    if user is None or not user.active or user.role != Role.VOLUNTEER.value:
        return None
    return user
