"""Opportunities and their shifts in the API: posting, finding, changing, closing, cancelling.

Times are accepted as ISO 8601 with an offset (a naive time is read in the organization's
time zone) and always returned in UTC with "Z".
"""

from __future__ import annotations

from flask import jsonify, request
from flask.typing import ResponseReturnValue

from volunteer_match.api.blueprint import bp
from volunteer_match.api.common import (
    api_user,
    optional_user,
    parse_body,
    parse_optional_body,
    parse_query,
    token_required,
)
from volunteer_match.api.schemas.opportunities import (
    ListingOut,
    ListingPageOut,
    OpportunityIn,
    OpportunityOut,
    OpportunityPatch,
    SearchParams,
)
from volunteer_match.api.schemas.organizations import OrganizationRef
from volunteer_match.api.schemas.shifts import (
    CancelShiftIn,
    ShiftIn,
    ShiftListOut,
    ShiftOut,
    ShiftPatch,
)
from volunteer_match.models import Opportunity, Role, Shift, ShiftStatus, User
from volunteer_match.services import listings, opportunities, profiles, shifts
from volunteer_match.services.opportunities import OpportunityInput

STAFF = Role.ORGANIZATION.value


def _shift_outs(items: list[Shift]) -> list[ShiftOut]:
    waiting = shifts.waitlist_counts([s.id for s in items])
    return [
        ShiftOut(
            id=s.id,
            opportunity_id=s.opportunity_id,
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            capacity=s.capacity,
            filled=s.filled,
            waitlist=waiting.get(s.id, 0),
            free_places=s.free_places if s.status == ShiftStatus.SCHEDULED.value else 0,
            status=s.status,
            cancel_reason=s.cancel_reason,
        )
        for s in items
    ]


def shift_json(shift: Shift) -> dict:
    return _shift_outs([shift])[0].model_dump(mode="json")


def opportunity_json(opportunity: Opportunity) -> dict:
    out = OpportunityOut(
        id=opportunity.id,
        organization_id=opportunity.organization_id,
        organization=OrganizationRef(
            id=opportunity.organization.id, name=opportunity.organization.name
        ),
        title=opportunity.title,
        description=opportunity.description,
        skills=opportunity.skills,
        interests=opportunity.interests,
        attributes=opportunity.attributes(),
        virtual=opportunity.virtual,
        address=opportunity.address,
        postcode=opportunity.postcode,
        min_age=opportunity.min_age,
        status=opportunity.status,
        created_at=opportunity.created_at,
        updated_at=opportunity.updated_at,
        shifts=_shift_outs(shifts.upcoming(opportunity)),
    )
    return out.model_dump(mode="json")


def _listing_out(item: listings.Listing) -> ListingOut:
    o = item.opportunity
    return ListingOut(
        id=o.id,
        title=o.title,
        organization=OrganizationRef(id=o.organization.id, name=o.organization.name),
        description=o.description,
        attributes=o.attributes(),
        virtual=o.virtual,
        postcode=o.postcode,
        next_shift_starts_at=item.next_start,
        upcoming_shifts=item.upcoming_shifts,
        free_places=item.free_places,
        distance_km=item.distance_km,
    )


def _origin(viewer: User | None) -> tuple[float, float] | None:
    """A volunteer's own postcode centre, so results show how far away they are."""
    if viewer is None or viewer.role != Role.VOLUNTEER.value:
        return None
    profile = profiles.get(viewer)
    if profile.latitude is None or profile.longitude is None:
        return None
    return profile.latitude, profile.longitude


def _search_query(params: SearchParams) -> listings.SearchQuery:
    """``attributes`` may come comma-separated, repeated, or both."""
    attributes = ",".join(request.args.getlist("attributes"))
    return listings.SearchQuery(
        text=params.q,
        cause=params.cause,
        attributes=tuple(name.strip() for name in attributes.split(",") if name.strip()),
        virtual=params.virtual,
        postcode=params.postcode,
        within_km=params.within_km,
        page=params.page,
        per_page=params.per_page,
    )


@bp.get("/opportunities")
def search_opportunities() -> ResponseReturnValue:
    query = _search_query(parse_query(SearchParams))
    found = listings.search(query, _origin(optional_user()))
    out = ListingPageOut(
        items=[_listing_out(item) for item in found.items],
        page=found.page,
        per_page=found.per_page,
        total=found.total,
    )
    return jsonify(out.model_dump(mode="json"))


@bp.post("/organizations/<int:organization_id>/opportunities")
@token_required(STAFF)
def create_opportunity(organization_id: int) -> ResponseReturnValue:
    body = parse_body(OpportunityIn)
    data = OpportunityInput(**body.model_dump(mode="json"))
    opportunity = opportunities.create(api_user(), organization_id, data)
    return jsonify(opportunity_json(opportunity)), 201


@bp.get("/opportunities/<int:opportunity_id>")
def get_opportunity(opportunity_id: int) -> ResponseReturnValue:
    opportunity = opportunities.get_for_viewer(opportunity_id, optional_user())
    return jsonify(opportunity_json(opportunity))


@bp.patch("/opportunities/<int:opportunity_id>")
@token_required(STAFF)
def update_opportunity(opportunity_id: int) -> ResponseReturnValue:
    body = parse_body(OpportunityPatch)
    opportunity = opportunities.patch(api_user(), opportunity_id, body.changes())
    return jsonify(opportunity_json(opportunity))


@bp.post("/opportunities/<int:opportunity_id>/close")
@token_required(STAFF)
def close_opportunity(opportunity_id: int) -> ResponseReturnValue:
    opportunity = opportunities.close(api_user(), opportunity_id)
    return jsonify(opportunity_json(opportunity))


@bp.post("/opportunities/<int:opportunity_id>/reopen")
@token_required(STAFF)
def reopen_opportunity(opportunity_id: int) -> ResponseReturnValue:
    opportunity = opportunities.reopen(api_user(), opportunity_id)
    return jsonify(opportunity_json(opportunity))


@bp.post("/opportunities/<int:opportunity_id>/shifts")
@token_required(STAFF)
def create_shifts(opportunity_id: int) -> ResponseReturnValue:
    body = parse_body(ShiftIn)
    weekly = body.repeat.weekly if body.repeat else 1
    data = shifts.ShiftInput(body.starts_at, body.ends_at, body.capacity, weekly)
    created = shifts.create(api_user(), opportunity_id, data)
    out = ShiftListOut(items=_shift_outs(created)) if body.repeat else _shift_outs(created)[0]
    return jsonify(out.model_dump(mode="json")), 201


@bp.get("/shifts/<int:shift_id>")
def get_shift(shift_id: int) -> ResponseReturnValue:
    shift = shifts.get_for_viewer(shift_id, optional_user())
    return jsonify(shift_json(shift))


@bp.patch("/shifts/<int:shift_id>")
@token_required(STAFF)
def update_shift(shift_id: int) -> ResponseReturnValue:
    body = parse_body(ShiftPatch)
    shift = shifts.patch(api_user(), shift_id, body.model_dump(exclude_unset=True))
    return jsonify(shift_json(shift))


@bp.post("/shifts/<int:shift_id>/cancel")
@token_required(STAFF)
def cancel_shift(shift_id: int) -> ResponseReturnValue:
    body = parse_optional_body(CancelShiftIn)
    shift = shifts.cancel(api_user(), shift_id, body.reason)
    return jsonify(shift_json(shift))
