"""Opportunities: what an organization posts, who may see it, and changes to it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.matching import lexicon
from volunteer_match.models import (
    ADDRESS_MAX,
    FIT_ATTRIBUTES,
    NAME_MAX,
    REVIEWER_ROLES,
    TEXT_MAX,
    Opportunity,
    OpportunityStatus,
    Organization,
    Role,
    User,
)
from volunteer_match.services import audit, geo, organizations
from volunteer_match.services.errors import Conflict, NotFound, ValidationFailed
from volunteer_match.services.text import check_length, clean_tags

MAX_AGE = 120


@dataclass(frozen=True)
class OpportunityInput:
    title: str
    description: str = ""
    skills: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    attributes: dict[str, bool] = field(default_factory=dict)
    virtual: bool = False
    address: str = ""
    postcode: str | None = None
    min_age: int | None = None

    @classmethod
    def from_opportunity(cls, opportunity: Opportunity) -> OpportunityInput:
        return cls(
            title=opportunity.title,
            description=opportunity.description,
            skills=list(opportunity.skills),
            interests=list(opportunity.interests),
            attributes=opportunity.attributes(),
            virtual=opportunity.virtual,
            address=opportunity.address,
            postcode=opportunity.postcode,
            min_age=opportunity.min_age,
        )


def publicly_visible() -> sa.ColumnElement[bool]:
    """The rule for what volunteers may see: open, from a verified organization."""
    return sa.and_(
        Opportunity.status == OpportunityStatus.OPEN.value,
        Opportunity.organization_id.in_(
            sa.select(Organization.id).where(Organization.verified_at.is_not(None))
        ),
    )


def can_manage(user: User | None, opportunity: Opportunity) -> bool:
    return user is not None and organizations.is_member(user, opportunity.organization_id)


def get_for_viewer(opportunity_id: int, viewer: User | None) -> Opportunity:
    """An opportunity the viewer may see; unknown and hidden both raise NotFound."""
    opportunity = db.session.get(Opportunity, opportunity_id)
    if opportunity is None:
        raise NotFound("We couldn't find that opportunity.")
    if can_manage(viewer, opportunity):
        return opportunity
    if viewer is not None and viewer.role in REVIEWER_ROLES:
        return opportunity
    visible = opportunity.organization.is_verified and opportunity.status == OpportunityStatus.OPEN
    if not visible:
        raise NotFound("We couldn't find that opportunity.")
    return opportunity


def get_managed(user: User, opportunity_id: int) -> Opportunity:
    """An opportunity of the user's own organization; anything else raises NotFound."""
    opportunity = db.session.get(Opportunity, opportunity_id)
    if opportunity is None or not can_manage(user, opportunity):
        raise NotFound("We couldn't find that opportunity.")
    return opportunity


def _checked(data: OpportunityInput) -> tuple[OpportunityInput, tuple[float, float] | None]:
    problems: dict[str, list[str]] = {}
    title = " ".join(data.title.split())
    if not title:
        problems["title"] = ["Give the opportunity a title, like “Kitchen helper”."]
    check_length(problems, "title", title, NAME_MAX)
    check_length(problems, "description", data.description, TEXT_MAX)
    check_length(problems, "address", data.address, ADDRESS_MAX)
    lists: dict[str, list[str]] = {}
    for name in ("skills", "interests"):
        try:
            lists[name] = clean_tags(getattr(data, name), name)
        except ValidationFailed as exc:
            problems.update(exc.fields)
    unknown = set(data.attributes) - set(FIT_ATTRIBUTES)
    if unknown:
        problems["attributes"] = [f"Unknown attributes: {', '.join(sorted(unknown))}."]
    if data.min_age is not None and not 0 <= data.min_age <= MAX_AGE:
        problems["min_age"] = [f"Enter an age between 0 and {MAX_AGE}, or leave it empty."]
    coordinates = None
    try:
        coordinates = geo.resolve_postcode(data.postcode)
    except ValidationFailed as exc:
        problems.update(exc.fields)
    if not data.virtual and coordinates is None and "postcode" not in problems:
        problems["postcode"] = ["Enter the ZIP code where volunteers will go, or mark it virtual."]
    if problems:
        raise ValidationFailed("Please check the highlighted fields.", problems)
    cleaned = OpportunityInput(
        title=title,
        description=data.description.strip(),
        skills=lists["skills"],
        interests=lists["interests"],
        attributes={name: bool(data.attributes.get(name, False)) for name in FIT_ATTRIBUTES},
        virtual=data.virtual,
        address=data.address.strip(),
        postcode=geo.clean_postcode(data.postcode),
        min_age=data.min_age,
    )
    return cleaned, coordinates


