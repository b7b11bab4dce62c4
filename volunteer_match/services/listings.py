"""Finding opportunities: text search, filters, distance from a postcode, pagination."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from volunteer_match.extensions import db
from volunteer_match.models import (
    FIT_ATTRIBUTES,
    Opportunity,
    Organization,
    Shift,
    ShiftStatus,
    utcnow,
)
from volunteer_match.services import geo
from volunteer_match.services.errors import ValidationFailed
from volunteer_match.services.opportunities import publicly_visible

MAX_PER_PAGE = 100
CAUSES = (
    "Education",
    "Emergency Preparedness",
    "Environment",
    "Health",
    "Helping Neighbors in Need",
    "Strengthening Communities",
)
KM_PER_DEGREE_LAT = 111.0


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    cause: str | None = None
    attributes: tuple[str, ...] = ()
    virtual: bool | None = None  # True: only virtual; False: only in person; None: both
    postcode: str | None = None
    within_km: float | None = None
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class Listing:
    opportunity: Opportunity
    next_start: datetime | None
    upcoming_shifts: int
    free_places: int
    distance_km: float | None


@dataclass
class ListingPage:
    items: list[Listing]
    page: int
    per_page: int
    total: int
    origin_postcode: str | None = None
    problems: dict[str, list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def _like_escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filters(query: SearchQuery) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = [publicly_visible()]
    for word in query.text.split()[:10]:
        pattern = f"%{_like_escape(word)}%"
        conditions.append(
            sa.or_(
                Opportunity.title.ilike(pattern, escape="\\"),
                Opportunity.description.ilike(pattern, escape="\\"),
                Organization.name.ilike(pattern, escape="\\"),
            )
        )
    if query.cause:
        # interests is a JSON list of strings; match one element exactly, on both databases.
        as_text = sa.cast(Opportunity.interests, sa.Text)
        conditions.append(as_text.ilike(f'%"{_like_escape(query.cause)}"%', escape="\\"))
    for name in query.attributes:
        conditions.append(getattr(Opportunity, name).is_(True))
    if query.virtual is not None:
        conditions.append(Opportunity.virtual.is_(query.virtual))
    return conditions


def _check(query: SearchQuery) -> None:
    problems: dict[str, list[str]] = {}
    unknown = set(query.attributes) - set(FIT_ATTRIBUTES)
    if unknown:
        problems["attributes"] = [f"Unknown: {', '.join(sorted(unknown))}."]
    if query.page < 1:
        problems["page"] = ["Pages start at 1."]
    if not 1 <= query.per_page <= MAX_PER_PAGE:
        problems["per_page"] = [f"Choose 1 to {MAX_PER_PAGE} per page."]
    if query.within_km is not None and not 0 < query.within_km <= 500:
        problems["within_km"] = ["Choose a distance of more than 0 and up to 500 km."]
    if problems:
        raise ValidationFailed("Please check the search.", problems)


def search(query: SearchQuery, origin: tuple[float, float] | None = None) -> ListingPage:
    """Open opportunities of verified organizations, soonest shift first or nearest first.

    ``origin`` (e.g. the volunteer's own postcode centre) is used unless the query names a
    postcode. With an origin, results show their distance and can be limited by ``within_km``.
    """
    _check(query)
    if query.postcode:
        origin = geo.resolve_postcode(query.postcode)
    next_start = (
        sa.select(Shift.opportunity_id, sa.func.min(Shift.starts_at).label("next_start"))
        .where(Shift.status == ShiftStatus.SCHEDULED.value, Shift.starts_at > utcnow())
        .group_by(Shift.opportunity_id)
        .subquery()
    )
    base = (
        sa.select(
            Opportunity.id,
            Opportunity.latitude,
            Opportunity.longitude,
            Opportunity.virtual,
            next_start.c.next_start,
        )
        .join(Organization, Organization.id == Opportunity.organization_id)
        .outerjoin(next_start, next_start.c.opportunity_id == Opportunity.id)
        .where(*_filters(query))
    )
    rows = db.session.execute(base).all()
    ranked = []
    for row in rows:
        distance = None  # virtual roles need no travel: the distance limit never drops them
        if origin and row.latitude is not None and row.longitude is not None:
            distance = geo.distance_km(origin, (row.latitude, row.longitude))
        too_far = distance is None or distance > (query.within_km or 0)
        if query.within_km is not None and origin is not None and too_far and not row.virtual:
            continue
        ranked.append((row.id, row.next_start, distance))
    if origin is not None:
        ranked.sort(key=lambda r: (r[2] is None, r[2] or 0.0, r[1] is None, r[1] or 0, r[0]))
    else:
        ranked.sort(key=lambda r: (r[1] is None, r[1].timestamp() if r[1] else 0, r[0]))
    start = (query.page - 1) * query.per_page
    window = ranked[start : start + query.per_page]
    return ListingPage(
        items=_listings(window),
        page=query.page,
        per_page=query.per_page,
        total=len(ranked),
        origin_postcode=query.postcode,
    )


def _listings(window: list[tuple[int, datetime | None, float | None]]) -> list[Listing]:
    ids = [item[0] for item in window]
    if not ids:
        return []
    loaded = {
        o.id: o
        for o in db.session.scalars(
            sa.select(Opportunity)
            .where(Opportunity.id.in_(ids))
            .options(selectinload(Opportunity.organization))
        )
    }
    stats = {
        row.opportunity_id: row
        for row in db.session.execute(
            sa.select(
                Shift.opportunity_id,
                sa.func.count(Shift.id).label("shifts"),
                sa.func.sum(Shift.capacity - Shift.filled).label("free"),
            )
            .where(
                Shift.opportunity_id.in_(ids),
                Shift.status == ShiftStatus.SCHEDULED.value,
                Shift.starts_at > utcnow(),
            )
            .group_by(Shift.opportunity_id)
        )
    }
    listings = []
    for opportunity_id, next_start, distance in window:
        row = stats.get(opportunity_id)
        listings.append(
            Listing(
                opportunity=loaded[opportunity_id],
                next_start=next_start,
                upcoming_shifts=row.shifts if row else 0,
                free_places=int(row.free or 0) if row else 0,
                distance_km=round(distance, 1) if distance is not None else None,
            )
        )
    return listings
