"""Reminders 24 hours before each approved shift, never sent twice.

With REDIS_URL, approving a request schedules an RQ job for that moment (run by
``rq worker --with-scheduler``) and cancelling removes it. Without Redis, a cron line runs
``flask reminders send`` every few minutes. Either way ``send_one`` marks the request with a
conditional UPDATE first, so a reminder goes out at most once, whoever gets there first.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from volunteer_match.extensions import db
from volunteer_match.models import RequestStatus, Shift, ShiftRequest, ShiftStatus, utcnow
from volunteer_match.services import clock, mailer, notifications
from volunteer_match.transaction import after_commit

QUEUE = "reminders"
SEND_JOB = "volunteer_match.jobs.send_reminder"


def _lead() -> timedelta:
    return timedelta(hours=current_app.config["REMINDER_HOURS"])


def _queue(redis_url: str):
    from redis import Redis
    from rq import Queue

    return Queue(QUEUE, connection=Redis.from_url(redis_url))


def _enqueue(redis_url: str, at: datetime, request_id: int, job_id: str) -> None:
    _queue(redis_url).enqueue_at(at, SEND_JOB, request_id, job_id=job_id)


def _drop_job(redis_url: str, job_id: str) -> None:
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    try:
        job = Job.fetch(job_id, connection=_queue(redis_url).connection)
    except NoSuchJobError:
        return
    job.cancel()
    job.delete()


def schedule(request: ShiftRequest) -> None:
    """At approval: with Redis, queue the reminder for its moment (or now, if that passed).

    The job's id is chosen here and saved on the request; the job itself reaches Redis only
    once the approval commits."""
    redis_url = current_app.config.get("REDIS_URL")
    if not redis_url:
        return
    at = max(request.shift.starts_at - _lead(), utcnow())
    request.reminder_job_id = job_id = uuid.uuid4().hex
    after_commit(partial(_enqueue, redis_url, at, request.id, job_id))


def unschedule(request: ShiftRequest) -> None:
    """When a request ends: drop its queued reminder, if any, once that change commits."""
    redis_url = current_app.config.get("REDIS_URL")
    if not request.reminder_job_id or not redis_url:
        return
    after_commit(partial(_drop_job, redis_url, request.reminder_job_id))
    request.reminder_job_id = None


def _day_word(starts_at: datetime, zone: ZoneInfo) -> str:
    """'Today', 'Tomorrow' or 'Coming up', by the calendar where the shift happens."""
    days = (starts_at.astimezone(zone).date() - utcnow().astimezone(zone).date()).days
    return {0: "Today", 1: "Tomorrow"}.get(days, "Coming up")


def _reminder_text(request: ShiftRequest) -> tuple[str, str]:
    shift = request.shift
    opportunity = shift.opportunity
    zone = clock.zone(opportunity.organization.timezone)
    when = clock.format_span(shift.starts_at, shift.ends_at, zone)
    where = "online" if opportunity.virtual else (opportunity.address or opportunity.postcode or "")
    subject = f"{_day_word(shift.starts_at, zone)}: {opportunity.title}"
    body = (
        f"Hello {request.volunteer.display_name},\n\n"
        f"A friendly reminder: you're on the {opportunity.title} shift with "
        f"{opportunity.organization.name}.\n\nWhen: {when}\n"
        + (f"Where: {where}\n" if where else "")
        + "\nIf you can't make it, please cancel from My shifts so someone else can go.\n\n"
        "Thank you for giving your time.\nVolunteer Match\n"
    )
    return subject, body


def send_one(request_id: int) -> bool:
    """Send one reminder if it is still due and not yet sent; True if this call sent it."""
    claimed = db.session.execute(
        sa.update(ShiftRequest)
        .where(
            ShiftRequest.id == request_id,
            ShiftRequest.status == RequestStatus.APPROVED.value,
            ShiftRequest.reminder_sent_at.is_(None),
            ShiftRequest.shift_id.in_(
                sa.select(Shift.id).where(
                    Shift.status == ShiftStatus.SCHEDULED.value, Shift.starts_at > utcnow()
                )
            ),
        )
        .values(reminder_sent_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    request = db.session.get(ShiftRequest, request_id)
    assert request is not None
    db.session.refresh(request)
    subject, body = _reminder_text(request)
    mailer.send(request.volunteer.email, subject, body)
    notifications.notify(
        request.volunteer_id, "shift.reminder", f"{subject}. See you there!", "/my/shifts"
    )
    return True


def due(now: datetime | None = None) -> list[int]:
    """Approved requests whose shift starts within the reminder lead time, not yet reminded."""
    now = now or utcnow()
    return list(
        db.session.scalars(
            sa.select(ShiftRequest.id)
            .join(Shift)
            .where(
                ShiftRequest.status == RequestStatus.APPROVED.value,
                ShiftRequest.reminder_sent_at.is_(None),
                Shift.status == ShiftStatus.SCHEDULED.value,
                Shift.starts_at > now,
                Shift.starts_at <= now + _lead(),
            )
            .order_by(Shift.starts_at, ShiftRequest.id)
        )
    )


def send_due(now: datetime | None = None) -> int:
    """Send every reminder that is due (the cron path); returns how many were sent."""
    sent = 0
    for request_id in due(now):
        if send_one(request_id):
            db.session.commit()
            sent += 1
    return sent
