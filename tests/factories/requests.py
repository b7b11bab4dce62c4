"""Requests and caseloads: a volunteer ``asked`` for a place on a shift, was ``approved`` or
``attended``; a coordinator's ``invite`` code and a volunteer's consent to ``share`` with them;
and two readers, ``status_of`` a request and whether someone was ``told`` something. Each goes
through the app's request and caseload services and commits. ``CONSENT_SCOPE`` is what a
volunteer agrees to share when they join a caseload. Built on people.py and shifts.py.
"""

from __future__ import annotations

import sqlalchemy as sa

from tests.factories.people import make_user
from tests.factories.shifts import new_shift, start_shift
from volunteer_match.extensions import db
from volunteer_match.models import CoordinatorLink, Notification, Shift, ShiftRequest, User
from volunteer_match.services import caseload, requests

CONSENT_SCOPE = ["shifts", "hours", "match_reasons", "last_activity"]


def asked(
    volunteer: User, shift: Shift, message: str = "", *, confirm_overlap: bool = False
) -> ShiftRequest:
    """A request made through the service, committed."""
    item = requests.create(volunteer, shift.id, message, confirm_overlap=confirm_overlap)
    db.session.commit()
    return item


def approved(coordinator: User, volunteer: User, shift: Shift) -> ShiftRequest:
    """A request made and approved (or waitlisted, if the shift is full), committed."""
    item = requests.approve(coordinator, asked(volunteer, shift).id)
    db.session.commit()
    return item


def attended(
    staff: User, person: User, title: str, hours: float | None = None, **shape: float
) -> Shift:
    """``person`` came to a new shift of ``staff``'s organization, recorded by the staff."""
    shift = new_shift(staff, title=title, **shape)  # type: ignore[arg-type]
    item = approved(make_user("coordinator"), person, shift)
    start_shift(shift, hours_ago=float(shape.get("hours", 3)) + 1)
    requests.record_attendance(staff, item.id, True, hours)
    db.session.commit()
    return shift


def invite(coordinator: User) -> str:
    """A new invite code of ``coordinator``'s."""
    code = caseload.issue_invite_code(coordinator).code
    db.session.commit()
    return code


def share(volunteer: User, coordinator: User) -> CoordinatorLink:
    """``volunteer`` joins ``coordinator``'s caseload with an invite code (their consent)."""
    link = caseload.link(volunteer, invite(coordinator))
    db.session.commit()
    return link


def status_of(item: ShiftRequest) -> str:
    """The request's status as stored now (``item`` is refreshed too)."""
    db.session.refresh(item)
    return item.status


def told(user: User, kind: str) -> bool:
    """Has ``user`` a notification of ``kind``?"""
    found = db.session.scalar(
        sa.select(Notification.id).where(Notification.user_id == user.id, Notification.kind == kind)
    )
    return found is not None
