"""The migrations build exactly the models' schema, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tests.conftest import POSTGRES_URL, base_config, requires_postgres
from volunteer_match import create_app
from volunteer_match.config import normalise_database_url
from volunteer_match.extensions import db
from volunteer_match.models import Base, Opportunity, VolunteerProfile


def upgrade_and_compare(database_url: str, instance: Path) -> list:
    app = create_app(base_config(database_url, instance))
    with app.app_context():
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
            tables = set(sa.inspect(connection).get_table_names())
        db.engine.dispose()
    assert tables == set(Base.metadata.tables) | {"alembic_version"}
    return differences


NOW = "2030-01-01 10:00:00"


def insert_user_organization_opportunity(conn: sa.Connection, title: str, description: str) -> None:
    """Rows written with plain SQL, so they fit both the first schema and the current one."""
    now = {"now": NOW}
    conn.execute(
        sa.text(
            "INSERT INTO user_account (id, email, password_hash, role, display_name, active,"
            " created_at) VALUES (1, 'a@example.org', 'x', 'volunteer', 'A', 1, :now)"
        ),
        now,
    )
    conn.execute(
        sa.text(
            "INSERT INTO organization (id, name, kind, description, address, timezone,"
            " created_at) VALUES (1, 'Org', 'nonprofit', '', '', 'UTC', :now)"
        ),
        now,
    )
    conn.execute(
        sa.text(
            "INSERT INTO opportunity (id, organization_id, title, description, skills,"
            " interests, substance_free, peer_support_on_site, no_background_check,"
            " wheelchair_accessible, team_based, training_provided, virtual, address,"
            " status, created_at, updated_at) VALUES (1, 1, :title, :description, '[]', '[]',"
            " 0, 0, 0, 0, 0, 0, 0, '', 'open', :now, :now)"
        ),
        {**now, "title": title, "description": description},
    )


def test_sqlite_upgrade_to_head_matches_models(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    assert upgrade_and_compare(url, tmp_path) == []


@pytest.fixture
def empty_postgres_database() -> Iterator[str]:
    assert POSTGRES_URL
    server = sa.create_engine(normalise_database_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    name = f"vm_migration_{uuid.uuid4().hex[:8]}"
    with server.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield str(sa.make_url(normalise_database_url(POSTGRES_URL)).set(database=name))
    finally:
        with server.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@requires_postgres()
def test_postgres_upgrade_to_head_matches_models(
    empty_postgres_database: str, tmp_path: Path
) -> None:
    assert upgrade_and_compare(empty_postgres_database, tmp_path) == []


def test_migrated_schema_refuses_a_second_live_request_for_a_shift(tmp_path: Path) -> None:
    """The partial unique index exists in the migrated schema: one live request per shift."""
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    app = create_app(base_config(url, tmp_path))
    with app.app_context():
        flask_migrate.upgrade()
        with db.engine.begin() as conn:
            insert_user_organization_opportunity(conn, "T", "")
            conn.execute(
                sa.text(
                    "INSERT INTO shift (id, opportunity_id, starts_at, ends_at, capacity, filled,"
                    " status, created_at) VALUES (1, 1, :now, '2030-01-01 12:00:00', 2, 0,"
                    " 'scheduled', :now)"
                ),
                {"now": NOW},
            )
        insert = sa.text(
            "INSERT INTO shift_request (volunteer_id, shift_id, status, message, created_at,"
            " updated_at) VALUES (1, 1, :status, '', :now, :now)"
        )
        with db.engine.begin() as conn:
            conn.execute(insert, {"status": "cancelled", "now": NOW})
            conn.execute(insert, {"status": "pending", "now": NOW})
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as conn:
            conn.execute(insert, {"status": "approved", "now": NOW})
        with pytest.raises(sa.exc.IntegrityError), db.engine.begin() as conn:
            conn.execute(sa.text("UPDATE shift SET filled = 3 WHERE id = 1"))
        db.engine.dispose()


def test_upgrading_reads_concepts_of_listings_and_profiles_saved_before(tmp_path: Path) -> None:
    """Migration 0002 lets the matcher read rows that existed before it (no re-save needed)."""
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    app = create_app(base_config(url, tmp_path))
    with app.app_context():
        flask_migrate.upgrade(revision="0001")
        with db.engine.begin() as conn:
            insert_user_organization_opportunity(conn, "Kitchen Assistant", "Serve food")
            conn.execute(
                sa.text(
                    "INSERT INTO volunteer_profile (id, user_id, skills, interests, goals,"
                    " virtual_ok, timezone, preferences, must_have, findable_by_organizations,"
                    " share_email_with_organizations, created_at, updated_at) VALUES (1, 1,"
                    " '[\"cookin\"]', '[\"seniors\"]', '[]', 0, 'UTC', '[]', '[]', 0, 0, :now,"
                    " :now)"
                ),
                {"now": NOW},
            )
        flask_migrate.upgrade()
        opportunity = db.session.get(Opportunity, 1)
        profile = db.session.get(VolunteerProfile, 1)
        assert opportunity.concepts["cooking"] == [1.0, "kitchen assistant"]
        assert profile.skill_concepts == {"cooking": "cookin"}
        assert profile.interest_concepts == {"seniors": "seniors"}
        db.session.remove()
        db.engine.dispose()
