"""Organizations (shelters, food banks, community centers, nonprofits) and their staff."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_match.models.base import Base, utcnow
from volunteer_match.models.limits import ADDRESS_MAX, NAME_MAX
from volunteer_match.models.user import User


class OrganizationKind(StrEnum):
    SHELTER = "shelter"
    FOOD_BANK = "food_bank"
    COMMUNITY_CENTER = "community_center"
    NONPROFIT = "nonprofit"
    OTHER = "other"


KIND_LABELS = {
    OrganizationKind.SHELTER: "Shelter",
    OrganizationKind.FOOD_BANK: "Food bank or pantry",
    OrganizationKind.COMMUNITY_CENTER: "Community center",
    OrganizationKind.NONPROFIT: "Nonprofit",
    OrganizationKind.OTHER: "Something else",
}


class Organization(Base):
    __tablename__ = "organization"
    __table_args__ = (
        sa.CheckConstraint(sa.column("kind").in_([k.value for k in OrganizationKind]), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(NAME_MAX))
    kind: Mapped[str] = mapped_column(sa.String(30), default=OrganizationKind.NONPROFIT.value)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    address: Mapped[str] = mapped_column(sa.String(ADDRESS_MAX), default="")
    postcode: Mapped[str | None] = mapped_column(sa.String(10))
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    timezone: Mapped[str] = mapped_column(sa.String(64))
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    rejected_at: Mapped[datetime | None]
    rejection_reason: Mapped[str | None] = mapped_column(sa.Text)
    source_ref: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)

    members: Mapped[list[OrganizationMember]] = relationship(
        back_populates="organization", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class OrganizationMember(Base):
    """Links a staff account to its organization; an account belongs to one organization."""

    __tablename__ = "organization_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), unique=True
    )
    is_owner: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="members")
    user: Mapped[User] = relationship()
