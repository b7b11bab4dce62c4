"""Reading requests: a person's history and verified hours, a coordinator's queue, an
organization's requests, and a shift's roster. Nothing here changes a request; reading the
queue with people's details is an audited disclosure.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import REVIEWER_ROLES, Opportunity, Role, Shift, ShiftRequest, User
from volunteer_match.models import RequestStatus as S
from volunteer_match.services import audit, organizations, shifts
from volunteer_match.services.errors import Forbidden, NotFound
from volunteer_match.services.requests.access import reviewable_by


@dataclass(frozen=True)
class History:
    hours: float
    attended: int
    no_shows: int


def history(volunteer_id: int) -> History:
    row = db.session.execute(
        sa.select(
            sa.func.coalesce(sa.func.sum(ShiftRequest.hours), 0.0),
            sa.func.count(ShiftRequest.id).filter(ShiftRequest.status == S.ATTENDED.value),
            sa.func.count(ShiftRequest.id).filter(ShiftRequest.status == S.NO_SHOW.value),
        ).where(ShiftRequest.volunteer_id == volunteer_id)
    ).one()
    hours, attended, no_shows = row
    return History(hours=float(hours or 0.0), attended=int(attended), no_shows=int(no_shows))


def review(coordinator: User, status: str = S.PENDING.value) -> list[ShiftRequest]:
    """The queue as a coordinator reads it, with each person's details: the disclosure is
    written to the audit log (who saw whose requests, when)."""
    items = queue(coordinator, status)
    if items:
        people = sorted({item.volunteer_id for item in items})
        audit.record("requests.reviewed", actor=coordinator, status=status, volunteer_ids=people)
    return items


def queue(coordinator: User, status: str = S.PENDING.value) -> list[ShiftRequest]:
    if coordinator.role not in REVIEWER_ROLES:
        raise Forbidden("Only coordinators see the queue.")
    return list(
        db.session.scalars(
            sa.select(ShiftRequest)
            .where(ShiftRequest.status == status, reviewable_by(coordinator))
            .order_by(ShiftRequest.created_at, ShiftRequest.id)
        )
    )


def _of_organization(staff: User, status: str | None) -> sa.Select:
    """Requests for the shifts of the staff member's own organization, soonest shift first."""
    organization = organizations.own_organization(staff)
    query = (
        sa.select(ShiftRequest)
        .join(Shift)
        .join(Opportunity)
        .where(Opportunity.organization_id == organization.id)
    )
    if status is not None:
        query = query.where(ShiftRequest.status == status)
    return query.order_by(Shift.starts_at, ShiftRequest.created_at, ShiftRequest.id)


def visible_page(
    viewer: User, status: str | None, page: int, per_page: int
) -> tuple[list[ShiftRequest], int]:
    """One page of the requests ``viewer`` may see, and how many there are in all: a
    coordinator's queue (pending unless ``status`` says otherwise; reading it is audited), a
    volunteer's own requests, or an organization's requests for its shifts."""
    start = (page - 1) * per_page
    if viewer.role in REVIEWER_ROLES:
        found = review(viewer, status or S.PENDING.value)
    elif viewer.role == Role.VOLUNTEER.value:
        found = [r for r in of_volunteer(viewer) if status is None or r.status == status]
    else:
        query = _of_organization(viewer, status)
        total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
        return list(db.session.scalars(query.limit(per_page).offset(start))), total or 0
    return found[start : start + per_page], len(found)


def of_volunteer(volunteer: User) -> list[ShiftRequest]:
    return list(
        db.session.scalars(
            sa.select(ShiftRequest)
            .join(Shift)
            .where(ShiftRequest.volunteer_id == volunteer.id)
            .order_by(Shift.starts_at, ShiftRequest.id)
        )
    )


def roster(viewer: User, shift_id: int) -> list[ShiftRequest]:
    """Approved (and, after the shift, attended or absent) people on a shift."""
    shift = db.session.get(Shift, shift_id)
    if shift is None:
        raise NotFound("We couldn't find that shift.")
    if viewer.role == Role.ORGANIZATION.value:
        shifts.get_managed(viewer, shift_id)
    elif viewer.role not in REVIEWER_ROLES:
        raise Forbidden("Rosters are for the organization and coordinators.")
    query = sa.select(ShiftRequest).where(
        ShiftRequest.shift_id == shift_id,
        ShiftRequest.status.in_((S.APPROVED.value, S.ATTENDED.value, S.NO_SHOW.value)),
    )
    if viewer.role in REVIEWER_ROLES:  # a coordinator sees only people they may still see
        query = query.where(reviewable_by(viewer))
    return list(db.session.scalars(query.order_by(ShiftRequest.created_at, ShiftRequest.id)))
