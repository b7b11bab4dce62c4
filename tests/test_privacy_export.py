"""A person's right to a copy of their data: the download through the API and from the account
page holds their profile, requests and messages and never a secret; an organization account's
holds its membership.

Deleting an account is in test_privacy_erasure.py; Sam, the ``account`` both use, is a fixture
in conftest.py.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import API, SAM_EMAIL, api_token, login, organization
from volunteer_match.extensions import db
from volunteer_match.models import ApiToken, User

# ------------------------------------------------------------------------------- the download


def test_the_download_holds_my_profile_requests_and_messages_and_no_secret(
    client: FlaskClient, account: dict
) -> None:
    response = client.get(f"{API}/me/export", headers=account["headers"])
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="volunteer-match-data.json"'
    assert "no-store" in response.headers["Cache-Control"]
    text = response.get_data(as_text=True)
    data = json.loads(text)

    assert data["account"]["email"] == SAM_EMAIL
    assert data["account"]["display_name"] == "Sam Rivera"
    profile = data["volunteer_profile"]
    assert profile["skills"] == ["cookin"] and profile["interests"] == ["seniors"]
    assert profile["goals"] == ["give_back"] and profile["postcode"] == "10027"
    assert profile["availability"] == [{"weekday": 1, "start": "17:00", "end": "21:00"}]
    assert profile["skill_concepts"] == {"cooking": "cookin"}  # what the matcher understood
    assert profile["findable_by_organizations"] is False

    by_title = {item["opportunity"]: item for item in data["requests"]}
    soup = by_title["Soup kitchen"]
    assert soup["status"] == "approved" and soup["message"] == "I can bring gloves"
    assert soup["decision_note"] == "See you there, Sam"
    assert soup["organization"] == "Harbor Food Pantry"
    assert soup["shift_starts_at"].endswith("Z")
    assert by_title["Pantry sorting"]["hours"] == 2.5
    assert by_title["Pantry sorting"]["verified_at"]

    messages = [note["message"] for note in data["notifications"]]
    assert any("You're on the Soup kitchen shift" in message for message in messages)
    assert data["coordinator_links"][0]["coordinator"] == "Robin"
    assert data["coordinator_links"][0]["consent_scope"]
    assert data["calendar_feed_on"] is True
    assert len(data["api_tokens"]) == 1 and data["api_tokens"][0]["last_used_at"]
    assert "request.created" in {event["action"] for event in data["activity"]}
    assert data["organization_membership"] is None

    sam = db.session.get(User, account["sam_id"])
    digest = db.session.scalar(sa.select(ApiToken.token_hash).where(ApiToken.user_id == sam.id))
    raw_token = account["headers"]["Authorization"].removeprefix("Bearer ")
    for secret in ("$argon2", sam.password_hash, digest, raw_token, sam.calendar_token_hash):
        assert secret and secret not in text
    assert "hash" not in text and "digest" not in text


def test_the_download_page_gives_the_same_file(client: FlaskClient, account: dict) -> None:
    assert client.get("/account/export.json").status_code == 302  # log in first
    login(client, SAM_EMAIL)
    response = client.get("/account/export.json")
    assert response.status_code == 200
    assert "volunteer-match-data.json" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == SAM_EMAIL
    assert "$argon2" not in response.get_data(as_text=True)


def test_an_organization_account_sees_its_membership(client: FlaskClient) -> None:
    staff = organization("Harbor Food Pantry")
    response = client.get(f"{API}/me/export", headers=api_token(client, staff.email))
    data = response.get_json()
    assert data["organization_membership"]["organization"] == "Harbor Food Pantry"
    assert data["volunteer_profile"] is None and data["requests"] == []
