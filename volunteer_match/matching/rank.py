"""Ranking: hard filters on every shift, then a soft 0-100 score per opportunity.

One result per opportunity: its soonest fitting shift, with ``more_shifts`` counting the
others that fit. Deterministic: equal scores are ordered by opportunity id.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from volunteer_match.matching import weights as w
from volunteer_match.matching import windows
from volunteer_match.matching.attributes import FIT_ATTRIBUTES
from volunteer_match.matching.explain import explain, explain_for_organization
from volunteer_match.matching.features import Match, Volunteer
from volunteer_match.matching.index import MatchIndex, attribute_mask
from volunteer_match.matching.vocabulary import RELATED

EARTH_RADIUS_KM = 6371.0
TRAINING = 1 << FIT_ATTRIBUTES.index("training_provided")
TEAM = 1 << FIT_ATTRIBUTES.index("team_based")


def concept_weights(index: MatchIndex, concepts: Iterable[str]) -> dict[int, float]:
    """Column -> weight: 1 for the person's own concepts, RELATED_CREDIT for related ones."""
    concepts = list(concepts)
    vector = {index.concept_column[c]: 1.0 for c in concepts if c in index.concept_column}
    for concept in concepts:
        for related in RELATED.get(concept, ()):
            column = index.concept_column.get(related)
            if column is not None and column not in vector:
                vector[column] = w.RELATED_CREDIT
    return vector


def _fit(index: MatchIndex, rows: np.ndarray, vector: dict[int, float]) -> np.ndarray:
    """How well each listing row covers the concepts in ``vector`` (0-1)."""
    if not vector:
        return np.zeros(len(rows), dtype=np.float32)
    columns = list(vector)
    block = index.concept_matrix[:, columns][rows]
    raw = block @ np.array([vector[c] for c in columns], dtype=np.float32)
    return np.minimum(raw, 1.0)


def distances_km(index: MatchIndex, volunteer: Volunteer, rows: slice | np.ndarray) -> np.ndarray:
    assert volunteer.latitude is not None and volunteer.longitude is not None
    lat1, lon1 = np.radians(volunteer.latitude), np.radians(volunteer.longitude)
    lat2, lon2 = index.listing_lat[rows], index.listing_lon[rows]
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h))


Rows = slice | np.ndarray


def _listing_filter(
    index: MatchIndex, volunteer: Volunteer, rows: Rows
) -> tuple[np.ndarray, np.ndarray]:
    """Which of ``rows`` the person could go to, and each one's distance (NaN if unknown)."""
    ok = index.listing_visible[rows].copy()
    must = attribute_mask(volunteer.must_have)
    if must:
        ok &= (index.listing_attributes[rows] & must) == must
    virtual = index.listing_virtual[rows]
    distance = np.full(len(ok), np.nan)
    if volunteer.has_location:
        distance = distances_km(index, volunteer, rows)
        travel = volunteer.travel_km if volunteer.travel_km is not None else w.DEFAULT_TRAVEL_KM
        in_person_ok = ~virtual & (distance <= travel)  # an unknown place can't be checked
    else:
        in_person_ok = ~virtual
    ok &= in_person_ok | (virtual & volunteer.virtual_ok)
    return ok, distance


def _shift_filter(index: MatchIndex, volunteer: Volunteer, shifts: Rows, now: int) -> np.ndarray:
    """Which of ``shifts`` are open, future, free, not yet asked for, and in the person's week."""
    ok = index.shift_active[shifts] & (index.shift_starts[shifts] > now)
    ok &= index.shift_free[shifts] > 0
    requested = index.shift_rows(volunteer.requested_shift_ids)
    if requested and isinstance(shifts, slice):
        ok[requested] = False
    elif requested:
        ok &= ~np.isin(np.asarray(shifts), requested)
    if volunteer.windows:
        starts, ends = index.week_minutes(volunteer.timezone)
        ok &= windows.fits_any(volunteer.windows, starts[shifts], ends[shifts])
    return ok


