"""Demo activity, so every demo login has something to see: the demo volunteer's verified
hours from two past shifts, an approved upcoming shift, and a request waiting in the
coordinator's queue. Loaded once, with the demo accounts; it flushes, never commits."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import (
    Opportunity,
    RequestStatus,
    Shift,
    ShiftRequest,
    User,
    VolunteerProfile,
    utcnow,
)
from volunteer_match.services import accounts, matching, organizations, requests, shifts

PAST_DAYS = (10, 3)
PAST_HOURS = 3.0


def load(volunteer_email: str, staff_email: str, coordinator: User) -> None:
    volunteer = accounts.find_by_email(volunteer_email)
    staff = accounts.find_by_email(staff_email)
    organization = organizations.organization_of(staff) if staff else None
    if volunteer is None or staff is None or organization is None:
        return
    opportunity = db.session.scalar(
        sa.select(Opportunity)
        .where(Opportunity.organization_id == organization.id)
        .order_by(Opportunity.id)
    )
    if opportunity is None:
        return
    _past_hours(volunteer, staff, opportunity)
    upcoming = shifts.upcoming(opportunity)
    if upcoming:
        asked = requests.create(volunteer, upcoming[0].id, "Happy to help set up, too.")
        requests.approve(coordinator, asked.id, "Welcome aboard!")
    _waiting_request(volunteer)


def _past_hours(volunteer: User, staff: User, opportunity: Opportunity) -> None:
    """Two shifts that already happened, attended and verified by the organization."""
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    for days in PAST_DAYS:
        start = now - timedelta(days=days, hours=4)
        shift = Shift(
            opportunity=opportunity,
            starts_at=start,
            ends_at=start + timedelta(hours=PAST_HOURS),
            capacity=3,
            filled=1,
        )
        db.session.add(shift)
        db.session.add(
            ShiftRequest(
                volunteer_id=volunteer.id,
                shift=shift,
                status=RequestStatus.ATTENDED.value,
                hours=PAST_HOURS,
                verified_by_id=staff.id,
                verified_at=start + timedelta(hours=PAST_HOURS + 1),
            )
        )
    db.session.flush()


def _waiting_request(riley: User) -> None:
    """Another demo volunteer asks for their best match, so the coordinator's queue isn't
    empty."""
    other = db.session.scalar(
        sa.select(User)
        .join(VolunteerProfile, VolunteerProfile.user_id == User.id)
        .where(User.id != riley.id)
        .order_by(User.id)
    )
    if other is None:
        return
    best = matching.matches_for(other, limit=1).items
    if best:
        requests.create(other, best[0].shift_id, "I've done this kind of work before.", True)
