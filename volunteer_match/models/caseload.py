"""Coordinator caseloads: invite codes and consented coordinator-volunteer links."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_match.models.base import Base, utcnow
from volunteer_match.models.user import User


class InviteCode(Base):
    __tablename__ = "invite_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    coordinator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )


_current = sa.column("unlinked_at").is_(None)


class CoordinatorLink(Base):
    """A volunteer's recorded consent to be in a coordinator's caseload.

    ``consent_scope`` lists what the volunteer agreed to share. Unlinking keeps the row
    (the history of consent) and sets ``unlinked_at``; a volunteer has one current link.
    """

    __tablename__ = "coordinator_link"
    __table_args__ = (
        sa.Index(
            "uq_coordinator_link_current",
            "volunteer_id",
            unique=True,
            sqlite_where=_current,
            postgresql_where=_current,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    coordinator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    volunteer_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    invite_code_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("invite_code.id", ondelete="SET NULL")
    )
    consent_scope: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    consented_at: Mapped[datetime] = mapped_column(default=utcnow)
    unlinked_at: Mapped[datetime | None]

    coordinator: Mapped[User] = relationship(foreign_keys=[coordinator_id])
    volunteer: Mapped[User] = relationship(foreign_keys=[volunteer_id])
