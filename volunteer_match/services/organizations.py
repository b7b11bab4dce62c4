"""Organizations: who belongs to which, their profile, and verification by coordinators."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import (
    ADDRESS_MAX,
    NAME_MAX,
    REVIEWER_ROLES,
    TEXT_MAX,
    Organization,
    OrganizationKind,
    OrganizationMember,
    User,
    utcnow,
)
from volunteer_match.services import audit, geo, notifications
from volunteer_match.services.errors import Conflict, Forbidden, NotFound, ValidationFailed

REASON_MAX = 2000


@dataclass(frozen=True)
class OrganizationDetails:
    name: str
    kind: str
    description: str = ""
    address: str = ""
    postcode: str | None = None

    @classmethod
    def from_organization(cls, organization: Organization) -> OrganizationDetails:
        return cls(
            name=organization.name,
            kind=organization.kind,
            description=organization.description,
            address=organization.address,
            postcode=organization.postcode,
        )


def organization_of(user: User) -> Organization | None:
    """The organization a staff account belongs to (an account belongs to at most one)."""
    return db.session.scalar(
        sa.select(Organization)
        .join(OrganizationMember)
        .where(OrganizationMember.user_id == user.id)
    )


def is_member(user: User, organization_id: int) -> bool:
    return (
        db.session.scalar(
            sa.select(OrganizationMember.id).where(
                OrganizationMember.user_id == user.id,
                OrganizationMember.organization_id == organization_id,
            )
        )
        is not None
    )


def own_organization(user: User) -> Organization:
    organization = organization_of(user)
    if organization is None:
        raise NotFound("Your account isn't linked to an organization.")
    return organization


def get_for_viewer(organization_id: int, viewer: User | None) -> Organization:
    """An organization as the viewer may see it: unverified ones only by their staff and
    reviewers. Unknown and not-yours both raise NotFound."""
    organization = db.session.get(Organization, organization_id)
    if organization is None:
        raise NotFound("We couldn't find that organization.")
    if organization.is_verified:
        return organization
    if viewer is not None and (viewer.role in REVIEWER_ROLES or is_member(viewer, organization.id)):
        return organization
    raise NotFound("We couldn't find that organization.")


def get_managed(user: User, organization_id: int) -> Organization:
    """The user's own organization, to manage; anyone else's is NotFound."""
    organization = db.session.get(Organization, organization_id)
    if organization is None or not is_member(user, organization_id):
        raise NotFound("We couldn't find that organization.")
    return organization


def check_details(details: OrganizationDetails) -> tuple[float, float] | None:
    """Validate details; return the postcode's coordinates (or None without a postcode)."""
    problems: dict[str, list[str]] = {}
    if not details.name.strip():
        problems["name"] = ["Enter your organization's name."]
    elif len(details.name.strip()) > NAME_MAX:
        problems["name"] = [f"Use at most {NAME_MAX} characters."]
    if details.kind not in {k.value for k in OrganizationKind}:
        problems["kind"] = ["Choose the kind of organization."]
    if len(details.description) > TEXT_MAX:
        problems["description"] = [f"Use at most {TEXT_MAX} characters."]
    if len(details.address) > ADDRESS_MAX:
        problems["address"] = [f"Use at most {ADDRESS_MAX} characters."]
    coordinates = None
    try:
        coordinates = geo.resolve_postcode(details.postcode)
    except ValidationFailed as exc:
        problems.update(exc.fields)
    if problems:
        raise ValidationFailed("Please check the highlighted fields.", problems)
    return coordinates


def update_profile(user: User, organization_id: int, details: OrganizationDetails) -> Organization:
    organization = get_managed(user, organization_id)
    coordinates = check_details(details)
    organization.name = details.name.strip()
    organization.kind = details.kind
    organization.description = details.description.strip()
    organization.address = details.address.strip()
    organization.postcode = geo.clean_postcode(details.postcode)
    organization.latitude, organization.longitude = coordinates or (None, None)
    if organization.rejected_at is not None:  # updated after a rejection: back in the queue
        organization.rejected_at = None
    db.session.flush()
    audit.record("organization.updated", actor=user, subject=organization)
    return organization


def patch_profile(user: User, organization_id: int, changes: Mapping[str, Any]) -> Organization:
    """A partial update: the fields named in ``changes`` (those of OrganizationDetails) take
    the new values, the others keep their current ones; then the whole is checked and saved."""
    unchangeable = set(changes) - {f.name for f in fields(OrganizationDetails)}
    if unchangeable:
        problems = {name: ["This field can't be changed here."] for name in sorted(unchangeable)}
        raise ValidationFailed("Please check the highlighted fields.", problems)
    current = OrganizationDetails.from_organization(get_for_viewer(organization_id, user))
    return update_profile(user, organization_id, replace(current, **changes))


def _require_reviewer(user: User) -> None:
    if user.role not in REVIEWER_ROLES:
        raise Forbidden("Only coordinators and admins verify organizations.")


def awaiting_verification() -> sa.ColumnElement[bool]:
    """Neither verified nor turned down (editing after a rejection puts it back here)."""
    return sa.and_(Organization.verified_at.is_(None), Organization.rejected_at.is_(None))


def verification_queue(user: User) -> list[Organization]:
    """Organizations waiting for a decision, oldest first."""
    _require_reviewer(user)
    return list(
        db.session.scalars(
            sa.select(Organization)
            .where(awaiting_verification())
            .order_by(Organization.created_at, Organization.id)
        )
    )


def _tell_staff(organization: Organization, kind: str, message: str) -> None:
    staff_ids = db.session.scalars(
        sa.select(OrganizationMember.user_id).where(
            OrganizationMember.organization_id == organization.id
        )
    )
    for staff_id in staff_ids:
        notifications.notify(staff_id, kind, message, f"/organizations/{organization.id}")


def _reviewable(user: User, organization_id: int) -> Organization:
    _require_reviewer(user)
    organization = db.session.get(Organization, organization_id)
    if organization is None:
        raise NotFound("We couldn't find that organization.")
    return organization


def verify(user: User, organization_id: int) -> Organization:
    organization = _reviewable(user, organization_id)
    if organization.is_verified:
        raise Conflict("This organization is already verified.")
    organization.verified_at = utcnow()
    organization.verified_by_id = user.id
    organization.rejected_at = None
    organization.rejection_reason = None
    _tell_staff(
        organization,
        "organization.verified",
        f"{organization.name} is verified: volunteers can now see your opportunities.",
    )
    db.session.flush()
    audit.record("organization.verified", actor=user, subject=organization)
    return organization


def reject(user: User, organization_id: int, reason: str) -> Organization:
    organization = _reviewable(user, organization_id)
    reason = reason.strip()
    if not reason:
        raise ValidationFailed.on("reason", "Say why, so the organization can put it right.")
    if len(reason) > REASON_MAX:
        raise ValidationFailed.on("reason", f"Use at most {REASON_MAX} characters.")
    if organization.is_verified:
        raise Conflict("This organization is already verified.")
    organization.rejected_at = utcnow()
    organization.rejection_reason = reason
    _tell_staff(
        organization,
        "organization.rejected",
        f"We couldn't verify {organization.name} yet: {reason}",
    )
    db.session.flush()
    audit.record("organization.rejected", actor=user, subject=organization)
    return organization
