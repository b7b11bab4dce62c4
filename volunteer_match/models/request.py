"""A volunteer's request for a shift, through approval, attendance and verified hours."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_match.models.base import Base, utcnow
from volunteer_match.models.opportunity import Shift
from volunteer_match.models.user import User


class RequestStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    WAITLISTED = "waitlisted"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


# A request in one of these states still waits for, or holds, a place on its shift.
LIVE_STATUSES = (
    RequestStatus.PENDING.value,
    RequestStatus.APPROVED.value,
    RequestStatus.WAITLISTED.value,
)
# A request in one of these states blocks another request for the same shift.
ENDED_STATUSES = (RequestStatus.DECLINED.value, RequestStatus.CANCELLED.value)
_live = sa.column("status").not_in(ENDED_STATUSES)


class ShiftRequest(Base):
    __tablename__ = "shift_request"
    __table_args__ = (
        sa.CheckConstraint(
            sa.column("status").in_([s.value for s in RequestStatus]), name="status"
        ),
        sa.CheckConstraint("hours IS NULL OR (hours >= 0 AND hours <= 24)", name="hours"),
        sa.Index(
            "uq_shift_request_live",
            "volunteer_id",
            "shift_id",
            unique=True,
            sqlite_where=_live,
            postgresql_where=_live,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    shift_id: Mapped[int] = mapped_column(sa.ForeignKey("shift.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(sa.String(12), default=RequestStatus.PENDING.value)
    message: Mapped[str] = mapped_column(sa.Text, default="")
    decision_note: Mapped[str | None] = mapped_column(sa.Text)
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(sa.Text)
    cancelled_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    hours: Mapped[float | None]
    verified_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    verified_at: Mapped[datetime | None]
    reminder_sent_at: Mapped[datetime | None]
    reminder_job_id: Mapped[str | None] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    volunteer: Mapped[User] = relationship(foreign_keys=[volunteer_id])
    shift: Mapped[Shift] = relationship()