def read_concepts(opportunity: Opportunity) -> None:
    """Let the matcher read the listing once, when it is saved (never when ranking)."""
    hits = lexicon().concepts_in_listing(
        opportunity.title, opportunity.description, opportunity.skills, opportunity.interests
    )
    opportunity.concepts = {concept: [hit.weight, hit.phrase] for concept, hit in hits.items()}


def _apply(opportunity: Opportunity, data: OpportunityInput, coords: tuple | None) -> None:
    opportunity.title = data.title
    opportunity.description = data.description
    opportunity.skills = data.skills
    opportunity.interests = data.interests
    for name, value in data.attributes.items():
        setattr(opportunity, name, value)
    opportunity.virtual = data.virtual
    opportunity.address = data.address
    opportunity.postcode = data.postcode
    opportunity.latitude, opportunity.longitude = coords or (None, None)
    opportunity.min_age = data.min_age
    read_concepts(opportunity)


def create(user: User, organization_id: int, data: OpportunityInput) -> Opportunity:
    if user.role != Role.ORGANIZATION.value or not organizations.is_member(user, organization_id):
        raise NotFound("We couldn't find that organization.")
    cleaned, coordinates = _checked(data)
    opportunity = Opportunity(organization_id=organization_id, status=OpportunityStatus.OPEN.value)
    _apply(opportunity, cleaned, coordinates)
    db.session.add(opportunity)
    db.session.flush()
    audit.record("opportunity.created", actor=user, subject=opportunity)
    return opportunity


def update(user: User, opportunity_id: int, data: OpportunityInput) -> Opportunity:
    opportunity = get_managed(user, opportunity_id)
    cleaned, coordinates = _checked(data)
    _apply(opportunity, cleaned, coordinates)
    db.session.flush()
    audit.record("opportunity.updated", actor=user, subject=opportunity)
    return opportunity


def patch(user: User, opportunity_id: int, changes: Mapping[str, Any]) -> Opportunity:
    """A partial update: the fields named in ``changes`` (those of OpportunityInput) take the
    new values, the others keep their current ones; in ``attributes`` only the attributes
    named change. Then the whole is checked and saved like :func:`update`."""
    unchangeable = set(changes) - {f.name for f in fields(OpportunityInput)}
    if unchangeable:
        problems = {name: ["This field can't be changed here."] for name in sorted(unchangeable)}
        raise ValidationFailed("Please check the highlighted fields.", problems)
    current = OpportunityInput.from_opportunity(get_managed(user, opportunity_id))
    merged = dict(changes)
    if "attributes" in merged:
        merged["attributes"] = current.attributes | dict(merged["attributes"])
    return update(user, opportunity_id, replace(current, **merged))


def _set_status(user: User, opportunity_id: int, status: OpportunityStatus) -> Opportunity:
    opportunity = get_managed(user, opportunity_id)
    if opportunity.status == status.value:
        raise Conflict(f"This opportunity is already {status.value}.")
    opportunity.status = status.value
    db.session.flush()
    action = "closed" if status is OpportunityStatus.CLOSED else "reopened"
    audit.record(f"opportunity.{action}", actor=user, subject=opportunity)
    return opportunity


def close(user: User, opportunity_id: int) -> Opportunity:
    return _set_status(user, opportunity_id, OpportunityStatus.CLOSED)


def reopen(user: User, opportunity_id: int) -> Opportunity:
    return _set_status(user, opportunity_id, OpportunityStatus.OPEN)


def of_organization(organization_id: int) -> list[Opportunity]:
    return list(
        db.session.scalars(
            sa.select(Opportunity)
            .where(Opportunity.organization_id == organization_id)
            .order_by(
                (Opportunity.status == OpportunityStatus.OPEN.value).desc(),
                Opportunity.title,
                Opportunity.id,
            )
        )
    )
