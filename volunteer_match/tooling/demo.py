"""Demo data: NYC organizations and opportunities (see demo_nyc) plus the demo accounts.

``seed_demo`` adds only what is missing (organizations and opportunities by ``source_ref``,
accounts by email), so running it again changes nothing. Accounts are made by the accounts
service, so passwords are hashed exactly as at sign-up. It flushes; the caller commits.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import (
    FIT_ATTRIBUTES,
    GOALS,
    Organization,
    Role,
    User,
)
from volunteer_match.services import accounts, profiles
from volunteer_match.tooling import demo_activity, demo_nyc

ADMIN_EMAIL = "admin@example.org"
COORDINATOR_EMAIL = "coordinator@example.org"
ORGANIZATION_EMAIL = "organization@example.org"
VOLUNTEER_EMAIL = "volunteer@example.org"
DEMO_LOGINS: list[tuple[str, str]] = [
    (Role.VOLUNTEER.value, VOLUNTEER_EMAIL),
    (Role.ORGANIZATION.value, ORGANIZATION_EMAIL),
    (Role.COORDINATOR.value, COORDINATOR_EMAIL),
    (Role.ADMIN.value, ADMIN_EMAIL),
]
VOLUNTEERS_PATH = Path(__file__).parent.parent / "data" / "demo_volunteers.json"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass
class SeedResult:
    """What one run created."""

    organizations: int = 0
    opportunities: int = 0
    shifts: int = 0
    accounts: int = 0

    @property
    def added_anything(self) -> bool:
        return any((self.organizations, self.opportunities, self.shifts, self.accounts))

    def summary(self) -> str:
        if not self.added_anything:
            return "Demo data already up to date: nothing to add."
        parts = [
            _count(self.organizations, "organization"),
            _count(self.opportunities, "opportunity", "opportunities"),
            _count(self.shifts, "shift"),
            _count(self.accounts, "account"),
        ]
        return "Loaded " + ", ".join(parts) + "."


def _count(number: int, singular: str, plural: str | None = None) -> str:
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number:,} {word}"


def has_any_user() -> bool:
    return db.session.scalar(sa.select(User.id).limit(1)) is not None


def seed_demo(password: str) -> SeedResult:
    """Load whatever part of the demo data is missing; flushes, never commits."""
    result = SeedResult()
    profiles = volunteer_profiles()
    emails = [email for _, email in DEMO_LOGINS] + [p["email"] for p in profiles]
    existing = set(db.session.scalars(sa.select(User.email).where(User.email.in_(emails))))

    def staff(email: str, name: str, role: str) -> User | None:
        if email in existing:
            return accounts.find_by_email(email)
        result.accounts += 1
        return accounts.create_staff_user(email, password, name, role)

    admin = staff(ADMIN_EMAIL, "Alex (admin)", Role.ADMIN.value)
    coordinator = staff(COORDINATOR_EMAIL, "Jordan", Role.COORDINATOR.value)

    rows = demo_nyc.read_rows()
    org_ref = demo_nyc.demo_organization_ref(rows)
    counts = demo_nyc.load(rows, verifier=admin, demo_org_ref=org_ref)
    result.organizations = counts.organizations
    result.opportunities = counts.opportunities
    result.shifts = counts.shifts

    if ORGANIZATION_EMAIL not in existing:
        _organization_user(ORGANIZATION_EMAIL, "Pat", password, org_ref)
        result.accounts += 1
    for profile in profiles:
        if profile["email"] not in existing:
            _volunteer(profile, password)
            result.accounts += 1
    db.session.flush()
    if VOLUNTEER_EMAIL not in existing and coordinator is not None:
        demo_activity.load(VOLUNTEER_EMAIL, ORGANIZATION_EMAIL, coordinator)
    return result


def _organization_user(email: str, name: str, password: str, org_ref: str) -> User:
    """The demo organization account belongs to a real NYC organization, as its owner."""
    organization = db.session.scalar(
        sa.select(Organization).where(Organization.source_ref == org_ref)
    )
    assert organization is not None, "load the NYC organizations first"
    return accounts.add_organization_staff(organization, email, password, name, is_owner=True)


def volunteer_profiles(path: Path = VOLUNTEERS_PATH) -> list[dict[str, Any]]:
    """The demo volunteers' profiles (data/demo_volunteers.json), checked against the model."""
    profiles: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    for profile in profiles:
        unknown = (set(profile["goals"]) - set(GOALS)) | (
            set(profile["preferences"] + profile["must_have"]) - set(FIT_ATTRIBUTES)
        )
        if unknown:
            raise ValueError(f"{profile['email']}: unknown goals or attributes {sorted(unknown)}")
    return profiles


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def availability_windows(entries: list[str]) -> list[profiles.Window]:
    """``["Sat 09:00-14:00", ...]`` to weekly windows (Monday = 0)."""
    windows = []
    for entry in entries:
        day, span = entry.split()
        start, end = span.split("-")
        windows.append(profiles.Window(WEEKDAYS.index(day), _minutes(start), _minutes(end)))
    return windows


def _volunteer(data: dict[str, Any], password: str) -> User:
    """Sign up as any volunteer would, then fill in the profile through the same service."""
    user = accounts.register(
        accounts.Registration(data["email"], password, data["display_name"], Role.VOLUNTEER.value)
    )
    profiles.update(
        user,
        profiles.ProfileInput(
            skills=list(data["skills"]),
            interests=list(data["interests"]),
            goals=list(data["goals"]),
            availability=availability_windows(data["availability"]),
            postcode=data["postcode"],
            travel_km=float(data["travel_km"]),
            virtual_ok=data["virtual_ok"],
            preferences=list(data["preferences"]),
            must_have=list(data["must_have"]),
            findable_by_organizations=data["findable_by_organizations"],
            share_email_with_organizations=data["share_email_with_organizations"],
        ),
    )
    return user
