"""Matches for a volunteer, and candidates for an opportunity, from the live match index.

The index (numpy arrays, see matching/index.py) is built once per process and database,
then brought up to date before each ranking with only the rows changed since the last look
(``updated_at`` watermarks), so every worker sees every change without rebuilding.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from volunteer_match.extensions import db
from volunteer_match.matching import (
    Hit,
    ListingFeatures,
    Match,
    MatchIndex,
    ShiftFeatures,
    Volunteer,
    Window,
    explain_shift,
    rank,
    rank_candidates,
)
from volunteer_match.models import (
    FIT_ATTRIBUTES,
    LIVE_STATUSES,
    Opportunity,
    OpportunityStatus,
    Organization,
    RequestStatus,
    Role,
    Shift,
    ShiftRequest,
    ShiftStatus,
    User,
    VolunteerProfile,
    utcnow,
)
from volunteer_match.services import opportunities, profiles
from volunteer_match.services.errors import Forbidden

MAX_LIMIT = 100
OVERLAP = timedelta(seconds=5)  # re-read a little before the watermark: commits race clocks
CONNECTIONS_EVERY = timedelta(seconds=60)
HISTORY = timedelta(days=1)  # shifts that ended long ago never come back into the index


@dataclass
class _State:
    index: MatchIndex = field(default_factory=MatchIndex)
    watermark: datetime | None = None
    connections_at: datetime | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


_states_lock = threading.Lock()
EXTENSION_KEY = "volunteer_match.match_index"


def _state() -> _State:
    """This app's index (one per process and app, shared by its request threads)."""
    with _states_lock:
        state: _State = current_app.extensions.setdefault(EXTENSION_KEY, _State())
        return state


def forget_index() -> None:
    """Drop the index (after a bulk load, say); the next ranking rebuilds it."""
    with _states_lock:
        current_app.extensions.pop(EXTENSION_KEY, None)


def listing_features(
    opportunity: Opportunity, organization: Organization, connections: int
) -> ListingFeatures:
    return ListingFeatures(
        opportunity_id=opportunity.id,
        title=opportunity.title,
        organization=organization.name,
        concepts={c: Hit(float(v[0]), str(v[1])) for c, v in (opportunity.concepts or {}).items()},
        attributes=frozenset(n for n in FIT_ATTRIBUTES if getattr(opportunity, n)),
        virtual=opportunity.virtual,
        latitude=opportunity.latitude,
        longitude=opportunity.longitude,
        visible=opportunity.status == OpportunityStatus.OPEN.value and organization.is_verified,
        connections=connections,
    )


def shift_features(shift: Shift) -> ShiftFeatures:
    return ShiftFeatures(
        shift_id=shift.id,
        opportunity_id=shift.opportunity_id,
        starts_at=int(shift.starts_at.timestamp()),
        ends_at=int(shift.ends_at.timestamp()),
        free_places=shift.capacity - shift.filled,
        active=shift.status == ShiftStatus.SCHEDULED.value,
    )


def _connections(opportunity_ids: list[int] | None = None) -> dict[int, int]:
    query = (
        sa.select(Shift.opportunity_id, sa.func.count(ShiftRequest.id))
        .join(ShiftRequest, ShiftRequest.shift_id == Shift.id)
        .where(ShiftRequest.status.in_(LIVE_STATUSES))
        .group_by(Shift.opportunity_id)
    )
    if opportunity_ids is not None:
        query = query.where(Shift.opportunity_id.in_(opportunity_ids))
    return {opportunity_id: count for opportunity_id, count in db.session.execute(query)}


def _refresh(state: _State) -> None:
    """Bring the index up to date with what changed since the last look."""
    now = utcnow()
    since = state.watermark - OVERLAP if state.watermark else None
    changed_orgs = sa.select(Organization.id)
    listings = sa.select(Opportunity, Organization).join(Organization)
    shifts = sa.select(Shift).where(Shift.ends_at > now - HISTORY)
    if since is not None:
        changed_orgs = changed_orgs.where(Organization.updated_at >= since)
        listings = listings.where(
            (Opportunity.updated_at >= since) | Opportunity.organization_id.in_(changed_orgs)
        )
        shifts = sa.select(Shift).where(Shift.updated_at >= since)
    rows = db.session.execute(listings).all()
    counts = _connections([o.id for o, _ in rows] if since is not None else None)
    for opportunity, organization in rows:
        state.index.upsert_listing(
            listing_features(opportunity, organization, counts.get(opportunity.id, 0))
        )
    for shift in db.session.scalars(shifts):
        if state.index.listing_row(shift.opportunity_id) is not None:
            state.index.upsert_shift(shift_features(shift))
    state.watermark = now
    if state.connections_at is None or now - state.connections_at > CONNECTIONS_EVERY:
        state.index.set_connections(_connections())
        state.connections_at = now


