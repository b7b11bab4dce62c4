"""Background jobs run by ``rq worker --with-scheduler`` (REDIS_URL set)."""

from __future__ import annotations

from volunteer_match import create_app
from volunteer_match.extensions import db


def send_reminder(request_id: int) -> bool:
    """Send the reminder for one approved request (never twice; see services.reminders)."""
    from volunteer_match.services import reminders

    app = create_app()
    with app.app_context():
        sent = reminders.send_one(request_id)
        db.session.commit()
        return sent