def _goal_fit(volunteer: Volunteer, attrs: np.ndarray, counts: np.ndarray, skill: np.ndarray):
    if not volunteer.goals:
        return np.full(len(attrs), w.NEUTRAL, dtype=np.float32)
    parts = []
    hit, miss = w.GOAL_MATCH, w.GOAL_MISS
    for goal in sorted(volunteer.goals):
        if goal == "job_skills":
            parts.append(np.where(attrs & TRAINING, hit, miss))
        elif goal == "explore_career":
            parts.append(np.where((attrs & TRAINING) | (skill >= 0.5), hit, miss))
        elif goal == "meet_people":
            parts.append(np.where(attrs & TEAM, hit, miss))
        elif goal == "routine":
            parts.append(np.where(counts >= w.ROUTINE_MIN_SHIFTS, hit, miss))
        else:
            parts.append(np.full(len(attrs), w.GIVE_BACK))
    return np.mean(parts, axis=0).astype(np.float32)


def _preference_fit(volunteer: Volunteer, attrs: np.ndarray) -> np.ndarray:
    wanted = volunteer.preferences - volunteer.must_have
    if not wanted:
        return np.full(len(attrs), w.NEUTRAL, dtype=np.float32)
    bits = [1 << FIT_ATTRIBUTES.index(name) for name in wanted if name in FIT_ATTRIBUTES]
    met = np.zeros(len(attrs), dtype=np.float32)
    for bit in bits:
        met += (attrs & bit) > 0
    return met / max(len(bits), 1)


def _distance_fit(volunteer: Volunteer, virtual: np.ndarray, distance: np.ndarray):
    if not volunteer.has_location:
        return np.where(virtual, w.VIRTUAL_DISTANCE_FIT, w.NEUTRAL).astype(np.float32)
    travel = max(volunteer.travel_km or w.DEFAULT_TRAVEL_KM, 1.0)
    near = np.clip(1.0 - np.nan_to_num(distance, nan=travel) / travel, 0.0, 1.0)
    return np.where(virtual, w.VIRTUAL_DISTANCE_FIT, near).astype(np.float32)


def scores(index: MatchIndex, volunteer: Volunteer, rows: np.ndarray, counts: np.ndarray,
           distance: np.ndarray) -> np.ndarray:  # fmt: skip
    """Soft score 0-100 of each listing row (counts: fitting shifts per row; distance per row
    of the same ``rows``)."""
    skill = _fit(index, rows, concept_weights(index, volunteer.skills))
    interest = _fit(index, rows, concept_weights(index, volunteer.interests))
    attrs = index.listing_attributes[rows]
    virtual = index.listing_virtual[rows]
    total = (
        w.SKILL * skill
        + w.INTEREST * interest
        + w.GOAL * _goal_fit(volunteer, attrs, counts, skill)
        + w.PREFERENCE * _preference_fit(volunteer, attrs)
        + w.DISTANCE * _distance_fit(volunteer, virtual, distance)
    )
    connections = index.listing_connections[rows]
    spread = 1.0 - w.SPREAD_MAX * connections / (connections + w.SPREAD_HALF)
    return np.round(100.0 * total * spread, 2)


def rank(index: MatchIndex, volunteer: Volunteer, now: int, limit: int = 20) -> list[Match]:
    """The best ``limit`` opportunities for one person, each with its soonest fitting shift."""
    everything = slice(0, index.n_listings)
    listing_ok, distance = _listing_filter(index, volunteer, everything)
    shift_ok = _shift_filter(index, volunteer, slice(0, index.n_shifts), now)
    shift_ok &= listing_ok[index.shift_listing[: index.n_shifts]]
    fitting = np.flatnonzero(shift_ok)
    if fitting.size == 0 or limit <= 0:
        return []
    counts = np.bincount(index.shift_listing[fitting], minlength=index.n_listings)
    rows = np.flatnonzero(counts)
    score = scores(index, volunteer, rows, counts[rows], distance[rows])
    if len(rows) > limit:
        threshold = np.partition(score, len(score) - limit)[len(score) - limit]
        keep = score >= threshold
        rows, score = rows[keep], score[keep]
    order = np.lexsort((index.listing_ids[rows], -score))[:limit]
    top_rows = rows[order]
    soonest = _soonest_shifts(index, fitting, top_rows)
    return [
        _match(index, volunteer, row, soonest[row], float(row_score), distance[row], counts[row])
        for row, row_score in zip(top_rows, score[order], strict=True)
    ]


