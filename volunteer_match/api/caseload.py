"""Coordinator caseloads and calendar files in the API.

Caseload: POST/GET/DELETE /me/coordinator (volunteer), GET /coordinator/caseload and
POST /coordinator/invite-codes (coordinator, admin). Calendars: GET /shifts/{id}.ics and
GET /me/calendar.ics answer text/calendar.
"""

from __future__ import annotations

from flask import jsonify
from flask.typing import ResponseReturnValue

from volunteer_match.api.blueprint import bp
from volunteer_match.api.common import (
    api_user,
    optional_user,
    parse_body,
    parse_query,
    token_required,
)
from volunteer_match.api.schemas.caseload import (
    CaseloadEntryOut,
    CaseloadPageOut,
    CaseloadParams,
    CoordinatorLinkOut,
    InviteCodeOut,
    ShareIn,
    UpcomingShiftOut,
)
from volunteer_match.models import REVIEWER_ROLES, CoordinatorLink, Role
from volunteer_match.responses import ics_response
from volunteer_match.services import calendar, caseload, shifts
from volunteer_match.services.errors import NotFound

VOLUNTEER = Role.VOLUNTEER.value


def _link_json(link: CoordinatorLink) -> dict:
    return CoordinatorLinkOut(
        coordinator_name=link.coordinator.display_name,
        consent_scope=list(link.consent_scope),
        consented_at=link.consented_at,
    ).model_dump(mode="json")


def _entry(entry: caseload.CaseloadEntry) -> CaseloadEntryOut:
    upcoming = None
    if entry.upcoming is not None:
        upcoming = [
            UpcomingShiftOut(
                shift_id=s.shift_id,
                title=s.title,
                organization=s.organization,
                starts_at=s.starts_at,
                ends_at=s.ends_at,
            )
            for s in entry.upcoming
        ]
    return CaseloadEntryOut(
        volunteer_id=entry.volunteer_id,
        display_name=entry.display_name,
        linked_at=entry.linked_at,
        consent_scope=list(entry.consent_scope),
        upcoming_shifts=upcoming,
        verified_hours=entry.hours,
        last_activity=entry.last_activity,
        follow_up=entry.follow_up,
    )


# -- a volunteer's link ---------------------------------------------------------------------


@bp.post("/me/coordinator")
@token_required(VOLUNTEER)
def start_sharing() -> ResponseReturnValue:
    """Sending the code is the volunteer's consent to share CONSENT_SCOPE."""
    body = parse_body(ShareIn)
    link = caseload.link(api_user(), body.invite_code)
    return jsonify(_link_json(link)), 201


@bp.get("/me/coordinator")
@token_required(VOLUNTEER)
def my_coordinator() -> ResponseReturnValue:
    link = caseload.current_link(api_user())
    if link is None:
        raise NotFound("You aren't sharing with a coordinator.")
    return jsonify(_link_json(link))


@bp.delete("/me/coordinator")
@token_required(VOLUNTEER)
def stop_sharing() -> ResponseReturnValue:
    caseload.unlink(api_user())
    return "", 204


# -- a coordinator's caseload ---------------------------------------------------------------


@bp.get("/coordinator/caseload")
@token_required(*REVIEWER_ROLES)
def coordinator_caseload() -> ResponseReturnValue:
    params = parse_query(CaseloadParams)
    page = caseload.caseload(api_user(), params.page, params.per_page)
    out = CaseloadPageOut(
        items=[_entry(entry) for entry in page.items],
        page=page.page,
        per_page=page.per_page,
        total=page.total,
    )
    return jsonify(out.model_dump(mode="json"))


@bp.post("/coordinator/invite-codes")
@token_required(*REVIEWER_ROLES)
def make_invite_code() -> ResponseReturnValue:
    invite = caseload.issue_invite_code(api_user())
    out = InviteCodeOut(invite_code=invite.code, expires_at=invite.expires_at)
    return jsonify(out.model_dump(mode="json")), 201


# -- calendar files -------------------------------------------------------------------------


@bp.get("/shifts/<int:shift_id>.ics")
def shiftics_response(shift_id: int) -> ResponseReturnValue:
    shift = shifts.get_for_viewer(shift_id, optional_user())
    return ics_response(calendar.shift_ics(shift), f"shift-{shift.id}.ics")


@bp.get("/me/calendar.ics")
@token_required(VOLUNTEER)
def my_calendar() -> ResponseReturnValue:
    return ics_response(calendar.feed_ics(api_user()))
