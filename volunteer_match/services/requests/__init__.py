"""The life of a request, and every change to it.

    pending -> approved | waitlisted | declined | cancelled
    waitlisted -> approved (a place freed up, oldest first) | cancelled
    approved -> attended | no_show | cancelled

Capacity holds under concurrency: approving claims a place with one conditional UPDATE
(``filled = filled + 1 WHERE filled < capacity``), so two approvals can never take the last
place twice, on SQLite or PostgreSQL. Functions flush; the caller commits.

Callers use this package's names (``requests.approve(...)``); by concern they live in
``access`` (who may see and act), ``lifecycle`` (asking, deciding, cancelling, attendance) and
``queries`` (history, queue, roster). Two modules sit one layer down, because services.shifts
needs them and must not import this package (which imports services.shifts):
services.request_status (the one writer of a request's status, and telling the volunteer)
and services.shift_places (places on a shift, the waiting list, what a moved or cancelled
shift does to its requests).
"""

from volunteer_match.models import RequestStatus
from volunteer_match.services.requests.access import get_for, reviewable_by
from volunteer_match.services.requests.lifecycle import (
    MAX_HOURS,
    MESSAGE_MAX,
    NOTE_MAX,
    OverlapNeedsConfirm,
    approve,
    cancel,
    create,
    decline,
    record_attendance,
    send_message,
)
from volunteer_match.services.requests.queries import (
    History,
    history,
    of_volunteer,
    queue,
    review,
    roster,
    visible_page,
)
from volunteer_match.services.shift_places import end_all_for_shift, promote_waitlist

S = RequestStatus

__all__ = [
    "MAX_HOURS",
    "MESSAGE_MAX",
    "NOTE_MAX",
    "History",
    "OverlapNeedsConfirm",
    "S",
    "approve",
    "cancel",
    "create",
    "decline",
    "end_all_for_shift",
    "get_for",
    "history",
    "of_volunteer",
    "promote_waitlist",
    "queue",
    "record_attendance",
    "review",
    "reviewable_by",
    "roster",
    "send_message",
    "visible_page",
]
