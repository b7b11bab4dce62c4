"""API shapes of organizations: their profile, changes to it, and a reviewer's rejection."""

from __future__ import annotations

from pydantic import BaseModel, Field

from volunteer_match.api.schemas.common import Patch, Strict, UtcTime, omit_none
from volunteer_match.models import ADDRESS_MAX, NAME_MAX, TEXT_MAX, OrganizationKind
from volunteer_match.services.organizations import REASON_MAX


class OrganizationPatch(Patch):
    NULLABLE = frozenset({"postcode"})

    name: str | None = Field(default=None, min_length=1, max_length=NAME_MAX)
    kind: OrganizationKind | None = None
    description: str | None = Field(default=None, max_length=TEXT_MAX)
    address: str | None = Field(default=None, max_length=ADDRESS_MAX)
    postcode: str | None = Field(default=None, max_length=10)


class RejectIn(Strict):
    reason: str = Field(max_length=REASON_MAX)


class OrganizationOut(BaseModel):
    id: int
    name: str
    kind: str
    description: str
    address: str
    postcode: str | None
    timezone: str
    verified: bool
    verified_at: UtcTime | None = Field(default=None, exclude_if=omit_none)
    rejected_at: UtcTime | None = Field(default=None, exclude_if=omit_none)
    rejection_reason: str | None = Field(default=None, exclude_if=omit_none)


class OrganizationRef(BaseModel):
    id: int
    name: str
