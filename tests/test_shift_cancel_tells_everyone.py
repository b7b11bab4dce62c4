"""Cancelling a shift ends every live request on it the way any cancel does: each person
who asked is told in the app and by email (which says nothing about recovery), and each
request's end is written to the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask

from tests.factories import (
    add_shift,
    asked,
    from_now,
    make_user,
    organization,
    post,
    read_email,
    recovery_words,
    use_outbox,
)
from volunteer_match.extensions import db
from volunteer_match.models import AuditEvent, Notification, Shift, ShiftRequest
from volunteer_match.services import requests, shifts


def mail_to(paths: list[Path]) -> dict[str, list[str]]:
    """Subject and body of each message, by recipient."""
    by_person: dict[str, list[str]] = {}
    for path in paths:
        message = read_email(path)
        body = message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
        text = f"{message['Subject']}\n{body.get_content() if body else ''}"
        by_person.setdefault(str(message["To"]), []).append(text)
    return by_person


@pytest.fixture
def busy_shift(app: Flask, tmp_path: Path) -> dict:
    """A one-place shift with an approved, a waitlisted, a pending and a declined request."""
    outbox = use_outbox(app, tmp_path / "outbox")
    staff = organization("Harbor Food Pantry")
    pantry = post(staff, "Pantry helper")
    robin = make_user("coordinator", display_name="Robin")
    ana, ben, cy, dee = (make_user(display_name=name) for name in ("Ana", "Ben", "Cy", "Dee"))
    shift = add_shift(staff, pantry, capacity=1, start=from_now(hours=48))
    approved, waitlisted = asked(ana, shift), asked(ben, shift)
    for request in (approved, waitlisted):
        requests.approve(robin, request.id)
        db.session.commit()
    declined = asked(dee, shift)
    requests.decline(robin, declined.id, "It filled up already.")
    db.session.commit()
    pending = asked(cy, shift)
    assert [r.status for r in (approved, waitlisted, pending, declined)] == [
        "approved", "waitlisted", "pending", "declined",
    ]  # fmt: skip
    return {
        "outbox": outbox,
        "staff": staff,
        "shift": shift,
        "live": {ana.email: approved, ben.email: waitlisted, cy.email: pending},
        "declined": (dee.email, declined),
    }


def test_everyone_who_asked_is_emailed_and_each_request_audited(busy_shift: dict) -> None:
    outbox: Path = busy_shift["outbox"]
    before = set(outbox.glob("*.eml"))
    shifts.cancel(busy_shift["staff"], busy_shift["shift"].id, "The kitchen flooded.")
    db.session.commit()

    sent = mail_to(sorted(set(outbox.glob("*.eml")) - before))
    live: dict[str, ShiftRequest] = busy_shift["live"]
    assert sorted(sent) == sorted(live)  # the declined person hears nothing more
    for email, texts in sent.items():
        assert len(texts) == 1, email
        assert "Pantry helper" in texts[0] and "was cancelled" in texts[0]
        assert "The kitchen flooded." in texts[0]
        assert recovery_words(texts[0]) == [], email

    db.session.expire_all()
    for request in live.values():
        assert db.session.get(ShiftRequest, request.id).status == "cancelled"
        assert db.session.scalar(
            sa.select(Notification.id).where(
                Notification.user_id == request.volunteer_id, Notification.kind == "shift.cancelled"
            )
        )
    audited = db.session.execute(
        sa.select(AuditEvent.subject_id, AuditEvent.actor_id).where(
            AuditEvent.action == "request.cancelled", AuditEvent.subject_type == "ShiftRequest"
        )
    ).all()
    staff_id = busy_shift["staff"].id
    assert sorted(audited) == sorted((request.id, staff_id) for request in live.values())
    _, declined = busy_shift["declined"]
    assert db.session.get(ShiftRequest, declined.id).status == "declined"
    assert db.session.get(Shift, busy_shift["shift"].id).filled == 0
