"""People and organizations: accounts made through the app's own account, organization and
profile services and committed, so a test has exactly the people it needs. ``PASSWORD`` is every
such account's password; ``SAM_EMAIL`` is the email of Sam in the ``account`` fixture
(conftest.py), which the privacy tests look for. The default shift day (``shift_day``,
``evening``) lives here too, because a new ``volunteer`` is free on that evening by default and
this module is the lowest layer: shifts.py builds its default shifts on the same day.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from volunteer_match.extensions import db
from volunteer_match.models import REVIEWER_ROLES, Organization, User, utcnow
from volunteer_match.services import accounts, organizations, profiles
from volunteer_match.services.profiles import ProfileInput, Window

PASSWORD = "correct horse battery"
SAM_EMAIL = "sam.rivera@example.org"


def make_user(
    role: str = "volunteer",
    email: str | None = None,
    password: str = PASSWORD,
    display_name: str = "Sam",
    organization: str = "Harbor Food Pantry",
) -> User:
    """Create and commit an account through the same services the app uses."""
    email = email or f"{role}-{os.urandom(4).hex()}@example.org"
    if role in REVIEWER_ROLES:  # coordinators and admins are made, not registered
        user = accounts.create_staff_user(email, password, display_name, role)
    else:
        org = accounts.NewOrganization(name=organization) if role == "organization" else None
        user = accounts.register(accounts.Registration(email, password, display_name, role, org))
    db.session.commit()
    return user


def org_of(staff: User) -> Organization:
    """The organization of a staff account."""
    org = organizations.organization_of(staff)
    assert org is not None
    return org


def organization(name: str = "Harbor Food Pantry", verified: bool = True) -> User:
    """A staff account whose organization is verified (or not), committed."""
    staff = make_user("organization", organization=name)
    if verified:
        org_of(staff).verified_at = utcnow()
    db.session.commit()
    return staff


def new_organization(name: str = "Harbor Food Pantry") -> tuple[User, Organization]:
    """An organization nobody has verified yet: (its staff account, the organization)."""
    staff = organization(name, verified=False)
    return staff, org_of(staff)


SHIFT_DAYS_AHEAD = 10  # add_shift's default day, and the day volunteer() is free by default


def shift_day() -> date:
    """The day add_shift() puts its shifts on by default (ten days from now)."""
    return date.today() + timedelta(days=SHIFT_DAYS_AHEAD)


def evening(day: date | None = None) -> Window:
    """4 pm to 10 pm on the weekday of ``day`` (default: add_shift's day)."""
    return Window((day or shift_day()).weekday(), 16 * 60, 22 * 60)


def volunteer(
    skills: tuple[str, ...] = ("cookin",),
    interests: tuple[str, ...] = (),
    *,
    display_name: str = "Sam",
    email: str | None = None,
    windows: tuple[Window, ...] | None = None,
    postcode: str | None = "10027",
    travel_km: float | None = 10.0,
    timezone: str = "America/New_York",
    **fields: object,
) -> User:
    """A volunteer whose profile was saved through profiles.update, committed. Free on the
    evening of add_shift's day unless ``windows`` says otherwise."""
    user = make_user("volunteer", email=email, display_name=display_name)
    data = ProfileInput(
        skills=list(skills),
        interests=list(interests),
        availability=list(windows if windows is not None else (evening(),)),
        postcode=postcode,
        travel_km=travel_km,
        timezone=timezone,
        **fields,  # type: ignore[arg-type]
    )
    profiles.update(user, data)
    db.session.commit()
    return user
