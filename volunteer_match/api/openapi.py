"""The machine-readable OpenAPI 3.1 document of the API, at GET /api/v1/openapi.json.

Each operation names its request and response models; their JSON Schemas come from pydantic,
so the document cannot drift from what the views actually validate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from flask import jsonify
from flask.typing import ResponseReturnValue
from pydantic import BaseModel

from volunteer_match.api import schemas as s
from volunteer_match.api.blueprint import bp


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    ok: int
    response: type[BaseModel] | None
    body: type[BaseModel] | None = None
    auth: bool | Literal["optional"] = (
        True  # "optional": anonymous, or a token that changes the view
    )
    errors: tuple[int, ...] = ()
    query: type[BaseModel] | None = None  # its fields are the query parameters
    body_required: bool = True


OPERATIONS = (
    Operation("post", "/auth/register", "Create a volunteer or organization account", 201,
              s.AccountOut, s.RegisterIn, auth=False, errors=(400, 409, 422)),
    Operation("post", "/auth/token", "Exchange email and password for a bearer token", 200,
              s.TokenOut, s.TokenIn, auth=False, errors=(400, 401, 422, 429)),
    Operation("get", "/me", "The caller's account", 200, s.AccountOut, errors=(401,)),
    Operation("get", "/openapi.json", "This document", 200, None, auth=False),
    # organizations
    Operation("get", "/organizations/{organization_id}", "An organization (unverified ones only "
              "to their staff, coordinators and admins)", 200, s.OrganizationOut,
              auth="optional", errors=(401, 404)),
    Operation("patch", "/organizations/{organization_id}", "Change your organization's profile",
              200, s.OrganizationOut, s.OrganizationPatch, errors=(400, 401, 403, 404, 422)),
    Operation("post", "/organizations/{organization_id}/verify", "Verify an organization "
              "(coordinator, admin)", 200, s.OrganizationOut, errors=(401, 403, 404, 409)),
    Operation("post", "/organizations/{organization_id}/reject", "Say why an organization "
              "can't be verified yet (coordinator, admin)", 200, s.OrganizationOut, s.RejectIn,
              errors=(400, 401, 403, 404, 409, 422)),
    Operation("post", "/organizations/{organization_id}/opportunities", "Post an opportunity "
              "(staff of that organization)", 201, s.OpportunityOut, s.OpportunityIn,
              errors=(400, 401, 403, 404, 422)),
    # opportunities
    Operation("get", "/opportunities", "Open opportunities of verified organizations; with a "
              "volunteer's token, nearest to their postcode first", 200, s.ListingPageOut,
              auth="optional", errors=(401, 422), query=s.SearchParams),
    Operation("get", "/opportunities/{opportunity_id}", "An opportunity and its upcoming shifts",
              200, s.OpportunityOut, auth="optional", errors=(401, 404)),
    Operation("patch", "/opportunities/{opportunity_id}", "Change an opportunity (its "
              "organization)", 200, s.OpportunityOut, s.OpportunityPatch,
              errors=(400, 401, 403, 404, 422)),
    Operation("post", "/opportunities/{opportunity_id}/close", "Close an opportunity (its "
              "organization)", 200, s.OpportunityOut, errors=(401, 403, 404, 409)),
    Operation("post", "/opportunities/{opportunity_id}/reopen", "Reopen an opportunity (its "
              "organization)", 200, s.OpportunityOut, errors=(401, 403, 404, 409)),
    Operation("post", "/opportunities/{opportunity_id}/shifts", "Add a shift, or a weekly series "
              "with repeat (its organization)", 201, s.ShiftCreatedOut, s.ShiftIn,
              errors=(400, 401, 403, 404, 409, 422)),
    # shifts
    Operation("get", "/shifts/{shift_id}", "A shift", 200, s.ShiftOut, auth="optional",
              errors=(401, 404)),
    Operation("patch", "/shifts/{shift_id}", "Move a shift or change its places (its "
              "organization)", 200, s.ShiftOut, s.ShiftPatch,
              errors=(400, 401, 403, 404, 409, 422)),
    Operation("post", "/shifts/{shift_id}/cancel", "Cancel a shift; everyone who asked is told "
              "(its organization)", 200, s.ShiftOut, s.CancelShiftIn, body_required=False,
              errors=(400, 401, 403, 404, 409, 422)),
    # volunteer profile
    Operation("get", "/me/profile", "Your volunteer profile", 200, s.ProfileOut,
              errors=(401, 403)),
    Operation("put", "/me/profile", "Replace your volunteer profile", 200, s.ProfileOut,
              s.ProfileIn, errors=(400, 401, 403, 422)),
    # matching
    Operation("get", "/me/matches", "Opportunities ranked for you, best first, each with its "
              "soonest fitting shift and the reasons (volunteer)", 200, s.MatchPageOut,
              errors=(401, 403, 422), query=s.MatchParams),
    Operation("get", "/opportunities/{opportunity_id}/candidates", "Volunteers who let "
              "organizations find them, ranked for this opportunity (its organization, "
              "coordinators, admins)", 200, s.CandidateListOut, errors=(401, 403, 404, 422),
              query=s.MatchParams),
    # requests and the approval workflow
    Operation("post", "/shifts/{shift_id}/requests", "Ask for a place on a shift (volunteer); "
              "409 overlap_needs_confirm until confirm_overlap when it overlaps a shift you "
              "are approved for", 201, s.RequestOut, s.RequestIn, body_required=False,
              errors=(400, 401, 403, 404, 409, 422)),
    Operation("get", "/requests", "Requests you may see: a coordinator's queue, a volunteer's "
              "own, or those for an organization's shifts", 200, s.RequestPageOut,
              errors=(401, 403, 404, 422), query=s.RequestListParams),
    Operation("get", "/requests/{request_id}", "A request you may see", 200, s.RequestOut,
              errors=(401, 404)),
    Operation("post", "/requests/{request_id}/approve", "Approve a request, or waitlist it when "
              "the shift is full (coordinator)", 200, s.RequestOut, s.ApproveIn,
              body_required=False, errors=(400, 401, 403, 404, 409, 422)),
    Operation("post", "/requests/{request_id}/decline", "Decline a request with a kind note "
              "(coordinator)", 200, s.RequestOut, s.DeclineIn,
              errors=(400, 401, 403, 404, 409, 422)),
    Operation("post", "/requests/{request_id}/message", "Send the volunteer a message about "
              "their request (coordinator)", 200, s.RequestOut, s.MessageIn,
              errors=(400, 401, 403, 404, 422)),
    Operation("post", "/requests/{request_id}/cancel", "Cancel a request (the volunteer, or its "
              "organization with a reason); the oldest waitlisted request takes a freed place",
              200, s.RequestOut, s.CancelIn, body_required=False,
              errors=(400, 401, 403, 404, 409, 422)),
    Operation("post", "/requests/{request_id}/attendance", "Record attendance and verified "
              "hours once the shift has started (its organization)", 200, s.RequestOut,
              s.AttendanceIn, errors=(400, 401, 403, 404, 409, 422)),
    Operation("get", "/shifts/{shift_id}/roster", "Who is on a shift: display names, and email "
              "where the volunteer shares it (its organization, coordinators)", 200,
              s.RosterOut, errors=(401, 403, 404)),
    Operation("get", "/me/hours", "Your verified hours (volunteer)", 200, s.HoursOut,
              errors=(401, 403)),
    # coordinator caseload
    Operation("post", "/me/coordinator", "Share your volunteering with the coordinator who "
              "made this invite code; sending it is your consent (volunteer)", 201,
              s.CoordinatorLinkOut, s.ShareIn, errors=(400, 401, 403, 409, 422)),
    Operation("get", "/me/coordinator", "The coordinator you share with, and what you agreed "
              "to share (volunteer)", 200, s.CoordinatorLinkOut, errors=(401, 403, 404)),
    Operation("delete", "/me/coordinator", "Stop sharing with your coordinator, at once "
              "(volunteer)", 204, None, errors=(401, 403, 404)),
    Operation("get", "/coordinator/caseload", "The people who share with you: upcoming "
              "shifts, verified hours, last activity; each look is audited (coordinator, "
              "admin)", 200, s.CaseloadPageOut, errors=(401, 403, 422),
              query=s.CaseloadParams),
    Operation("post", "/coordinator/invite-codes", "Make a single-use invite code, valid for "
              "14 days (coordinator, admin)", 201, s.InviteCodeOut, errors=(401, 403)),
    # calendars (text/calendar)
    Operation("get", "/shifts/{shift_id}.ics", "A shift as an iCalendar file", 200, None,
              auth="optional", errors=(401, 404)),
    Operation("get", "/me/calendar.ics", "Your approved and attended shifts as an iCalendar "
              "file (volunteer)", 200, None, errors=(401, 403)),
    # privacy rights
    Operation("get", "/me/export", "Everything held about you, as a JSON file to download "
              "(never passwords or token digests)", 200, s.ExportOut, errors=(401,)),
    Operation("delete", "/me", "Erase your account and its personal data; your live requests "
              "are cancelled first and attended hours are kept only as anonymous totals",
              204, None, s.EraseIn, errors=(400, 401, 409, 422, 429)),
)  # fmt: skip

_PATH_PARAMETER = re.compile(r"{(\w+)}")
_ID = {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}  # ids are 32-bit integers
_SECURITY: dict[bool | str, list[dict[str, list[str]]]] = {
    True: [{"bearer": []}],
    False: [],
    "optional": [{}, {"bearer": []}],  # anonymous, or a token that changes what is shown
}


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _json(model: type[BaseModel]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": _ref(model)}}}


def _operation(op: Operation) -> dict[str, Any]:
    responses: dict[str, Any] = {
        str(op.ok): {"description": "Success", **(_json(op.response) if op.response else {})}
    }
    for status in op.errors:
        responses[str(status)] = {"description": "Error", **_json(s.ErrorOut)}
    out: dict[str, Any] = {"summary": op.summary, "responses": responses}
    parameters = _parameters(op)
    if parameters:
        out["parameters"] = parameters
    if op.body is not None:
        out["requestBody"] = {"required": op.body_required, **_json(op.body)}
    out["security"] = _SECURITY[op.auth]
    return out


def _parameters(op: Operation) -> list[dict[str, Any]]:
    parameters: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, "schema": _ID}
        for name in _PATH_PARAMETER.findall(op.path)
    ]
    if op.query is not None:
        schema = op.query.model_json_schema(ref_template="#/components/schemas/{model}")
        required = set(schema.get("required", ()))
        for name, field_schema in schema["properties"].items():
            parameter = {"name": name, "in": "query", "required": name in required}
            if "description" in field_schema:
                parameter["description"] = field_schema["description"]
            parameters.append({**parameter, "schema": field_schema})
    return parameters


@cache
def document() -> dict[str, Any]:
    models = {s.ErrorOut} | {m for op in OPERATIONS for m in (op.body, op.response) if m}
    schemas: dict[str, Any] = {}
    for model in sorted(models, key=lambda m: m.__name__):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    paths: dict[str, Any] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Volunteer Match API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


@bp.get("/openapi.json")
def openapi_json() -> ResponseReturnValue:
    return jsonify(document())
