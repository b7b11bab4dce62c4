"""Coordinators decide requests: the queue (with why each match was suggested and the
person's recent history), approve, decline with a kind note, or send a message.

Also the admin's view of the dev outbox, where emails land in the embedded mode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import Parser
from email.policy import default as email_policy
from pathlib import Path

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm

from volunteer_match.auth_session import role_required
from volunteer_match.matching import MatchIndex
from volunteer_match.models import REVIEWER_ROLES, RequestStatus, Role, ShiftRequest
from volunteer_match.services import mailer, matching, requests
from volunteer_match.web import attempt_or_flash
from volunteer_match.web.requests.blueprint import bp
from volunteer_match.web.requests.common import format_hours, organization_zone, span
from volunteer_match.web.requests.forms import ApproveForm, DeclineForm, MessageForm, prefix

S = RequestStatus
OUTBOX_SHOWN = 30
DECISIONS: dict[str, type[FlaskForm]] = {
    "approve": ApproveForm,
    "decline": DeclineForm,
    "message": MessageForm,
}
Failed = tuple[int, str, FlaskForm]


def history_lines(history: requests.History) -> list[str]:
    """Recent history in kind words: what they've given, and a gentle prompt if they missed."""
    lines = []
    if history.attended:
        shifts = "1 shift" if history.attended == 1 else f"{history.attended} shifts"
        lines.append(f"{format_hours(history.hours)} verified hours over {shifts} attended")
    else:
        lines.append("No shifts attended yet: this could be their first.")
    if history.no_shows:
        missed = "1 shift" if history.no_shows == 1 else f"{history.no_shows} shifts"
        lines.append(f"Missed {missed} — might be worth a check-in")
    return lines


@dataclass(frozen=True)
class QueueEntry:
    request: ShiftRequest
    when: str
    reasons: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    forms: dict[str, FlaskForm] = field(default_factory=dict)


def _forms(request_id: int, failed: Failed | None) -> dict[str, FlaskForm]:
    forms = {
        kind: form_class(prefix=prefix(kind, request_id), formdata=None)
        for kind, form_class in DECISIONS.items()
    }
    if failed and failed[0] == request_id:
        forms[failed[1]] = failed[2]
    return forms


def _entry(item: ShiftRequest, failed: Failed | None, index: MatchIndex) -> QueueEntry:
    return QueueEntry(
        request=item,
        when=span(item.shift, organization_zone(item.shift)),
        reasons=matching.reasons_for(item.volunteer, item.shift_id, index),
        history=history_lines(requests.history(item.volunteer_id)),
        forms=_forms(item.id, failed),
    )


def _queue_page(failed: Failed | None = None) -> ResponseReturnValue:
    index = matching.current_index()  # brought up to date once for the whole page
    waiting = [
        QueueEntry(item, span(item.shift, organization_zone(item.shift)))
        for item in requests.review(current_user, S.WAITLISTED.value)
    ]
    page = render_template(
        "requests/queue.html",
        pending=[_entry(item, failed, index) for item in requests.review(current_user)],
        waiting=waiting,
        failed=failed[2] if failed else None,
    )
    return page, 422 if failed else 200


@bp.get("/coordinator/requests")
@role_required(*REVIEWER_ROLES)
def queue() -> ResponseReturnValue:
    return _queue_page()  # the boundary keeps the audit record of what was disclosed


def _decide(request_id: int, kind: str) -> ResponseReturnValue:
    """Run one decision; a problem with the note shows on the form, a conflict as a flash."""
    form = DECISIONS[kind](prefix=prefix(kind, request_id))
    action = {"approve": requests.approve, "decline": requests.decline}.get(
        kind, requests.send_message
    )
    item = attempt_or_flash(form, "error", action, current_user, request_id, form.note.data or "")
    if form.errors:
        return _queue_page((request_id, kind, form))
    if item:
        flash(_decided_message(item, kind), "success")
    return redirect(url_for("requests.queue"))


def _decided_message(item: ShiftRequest, kind: str) -> str:
    name, title = item.volunteer.display_name, item.shift.opportunity.title
    if kind == "message":
        return f"Your message is on its way to {name}."
    if kind == "decline":
        return f"Declined. We've passed your note on to {name}."
    if item.status == S.WAITLISTED.value:
        return f"The shift is full: {name} is on the waiting list"
    return f"Approved: {name} is on the {title} shift. We've let them know."


@bp.post("/requests/<int:request_id>/approve")
@role_required(*REVIEWER_ROLES)
def approve(request_id: int) -> ResponseReturnValue:
    return _decide(request_id, "approve")


@bp.post("/requests/<int:request_id>/decline")
@role_required(*REVIEWER_ROLES)
def decline(request_id: int) -> ResponseReturnValue:
    return _decide(request_id, "decline")


@bp.post("/requests/<int:request_id>/message")
@role_required(*REVIEWER_ROLES)
def message(request_id: int) -> ResponseReturnValue:
    return _decide(request_id, "message")


# -- the dev outbox -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxEmail:
    name: str
    text: str


def _readable(path: Path) -> str:
    """Headers and the decoded body of one .eml file; the raw text if it won't parse."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    try:
        parsed = Parser(_class=EmailMessage, policy=email_policy).parsestr(raw)
        headers = "\n".join(
            f"{key}: {parsed[key]}" for key in ("Date", "From", "To", "Subject") if parsed[key]
        )
        body = parsed.get_body(preferencelist=("plain",))
        content = body.get_content() if body is not None else ""
    except (LookupError, ValueError, AttributeError):
        return raw
    return f"{headers}\n\n{content}"


@bp.get("/admin/outbox")
@role_required(Role.ADMIN.value)
def outbox() -> ResponseReturnValue:
    emails = [OutboxEmail(path.name, _readable(path)) for path in mailer.outbox(OUTBOX_SHOWN)]
    return render_template("requests/outbox.html", emails=emails, shown=OUTBOX_SHOWN)
