"""Email. With MAIL_SERVER set, Flask-Mail sends it; in the embedded mode each message is
written to the instance outbox folder instead (one .eml file each, viewable in dev).

``send`` only queues the message: it leaves once the transaction commits (see
volunteer_match.transaction), so a rolled-back change emails nobody."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from flask import current_app
from flask_mail import Message

from volunteer_match.extensions import mail
from volunteer_match.models import utcnow
from volunteer_match.transaction import after_commit

SENDER = "Volunteer Match <hello@volunteer-match.example>"


def outbox_dir() -> Path:
    return Path(current_app.config.get("MAIL_OUTBOX") or Path(current_app.instance_path) / "outbox")


def send(to: str, subject: str, body: str) -> None:
    """Send this email once the current transaction commits."""
    after_commit(lambda: deliver(to, subject, body))


def deliver(to: str, subject: str, body: str) -> Message:
    """Send now (through MAIL_SERVER, or into the outbox folder)."""
    message = Message(subject=subject, recipients=[to], body=body, sender=SENDER)
    if current_app.config.get("MAIL_SERVER"):
        mail.send(message)
        return message
    folder = outbox_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
    slug = re.sub(r"[^a-z0-9]+", "-", subject.lower()).strip("-")[:40]
    name = f"{stamp}-{secrets.token_hex(3)}-{slug}.eml"  # never overwrites another message
    (folder / name).write_text(message.as_string(), encoding="utf-8")
    return message


def outbox(limit: int = 50) -> list[Path]:
    """The newest messages in the outbox folder (embedded mode), newest first."""
    folder = outbox_dir()
    if not folder.exists():
        return []
    return sorted(folder.glob("*.eml"), reverse=True)[:limit]
