"""Offline evaluation of the matcher on a graded relevance set.

The set (format of tests/data/dev_matching_set.json) is loaded into the current app's
database through the same services real people use: organizations register and are verified
by a coordinator, post their opportunities with one future shift each, and volunteers register
and fill in their profiles. Each volunteer is then ranked with ``matching.matches_for`` and
scored with NDCG@10 (gains 2^rel − 1) and P@5, beside two naive baselines on the same texts.

The database must be empty: ``flask match evaluate`` runs this on a throwaway SQLite file.
Nothing is committed here; the caller decides what happens to the session.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from statistics import fmean
from typing import Any

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.matching import metrics
from volunteer_match.models import GOALS, Role, User, utcnow
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


class GradedSetError(ValueError):
    """The graded set can't be read or loaded; the message says where and why."""


# -- the file --------------------------------------------------------------------------------
@dataclass(frozen=True)
class GradedListing:
    key: str
    title: str
    description: str = ""
    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    organization: str = ""
    postcode: str | None = None


@dataclass(frozen=True)
class GradedVolunteer:
    key: str
    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()  # keys of GOALS
    relevance: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class GradedSet:
    listings: list[GradedListing]
    volunteers: list[GradedVolunteer]
    source: str = ""


_GOAL_KEYS = {name.casefold(): name for name in GOALS} | {
    label.casefold(): name for name, label in GOALS.items()
}


def goal_key(label: str) -> str | None:
    """'build job skills', 'Build job skills' or 'job_skills' -> 'job_skills'."""
    return _GOAL_KEYS.get(" ".join(label.split()).casefold())


def _text(item: dict[str, Any], name: str, where: str, required: bool = False) -> str:
    value = item.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise GradedSetError(f"{where}.{name}: expected {'non-empty ' if required else ''}text")
    return value


def _texts(item: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    value = item.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GradedSetError(f"{where}.{name}: expected a list of texts")
    return tuple(value)


def _objects(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    items = data.get(name)
    if not isinstance(items, list) or not items:
        raise GradedSetError(f"'{name}': expected a non-empty list")
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise GradedSetError(f"{name}[{n}]: expected an object")
    return items


def _unique_key(item: dict[str, Any], where: str, seen: set[str]) -> str:
    key = _text(item, "key", where, required=True)
    if key in seen:
        raise GradedSetError(f"{where}.key: '{key}' appears twice")
    seen.add(key)
    return key


def _listing(item: dict[str, Any], where: str, seen: set[str]) -> GradedListing:
    postcode = item.get("postcode")
    if isinstance(postcode, int) and not isinstance(postcode, bool):
        postcode = f"{postcode:05d}"
    if postcode is not None and not isinstance(postcode, str):
        raise GradedSetError(f"{where}.postcode: expected text")
    return GradedListing(
        key=_unique_key(item, where, seen),
        title=_text(item, "title", where, required=True),
        description=_text(item, "description", where),
        skills=_texts(item, "skills", where),
        interests=_texts(item, "interests", where),
        organization=_text(item, "organization", where).strip(),
        postcode=(postcode.strip() or None) if postcode else None,
    )


def _volunteer(
    item: dict[str, Any], where: str, seen: set[str], listing_keys: set[str]
) -> GradedVolunteer:
    key = _unique_key(item, where, seen)
    goals = []
    for label in _texts(item, "goals", where):
        goal = goal_key(label)
        if goal is None:
            known = ", ".join(GOALS.values())
            raise GradedSetError(f"{where}.goals: unknown goal '{label}' (known: {known})")
        goals.append(goal)
    relevance = item.get("relevance", {})
    if not isinstance(relevance, dict):
        raise GradedSetError(f"{where}.relevance: expected an object of listing key -> grade")
    for listing_key, grade in relevance.items():
        if listing_key not in listing_keys:
            raise GradedSetError(f"{where}.relevance: no opportunity has the key '{listing_key}'")
        if not isinstance(grade, int) or isinstance(grade, bool) or grade < 0:
            raise GradedSetError(f"{where}.relevance.{listing_key}: expected a whole number ≥ 0")
    return GradedVolunteer(
        key=key,
        skills=_texts(item, "skills", where),
        interests=_texts(item, "interests", where),
        goals=tuple(goals),
        relevance=dict(relevance),
    )


def parse_graded_set(data: object) -> GradedSet:
    if not isinstance(data, dict):
        raise GradedSetError("expected a JSON object with 'opportunities' and 'volunteers'")
    listing_keys: set[str] = set()
    listings = [
        _listing(item, f"opportunities[{n}]", listing_keys)
        for n, item in enumerate(_objects(data, "opportunities"))
    ]
    volunteer_keys: set[str] = set()
    volunteers = [
        _volunteer(item, f"volunteers[{n}]", volunteer_keys, listing_keys)
        for n, item in enumerate(_objects(data, "volunteers"))
    ]
    source = data.get("source")
    return GradedSet(listings, volunteers, source if isinstance(source, str) else "")


def read_graded_set(path: str | Path) -> GradedSet:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise GradedSetError(f"can't read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise GradedSetError(f"{path} is not UTF-8 text") from error
    except json.JSONDecodeError as error:
        raise GradedSetError(
            f"{path} is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from error
    return parse_graded_set(data)


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
        metrics.ndcg_at_k(ranked, relevance, NDCG_K),
        metrics.precision_at_k(ranked, relevance, PRECISION_K),
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
        accounts.NewOrganization(name=name[: accounts.ORG_NAME_MAX]),
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
        listing.key: metrics.listing_text(
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
        words = metrics.volunteer_text(volunteer.skills, volunteer.interests, goals)
        orders = {
            "matcher": ranked,
            "shared_words": metrics.shared_words_rank(words, texts),
            "token_set": metrics.token_set_rank(words, texts),
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
