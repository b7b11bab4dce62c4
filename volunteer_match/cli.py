"""Command-line tools: ``flask --app volunteer_match <command>``."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from volunteer_match.extensions import db
from volunteer_match.models import REVIEWER_ROLES
from volunteer_match.services import accounts
from volunteer_match.services.errors import DomainError
from volunteer_match.tooling import demo, evaluation, graded_set
from volunteer_match.tooling.evaluation import NDCG_K, PRECISION_K, RANKER_LABELS

AppFactory = Callable[[Mapping[str, Any] | None], Flask]

users = AppGroup("users", help="Manage accounts.")


@users.command("create")
@click.option("--email", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--role", type=click.Choice(REVIEWER_ROLES), required=True)
@click.option("--display-name", default=None, help="Defaults to the part of the email before @.")
def create_user(email: str, password: str, role: str, display_name: str | None) -> None:
    """Create a coordinator or admin account."""
    try:
        user = accounts.create_staff_user(
            email, password, display_name or email.split("@")[0], role
        )
    except DomainError as error:
        db.session.rollback()
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.fields.items())
        raise click.ClickException(f"{error.message} {details}".strip()) from error
    db.session.commit()
    click.echo(f"Created {role} account {user.email} (id {user.id}).")


@click.command("seed-demo")
@click.option(
    "--if-empty", is_flag=True, help="Only load demo data if the database has no users yet."
)
def seed_demo(if_empty: bool) -> None:
    """Load the NYC demo opportunities and demo accounts (safe to run again)."""
    password = current_app.config["DEMO_PASSWORD"]
    if if_empty and demo.has_any_user():
        click.echo("Demo data already loaded.")
    else:
        try:
            result = demo.seed_demo(password)
        except DomainError as error:
            db.session.rollback()
            raise click.ClickException(f"Could not load demo data: {error.message}") from error
        db.session.commit()
        click.echo(result.summary())
    click.echo("")
    click.echo("Demo logins (password for all: " + password + "):")
    for role, email in demo.DEMO_LOGINS:
        click.echo(f"  {role:<13} {email}")


def _match_commands(factory: AppFactory) -> AppGroup:
    """The ``match`` commands; ``factory`` builds the throwaway app an evaluation runs in."""
    match = AppGroup("match", help="Measure the matcher.")

    @match.command("evaluate", with_appcontext=False)
    @click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--per-volunteer", is_flag=True, help="Also show each volunteer's figures.")
    def evaluate_matcher(file: Path, per_volunteer: bool) -> None:
        """Score the matcher on a graded set FILE (JSON, like tests/data/dev_matching_set.json).

        The set is loaded into a throwaway SQLite database, never the app's own.
        """
        try:
            graded = graded_set.read_graded_set(file)
        except graded_set.GradedSetError as error:
            raise click.ClickException(f"Could not read the graded set: {error}") from error
        with tempfile.TemporaryDirectory(prefix="volunteer-match-eval-") as tmp:
            throwaway = factory(
                {
                    "SECRET_KEY": secrets.token_hex(32),
                    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/eval.sqlite3",
                    "INSTANCE_PATH": tmp,
                    "ARGON2_PROFILE": "CHEAPEST",
                    "REDIS_URL": None,
                    "RATELIMIT_STORAGE_URI": "memory://",
                }
            )
            with throwaway.app_context():
                try:
                    db.create_all()
                    result = evaluation.evaluate(graded)
                except graded_set.GradedSetError as error:
                    message = f"Could not load the graded set: {error}"
                    raise click.ClickException(message) from error
                finally:
                    db.session.rollback()
                    db.session.remove()
                    db.engine.dispose()
        _print_evaluation(result, per_volunteer)

    return match


def _print_evaluation(result: evaluation.Evaluation, per_volunteer: bool) -> None:
    click.echo(f"Graded set: {result.volunteers} volunteers, {result.listings} listings")
    width = max(len(label) for label in RANKER_LABELS.values())
    click.echo(f"{'ranker':<{width}}  NDCG@{NDCG_K}   P@{PRECISION_K}")
    for name, label in RANKER_LABELS.items():
        figures = result.means[name]
        click.echo(f"{label:<{width}}  {figures.ndcg:7.3f}  {figures.precision:5.2f}")
    if per_volunteer:
        click.echo("")
        click.echo(f"{'volunteer':<10} " + " ".join(f"{n[:12]:>12}" for n in RANKER_LABELS))
        for row in result.rows:
            cells = " ".join(f"{row.figures[n].ndcg:12.3f}" for n in RANKER_LABELS)
            click.echo(f"{row.key:<10} {cells}   top: {', '.join(row.top)}")


reminders = AppGroup("reminders", help="Shift reminders by email.")


@reminders.command("send")
def send_reminders() -> None:
    """Send every reminder now due (24 hours before each approved shift); safe to repeat.

    Without Redis, run this from cron every few minutes; a reminder never goes out twice.
    """
    from volunteer_match.services import reminders as reminder_service

    sent = reminder_service.send_due()
    db.session.commit()
    click.echo(f"Sent {sent} reminder{'' if sent == 1 else 's'}.")


def register(app: Flask, factory: AppFactory) -> None:
    """Add the commands to ``app``; ``factory`` is create_app (passed in, not imported, so
    this module and the app factory don't import each other)."""
    app.cli.add_command(users)
    app.cli.add_command(seed_demo)
    app.cli.add_command(_match_commands(factory))
    app.cli.add_command(reminders)
