"""Configuration comes from the environment when the app is built, with safe defaults."""

from __future__ import annotations

import stat
from pathlib import Path

from volunteer_match import config


def test_embedded_mode_defaults_to_sqlite_in_the_instance_folder(tmp_path: Path) -> None:
    settings = config.from_environment(tmp_path, env={})
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / config.SQLITE_FILE}"
    assert settings["REDIS_URL"] is None
    assert settings["RATELIMIT_STORAGE_URI"] == "memory://"


def test_secret_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    first = config.from_environment(tmp_path, env={})["SECRET_KEY"]
    second = config.from_environment(tmp_path, env={})["SECRET_KEY"]
    assert first == second
    assert len(first) >= 64
    mode = (tmp_path / config.SECRET_KEY_FILE).stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
    assert config.from_environment(tmp_path / "other", env={})["SECRET_KEY"] != first


def test_environment_overrides(tmp_path: Path) -> None:
    settings = config.from_environment(
        tmp_path,
        env={
            "SECRET_KEY": "from-env",
            "DATABASE_URL": "postgres://u@db/vm",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "DEFAULT_TIMEZONE": "America/Chicago",
        },
    )
    assert settings["SECRET_KEY"] == "from-env"
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/vm"
    assert settings["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert settings["DEFAULT_TIMEZONE"] == "America/Chicago"
    assert not (tmp_path / config.SECRET_KEY_FILE).exists()


def test_postgresql_urls_use_psycopg_3() -> None:
    assert config.normalise_database_url("postgresql://x/y") == "postgresql+psycopg://x/y"
    assert config.normalise_database_url("postgresql+psycopg://x/y") == "postgresql+psycopg://x/y"
    assert config.normalise_database_url("sqlite:///a.db") == "sqlite:///a.db"
