"""Opportunities an organization posts, and the shifts people sign up for."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_match.matching import FIT_ATTRIBUTES, FIT_LABELS
from volunteer_match.models.base import Base, utcnow
from volunteer_match.models.limits import ADDRESS_MAX, NAME_MAX
from volunteer_match.models.organization import Organization

__all__ = [
    "FIT_ATTRIBUTES",
    "FIT_LABELS",
    "Opportunity",
    "OpportunityStatus",
    "Shift",
    "ShiftStatus",
]


class OpportunityStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ShiftStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class Opportunity(Base):
    __tablename__ = "opportunity"
    __table_args__ = (
        sa.CheckConstraint(
            sa.column("status").in_([s.value for s in OpportunityStatus]), name="status"
        ),
        sa.CheckConstraint("min_age IS NULL OR (min_age >= 0 AND min_age <= 120)", name="min_age"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(NAME_MAX))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    skills: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    interests: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # What the matcher read in the listing when it was saved: concept -> [weight, phrase].
    concepts: Mapped[dict[str, list]] = mapped_column(sa.JSON, default=dict)
    substance_free: Mapped[bool] = mapped_column(default=False)
    peer_support_on_site: Mapped[bool] = mapped_column(default=False)
    no_background_check: Mapped[bool] = mapped_column(default=False)
    wheelchair_accessible: Mapped[bool] = mapped_column(default=False)
    team_based: Mapped[bool] = mapped_column(default=False)
    training_provided: Mapped[bool] = mapped_column(default=False)
    virtual: Mapped[bool] = mapped_column(default=False)
    address: Mapped[str] = mapped_column(sa.String(ADDRESS_MAX), default="")
    postcode: Mapped[str | None] = mapped_column(sa.String(10))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    min_age: Mapped[int | None]
    status: Mapped[str] = mapped_column(sa.String(10), default=OpportunityStatus.OPEN.value)
    source_ref: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    organization: Mapped[Organization] = relationship()
    shifts: Mapped[list[Shift]] = relationship(
        back_populates="opportunity",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Shift.starts_at",
    )

    def attributes(self) -> dict[str, bool]:
        return {name: bool(getattr(self, name)) for name in FIT_ATTRIBUTES}


class Shift(Base):
    __tablename__ = "shift"
    __table_args__ = (
        sa.CheckConstraint("capacity >= 1", name="capacity_positive"),
        sa.CheckConstraint("filled >= 0 AND filled <= capacity", name="filled_within_capacity"),
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.CheckConstraint(sa.column("status").in_([s.value for s in ShiftStatus]), name="status"),
        sa.Index("ix_shift_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        sa.ForeignKey("opportunity.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    capacity: Mapped[int]
    filled: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(sa.String(10), default=ShiftStatus.SCHEDULED.value)
    cancelled_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    opportunity: Mapped[Opportunity] = relationship(back_populates="shifts")

    @property
    def free_places(self) -> int:
        return max(self.capacity - self.filled, 0)
