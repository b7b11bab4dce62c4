"""Recording audit events. Callers pass ids and short facts, never secrets."""

from __future__ import annotations

from typing import Any

from volunteer_match.extensions import db
from volunteer_match.models import AuditEvent, User


def record(
    action: str,
    actor: User | None = None,
    subject: Any = None,
    **detail: Any,
) -> AuditEvent:
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        subject_type=type(subject).__name__ if subject is not None else None,
        subject_id=getattr(subject, "id", None),
        detail=detail,
    )
    db.session.add(event)
    return event
