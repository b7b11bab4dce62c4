"""Shared fixtures: an app per test on SQLite (default) or PostgreSQL (TEST_DATABASE_URL),
and the few starting points several test modules share (``harbor``, ``api_world``, and
``account`` for the privacy tests).

The schema is created once per run; after each test every table is emptied, so each test
builds exactly what it needs with the builders of tests/factories/.
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.globals import _cv_app
from flask.testing import FlaskClient

from tests.factories import (
    SAM_EMAIL,
    World,
    api_token,
    attended,
    make_user,
    new_shift,
    organization,
    post,
    share,
)
from volunteer_match import create_app
from volunteer_match.extensions import db
from volunteer_match.matching.features import Window
from volunteer_match.models import Base, Opportunity, User
from volunteer_match.services import calendar, profiles, requests

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


class Harbor(NamedTuple):
    staff: User
    opportunity: Opportunity
    coordinator: User


@pytest.fixture
def harbor(app: Flask) -> Harbor:
    """Harbor Food Pantry (verified), its "Kitchen helper" opportunity at 12 Dock Street
    (10027) with no shifts yet, and a coordinator, Jordan: (staff, opportunity, coordinator)."""
    staff = organization("Harbor Food Pantry")
    opportunity = post(staff, "Kitchen helper", address="12 Dock Street", postcode="10027")
    return Harbor(staff, opportunity, make_user("coordinator", display_name="Jordan"))


@pytest.fixture
def api_world(app: Flask) -> World:
    """For the JSON API: Harbor with a two-place shift a week ahead (opportunity "Kitchen"),
    Jordan the coordinator and Sam a volunteer, each with a token."""
    return World()


@pytest.fixture
def account(app: Flask, client: FlaskClient) -> dict:
    """Sam: a profile, a coordinator, an approved place on a full shift with two people
    waiting, an attended shift of 2.5 hours, a calendar feed and an API token."""
    harbor = organization("Harbor Food Pantry")
    robin = make_user("coordinator", display_name="Robin")
    sam = make_user(email=SAM_EMAIL, display_name="Sam Rivera")
    profiles.update(
        sam,
        profiles.ProfileInput(
            skills=["cookin"],  # as typed; the matcher still understands it
            interests=["seniors"],
            goals=["give_back"],
            availability=[Window(1, 17 * 60, 21 * 60)],
            postcode="10027",
            travel_km=5,
            timezone="America/New_York",
            preferences=["team_based"],
        ),
    )
    db.session.commit()
    past = attended(harbor, sam, "Pantry sorting", hours=2.5)
    share(sam, robin)

    full = new_shift(harbor, capacity=1, days=10, title="Soup kitchen")
    place = requests.create(sam, full.id, "I can bring gloves")
    requests.approve(robin, place.id, "See you there, Sam")
    db.session.commit()
    lee, ana = make_user(display_name="Lee"), make_user(display_name="Ana")
    waiting = []
    for person in (lee, ana):  # Lee asked first
        item = requests.create(person, full.id)
        requests.approve(robin, item.id)
        db.session.commit()
        waiting.append(item)
    assert [w.status for w in waiting] == ["waitlisted", "waitlisted"]

    calendar.new_feed_token(sam)
    db.session.commit()
    headers = api_token(client, SAM_EMAIL)
    return {
        "harbor": harbor,
        "robin": robin,
        "sam": sam,
        "sam_id": sam.id,
        "profile_id": profiles.get(sam).id,
        "full": full,
        "place": place,
        "lee": lee,
        "ana": ana,
        "waiting": waiting,
        "past": past,
        "headers": headers,
    }
