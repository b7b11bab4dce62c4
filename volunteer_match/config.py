"""Settings, read from the environment when the app is built (never at import time).

Safe defaults give the embedded mode: a SQLite file and a generated secret key, both kept in
the instance folder. ``DATABASE_URL`` switches to PostgreSQL, ``REDIS_URL`` to Redis.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name, not a secret
SQLITE_FILE = "volunteer_match.sqlite3"


def normalise_database_url(url: str) -> str:
    """Point plain PostgreSQL URLs at the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret_key(instance_path: Path) -> str:
    """Return the embedded-mode key, generating it once into the instance folder."""
    path = instance_path / SECRET_KEY_FILE
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    value = env.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def from_environment(instance_path: Path, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Build the configuration mapping for one app from ``env`` (default: ``os.environ``)."""
    env = os.environ if env is None else env
    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance_path / SQLITE_FILE}"
    redis_url = env.get("REDIS_URL") or None
    return {
        "SECRET_KEY": env.get("SECRET_KEY") or instance_secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": env.get("LOGIN_RATE_LIMIT", "10 per minute;100 per hour"),
        "DEFAULT_TIMEZONE": env.get("DEFAULT_TIMEZONE", "America/New_York"),
        "API_TOKEN_TTL_HOURS": int(env.get("API_TOKEN_TTL_HOURS", "24")),
        "ARGON2_PROFILE": env.get("ARGON2_PROFILE", "RFC_9106_LOW_MEMORY"),
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _flag(env, "SESSION_COOKIE_SECURE", False),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "DEMO_PASSWORD": env.get("DEMO_PASSWORD", "volunteer-demo-2026"),
        "MAIL_SERVER": env.get("MAIL_SERVER") or None,
        "MAIL_PORT": int(env.get("MAIL_PORT", "587")),
        "MAIL_USE_TLS": _flag(env, "MAIL_USE_TLS", True),
        "MAIL_USERNAME": env.get("MAIL_USERNAME") or None,
        "MAIL_PASSWORD": env.get("MAIL_PASSWORD") or None,
        "MAIL_OUTBOX": env.get("MAIL_OUTBOX") or None,
        "REMINDER_HOURS": int(env.get("REMINDER_HOURS", "24")),
    }
