"""Helpers the request pages share: time zones, shift times and hours as people read them."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from flask import request
from flask_login import current_user

from volunteer_match.models import LIVE_STATUSES, Opportunity, Role, Shift, User
from volunteer_match.services import clock, dashboards, requests, shifts
from volunteer_match.web.requests.forms import AskForm, prefix


def volunteer_zone(user: User) -> ZoneInfo:
    """The volunteer's own zone (without creating a profile on a page that only reads)."""
    profile = dashboards.volunteer_profile(user)
    return clock.zone(profile.timezone if profile else None)


def organization_zone(shift: Shift) -> ZoneInfo:
    return clock.zone(shift.opportunity.organization.timezone)


def span(shift: Shift, zone: ZoneInfo) -> str:
    return clock.format_span(shift.starts_at, shift.ends_at, zone)


def format_hours(hours: float | None) -> str:
    """2 -> '2', 2.5 -> '2.5', 1.8333 -> '1.83'."""
    return f"{round(hours or 0.0, 2):.2f}".rstrip("0").rstrip(".")


def live_shift_ids(volunteer: User) -> set[int]:
    return {
        item.shift_id for item in requests.of_volunteer(volunteer) if item.status in LIVE_STATUSES
    }


def ask_form(shift_id: int) -> AskForm:
    """An empty "Ask for this shift" form that brings the person back to this page."""
    form = AskForm(prefix=prefix("ask", shift_id), formdata=None)
    form.next.data = request.path
    return form


def signed_in_volunteer() -> User | None:
    if current_user.is_authenticated and current_user.role == Role.VOLUNTEER.value:
        return current_user
    return None


@dataclass(frozen=True)
class ShiftLine:
    """One line of an opportunity page's list of upcoming shifts."""

    shift_id: int
    span: str
    free: int
    asked: bool  # a volunteer is reading and has a live request for it
    form: AskForm | None  # a volunteer is reading and hasn't asked yet


def upcoming_shifts(opportunity: Opportunity) -> list[ShiftLine]:
    """The opportunity page's shifts, and for a volunteer whether they've asked for each."""
    volunteer = signed_in_volunteer()
    zone = volunteer_zone(volunteer) if volunteer else clock.zone(None)
    asked = live_shift_ids(volunteer) if volunteer else set()
    return [
        ShiftLine(
            shift_id=shift.id,
            span=span(shift, zone),
            free=shift.free_places,
            asked=shift.id in asked,
            form=ask_form(shift.id) if volunteer and shift.id not in asked else None,
        )
        for shift in shifts.upcoming(opportunity)
    ]
