"""Volunteers ask for a shift, follow their requests under My shifts, and cancel them.

Also the template globals that let the opportunity page, /matches and the dashboards show
what a person has asked for and what waits for a decision (computed here from
services.requests, never in a template).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from volunteer_match import transaction
from volunteer_match.auth_session import role_required, safe_next
from volunteer_match.models import (
    LIVE_STATUSES,
    REVIEWER_ROLES,
    RequestStatus,
    Role,
    Shift,
    ShiftRequest,
    User,
    utcnow,
)
from volunteer_match.services import clock, requests, shifts
from volunteer_match.services.errors import Conflict, ValidationFailed
from volunteer_match.services.requests import OverlapNeedsConfirm
from volunteer_match.web import attempt, attempt_or_flash, show_errors_on_form
from volunteer_match.web.requests.blueprint import bp
from volunteer_match.web.requests.common import (
    ask_form,
    format_hours,
    live_shift_ids,
    signed_in_volunteer,
    span,
    volunteer_zone,
)
from volunteer_match.web.requests.forms import AskForm, CancelForm, prefix
from volunteer_match.web.requests.roster import roster_page

VOLUNTEER = Role.VOLUNTEER.value
ORGANIZATION = Role.ORGANIZATION.value
S = RequestStatus


# -- template globals ---------------------------------------------------------------------------


bp.add_app_template_global(ask_form, "ask_form_for")


@bp.app_template_global()
def asked_shift_ids() -> set[int]:
    """Shifts the signed-in volunteer has a live request for (empty for anyone else)."""
    volunteer = signed_in_volunteer()
    return live_shift_ids(volunteer) if volunteer else set()


@bp.app_template_global()
def pending_request_count() -> int:
    """For coordinators' and admins' dashboards: requests waiting for their decision."""
    if not current_user.is_authenticated or current_user.role not in REVIEWER_ROLES:
        return 0
    return len(requests.queue(current_user))


bp.add_app_template_filter(format_hours, "hours")


# -- asking -------------------------------------------------------------------------------------


def _ask_page(shift: Shift, form: AskForm, back: str, overlap: str = "") -> str:
    form.next.data = back
    if overlap:
        form.confirm_overlap.data = "1"
    return render_template(
        "requests/ask.html",
        shift=shift,
        when=span(shift, volunteer_zone(current_user)),
        form=form,
        back=back,
        overlap=overlap,
    )


def _not_asked(
    shift: Shift, form: AskForm, back: str, error: ValidationFailed | Conflict
) -> ResponseReturnValue:
    """An overlap asks "ask anyway?" (409); a problem with the message shows on the form
    (422); any other conflict (already asked, already started) is news for a flash."""
    if isinstance(error, OverlapNeedsConfirm):
        return _ask_page(shift, form, back, overlap=error.message), 409
    if isinstance(error, ValidationFailed):
        show_errors_on_form(form, error)
        return _ask_page(shift, form, back), 422
    flash(error.message, "info")
    return redirect(back)


def _asked_message(shift: Shift) -> str:
    when = span(shift, volunteer_zone(current_user))
    return (
        f"You asked for the {shift.opportunity.title} shift on {when}. A coordinator will look "
        "at it soon, and you can follow it under My shifts."
    )


@bp.post("/shifts/<int:shift_id>/request")
@role_required(VOLUNTEER)
def ask(shift_id: int) -> ResponseReturnValue:
    shift = shifts.get_for_viewer(shift_id, current_user)
    form = AskForm(prefix=prefix("ask", shift_id))
    back = safe_next(form.next.data) or url_for(
        "opportunities.show", opportunity_id=shift.opportunity_id
    )
    try:  # not attempt(): an overlap is a Conflict with a page of its own
        requests.create(current_user, shift_id, form.message.data or "", form.confirmed)
    except (ValidationFailed, Conflict) as error:
        transaction.rollback()
        return _not_asked(shift, form, back, error)
    flash(_asked_message(shift), "success")
    return redirect(back)


# -- My shifts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MyShift:
    request: ShiftRequest
    span: str
    status: str
    detail: str = ""
    can_cancel: bool = False


def _past_status(item: ShiftRequest) -> tuple[str, str]:
    """What happened to a request that is over, in the volunteer's words."""
    if item.status == S.ATTENDED.value:
        return f"You came: {format_hours(item.hours)} hours verified", ""
    if item.status == S.NO_SHOW.value:
        return "Marked as missed", "If that's not right, let the organization know."
    if item.status == S.DECLINED.value:
        return "Not approved this time", item.decision_note or ""
    if item.status == S.CANCELLED.value:
        if item.cancelled_by_id == item.volunteer_id:
            return "You cancelled this", ""
        return "Cancelled by the organization", item.cancel_reason or ""
    if item.status == S.APPROVED.value:
        return "Approved", "Waiting for the organization to record your hours."
    if item.status == S.WAITLISTED.value:
        return "No place opened up", ""
    return "Not decided before the shift", ""


def my_rows(volunteer: User) -> dict[str, list[MyShift]]:
    zone, now = volunteer_zone(volunteer), utcnow()
    sections: dict[str, list[MyShift]] = {"pending": [], "approved": [], "waitlisted": []}
    past: list[MyShift] = []
    for item in requests.of_volunteer(volunteer):
        when, shift = span(item.shift, zone), item.shift
        upcoming = shift.starts_at > now
        if item.status in LIVE_STATUSES and upcoming:
            sections[item.status].append(MyShift(item, when, "", can_cancel=True))
        elif item.status == S.APPROVED.value and shift.ends_at > now:
            sections["approved"].append(MyShift(item, when, "Happening now"))
        else:
            status, detail = _past_status(item)
            past.append(MyShift(item, when, status, detail))
    sections["past"] = past[::-1]  # most recent first
    return sections


@bp.get("/my/shifts")
@role_required(VOLUNTEER)
def my_shifts() -> ResponseReturnValue:
    zone = volunteer_zone(current_user)
    return render_template(
        "my/shifts.html", sections=my_rows(current_user), zone_name=clock.zone_label(zone.key)
    )


# -- cancelling ---------------------------------------------------------------------------------


def _cancelled_message(item: ShiftRequest, was: str) -> str:
    if current_user.role == ORGANIZATION:
        return f"{item.volunteer.display_name}'s place is cancelled. We've told them why."
    title, when = item.shift.opportunity.title, span(item.shift, volunteer_zone(current_user))
    if was == S.APPROVED.value:
        return (
            f"You've given up your place on the {title} shift on {when}. "
            "Thank you for letting them know."
        )
    return f"Your request for the {title} shift on {when} is withdrawn."


@bp.post("/requests/<int:request_id>/cancel")
@role_required(VOLUNTEER, ORGANIZATION)
def cancel(request_id: int) -> ResponseReturnValue:
    item = requests.get_for(current_user, request_id)  # not theirs: 404
    shift_id, was = item.shift_id, item.status
    if current_user.role == ORGANIZATION:  # with a reason, from the roster
        form = CancelForm(prefix=prefix("cancel", request_id))
        reason = form.reason.data or ""
        done = attempt_or_flash(form, "error", requests.cancel, current_user, request_id, reason)
        if form.errors:
            return roster_page(shift_id, failed=(request_id, form))
        back = url_for("requests.roster", shift_id=shift_id)
    else:
        done = attempt(None, requests.cancel, current_user, request_id, "")
        back = url_for("requests.my_shifts")
    if done:
        flash(_cancelled_message(done, was), "success")
    return redirect(back)
