"""Volunteer profiles: saving what a person tells us, and what to add next.

Privacy: a profile holds skills, interests, goals, availability, a postcode's coarse
coordinates and preferences about places. Nothing about health, treatment or history.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.matching import Window, lexicon
from volunteer_match.models import (
    FIT_ATTRIBUTES,
    GOALS,
    AvailabilityWindow,
    Role,
    User,
    VolunteerProfile,
)
from volunteer_match.services import audit, clock, geo
from volunteer_match.services.errors import NotFound, ValidationFailed
from volunteer_match.services.text import clean_tags

MAX_TRAVEL_KM = 500
MAX_WINDOWS = 42
MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True)
class ProfileInput:
    skills: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    availability: list[Window] = field(default_factory=list)
    postcode: str | None = None
    travel_km: float | None = None
    virtual_ok: bool = False
    timezone: str | None = None
    preferences: list[str] = field(default_factory=list)
    must_have: list[str] = field(default_factory=list)
    findable_by_organizations: bool = False
    share_email_with_organizations: bool = False

    @classmethod
    def from_profile(cls, profile: VolunteerProfile) -> ProfileInput:
        return cls(
            skills=list(profile.skills),
            interests=list(profile.interests),
            goals=list(profile.goals),
            availability=[
                Window(w.weekday, w.start_minute, w.end_minute) for w in profile.availability
            ],
            postcode=profile.postcode,
            travel_km=profile.travel_km,
            virtual_ok=profile.virtual_ok,
            timezone=profile.timezone,
            preferences=list(profile.preferences),
            must_have=list(profile.must_have),
            findable_by_organizations=profile.findable_by_organizations,
            share_email_with_organizations=profile.share_email_with_organizations,
        )


def get(user: User) -> VolunteerProfile:
    if user.role != Role.VOLUNTEER.value:
        raise NotFound("Only volunteers have a profile.")
    profile = db.session.scalar(
        sa.select(VolunteerProfile).where(VolunteerProfile.user_id == user.id)
    )
    if profile is None:  # e.g. an account made before profiles existed
        profile = VolunteerProfile(user_id=user.id, timezone=clock.zone(None).key)
        db.session.add(profile)
        db.session.flush()
    return profile


def read_concepts(profile: VolunteerProfile) -> None:
    """What the matcher understands of the person's own words, read when they save."""
    words = lexicon()
    profile.skill_concepts = words.concepts_in_entries(profile.skills)
    profile.interest_concepts = words.concepts_in_entries(profile.interests)


def merge_windows(windows: list[Window]) -> list[Window]:
    """Sort windows and join the ones that touch or overlap on the same day."""
    merged: list[Window] = []
    for window in sorted(windows, key=lambda w: (w.weekday, w.start_minute, w.end_minute)):
        last = merged[-1] if merged else None
        if last and last.weekday == window.weekday and window.start_minute <= last.end_minute:
            merged[-1] = Window(
                last.weekday, last.start_minute, max(last.end_minute, window.end_minute)
            )
        else:
            merged.append(window)
    return merged


def _check_windows(windows: list[Window]) -> list[str]:
    problems = []
    if len(windows) > MAX_WINDOWS:
        problems.append(f"List at most {MAX_WINDOWS} times.")
    for w in windows:
        if not 0 <= w.weekday <= 6:
            problems.append("Days go from 0 (Monday) to 6 (Sunday).")
        elif not 0 <= w.start_minute < w.end_minute <= MINUTES_PER_DAY:
            problems.append("Each time needs an end after its start, within the same day.")
    return sorted(set(problems))


def update(user: User, data: ProfileInput) -> VolunteerProfile:
    profile = get(user)
    problems: dict[str, list[str]] = {}
    lists: dict[str, list[str]] = {}
    for name in ("skills", "interests"):
        try:
            lists[name] = clean_tags(getattr(data, name), name)
        except ValidationFailed as exc:
            problems.update(exc.fields)
    if set(data.goals) - set(GOALS):
        problems["goals"] = [f"Choose from: {', '.join(GOALS)}."]
    for name in ("preferences", "must_have"):
        if set(getattr(data, name)) - set(FIT_ATTRIBUTES):
            problems[name] = [f"Choose from: {', '.join(FIT_ATTRIBUTES)}."]
    window_problems = _check_windows(data.availability)
    if window_problems:
        problems["availability"] = window_problems
    if data.travel_km is not None and not 0 <= data.travel_km <= MAX_TRAVEL_KM:
        problems["travel_km"] = [f"Choose a distance from 0 to {MAX_TRAVEL_KM} km."]
    timezone = profile.timezone
    if data.timezone:
        try:
            timezone = clock.check_timezone(data.timezone)
        except ValidationFailed as exc:
            problems.update(exc.fields)
    coordinates = None
    try:
        coordinates = geo.resolve_postcode(data.postcode)
    except ValidationFailed as exc:
        problems.update(exc.fields)
    if problems:
        raise ValidationFailed("Please check the highlighted fields.", problems)

    profile.skills = lists["skills"]
    profile.interests = lists["interests"]
    read_concepts(profile)
    profile.goals = [goal for goal in GOALS if goal in data.goals]
    profile.availability = [
        AvailabilityWindow(weekday=w.weekday, start_minute=w.start_minute, end_minute=w.end_minute)
        for w in merge_windows(data.availability)
    ]
    profile.postcode = geo.clean_postcode(data.postcode)
    profile.latitude, profile.longitude = coordinates or (None, None)
    profile.travel_km = data.travel_km
    profile.virtual_ok = data.virtual_ok
    profile.timezone = timezone
    # A must-have is also a preference.
    wanted = set(data.preferences) | set(data.must_have)
    profile.preferences = [name for name in FIT_ATTRIBUTES if name in wanted]
    profile.must_have = [name for name in FIT_ATTRIBUTES if name in data.must_have]
    profile.findable_by_organizations = data.findable_by_organizations
    profile.share_email_with_organizations = data.share_email_with_organizations
    db.session.flush()
    audit.record("profile.updated", actor=user, subject=profile)
    return profile


def replace_all(user: User, data: ProfileInput) -> VolunteerProfile:
    """Save ``data`` as the whole profile: a field left out takes its default, and a time
    zone left out becomes the deployment's default (where :func:`update` keeps the old one)."""
    return update(user, replace(data, timezone=data.timezone or clock.zone(None).key))


@dataclass(frozen=True)
class Completeness:
    percent: int
    done: list[str]
    next_step: str | None


# (what it is, how to ask for it, is it there?) in the order we suggest them.
_STEPS = (
    ("skills", "Add a few things you're good at, like cooking or fixing computers.",
     lambda p: bool(p.skills)),
    ("interests", "Add causes you care about, like fighting hunger or the environment.",
     lambda p: bool(p.interests)),
    ("availability", "Tick the times you're usually free, so we only suggest shifts that fit.",
     lambda p: bool(p.availability)),
    ("location", "Add your ZIP code and how far you can travel, or say virtual is fine.",
     lambda p: p.postcode is not None or p.virtual_ok),
    ("goals", "Say what you'd like from volunteering, like routine or job skills.",
     lambda p: bool(p.goals)),
)  # fmt: skip


def completeness(profile: VolunteerProfile) -> Completeness:
    done = [name for name, _, present in _STEPS if present(profile)]
    missing = [ask for name, ask, present in _STEPS if not present(profile)]
    return Completeness(
        percent=round(100 * len(done) / len(_STEPS)),
        done=done,
        next_step=missing[0] if missing else None,
    )
