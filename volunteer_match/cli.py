"""Command-line tools: ``flask --app volunteer_match <command>``."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from volunteer_match.extensions import db
from volunteer_match.services import accounts, demo
from volunteer_match.services.errors import DomainError

users = AppGroup("users", help="Manage accounts.")


@users.command("create")
@click.option("--email", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--role", type=click.Choice(accounts.STAFF_ROLES), required=True)
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


def register(app: Flask) -> None:
    app.cli.add_command(users)
    app.cli.add_command(seed_demo)
