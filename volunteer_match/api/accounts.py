"""Accounts in the API: register, get a token, see who you are."""

from __future__ import annotations

from flask import current_app, jsonify
from flask.typing import ResponseReturnValue

from volunteer_match.api.blueprint import bp
from volunteer_match.api.common import api_user, parse_body, token_required
from volunteer_match.api.schemas.accounts import AccountOut, RegisterIn, TokenIn, TokenOut
from volunteer_match.extensions import limiter
from volunteer_match.models import User
from volunteer_match.services import accounts, organizations
from volunteer_match.services.errors import Unauthorized


def account_json(user: User) -> dict:
    organization = organizations.organization_of(user)
    out = AccountOut(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        role=user.role,
        organization_id=organization.id if organization else None,
    )
    return out.model_dump(mode="json", exclude_none=True)


def _registration(body: RegisterIn) -> accounts.Registration:
    org = body.organization
    return accounts.Registration(
        email=body.email,
        password=body.password,
        display_name=body.display_name,
        role=body.role,
        organization=accounts.NewOrganization(
            name=org.name,
            kind=org.kind.value,
            description=org.description,
            postcode=org.postcode,
            address=org.address,
        )
        if org
        else None,
    )


@bp.post("/auth/register")
def register() -> ResponseReturnValue:
    user = accounts.register(_registration(parse_body(RegisterIn)))
    return jsonify(account_json(user)), 201


@bp.post("/auth/token")
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
def token() -> ResponseReturnValue:
    body = parse_body(TokenIn)
    user = accounts.authenticate(body.email, body.password)
    if user is None:
        raise Unauthorized("That email and password don't match an account.")
    raw, expires_at = accounts.issue_token(user)
    return jsonify(TokenOut(token=raw, expires_at=expires_at).model_dump(mode="json")), 200


@bp.get("/me")
@token_required()
def me() -> ResponseReturnValue:
    return jsonify(account_json(api_user()))
