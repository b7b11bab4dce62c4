"""Emails and calendar entries say nothing about recovery.

They are read on shared screens, synced to work calendars and shown on lock screens, so a
person's reason for volunteering must never appear in them. This drives a request through
every step that sends an email (and a reminder), then reads every .eml in the outbox and
every calendar file the app serves.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar

from tests.factories import (
    add_shift,
    api_token,
    asked,
    csrf_token,
    emails,
    from_now,
    login,
    make_user,
    organization,
    post,
    recovery_words,
    use_outbox,
)
from volunteer_match.extensions import db
from volunteer_match.models import Shift, utcnow
from volunteer_match.services import reminders, requests


def test_the_check_finds_the_words() -> None:
    assert recovery_words("Your Recovery coach; MENTAL HEALTH; the caseload") == [
        "caseload", "mental health", "recovery",
    ]  # fmt: skip
    assert recovery_words("Thank you for giving your time.") == []


@pytest.fixture
def full_path(app: Flask, tmp_path: Path) -> dict:
    """Every email the request workflow and the reminders send, into a fresh outbox."""
    outbox = use_outbox(app, tmp_path / "outbox")
    staff = organization("Harbor Food Pantry")
    pantry = post(staff, "Pantry helper", address="12 Dock Street", postcode="10027")
    robin = make_user("coordinator", display_name="Robin")
    sam, lee = make_user(display_name="Sam"), make_user(display_name="Lee")

    one_place = add_shift(staff, pantry, capacity=1, start=from_now(hours=48))
    first = asked(sam, one_place)  # request created
    requests.approve(robin, first.id, "See you there")  # approved
    second = asked(lee, one_place)
    requests.approve(robin, second.id)  # waitlisted
    requests.send_message(robin, second.id, "We'll keep you posted about this shift.")
    requests.cancel(sam, first.id)  # Lee is promoted
    requests.cancel(staff, second.id, "We need fewer people this week.")  # by the organization
    later = asked(sam, add_shift(staff, pantry, start=from_now(hours=72)))
    requests.decline(robin, later.id, "It filled up already.")

    went = asked(lee, add_shift(staff, pantry, start=from_now(hours=96)))
    requests.approve(robin, went.id)
    moved = db.session.get(Shift, went.shift_id)
    moved.starts_at, moved.ends_at = utcnow() - timedelta(hours=4), utcnow() - timedelta(hours=2)
    db.session.flush()
    requests.record_attendance(staff, went.id, attended=True)  # attended

    soon = add_shift(staff, pantry, start=from_now(hours=20))
    requests.approve(robin, asked(sam, soon).id)
    db.session.commit()
    assert reminders.send_due() == 1  # the reminder
    db.session.commit()
    return {"outbox": outbox, "sam": sam, "lee": lee, "shift": soon}


def test_no_email_mentions_recovery(full_path: dict) -> None:
    outbox: Path = full_path["outbox"]
    messages = emails(outbox)
    kinds = [str(m["Subject"]) for m in messages]
    assert len(messages) >= 11, kinds  # every step above sent its email
    assert "Tomorrow: Pantry helper" in kinds
    problems = {}
    for path, message in zip(sorted(outbox.glob("*.eml")), messages, strict=True):
        body = "\n".join(
            part.get_content()  # type: ignore[attr-defined]
            for part in message.walk()
            if part.get_content_maintype() == "text"
        )
        readable = f"{message['Subject']}\n{message['From']}\n{message['To']}\n{body}"
        words = recovery_words(readable) + recovery_words(path.read_text(encoding="utf-8"))
        if words:
            problems[path.name] = sorted(set(words))
    assert problems == {}


def test_no_calendar_file_mentions_recovery(full_path: dict, client: FlaskClient) -> None:
    sam = full_path["sam"]
    files = {
        "shift": client.get(f"/shifts/{full_path['shift'].id}.ics").get_data(),
        "api shift": client.get(f"/api/v1/shifts/{full_path['shift'].id}.ics").get_data(),
        "api feed": client.get(
            "/api/v1/me/calendar.ics", headers=api_token(client, sam.email)
        ).get_data(),
    }
    login(client, sam.email)
    page = client.post("/my/calendar/link", data={"csrf_token": csrf_token(client, "/my/calendar")})
    url = re.search(r"/calendar/[\w-]+\.ics", page.get_data(as_text=True))
    assert url
    files["feed"] = client.get(url.group(0)).get_data()

    for name, raw in files.items():
        calendar = Calendar.from_ical(raw)
        assert list(calendar.walk("VEVENT")), name
        unfolded = raw.decode().replace("\r\n ", "")
        values = " ".join(
            str(value) for component in calendar.walk() for value in component.values()
        )
        assert recovery_words(unfolded) + recovery_words(values) == [], name