def current_index() -> MatchIndex:
    state = _state()
    with state.lock:
        _refresh(state)
    return state.index


def volunteer_of(profile: VolunteerProfile) -> Volunteer:
    requested = db.session.scalars(
        sa.select(ShiftRequest.shift_id).where(
            ShiftRequest.volunteer_id == profile.user_id,
            ShiftRequest.status.not_in(
                (RequestStatus.CANCELLED.value, RequestStatus.DECLINED.value)
            ),
        )
    )
    return Volunteer(
        id=profile.user_id,
        skills=dict(profile.skill_concepts or {}),
        interests=dict(profile.interest_concepts or {}),
        goals=frozenset(profile.goals),
        windows=tuple(
            Window(w.weekday, w.start_minute, w.end_minute) for w in profile.availability
        ),
        timezone=profile.timezone,
        latitude=profile.latitude,
        longitude=profile.longitude,
        postcode=profile.postcode,
        travel_km=profile.travel_km,
        virtual_ok=profile.virtual_ok,
        preferences=frozenset(profile.preferences),
        must_have=frozenset(profile.must_have),
        requested_shift_ids=frozenset(requested),
    )


@dataclass(frozen=True)
class MatchPage:
    items: list[Match]
    message: str | None = None


EMPTY_PROFILE = (
    "Tell us a few things you're good at or care about, and we'll suggest places that fit."
)
NOTHING_FITS = (
    "No open shifts fit your times and travel distance right now. Adding more times "
    "you're free, a longer distance, or saying virtual roles are fine will show more."
)


def _limit(limit: int) -> int:
    return max(1, min(int(limit), MAX_LIMIT))


def matches_for(user: User, limit: int = 20) -> MatchPage:
    """Ranked opportunities for a volunteer, best first, each with its reasons."""
    if user.role != Role.VOLUNTEER.value:
        raise Forbidden("Matches are for volunteers.")
    volunteer = volunteer_of(profiles.get(user))
    items = rank(current_index(), volunteer, int(utcnow().timestamp()), _limit(limit))
    if volunteer.is_empty:
        return MatchPage(items, EMPTY_PROFILE)
    return MatchPage(items, None if items else NOTHING_FITS)


@dataclass(frozen=True)
class Candidate:
    volunteer_id: int
    display_name: str
    match: Match


def candidates_for(viewer: User, opportunity_id: int, limit: int = 20) -> list[Candidate]:
    """Volunteers who let organizations find them, ranked for one opportunity."""
    if viewer.role == Role.ORGANIZATION.value:
        opportunity = opportunities.get_managed(viewer, opportunity_id)  # not theirs: 404
    elif viewer.role in (Role.COORDINATOR.value, Role.ADMIN.value):
        opportunity = opportunities.get_for_viewer(opportunity_id, viewer)
    else:
        raise Forbidden("Only its organization and coordinators see candidates.")
    rows = db.session.execute(
        sa.select(VolunteerProfile, User)
        .join(User, User.id == VolunteerProfile.user_id)
        .where(VolunteerProfile.findable_by_organizations.is_(True), User.active.is_(True))
    ).all()
    people = {profile.user_id: user.display_name for profile, user in rows}
    volunteers = [volunteer_of(profile) for profile, _ in rows]
    ranked = rank_candidates(
        current_index(), volunteers, opportunity.id, int(utcnow().timestamp()), _limit(limit)
    )
    return [Candidate(v.id, people[v.id], match) for v, match in ranked]


def reasons_for(volunteer: User, shift_id: int, index: MatchIndex | None = None) -> list[str]:
    """Why this shift suits this person, told to their coordinator ("Fits their Tuesday...").
    Pass ``index`` (from current_index()) when explaining many rows at once."""
    profile = profiles.get(volunteer)
    return explain_shift(index or current_index(), volunteer_of(profile), shift_id, "they")
