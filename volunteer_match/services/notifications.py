"""In-app notifications: one row per message to one person."""

from __future__ import annotations

import sqlalchemy as sa

from volunteer_match.extensions import db
from volunteer_match.models import Notification, User, utcnow


def notify(user_id: int, kind: str, message: str, link: str | None = None) -> Notification:
    notification = Notification(user_id=user_id, kind=kind, message=message, link=link)
    db.session.add(notification)
    return notification


def recent_for(user: User, limit: int = 50) -> list[Notification]:
    return list(
        db.session.scalars(
            sa.select(Notification)
            .where(Notification.user_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def unread_count(user: User) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count(Notification.id)).where(
                Notification.user_id == user.id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def mark_all_read(user: User) -> int:
    result = db.session.execute(
        sa.update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    return result.rowcount or 0  # type: ignore[attr-defined]
