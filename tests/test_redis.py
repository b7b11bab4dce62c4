"""With REDIS_URL, rate limits are shared by every worker through Redis."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import redis

from tests.conftest import base_config
from volunteer_match import create_app
from volunteer_match.extensions import db

REDIS_URL = os.environ.get("TEST_REDIS_URL")
pytestmark = pytest.mark.skipif(not REDIS_URL, reason="set TEST_REDIS_URL to run the Redis tests")


def worker(database_url: str, tmp_path: Path, prefix: str):
    """One app instance, as one gunicorn worker would build it."""
    config = base_config(database_url, tmp_path)
    config.update(REDIS_URL=REDIS_URL, RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=prefix)
    return create_app(config)


def test_token_rate_limit_is_shared_between_workers(database_url: str, tmp_path: Path) -> None:
    prefix = f"vm-test-{uuid.uuid4().hex[:8]}"
    server = redis.Redis.from_url(REDIS_URL)
    apps = [worker(database_url, tmp_path, prefix)]
    try:
        first = apps[0].test_client()
        body = {"email": "nobody@example.org", "password": "wrong password"}
        statuses = [first.post("/api/v1/auth/token", json=body).status_code for _ in range(10)]
        assert statuses == [401] * 10

        # A worker started later (Flask-Limiter builds its storage when an app starts).
        apps.append(worker(database_url, tmp_path, prefix))
        second = apps[1].test_client()
        response = second.post("/api/v1/auth/token", json=body)
        assert response.status_code == 429
        assert response.get_json()["error"]["code"] == "rate_limited"
        assert server.keys(f"*{prefix}*"), "the limiter kept no counters in Redis"
    finally:
        for app in apps:
            with app.app_context():
                db.engine.dispose()
        for key in server.scan_iter(f"*{prefix}*"):
            server.delete(key)
        server.close()