def _match(
    index: MatchIndex,
    volunteer: Volunteer,
    row: int,
    shift_row: int,
    score: float,
    distance: float,
    fitting_shifts: int,
    for_organization: bool = False,
) -> Match:
    listing = index.listings[row]
    km = None if np.isnan(distance) or listing.virtual else round(float(distance), 1)
    return Match(
        shift_id=int(index.shift_ids[shift_row]),
        opportunity_id=listing.opportunity_id,
        title=listing.title,
        organization=listing.organization,
        starts_at=int(index.shift_starts[shift_row]),
        ends_at=int(index.shift_ends[shift_row]),
        score=score,
        reasons=(
            explain_for_organization(index, volunteer, listing, shift_row)
            if for_organization
            else explain(index, volunteer, listing, shift_row, km)
        ),
        distance_km=km,
        more_shifts=int(fitting_shifts) - 1,
    )


def rank_candidates(
    index: MatchIndex, volunteers: list[Volunteer], opportunity_id: int, now: int, limit: int = 20
) -> list[tuple[Volunteer, Match]]:
    """The other way round: people ranked for one opportunity, by the same rules and score.

    Their reasons are written for the organization and say only what it may know: which
    skills fit (in the vocabulary's words) and that the time and place suit the person.
    """
    row = index.listing_row(opportunity_id)
    if row is None:
        return []
    rows = np.array([row])
    shift_rows = np.flatnonzero(index.shift_listing[: index.n_shifts] == row)
    found: list[tuple[float, int, Volunteer, Match]] = []
    for volunteer in volunteers:
        listing_ok, distance = _listing_filter(index, volunteer, rows)
        if not listing_ok[0] or shift_rows.size == 0:
            continue
        fitting = shift_rows[_shift_filter(index, volunteer, shift_rows, now)]
        if fitting.size == 0:
            continue
        score = float(scores(index, volunteer, rows, np.array([fitting.size]), distance)[0])
        first = fitting[np.lexsort((index.shift_ids[fitting], index.shift_starts[fitting]))[0]]
        match = _match(index, volunteer, row, int(first), score, distance[0], fitting.size, True)
        found.append((-score, volunteer.id, volunteer, match))
    found.sort(key=lambda item: (item[0], item[1]))
    return [(volunteer, match) for _, _, volunteer, match in found[:limit]]


def _soonest_shifts(index: MatchIndex, fitting: np.ndarray, rows: np.ndarray) -> dict[int, int]:
    """For each chosen listing row, its fitting shift that starts first (ties: lower id)."""
    chosen = fitting[np.isin(index.shift_listing[fitting], rows)]
    order = np.lexsort((index.shift_ids[chosen], index.shift_starts[chosen]))
    soonest: dict[int, int] = {}
    for shift_row in chosen[order]:
        soonest.setdefault(int(index.shift_listing[shift_row]), int(shift_row))
    return soonest


def explain_shift(
    index: MatchIndex, volunteer: Volunteer, shift_id: int, voice: str = "you"
) -> list[str]:
    """The reasons for one shift (e.g. beside a request in a coordinator's queue, with
    ``voice="they"``)."""
    shift_rows = index.shift_rows(frozenset({shift_id}))
    if not shift_rows:
        return []
    shift_row = shift_rows[0]
    row = int(index.shift_listing[shift_row])
    listing = index.listings[row]
    km = None
    if volunteer.has_location and not listing.virtual and not np.isnan(index.listing_lat[row]):
        km = round(float(distances_km(index, volunteer, np.array([row]))[0]), 1)
    return explain(index, volunteer, listing, shift_row, km, voice)
