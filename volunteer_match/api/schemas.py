"""Request and response shapes of the API (pydantic); also feed the OpenAPI document."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from volunteer_match.models import OrganizationKind


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class OrganizationIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    kind: OrganizationKind = OrganizationKind.NONPROFIT
    description: str = Field(default="", max_length=5000)
    postcode: str | None = Field(default=None, max_length=10)
    address: str = Field(default="", max_length=300)


class RegisterIn(Strict):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(max_length=256)
    display_name: str = Field(min_length=1, max_length=80)
    role: Literal["volunteer", "organization"]
    organization: OrganizationIn | None = None


class TokenIn(Strict):
    email: str = Field(max_length=254)
    password: str = Field(max_length=256)


class AccountOut(BaseModel):
    id: int
    email: str
    display_name: str
    role: str
    organization_id: int | None = None


class TokenOut(BaseModel):
    token: str
    expires_at: datetime


class ErrorBody(BaseModel):
    code: str
    message: str
    fields: dict[str, list[str]] | None = None


class ErrorOut(BaseModel):
    error: ErrorBody
