"""`flask seed-demo`: NYC demo organizations, opportunities, shifts and the demo accounts."""

from __future__ import annotations

import re
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import Flask

from tests.factories import make_user
from volunteer_match.extensions import db
from volunteer_match.models import (
    Base,
    Opportunity,
    Organization,
    OrganizationMember,
    Shift,
    ShiftRequest,
    User,
    VolunteerProfile,
    utcnow,
)
from volunteer_match.services import accounts, organizations, requests
from volunteer_match.tooling import demo, demo_nyc

DEMO_EMAILS = {
    "volunteer": "volunteer@example.org",
    "organization": "organization@example.org",
    "coordinator": "coordinator@example.org",
    "admin": "admin@example.org",
}


def row_counts() -> dict[str, int]:
    return {
        table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
    }


def shift_starts(opportunity_ref: str | None = None) -> set:
    query = sa.select(Shift.starts_at)
    if opportunity_ref:
        query = query.join(Opportunity).where(Opportunity.source_ref == opportunity_ref)
    return set(db.session.scalars(query))


def test_seed_demo_loads_nyc_data_once_and_demo_accounts_work(app: Flask, runner) -> None:
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "Loaded 261 organizations, 665 opportunities" in first.output
    for role, email in DEMO_EMAILS.items():
        assert re.search(rf"{role}\s+{re.escape(email)}", first.output)

    counts = row_counts()
    assert counts["organization"] == 261
    assert counts["opportunity"] == 665
    assert counts["user_account"] == 16
    titles = set(db.session.scalars(sa.select(Opportunity.title)))
    assert {"Math Tutor", "Pantry Distribution"} <= titles

    shifts = db.session.scalars(sa.select(Shift)).all()
    assert len(shifts) == counts["shift"] > 665
    now = utcnow()
    with_people = set(db.session.scalars(sa.select(ShiftRequest.shift_id)))
    for shift in shifts:
        assert shift.starts_at.tzinfo == UTC
        if shift.id in with_people:  # the demo's own activity, checked below
            continue
        assert now < shift.starts_at < shift.ends_at <= now + timedelta(weeks=8, days=1)
        assert 1 <= shift.capacity <= 30 and shift.filled == 0

    # Demo activity: Riley has verified hours and an approved shift; the queue has a request.
    riley = accounts.find_by_email("volunteer@example.org")
    assert requests.history(riley.id).hours == 6.0
    assert [r.status for r in requests.of_volunteer(riley)].count("approved") == 1
    coordinator = accounts.find_by_email("coordinator@example.org")
    assert len(requests.queue(coordinator)) == 1

    # Second run: nothing new, nothing moved.
    starts = shift_starts()
    second = runner.invoke(args=["seed-demo"])
    assert second.exit_code == 0, second.output
    assert "nothing to add" in second.output
    assert row_counts() == counts
    assert shift_starts() == starts

    # A deleted opportunity comes back with the same shift times (seeded per row).
    math = db.session.scalar(sa.select(Opportunity).where(Opportunity.title == "Math Tutor"))
    assert math is not None and math.source_ref
    ref, math_starts = math.source_ref, shift_starts(math.source_ref)
    db.session.delete(math)
    db.session.commit()
    assert demo.seed_demo(app.config["DEMO_PASSWORD"]).opportunities == 1
    db.session.commit()
    assert shift_starts(ref) == math_starts
    assert row_counts() == counts

    # Some organizations wait for a coordinator to verify them.
    unverified = db.session.scalar(
        sa.select(sa.func.count()).where(Organization.verified_at.is_(None))
    )
    assert 0 < unverified < 261 // 5

    # Every demo login works with the configured demo password.
    password = app.config["DEMO_PASSWORD"]
    for role, email in DEMO_EMAILS.items():
        user = accounts.authenticate(email, password)
        assert user is not None and user.role == role

    # The organization account runs a real, verified NYC organization with opportunities.
    pat = accounts.find_by_email(DEMO_EMAILS["organization"])
    assert pat is not None
    organization = organizations.organization_of(pat)
    assert organization is not None and organization.is_verified
    assert (organization.source_ref or "").startswith("nyc-org-")
    member = db.session.scalar(
        sa.select(OrganizationMember).where(OrganizationMember.user_id == pat.id)
    )
    assert member is not None and member.is_owner
    opportunities = db.session.scalars(
        sa.select(Opportunity).where(Opportunity.organization_id == organization.id)
    ).all()
    assert len(opportunities) >= 3 and all(o.shifts for o in opportunities)

    # Demo volunteers have filled-in profiles.
    profiles = db.session.scalars(sa.select(VolunteerProfile).join(User)).all()
    assert len(profiles) == 13
    for profile in profiles:
        assert profile.skills and profile.interests and profile.goals and profile.availability
        assert profile.latitude is not None and 3 <= (profile.travel_km or 0) <= 25
        assert " " not in profile.user.display_name


def test_seed_demo_if_empty_leaves_a_database_with_users_alone(app: Flask, runner) -> None:
    make_user("volunteer", email="someone@example.org")
    before = row_counts()

    result = runner.invoke(args=["seed-demo", "--if-empty"])

    assert result.exit_code == 0, result.output
    assert "already loaded" in result.output
    assert row_counts() == before
    assert before["organization"] == 0


def test_ongoing_rows_get_a_weekly_shift_and_onetime_rows_one_or_two() -> None:
    zone = ZoneInfo("America/New_York")
    first_day = date(2026, 3, 2)  # spans the change to summer time on 8 March
    ongoing = {"recurrence_type": "ongoing"}
    times = demo_nyc.shift_times(ongoing, demo_nyc.rng_for("x"), zone, first_day)

    assert len(times) == 8
    local_starts = [start.astimezone(zone) for start, _ in times]
    assert len({(s.weekday(), s.hour, s.minute) for s in local_starts}) == 1
    assert 8 * 60 <= local_starts[0].hour * 60 + local_starts[0].minute <= 18 * 60
    assert all(timedelta(hours=2) <= end - start <= timedelta(hours=4) for start, end in times)
    assert times == demo_nyc.shift_times(ongoing, demo_nyc.rng_for("x"), zone, first_day)

    for key in "abcdefgh":
        onetime = demo_nyc.shift_times(
            {"recurrence_type": "onetime"}, demo_nyc.rng_for(key), zone, first_day
        )
        assert 1 <= len(onetime) <= 2
        assert all(start.date() >= first_day for start, _ in onetime)


def test_summary_counts_what_was_added() -> None:
    assert demo.SeedResult().summary() == "Demo data already up to date: nothing to add."
    summary = demo.SeedResult(261, 665, 4321, 1).summary()
    assert summary == "Loaded 261 organizations, 665 opportunities, 4,321 shifts, 1 account."


def test_demo_volunteers_say_nothing_about_health_or_history() -> None:
    text = demo.VOLUNTEERS_PATH.read_text(encoding="utf-8").lower()
    text = text.replace("substance_free", "")  # a fact about a place, from FIT_ATTRIBUTES
    forbidden = (
        r"recover|sober|substance|diagnos|treatment|rehab|relapse|addict|medicat"
        r"|court|arrest|prison|alcohol|drug"
    )
    assert not re.search(forbidden, text)
    assert len(demo.volunteer_profiles()) == 13
