"""API shapes of accounts: registering (with a new organization), tokens, who you are."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from volunteer_match.api.schemas.common import Strict
from volunteer_match.models import (
    ADDRESS_MAX,
    DISPLAY_NAME_MAX,
    NAME_MAX,
    TEXT_MAX,
    OrganizationKind,
)
from volunteer_match.services.passwords import MAX_PASSWORD_LENGTH

EMAIL_MAX = 254  # the longest address mail servers deliver to


class OrganizationIn(Strict):
    name: str = Field(min_length=1, max_length=NAME_MAX)
    kind: OrganizationKind = OrganizationKind.NONPROFIT
    description: str = Field(default="", max_length=TEXT_MAX)
    postcode: str | None = Field(default=None, max_length=10)
    address: str = Field(default="", max_length=ADDRESS_MAX)


class RegisterIn(Strict):
    email: str = Field(min_length=3, max_length=EMAIL_MAX)
    password: str = Field(max_length=MAX_PASSWORD_LENGTH)
    display_name: str = Field(min_length=1, max_length=DISPLAY_NAME_MAX)
    role: Literal["volunteer", "organization"]
    organization: OrganizationIn | None = None


class TokenIn(Strict):
    email: str = Field(max_length=EMAIL_MAX)
    password: str = Field(max_length=MAX_PASSWORD_LENGTH)


class AccountOut(BaseModel):
    id: int
    email: str
    display_name: str
    role: str
    organization_id: int | None = None


class TokenOut(BaseModel):
    token: str
    expires_at: datetime
