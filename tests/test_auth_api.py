"""Accounts in the JSON API: register, token, me; bad input gets a clear 4xx, never a 500."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import PASSWORD, api_token, error_of, make_user
from volunteer_match.extensions import db
from volunteer_match.models import ApiToken, Organization, User

VOLUNTEER = {
    "email": "robin@example.org",
    "password": PASSWORD,
    "display_name": "Robin",
    "role": "volunteer",
}


def test_register_volunteer(client: FlaskClient) -> None:
    response = client.post("/api/v1/auth/register", json=VOLUNTEER)
    assert response.status_code == 201
    body = response.get_json()
    assert body["email"] == "robin@example.org"
    assert body["role"] == "volunteer"
    assert body["display_name"] == "Robin"
    assert isinstance(body["id"], int)
    assert "password" not in str(body)


def test_register_organization_starts_unverified(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/auth/register",
        json={
            **VOLUNTEER,
            "role": "organization",
            "organization": {
                "name": "Harbor Food Pantry",
                "kind": "food_bank",
                "postcode": "11226",
            },
        },
    )
    assert response.status_code == 201
    body = response.get_json()
    organization = db.session.get(Organization, body["organization_id"])
    assert organization.name == "Harbor Food Pantry"
    assert organization.verified_at is None


def test_organization_without_organization_details_is_422(client: FlaskClient) -> None:
    response = client.post("/api/v1/auth/register", json={**VOLUNTEER, "role": "organization"})
    assert response.status_code == 422
    assert "organization.name" in error_of(response)["fields"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"password": "short"}, "password"),
        ({"email": "not-an-email"}, "email"),
        ({"role": "admin"}, "role"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": "x" * 10_000}, "display_name"),
        ({"password": 123456789012}, "password"),
    ],
)
def test_register_rejects_bad_fields_with_422(client: FlaskClient, change, field) -> None:
    response = client.post("/api/v1/auth/register", json={**VOLUNTEER, **change})
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_failed"
    assert field in error["fields"]
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_register_missing_fields_lists_each_one(client: FlaskClient) -> None:
    response = client.post("/api/v1/auth/register", json={})
    assert response.status_code == 422
    assert set(error_of(response)["fields"]) >= {"email", "password", "display_name", "role"}


def test_register_duplicate_email_is_409(client: FlaskClient) -> None:
    make_user(email="robin@example.org")
    response = client.post(
        "/api/v1/auth/register", json={**VOLUNTEER, "email": "ROBIN@example.org"}
    )
    assert response.status_code == 409
    assert "email" in error_of(response)["fields"]


def test_body_too_large_is_413(client: FlaskClient) -> None:
    huge = b'{"email": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    response = client.post("/api/v1/auth/register", data=huge, content_type="application/json")
    assert response.status_code == 413
    assert error_of(response)["code"] == "payload_too_large"


def test_token_and_me(client: FlaskClient) -> None:
    user = make_user(email="sam@example.org", display_name="Sam")
    response = client.post(
        "/api/v1/auth/token", json={"email": "sam@example.org", "password": PASSWORD}
    )
    assert response.status_code == 200
    body = response.get_json()
    expires_at = datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00"))
    assert expires_at > datetime.now(UTC) + timedelta(hours=23)
    stored = db.session.scalar(sa.select(ApiToken))
    assert stored.token_hash != body["token"]  # only a digest is kept

    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['token']}"})
    assert me.status_code == 200
    assert me.get_json() == {
        "id": user.id,
        "email": "sam@example.org",
        "display_name": "Sam",
        "role": "volunteer",
    }


def test_organization_me_includes_organization_id(client: FlaskClient) -> None:
    user = make_user("organization")
    me = client.get("/api/v1/me", headers=api_token(client, user.email)).get_json()
    assert me["role"] == "organization"
    assert isinstance(me["organization_id"], int)


def test_token_with_bad_credentials_is_401(client: FlaskClient) -> None:
    make_user(email="sam@example.org")
    wrong = client.post(
        "/api/v1/auth/token", json={"email": "sam@example.org", "password": "x" * 12}
    )
    unknown = client.post("/api/v1/auth/token", json={"email": "no@example.org", "password": "x"})
    assert wrong.status_code == unknown.status_code == 401
    assert error_of(wrong)["message"] == error_of(unknown)["message"]


def test_token_missing_fields_is_422(client: FlaskClient) -> None:
    response = client.post("/api/v1/auth/token", json={"email": "sam@example.org"})
    assert response.status_code == 422
    assert "password" in error_of(response)["fields"]


def test_expired_token_is_refused(client: FlaskClient) -> None:
    user = make_user()
    headers = api_token(client, user.email)
    token = db.session.scalar(sa.select(ApiToken))
    token.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_token_of_a_deactivated_account_is_refused(client: FlaskClient) -> None:
    user = make_user()
    headers = api_token(client, user.email)
    user.active = False
    db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_token_endpoint_is_rate_limited(client: FlaskClient) -> None:
    statuses = [
        client.post(
            "/api/v1/auth/token", json={"email": "a@example.org", "password": "x"}
        ).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429
    assert error_of(client.post("/api/v1/auth/token", json={}))["code"] == "rate_limited"


def test_api_needs_no_csrf_token(app, client: FlaskClient) -> None:
    assert app.config.get("WTF_CSRF_ENABLED", True)
    assert client.post("/api/v1/auth/register", json=VOLUNTEER).status_code == 201


def test_wrong_method_is_json_405(client: FlaskClient) -> None:
    response = client.get("/api/v1/auth/token")
    assert response.status_code == 405
    assert error_of(response)["code"] == "method_not_allowed"
    assert "POST" in response.headers["Allow"]


def test_openapi_document_describes_the_account_endpoints(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    assert {"/auth/register", "/auth/token", "/me"} <= set(document["paths"])
    register_body = document["paths"]["/auth/register"]["post"]["requestBody"]
    ref = register_body["content"]["application/json"]["schema"]["$ref"]
    schema = document["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(schema["required"]) == {"email", "password", "display_name", "role"}
