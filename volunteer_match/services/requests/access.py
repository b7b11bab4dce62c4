"""Who may see a request, and who may act on it.

A volunteer sees their own requests; an organization's staff see those for its shifts; a
coordinator (or admin) sees and decides those in :func:`reviewable_by`. Unknown and
not-yours both raise NotFound.
"""

from __future__ import annotations

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import REVIEWER_ROLES, CoordinatorLink, Role, ShiftRequest, User
from volunteer_match.services import organizations
from volunteer_match.services.errors import Forbidden, NotFound


def reviewable_by(coordinator: User) -> sa.ColumnElement[bool]:
    """Requests a coordinator may decide: their caseload's, and those of people with no
    coordinator, except people who unlinked from this coordinator (they see nothing new)."""
    linked = sa.select(CoordinatorLink.volunteer_id).where(CoordinatorLink.unlinked_at.is_(None))
    mine = linked.where(CoordinatorLink.coordinator_id == coordinator.id)
    left_me = sa.select(CoordinatorLink.volunteer_id).where(
        CoordinatorLink.coordinator_id == coordinator.id,
        CoordinatorLink.unlinked_at.is_not(None),
    )
    if coordinator.role == Role.ADMIN.value:
        return sa.true()
    return sa.or_(
        ShiftRequest.volunteer_id.in_(mine),
        sa.and_(
            ShiftRequest.volunteer_id.not_in(linked), ShiftRequest.volunteer_id.not_in(left_me)
        ),
    )


def _get(request_id: int) -> ShiftRequest:
    request = db.session.get(ShiftRequest, request_id)
    if request is None:
        raise NotFound("We couldn't find that request.")
    return request


def _is_staff_of_shift(user: User, request: ShiftRequest) -> bool:
    return organizations.is_member(user, request.shift.opportunity.organization_id)


def get_for(user: User, request_id: int) -> ShiftRequest:
    """A request the user may see: their own, their organization's, or one they may decide."""
    request = _get(request_id)
    if user.role == Role.VOLUNTEER.value and request.volunteer_id == user.id:
        return request
    if user.role == Role.ORGANIZATION.value and _is_staff_of_shift(user, request):
        return request
    if user.role in REVIEWER_ROLES and db.session.scalar(
        sa.select(ShiftRequest.id).where(ShiftRequest.id == request.id, reviewable_by(user))
    ):
        return request
    raise NotFound("We couldn't find that request.")


def get_reviewable(user: User, request_id: int) -> ShiftRequest:
    """A request this coordinator (or admin) may decide."""
    if user.role not in REVIEWER_ROLES:
        raise Forbidden("Only coordinators decide requests.")
    return get_for(user, request_id)
