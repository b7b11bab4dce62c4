"""Organizations in the API: their public page, profile changes, verification by reviewers."""

from __future__ import annotations

from flask import jsonify
from flask.typing import ResponseReturnValue

from volunteer_match.api.blueprint import bp
from volunteer_match.api.common import api_user, optional_user, parse_body, token_required
from volunteer_match.api.schemas.organizations import (
    OrganizationOut,
    OrganizationPatch,
    RejectIn,
)
from volunteer_match.models import REVIEWER_ROLES, Organization, Role
from volunteer_match.services import organizations


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
    return jsonify(organization_json(organization))


@bp.patch("/organizations/<int:organization_id>")
@token_required(Role.ORGANIZATION.value)
def update_organization(organization_id: int) -> ResponseReturnValue:
    body = parse_body(OrganizationPatch)
    organization = organizations.patch_profile(api_user(), organization_id, body.changes())
    return jsonify(organization_json(organization))


@bp.post("/organizations/<int:organization_id>/verify")
@token_required(*REVIEWER_ROLES)
def verify_organization(organization_id: int) -> ResponseReturnValue:
    organization = organizations.verify(api_user(), organization_id)
    return jsonify(organization_json(organization))


@bp.post("/organizations/<int:organization_id>/reject")
@token_required(*REVIEWER_ROLES)
def reject_organization(organization_id: int) -> ResponseReturnValue:
    body = parse_body(RejectIn)
    organization = organizations.reject(api_user(), organization_id, body.reason)
    return jsonify(organization_json(organization))
