"""Volunteer Match: the application factory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
TEMPLATES_DIR = PROJECT_ROOT / "templates"


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app. ``config`` overrides settings read from the environment.

    Every view runs inside one transaction boundary (volunteer_match.transaction)."""
    from volunteer_match import config as settings
    from volunteer_match.transaction import TransactionalFlask

    app = TransactionalFlask(
        __name__,
        template_folder=str(TEMPLATES_DIR),
        instance_path=str(PROJECT_ROOT / "instance"),
    )
    from volunteer_match.converters import IdConverter

    app.url_map.converters["int"] = IdConverter
    overrides = dict(config or {})
    if "INSTANCE_PATH" in overrides:
        app.instance_path = str(overrides.pop("INSTANCE_PATH"))
    app.config.from_mapping(settings.from_environment(Path(app.instance_path)))
    app.config.from_mapping(overrides)

    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from volunteer_match import auth_session
    from volunteer_match.extensions import csrf, db, limiter, login_manager, mail, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    mail.init_app(app)
    auth_session.configure(login_manager)


def register_blueprints(app: Flask) -> None:
    from volunteer_match.api.routes import bp as api_bp
    from volunteer_match.extensions import csrf
    from volunteer_match.web import filters
    from volunteer_match.web.account.views import bp as account_bp
    from volunteer_match.web.auth.views import bp as auth_bp
    from volunteer_match.web.calendar.views import bp as calendar_bp
    from volunteer_match.web.caseload.views import bp as caseload_bp
    from volunteer_match.web.main.views import bp as main_bp
    from volunteer_match.web.matches.views import bp as matches_bp
    from volunteer_match.web.notifications.views import bp as notifications_bp
    from volunteer_match.web.opportunities.views import bp as opportunities_bp
    from volunteer_match.web.organizations.views import bp as organizations_bp
    from volunteer_match.web.profile.views import bp as profile_bp
    from volunteer_match.web.requests.routes import bp as requests_bp
    from volunteer_match.web.review.views import bp as review_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(organizations_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(opportunities_bp)
    app.register_blueprint(profile_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(matches_bp)
    app.register_blueprint(requests_bp)
    app.register_blueprint(caseload_bp)
    app.register_blueprint(calendar_bp)
    app.register_blueprint(account_bp)
    csrf.exempt(api_bp)  # the API authenticates with bearer tokens, never cookies
    app.register_blueprint(api_bp)
    filters.register(app)


def register_errorhandlers(app: Flask) -> None:
    from volunteer_match import errors

    errors.register(app)


def register_commands(app: Flask) -> None:
    from volunteer_match import cli

    cli.register(app, create_app)
