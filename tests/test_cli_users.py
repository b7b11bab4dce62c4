"""`flask users create` makes coordinator and admin accounts."""

from __future__ import annotations

import sqlalchemy as sa

from tests.factories import PASSWORD
from volunteer_match.extensions import db
from volunteer_match.models import User
from volunteer_match.services import accounts


def test_create_coordinator(runner) -> None:
    result = runner.invoke(
        args=["users", "create", "--email", "jo@example.org", "--password", PASSWORD,
              "--role", "coordinator", "--display-name", "Jo"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Created coordinator account jo@example.org" in result.output
    user = db.session.scalar(sa.select(User).where(User.email == "jo@example.org"))
    assert user.role == "coordinator" and user.display_name == "Jo"
    assert accounts.authenticate("jo@example.org", PASSWORD) is not None


def test_create_admin_prompts_for_the_password(runner) -> None:
    result = runner.invoke(
        args=["users", "create", "--email", "al@example.org", "--role", "admin"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert accounts.authenticate("al@example.org", PASSWORD).role == "admin"


def test_short_password_and_unknown_role_are_refused(runner) -> None:
    short = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "x@example.org",
            "--password",
            "short",
            "--role",
            "admin",
        ]
    )
    assert short.exit_code != 0
    assert "at least 12 characters" in short.output
    role = runner.invoke(
        args=["users", "create", "--email", "x@example.org", "--password", PASSWORD,
              "--role", "volunteer"]
    )  # fmt: skip
    assert role.exit_code != 0
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_duplicate_email_is_refused(runner) -> None:
    args = [
        "users",
        "create",
        "--email",
        "jo@example.org",
        "--password",
        PASSWORD,
        "--role",
        "admin",
    ]
    assert runner.invoke(args=args).exit_code == 0
    again = runner.invoke(args=args)
    assert again.exit_code != 0
    assert "already exists" in again.output
