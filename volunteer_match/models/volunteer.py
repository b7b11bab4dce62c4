"""A volunteer's profile: what they are good at, care about, want, and when and where.

Privacy: there is deliberately no field for diagnoses, substances, treatment, medication,
sobriety dates or criminal history, and tests/test_privacy.py keeps it that way.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_match.matching import GOALS
from volunteer_match.models.base import Base, utcnow
from volunteer_match.models.user import User

__all__ = ["GOALS", "AvailabilityWindow", "VolunteerProfile"]


class VolunteerProfile(Base):
    __tablename__ = "volunteer_profile"
    __table_args__ = (
        sa.CheckConstraint(
            "travel_km IS NULL OR (travel_km >= 0 AND travel_km <= 500)", name="travel_km"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), unique=True
    )
    skills: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    interests: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    goals: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    # What the matcher understood, saved with the profile: concept -> the words typed.
    skill_concepts: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    interest_concepts: Mapped[dict[str, str]] = mapped_column(sa.JSON, default=dict)
    postcode: Mapped[str | None] = mapped_column(sa.String(10))
    latitude: Mapped[float | None]  # coarse: the postcode's centre, never a street address
    longitude: Mapped[float | None]
    travel_km: Mapped[float | None]
    virtual_ok: Mapped[bool] = mapped_column(default=False)
    timezone: Mapped[str] = mapped_column(sa.String(64))
    preferences: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    must_have: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    findable_by_organizations: Mapped[bool] = mapped_column(default=False)
    share_email_with_organizations: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship()
    availability: Mapped[list[AvailabilityWindow]] = relationship(
        back_populates="profile",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(AvailabilityWindow.weekday, AvailabilityWindow.start_minute)",
    )


class AvailabilityWindow(Base):
    """A weekly window in the volunteer's own time zone; minutes since midnight."""

    __tablename__ = "availability_window"
    __table_args__ = (
        sa.CheckConstraint("weekday >= 0 AND weekday <= 6", name="weekday"),
        sa.CheckConstraint(
            "start_minute >= 0 AND end_minute <= 1440 AND start_minute < end_minute",
            name="minutes",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        sa.ForeignKey("volunteer_profile.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int]  # Monday = 0
    start_minute: Mapped[int]
    end_minute: Mapped[int]

    profile: Mapped[VolunteerProfile] = relationship(back_populates="availability")
