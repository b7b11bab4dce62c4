"""Shared fixtures: an app per test on SQLite (default) or PostgreSQL (TEST_DATABASE_URL).

The schema is created once per run; after each test every table is emptied, so each test
builds exactly what it needs with the factories below.
"""

from __future__ import annotations

import contextvars
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.globals import _cv_app
from flask.testing import FlaskClient

from volunteer_match import create_app
from volunteer_match.extensions import db
from volunteer_match.models import Base, User
from volunteer_match.services import accounts

PASSWORD = "correct horse battery"
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


def requires_postgres() -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        not POSTGRES_URL, reason="set TEST_DATABASE_URL to run the PostgreSQL tests"
    )


def base_config(database_url: str, instance_path: Path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "INSTANCE_PATH": instance_path,
        "ARGON2_PROFILE": "CHEAPEST",
        "RATELIMIT_STORAGE_URI": "memory://",
        "REDIS_URL": None,
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = POSTGRES_URL or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    engine.dispose()
    yield url


def empty_all_tables() -> None:
    tables = list(reversed(Base.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{t.name}"' for t in tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    db.session.commit()


class IsolatedClient(FlaskClient):
    """A test client whose requests each get their own app context, as in production.

    Tests keep an app context open to set up and inspect the database; without this, Flask
    would reuse it for requests, sharing ``g`` and the database session between them.
    """

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        def isolated():  # type: ignore[no-untyped-def]
            _cv_app.set(None)  # type: ignore[arg-type]
            return FlaskClient.open(self, *args, **kwargs)

        response = contextvars.copy_context().run(isolated)
        if _cv_app.get(None) is not None:
            db.session.expire_all()  # let the test see what the request changed
        return response


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(base_config(database_url, tmp_path / "instance"))
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        db.session.rollback()
        empty_all_tables()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client: FlaskClient, page: str = "/login") -> str:
    """Read the CSRF token from a page's form, as a browser would."""
    html = client.get(page).get_data(as_text=True)
    match = _CSRF.search(html)
    assert match, f"no CSRF token on {page}"
    return match.group(1)


def make_user(
    role: str = "volunteer",
    email: str | None = None,
    password: str = PASSWORD,
    display_name: str = "Sam",
    organization: str = "Harbor Food Pantry",
) -> User:
    """Create and commit an account through the same services the app uses."""
    email = email or f"{role}-{os.urandom(4).hex()}@example.org"
    if role in accounts.STAFF_ROLES:
        user = accounts.create_staff_user(email, password, display_name, role)
    else:
        org = accounts.NewOrganization(name=organization) if role == "organization" else None
        user = accounts.register(accounts.Registration(email, password, display_name, role, org))
    db.session.commit()
    return user


def login(client: FlaskClient, email: str, password: str = PASSWORD, next_url: str = ""):
    token = csrf_token(client, "/login")
    url = "/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": email, "password": password, "csrf_token": token})


def api_token(client: FlaskClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    response = client.post("/api/v1/auth/token", json={"email": email, "password": password})
    assert response.status_code == 200, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['token']}"}
