"""An organization's roster for one shift: who is coming, cancelling a place with a reason,
and, once the shift has started, recording who came and their hours.

Coordinators and admins may read a roster but change nothing here. An organization sees a
display name, an email only where the volunteer allows it, and a status: never goals,
messages, reasons for a match or anything about coordinators.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm

from volunteer_match.auth_session import role_required
from volunteer_match.models import REVIEWER_ROLES, RequestStatus, Role, Shift, ShiftRequest, utcnow
from volunteer_match.services import clock, requests, shifts, visibility
from volunteer_match.web import attempt_or_flash
from volunteer_match.web.requests.blueprint import bp
from volunteer_match.web.requests.common import format_hours, organization_zone, span
from volunteer_match.web.requests.forms import AttendanceForm, CancelForm, prefix

ORGANIZATION = Role.ORGANIZATION.value
VIEWERS = (ORGANIZATION, *REVIEWER_ROLES)
S = RequestStatus
Failed = tuple[int, FlaskForm]


@dataclass(frozen=True)
class RosterEntry:
    request: ShiftRequest
    name: str
    email: str | None
    status: str
    cancel: CancelForm | None = None
    attendance: AttendanceForm | None = None


def shift_hours(shift: Shift) -> float:
    return (shift.ends_at - shift.starts_at) / timedelta(hours=1)


def _status(item: ShiftRequest, started: bool) -> str:
    if item.status == S.ATTENDED.value:
        return f"Came: {format_hours(item.hours)} hours"
    if item.status == S.NO_SHOW.value:
        return "Didn't come"
    return "Attendance not recorded yet" if started else "Coming"


def _entry(
    line: visibility.RosterLine, started: bool, staff: bool, failed: Failed | None
) -> RosterEntry:
    """A person on the roster, with the one form that fits: cancel before, attendance after."""
    item = line.request
    mine = failed[1] if failed and failed[0] == item.id else None
    entry = RosterEntry(item, line.display_name, line.email, _status(item, started))
    if not staff or item.status != S.APPROVED.value:
        return entry
    if not started:
        if not isinstance(mine, CancelForm):
            mine = CancelForm(prefix=prefix("cancel", item.id), formdata=None)
        return replace(entry, cancel=mine)
    if not isinstance(mine, AttendanceForm):
        length = Decimal(format_hours(shift_hours(item.shift)))
        mine = AttendanceForm(
            prefix=prefix("attendance", item.id), formdata=None, data={"hours": length}
        )
    return replace(entry, attendance=mine)


def roster_page(shift_id: int, failed: Failed | None = None) -> ResponseReturnValue:
    people = visibility.roster(current_user, shift_id)  # not theirs: 404
    staff = current_user.role == ORGANIZATION
    shift = (
        shifts.get_managed(current_user, shift_id)
        if staff
        else shifts.get_for_viewer(shift_id, current_user)
    )
    started = shift.starts_at <= utcnow()
    zone = organization_zone(shift)
    page = render_template(
        "requests/roster.html",
        shift=shift,
        when=span(shift, zone),
        zone_name=clock.zone_label(zone.key),
        entries=[_entry(item, started, staff, failed) for item in people],
        started=started,
        staff=staff,
        waiting=shifts.waitlist_counts([shift_id]).get(shift_id, 0),
        failed=failed[1] if failed else None,
    )
    return page, 422 if failed else 200


@bp.get("/shifts/<int:shift_id>/roster")
@role_required(*VIEWERS)
def roster(shift_id: int) -> ResponseReturnValue:
    return roster_page(shift_id)


def _recorded_message(name: str, came: bool, hours: float | None) -> str:
    if came:
        return f"Thank you. {name}'s {format_hours(hours)} hours are on their verified record."
    return f"{name} is marked as not having come."


@bp.post("/requests/<int:request_id>/attendance")
@role_required(ORGANIZATION)
def attendance(request_id: int) -> ResponseReturnValue:
    item = requests.get_for(current_user, request_id)  # not theirs: 404
    shift_id, name = item.shift_id, item.volunteer.display_name
    form = AttendanceForm(prefix=prefix("attendance", request_id))
    if not form.validate():
        return roster_page(shift_id, failed=(request_id, form))
    hours = form.hours_given() if form.came else None
    recorded = attempt_or_flash(
        form, "error", requests.record_attendance, current_user, request_id, form.came, hours
    )
    if form.errors:
        return roster_page(shift_id, failed=(request_id, form))
    if recorded:
        flash(_recorded_message(name, form.came, recorded.hours), "success")
    return redirect(url_for("requests.roster", shift_id=shift_id))
