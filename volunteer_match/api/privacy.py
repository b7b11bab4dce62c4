"""A person's privacy rights in the API: GET /me/export and DELETE /me.

The export is a JSON file of everything held about the caller (never secrets); deleting
erases the account and its personal data, keeping only anonymous hour totals.
"""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask.typing import ResponseReturnValue
from pydantic import BaseModel, ConfigDict, Field

from volunteer_match.api import bp
from volunteer_match.api.common import api_user, parse_body, token_required
from volunteer_match.api.schemas import Strict
from volunteer_match.extensions import db, limiter
from volunteer_match.responses import data_file_response
from volunteer_match.services import privacy
from volunteer_match.services.passwords import MAX_PASSWORD_LENGTH


class EraseIn(Strict):
    password: str = Field(max_length=MAX_PASSWORD_LENGTH, description="Confirms it is you.")


class ExportOut(BaseModel):
    """Everything held about the caller. Times are UTC ("Z"); no password or token digests."""

    model_config = ConfigDict(extra="forbid")

    exported_at: str
    account: dict[str, Any] = Field(
        description="id, email, display_name, role, active, created_at, last_login_at"
    )
    volunteer_profile: dict[str, Any] | None = Field(
        description="Volunteers: skills, interests, goals, availability, postcode, travel_km, "
        "virtual_ok, timezone, preferences, must_have, sharing choices, and what the matcher "
        "understood (skill_concepts, interest_concepts)"
    )
    requests: list[dict[str, Any]] = Field(
        description="Each request: shift times, opportunity, organization, status, your "
        "message, decision note, hours, verified_at"
    )
    notifications: list[dict[str, Any]]
    coordinator_links: list[dict[str, Any]] = Field(
        description="coordinator, consent_scope, consented_at, unlinked_at"
    )
    organization_membership: dict[str, Any] | None = Field(
        description="Organization accounts: the organization you belong to"
    )
    calendar_feed_on: bool
    api_tokens: list[dict[str, Any]] = Field(
        description="created_at, expires_at, last_used_at, revoked_at (never the token)"
    )
    activity: list[dict[str, Any]] = Field(
        description="What the audit log records you doing: action, created_at"
    )


@bp.get("/me/export")
@token_required()
def export_my_data() -> ResponseReturnValue:
    data = privacy.export(api_user())
    ExportOut.model_validate(data)  # the document describes exactly what is sent
    db.session.commit()  # keeps the token's last-used time
    return data_file_response(data)


@bp.delete("/me")
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
@token_required()
def erase_me() -> ResponseReturnValue:
    body = parse_body(EraseIn)
    privacy.erase(api_user(), body.password)
    db.session.commit()
    return "", 204
