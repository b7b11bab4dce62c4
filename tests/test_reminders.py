"""Shift reminders: `flask reminders send` (the cron path) and, with Redis, the RQ job that
approval schedules 24 hours before the shift. A reminder goes out once, and only for a place
someone still holds."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask, current_app

from tests.conftest import base_config, empty_all_tables
from tests.factories import (
    add_shift,
    approved,
    asked,
    emails,
    from_now,
    make_user,
    organization,
    post,
    use_outbox,
)
from volunteer_match import create_app
from volunteer_match.extensions import db
from volunteer_match.models import Notification, ShiftRequest, User, utcnow
from volunteer_match.services import clock, reminders, requests, shifts

REDIS_URL = os.environ.get("TEST_REDIS_URL")
needs_redis = pytest.mark.skipif(
    not REDIS_URL, reason="set TEST_REDIS_URL to run the Redis reminder tests"
)


# ------------------------------------------------------------------------------ helpers


def reminder_emails(folder: Path, to: User | None = None) -> list[EmailMessage]:
    return [
        message
        for message in emails(folder)
        if str(message["Subject"]).startswith("Tomorrow:")
        and (to is None or to.email in str(message["To"]))
    ]


def reminded(user: User) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count(Notification.id)).where(
                Notification.user_id == user.id, Notification.kind == "shift.reminder"
            )
        )
        or 0
    )


def send(runner) -> str:
    result = runner.invoke(args=["reminders", "send"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()  # the command ran in its own session
    return result.output


# ------------------------------------------------------------------------------ the cron path


def test_a_shift_in_20_hours_is_reminded_exactly_once(app, runner, harbor, tmp_path) -> None:
    outbox = use_outbox(app, tmp_path / "outbox")
    staff, opportunity, coordinator = harbor
    sam = make_user(display_name="Sam")
    request = approved(coordinator, sam, add_shift(staff, opportunity, start=from_now(hours=20)))

    assert "Sent 1 reminder." in send(runner)
    [message] = reminder_emails(outbox)
    assert sam.email in str(message["To"])
    assert str(message["Subject"]) == "Tomorrow: Kitchen helper"
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Harbor Food Pantry" in body and "12 Dock Street" in body
    assert reminded(sam) == 1
    assert db.session.get(ShiftRequest, request.id).reminder_sent_at is not None

    assert "Sent 0 reminders." in send(runner)
    assert len(reminder_emails(outbox)) == 1 and reminded(sam) == 1


def test_a_shift_in_30_hours_is_not_reminded_yet(app, runner, harbor, tmp_path) -> None:
    outbox = use_outbox(app, tmp_path / "outbox")
    staff, opportunity, coordinator = harbor
    sam = make_user()
    approved(coordinator, sam, add_shift(staff, opportunity, start=from_now(hours=30)))

    assert "Sent 0 reminders." in send(runner)
    assert reminder_emails(outbox) == [] and reminded(sam) == 0
    assert emails(outbox), "the approval email itself still went out"


def test_cancelled_declined_and_pending_requests_get_no_reminder(
    app, runner, harbor, tmp_path
) -> None:
    outbox = use_outbox(app, tmp_path / "outbox")
    staff, opportunity, coordinator = harbor
    shift = add_shift(staff, opportunity, start=from_now(hours=20))
    declined, cancelled, cancelled_by_org, waiting = (make_user() for _ in range(4))
    requests.decline(coordinator, asked(declined, shift).id, "This one needs a food handler card.")
    requests.cancel(cancelled, approved(coordinator, cancelled, shift).id)
    kept = approved(coordinator, cancelled_by_org, shift)
    requests.cancel(staff, kept.id, "We have too many people this time.")
    asked(waiting, shift)
    db.session.commit()

    assert "Sent 0 reminders." in send(runner)
    assert reminder_emails(outbox) == []
    assert [reminded(user) for user in (declined, cancelled, cancelled_by_org, waiting)] == [0] * 4


def test_only_the_people_still_on_the_shift_are_reminded(app, runner, harbor, tmp_path) -> None:
    outbox = use_outbox(app, tmp_path / "outbox")
    staff, opportunity, coordinator = harbor
    shift = add_shift(staff, opportunity, start=from_now(hours=20))
    going, leaving = make_user(), make_user()
    approved(coordinator, going, shift)
    requests.cancel(leaving, approved(coordinator, leaving, shift).id)
    db.session.commit()

    assert "Sent 1 reminder." in send(runner)
    assert len(reminder_emails(outbox, going)) == 1
    assert reminder_emails(outbox, leaving) == []


# ------------------------------------------------------------------------------ with Redis


@pytest.fixture
def redis_app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """An app with REDIS_URL, as a production worker builds it; the rq keys it makes in the
    test Redis database are deleted afterwards."""
    import redis

    assert REDIS_URL
    server = redis.Redis.from_url(REDIS_URL)
    before = set(server.keys("rq:*"))
    queues_before = set(server.smembers("rq:queues"))
    config = base_config(database_url, tmp_path / "instance")
    config.update(REDIS_URL=REDIS_URL, MAIL_OUTBOX=str(tmp_path / "outbox"))
    app = create_app(config)
    try:
        with app.app_context():
            yield app
            db.session.rollback()
            empty_all_tables()
            db.engine.dispose()
    finally:
        for key in set(server.keys("rq:*")) - before:
            server.delete(key)
        added = set(server.smembers("rq:queues")) - queues_before
        if added:
            server.srem("rq:queues", *added)
        server.close()


def registry():
    from rq.registry import ScheduledJobRegistry

    queue = reminders._queue(current_app.config["REDIS_URL"])
    return ScheduledJobRegistry(queue=queue)


@needs_redis
def test_approval_schedules_the_reminder_and_cancelling_removes_it(redis_app: Flask) -> None:
    staff = organization()
    opportunity = post(staff, "Kitchen helper")
    coordinator = make_user("coordinator")
    shift = add_shift(staff, opportunity, start=from_now(hours=48))
    sam = make_user()

    request = approved(coordinator, sam, shift)
    job_id = db.session.get(ShiftRequest, request.id).reminder_job_id
    assert job_id
    scheduled = registry()
    assert job_id in scheduled.get_job_ids()
    at = scheduled.get_scheduled_time(job_id)
    expected = shift.starts_at - timedelta(hours=24)
    assert abs((at - expected).total_seconds()) < 1, (at, expected)

    requests.cancel(sam, request.id)
    db.session.commit()
    assert job_id not in registry().get_job_ids()
    assert db.session.get(ShiftRequest, request.id).reminder_job_id is None


@needs_redis
def test_the_job_sends_the_reminder_once(redis_app: Flask, tmp_path: Path) -> None:
    staff = organization()
    opportunity = post(staff, "Kitchen helper")
    coordinator = make_user("coordinator")
    sam = make_user()
    request = approved(coordinator, sam, add_shift(staff, opportunity, start=from_now(hours=20)))
    assert request.reminder_job_id in registry().get_job_ids()  # already due: scheduled for now

    assert reminders.send_one(request.id) is True  # what jobs.send_reminder runs
    db.session.commit()
    assert reminders.send_one(request.id) is False
    db.session.commit()
    assert len(reminder_emails(tmp_path / "outbox", sam)) == 1
    assert reminded(sam) == 1


@needs_redis
def test_moving_a_shift_moves_its_reminder(redis_app: Flask) -> None:
    staff = organization()
    opportunity = post(staff, "Kitchen helper")
    shift = add_shift(staff, opportunity, start=from_now(hours=48))
    request = approved(make_user("coordinator"), make_user(), shift)
    later = shift.starts_at + timedelta(days=3)
    shifts.update(staff, shift.id, starts_at=later, ends_at=later + timedelta(hours=2))
    db.session.commit()

    job_id = db.session.get(ShiftRequest, request.id).reminder_job_id
    at = registry().get_scheduled_time(job_id)
    assert abs((at - (later - timedelta(hours=24))).total_seconds()) < 1, at


def test_a_reminder_for_a_shift_later_today_does_not_say_tomorrow(
    app, runner, harbor, tmp_path
) -> None:
    outbox = use_outbox(app, tmp_path / "outbox")
    staff, opportunity, coordinator = harbor
    local_now = utcnow().astimezone(clock.zone(opportunity.organization.timezone))
    midnight = datetime.combine(local_now.date() + timedelta(days=1), time(), local_now.tzinfo)
    hours_left = (midnight - local_now) / timedelta(hours=1)
    later_today = add_shift(staff, opportunity, start=from_now(hours=min(2.0, hours_left / 2)))
    approved(coordinator, make_user(), later_today)
    assert "Sent 1 reminder." in send(runner)
    [message] = [m for m in emails(outbox) if "Kitchen helper" in str(m["Subject"])]
    assert not str(message["Subject"]).startswith("Tomorrow")


@needs_redis
def test_a_rolled_back_approval_schedules_no_reminder(redis_app: Flask) -> None:
    staff = organization()
    shift = add_shift(staff, post(staff, "Kitchen helper"), start=from_now(hours=48))
    request = asked(make_user(), shift)
    before = set(registry().get_job_ids())

    requests.approve(make_user("coordinator"), request.id)
    job_id = request.reminder_job_id
    db.session.rollback()  # e.g. a later step of the same request failed

    assert job_id
    assert set(registry().get_job_ids()) == before
    assert db.session.get(ShiftRequest, request.id).reminder_job_id is None


@needs_redis
def test_a_rolled_back_cancel_keeps_the_reminder(redis_app: Flask) -> None:
    staff = organization()
    shift = add_shift(staff, post(staff, "Kitchen helper"), start=from_now(hours=48))
    sam = make_user()
    request = approved(make_user("coordinator"), sam, shift)
    job_id = request.reminder_job_id

    requests.cancel(sam, request.id)
    db.session.rollback()

    assert job_id in registry().get_job_ids()
