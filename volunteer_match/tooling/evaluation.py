"""Offline evaluation of the matcher on a graded relevance set.

The set (read by ``graded_set``; format of tests/data/dev_matching_set.json) is loaded into
the current app's database through the same services real people use: organizations register
and are verified by a coordinator, post their opportunities with one future shift each, and
volunteers register and fill in their profiles. Each volunteer is then ranked with
``services.matching.matches_for`` and scored with NDCG@10 (gains 2^rel − 1) and P@5, beside
two naive baselines on the same texts.

The database must be empty: ``flask match evaluate`` runs this on a throwaway SQLite file.
Nothing is committed here; the caller decides what happens to the session.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from statistics import fmean

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.matching import (
    listing_text,
    ndcg_at_k,
    precision_at_k,
    shared_words_rank,
    token_set_rank,
    volunteer_text,
)
from volunteer_match.models import GOALS, NAME_MAX, Role, User, utcnow
from volunteer_match.services import (
    accounts,
    geo,
    matching,
    opportunities,
    organizations,
    profiles,
    shifts,
)
from volunteer_match.services.errors import DomainError, ValidationFailed
from volunteer_match.tooling.graded_set import GradedSet, GradedSetError, GradedVolunteer

NDCG_K = 10
PRECISION_K = 5
RANKERS = ("matcher", "shared_words", "token_set")
RANKER_LABELS = {
    "matcher": "matcher",
    "shared_words": "shared words (baseline)",
    "token_set": "token set ratio (baseline)",
}
SHIFT_HOURS = 3
SHIFT_CAPACITY = 5


# -- the results -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Figures:
    ndcg: float  # NDCG@10
    precision: float  # P@5


@dataclass(frozen=True)
class VolunteerResult:
    key: str
    figures: dict[str, Figures]  # ranker name (see RANKERS) -> figures
    top: list[str]  # the matcher's first PRECISION_K listing keys


@dataclass(frozen=True)
class Evaluation:
    volunteers: int
    listings: int
    means: dict[str, Figures]  # ranker name -> mean over volunteers
    rows: list[VolunteerResult]


def score(ranked: Sequence[str], relevance: dict[str, int]) -> Figures:
    return Figures(
        ndcg_at_k(ranked, relevance, NDCG_K),
        precision_at_k(ranked, relevance, PRECISION_K),
    )


# -- loading through the services --------------------------------------------------------------
@contextmanager
def _loading(what: str) -> Iterator[None]:
    """A service's refusal names the item of the file it came from."""
    try:
        yield
    except DomainError as error:
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.fields.items())
        raise GradedSetError(f"{what}: {error.message} {details}".strip()) from error


def _password() -> str:
    return secrets.token_urlsafe(18)  # nobody signs in to these accounts


def _known_postcode(postcode: str | None) -> str | None:
    try:
        return postcode if geo.resolve_postcode(postcode) is not None else None
    except ValidationFailed:
        return None


def _organization_staff(name: str, n: int, coordinator: User) -> User:
    """Register the organization's account and have the coordinator verify it."""
    registration = accounts.Registration(
        f"organization{n}@evaluation.example.org",
        _password(),
        f"Staff {n}",
        Role.ORGANIZATION.value,
        accounts.NewOrganization(name=name[:NAME_MAX]),
    )
    with _loading(f"organization '{name}'"):
        user = accounts.register(registration)
    organizations.verify(coordinator, organizations.own_organization(user).id)
    return user


def _load_listings(graded: GradedSet) -> dict[int, str]:
    """Organizations, opportunities and shifts; returns opportunity id -> listing key."""
    coordinator = accounts.create_staff_user(
        "coordinator@evaluation.example.org",
        _password(),
        "Evaluation coordinator",
        Role.COORDINATOR.value,
    )
    staff: dict[str, User] = {}
    keys: dict[int, str] = {}
    starts = (utcnow() + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    for listing in graded.listings:
        name = listing.organization or "Unnamed organization"
        if name not in staff:
            staff[name] = _organization_staff(name, len(staff) + 1, coordinator)
        user = staff[name]
        postcode = _known_postcode(listing.postcode)
        data = opportunities.OpportunityInput(
            title=listing.title,
            description=listing.description,
            skills=list(listing.skills),
            interests=list(listing.interests),
            postcode=postcode,
            # Without a known postcode an in-person listing can't be saved, so it is posted
            # as virtual to keep it rankable (the volunteers here all accept virtual roles).
            virtual=postcode is None,
        )
        shift = shifts.ShiftInput(starts, starts + timedelta(hours=SHIFT_HOURS), SHIFT_CAPACITY)
        with _loading(f"opportunity '{listing.key}'"):
            organization_id = organizations.own_organization(user).id
            opportunity = opportunities.create(user, organization_id, data)
            shifts.create(user, opportunity.id, shift)
        keys[opportunity.id] = listing.key
    return keys


def _load_volunteer(n: int, volunteer: GradedVolunteer) -> User:
    registration = accounts.Registration(
        f"volunteer{n}@evaluation.example.org", _password(), f"Volunteer {n}", Role.VOLUNTEER.value
    )
    profile = profiles.ProfileInput(
        skills=list(volunteer.skills),
        interests=list(volunteer.interests),
        goals=list(volunteer.goals),
        virtual_ok=True,  # no postcode and no availability: judged on what they wrote
    )
    with _loading(f"volunteer '{volunteer.key}'"):
        user = accounts.register(registration)
        profiles.update(user, profile)
    return user


def evaluate(graded: GradedSet) -> Evaluation:
    """Load ``graded`` into the (empty) database, rank every volunteer, and score the ranks."""
    if db.session.scalar(sa.select(sa.func.count(User.id))):
        raise GradedSetError("the evaluation loads its own accounts: use an empty database")
    keys = _load_listings(graded)
    people = [_load_volunteer(n, v) for n, v in enumerate(graded.volunteers, start=1)]
    db.session.flush()
    matching.forget_index()  # a bulk load: the next ranking reads everything afresh

    texts = {
        listing.key: listing_text(
            listing.title, listing.description, listing.skills, listing.interests
        )
        for listing in graded.listings
    }
    rows = []
    for volunteer, user in zip(graded.volunteers, people, strict=True):
        # matches_for caps the limit at matching.MAX_LIMIT; NDCG@10 and P@5 need far fewer.
        page = matching.matches_for(user, limit=len(graded.listings))
        ranked = [keys[match.opportunity_id] for match in page.items]
        goals = [GOALS[goal] for goal in volunteer.goals]  # as the person chose them
        words = volunteer_text(volunteer.skills, volunteer.interests, goals)
        orders = {
            "matcher": ranked,
            "shared_words": shared_words_rank(words, texts),
            "token_set": token_set_rank(words, texts),
        }
        figures = {name: score(order, volunteer.relevance) for name, order in orders.items()}
        rows.append(VolunteerResult(volunteer.key, figures, ranked[:PRECISION_K]))
    means = {
        name: Figures(
            fmean(row.figures[name].ndcg for row in rows),
            fmean(row.figures[name].precision for row in rows),
        )
        for name in RANKERS
    }
    return Evaluation(len(graded.volunteers), len(graded.listings), means, rows)
