"""Organizations in the API: their public page, profile changes, verification by reviewers.

Also the request helpers the other resource modules share: an optional bearer token (for
pages anyone may read), query-string parsing and optional JSON bodies.
"""

from __future__ import annotations

from typing import Any, TypeVar

from flask import g, jsonify, request
from flask.typing import ResponseReturnValue
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from volunteer_match.api import bp
from volunteer_match.api.common import api_user, parse_body, token_required
from volunteer_match.api.schemas import OrganizationOut, OrganizationPatch, RejectIn
from volunteer_match.extensions import db
from volunteer_match.models import Organization, Role, User
from volunteer_match.services import accounts, organizations
from volunteer_match.services.errors import NotFound, Unauthorized, ValidationFailed

M = TypeVar("M", bound=BaseModel)
ID_MAX = 2**31 - 1  # ids are integer columns (PostgreSQL: 32-bit)


@bp.url_value_preprocessor
def _ids_in_range(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """A path id too large for the database is unknown (404), not a database error (500).

    Registered on the whole API blueprint, so it covers every <int:...> id in a path.
    """
    if any(isinstance(v, int) and v > ID_MAX for v in (values or {}).values()):
        raise NotFound("We couldn't find that.")


def optional_user() -> User | None:
    """The caller if they sent a bearer token, None if they sent none; 401 for a bad token."""
    header = request.headers.get("Authorization", "").strip()
    if not header:
        return None
    scheme, _, raw = header.partition(" ")
    user = accounts.user_for_token(raw.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise Unauthorized("Send a valid token: Authorization: Bearer <token>, or none at all.")
    g.api_user = user
    return user


def parse_query(model: type[M]) -> M:
    """Parse the query string into ``model`` (empty values count as absent); 422 if invalid."""
    data = {key: value for key, value in request.args.items() if value.strip()}
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        fields: dict[str, list[str]] = {}
        for problem in exc.errors(include_url=False, include_context=False):
            where = ".".join(str(part) for part in problem["loc"]) or "query"
            fields.setdefault(where, []).append(problem["msg"])
        raise ValidationFailed("Please check the query parameters.", fields) from exc


def parse_optional_body(model: type[M]) -> M:
    """Like parse_body, but an empty body means an empty object."""
    if not request.get_data(cache=True).strip():
        return model()
    return parse_body(model)


def organization_json(organization: Organization) -> dict:
    out = OrganizationOut(
        id=organization.id,
        name=organization.name,
        kind=organization.kind,
        description=organization.description,
        address=organization.address,
        postcode=organization.postcode,
        timezone=organization.timezone,
        verified=organization.is_verified,
        verified_at=organization.verified_at,
        # Only staff and reviewers can see an unverified (e.g. rejected) organization.
        rejected_at=organization.rejected_at,
        rejection_reason=organization.rejection_reason,
    )
    return out.model_dump(mode="json")


@bp.get("/organizations/<int:organization_id>")
def get_organization(organization_id: int) -> ResponseReturnValue:
    organization = organizations.get_for_viewer(organization_id, optional_user())
    db.session.commit()  # keeps the token's last-used time
    return jsonify(organization_json(organization))


@bp.patch("/organizations/<int:organization_id>")
@token_required(Role.ORGANIZATION.value)
def update_organization(organization_id: int) -> ResponseReturnValue:
    body = parse_body(OrganizationPatch)
    current = organizations.get_for_viewer(organization_id, api_user())
    details = organizations.OrganizationDetails(
        **{
            "name": current.name,
            "kind": current.kind,
            "description": current.description,
            "address": current.address,
            "postcode": current.postcode,
            **body.changes(),
        }
    )
    organization = organizations.update_profile(api_user(), organization_id, details)
    db.session.commit()
    return jsonify(organization_json(organization))


@bp.post("/organizations/<int:organization_id>/verify")
@token_required(*organizations.REVIEWER_ROLES)
def verify_organization(organization_id: int) -> ResponseReturnValue:
    organization = organizations.verify(api_user(), organization_id)
    db.session.commit()
    return jsonify(organization_json(organization))


@bp.post("/organizations/<int:organization_id>/reject")
@token_required(*organizations.REVIEWER_ROLES)
def reject_organization(organization_id: int) -> ResponseReturnValue:
    body = parse_body(RejectIn)
    organization = organizations.reject(api_user(), organization_id, body.reason)
    db.session.commit()
    return jsonify(organization_json(organization))
