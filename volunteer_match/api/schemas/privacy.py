"""API shapes of a person's privacy rights: the data export and erasing the account."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from volunteer_match.api.schemas.common import Strict
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
