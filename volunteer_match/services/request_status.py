"""A request's status changes here and nowhere else, and the volunteer hears of every change.

:func:`transition` is the only code that writes ``ShiftRequest.status``: one conditional
UPDATE moves a request from one of the allowed statuses to the new one, so of two concurrent
changes one wins and the other finds the request already changed. :func:`tell` is how the
volunteer learns of a change: in the app at once, and by email once the change commits
(the email says what happened, never why the person volunteers).

This module sits below both services.requests and services.shifts and imports neither, so
either may use it (see services.shift_places for why shifts needs it).
"""

from __future__ import annotations

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import ShiftRequest, User, utcnow
from volunteer_match.services import mailer, notifications
from volunteer_match.services.errors import Conflict

MY_SHIFTS = "/my/shifts"


def moved(request: ShiftRequest, allowed: tuple[str, ...], new: str) -> bool:
    """Move to ``new`` if the request is in one of ``allowed`` (atomically); False if it
    wasn't. Either way ``request`` is re-read, so it shows the status that won."""
    result = db.session.execute(
        sa.update(ShiftRequest)
        .where(ShiftRequest.id == request.id, ShiftRequest.status.in_(allowed))
        .values(status=new, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(request)
    return result.rowcount == 1  # type: ignore[attr-defined]


def transition(request: ShiftRequest, allowed: tuple[str, ...], new: str) -> None:
    """Move to ``new`` only from ``allowed``: a concurrent change loses with a 409."""
    if not moved(request, allowed, new):
        raise Conflict(
            f"This request is {request.status.replace('_', ' ')}, so it can't change that way."
        )


def tell(request: ShiftRequest, kind: str, message: str, link: str = MY_SHIFTS) -> None:
    """Every change reaches the volunteer: in the app, and by email (no details of why)."""
    notifications.notify(request.volunteer_id, kind, message, link)
    volunteer = request.volunteer or db.session.get(User, request.volunteer_id)
    if volunteer is not None:
        mailer.send(
            volunteer.email, "An update about your volunteering", _email(volunteer, message)
        )


def _email(volunteer: User, message: str) -> str:
    return (
        f"Hello {volunteer.display_name},\n\n{message}\n\n"
        "You can see all your shifts on Volunteer Match, under My shifts.\n\n"
        "Thank you for giving your time.\nVolunteer Match\n"
    )
