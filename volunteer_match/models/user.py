"""Accounts: the user, their role, and hashed API tokens."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from volunteer_match.models.base import Base, utcnow
from volunteer_match.models.limits import DISPLAY_NAME_MAX


class Role(StrEnum):
    VOLUNTEER = "volunteer"
    ORGANIZATION = "organization"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


ROLE_VALUES = tuple(role.value for role in Role)
# Who may review: verify organizations, decide requests, keep a caseload.
REVIEWER_ROLES = (Role.COORDINATOR.value, Role.ADMIN.value)


class User(UserMixin, Base):
    __tablename__ = "user_account"
    __table_args__ = (sa.CheckConstraint(sa.column("role").in_(ROLE_VALUES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(20))
    display_name: Mapped[str] = mapped_column(sa.String(DISPLAY_NAME_MAX))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # The private calendar feed: only a digest of its secret link is kept (revocable).
    calendar_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)

    tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def is_active(self) -> bool:  # Flask-Login: inactive accounts cannot log in
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class ApiToken(Base):
    """A bearer token; only its SHA-256 digest is stored."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="tokens")
