"""Anonymous service records: the hours an erased account gave, kept only as totals.

When a person erases their account, each attended shift becomes one row here: which
organization and opportunity, on which day, for how many hours. There is deliberately no
reference to the person (no user id, name, email or request id), so the row cannot be
traced back to them; organizations keep their totals of hours given.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from volunteer_match.models.base import Base, utcnow


class AnonymousService(Base):
    __tablename__ = "anonymous_service"
    __table_args__ = (sa.CheckConstraint("hours >= 0 AND hours <= 24", name="hours"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    opportunity_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("opportunity.id", ondelete="SET NULL")
    )
    shift_date: Mapped[date] = mapped_column(sa.Date)  # in the organization's time zone
    hours: Mapped[float]
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
