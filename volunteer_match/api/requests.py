"""The request workflow in the API: asking for a shift, deciding, cancelling, attendance,
rosters and verified hours.

Every rule lives in services.requests; these views parse, call it and shape the answer
(the transaction boundary commits). Times come back in UTC with "Z".
"""

from __future__ import annotations

from flask import jsonify
from flask.typing import ResponseReturnValue

from volunteer_match.api.blueprint import bp
from volunteer_match.api.common import (
    api_user,
    parse_body,
    parse_optional_body,
    parse_query,
    token_required,
)
from volunteer_match.api.schemas.requests import (
    ApproveIn,
    AttendanceIn,
    CancelIn,
    DeclineIn,
    HoursItemOut,
    HoursOut,
    MessageIn,
    RequestIn,
    RequestListParams,
    RequestOut,
    RequestPageOut,
    RequestShiftOut,
    RosterEntryOut,
    RosterOut,
)
from volunteer_match.models import REVIEWER_ROLES, Role, ShiftRequest, User
from volunteer_match.services import hours, requests, visibility

VOLUNTEER = Role.VOLUNTEER.value
STAFF = Role.ORGANIZATION.value
ROSTER_VIEWERS = (STAFF, *REVIEWER_ROLES)


# ---------------------------------------------------------------- shaping


def request_out(request: ShiftRequest, viewer: User) -> RequestOut:
    shift = request.shift
    opportunity = shift.opportunity
    return RequestOut(
        id=request.id,
        shift_id=request.shift_id,
        volunteer_id=request.volunteer_id,
        display_name=request.volunteer.display_name,
        status=request.status,  # type: ignore[arg-type]
        message=request.message or "",
        hours=request.hours,
        created_at=request.created_at,
        updated_at=request.updated_at,
        decided_at=request.decided_at,
        decision_note=visibility.decision_note(viewer, request),
        cancel_reason=request.cancel_reason,
        shift=RequestShiftOut(
            id=shift.id,
            opportunity_id=opportunity.id,
            title=opportunity.title,
            organization=opportunity.organization.name,
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
        ),
    )


def request_json(request: ShiftRequest, viewer: User) -> dict:
    return request_out(request, viewer).model_dump(mode="json")


# ---------------------------------------------------------------- asking


@bp.post("/shifts/<int:shift_id>/requests")
@token_required(VOLUNTEER)
def create_request(shift_id: int) -> ResponseReturnValue:
    body = parse_optional_body(RequestIn)
    request = requests.create(api_user(), shift_id, body.message, body.confirm_overlap)
    return jsonify(request_json(request, api_user())), 201


# ---------------------------------------------------------------- reading


@bp.get("/requests")
@token_required()
def list_requests() -> ResponseReturnValue:
    params = parse_query(RequestListParams)
    items, total = requests.visible_page(api_user(), params.status, params.page, params.per_page)
    out = RequestPageOut(
        items=[request_out(r, api_user()) for r in items],
        page=params.page,
        per_page=params.per_page,
        total=total,
    )
    return jsonify(out.model_dump(mode="json"))


@bp.get("/requests/<int:request_id>")
@token_required()
def get_request(request_id: int) -> ResponseReturnValue:
    request = requests.get_for(api_user(), request_id)
    return jsonify(request_json(request, api_user()))


# ---------------------------------------------------------------- deciding


@bp.post("/requests/<int:request_id>/approve")
@token_required(*REVIEWER_ROLES)
def approve_request(request_id: int) -> ResponseReturnValue:
    body = parse_optional_body(ApproveIn)
    request = requests.approve(api_user(), request_id, body.note)
    return jsonify(request_json(request, api_user()))


@bp.post("/requests/<int:request_id>/decline")
@token_required(*REVIEWER_ROLES)
def decline_request(request_id: int) -> ResponseReturnValue:
    body = parse_body(DeclineIn)
    request = requests.decline(api_user(), request_id, body.note)
    return jsonify(request_json(request, api_user()))


@bp.post("/requests/<int:request_id>/message")
@token_required(*REVIEWER_ROLES)
def message_request(request_id: int) -> ResponseReturnValue:
    body = parse_body(MessageIn)
    request = requests.send_message(api_user(), request_id, body.text)
    return jsonify(request_json(request, api_user()))


# ---------------------------------------------------------------- cancelling and attendance


@bp.post("/requests/<int:request_id>/cancel")
@token_required(VOLUNTEER, STAFF)
def cancel_request(request_id: int) -> ResponseReturnValue:
    body = parse_optional_body(CancelIn)
    request = requests.cancel(api_user(), request_id, body.reason)
    return jsonify(request_json(request, api_user()))


@bp.post("/requests/<int:request_id>/attendance")
@token_required(STAFF)
def record_attendance(request_id: int) -> ResponseReturnValue:
    body = parse_body(AttendanceIn)
    request = requests.record_attendance(api_user(), request_id, body.attended, body.hours)
    return jsonify(request_json(request, api_user()))


# ---------------------------------------------------------------- rosters and hours


def _roster_entry(line: visibility.RosterLine) -> RosterEntryOut:
    return RosterEntryOut(
        request_id=line.request.id,
        volunteer_id=line.request.volunteer_id,
        display_name=line.display_name,
        status=line.request.status,  # type: ignore[arg-type]
        email=line.email,
    )


@bp.get("/shifts/<int:shift_id>/roster")
@token_required(*ROSTER_VIEWERS)
def shift_roster(shift_id: int) -> ResponseReturnValue:
    entries = [_roster_entry(line) for line in visibility.roster(api_user(), shift_id)]
    return jsonify(RosterOut(shift_id=shift_id, items=entries).model_dump(mode="json"))


def _hours_item(item: hours.VerifiedShift) -> HoursItemOut:
    return HoursItemOut(
        request_id=item.request_id,
        shift_id=item.shift_id,
        title=item.title,
        organization=item.organization,
        date=item.day,
        starts_at=item.starts_at,
        hours=item.hours,
        verified_by=item.organization,
    )


@bp.get("/me/hours")
@token_required(VOLUNTEER)
def my_hours() -> ResponseReturnValue:
    record = hours.record(api_user())
    items = [_hours_item(item) for item in record.shifts]
    return jsonify(HoursOut(total_hours=record.total, items=items).model_dump(mode="json"))
