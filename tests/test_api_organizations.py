"""Organizations in the JSON API: who sees them, changing their profile, verification."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.factories import error_of, fields_of, person, staff
from volunteer_match.extensions import db
from volunteer_match.models import Notification, Organization


def test_a_verified_organization_is_public(client: FlaskClient) -> None:
    _, _, org_id = staff(client)
    for who in ({}, person(client)):
        response = client.get(f"/api/v1/organizations/{org_id}", headers=who)
        assert response.status_code == 200
        body = response.get_json()
        assert body["id"] == org_id
        assert body["name"] == "Harbor Food Pantry"
        assert body["kind"] == "nonprofit"
        assert body["verified"] is True
        assert body["verified_at"].endswith("Z")
        assert {"description", "address", "postcode", "timezone"} <= set(body)


def test_an_unverified_organization_is_seen_only_by_staff_and_reviewers(
    client: FlaskClient,
) -> None:
    _, headers, org_id = staff(client, verified=False)
    url = f"/api/v1/organizations/{org_id}"
    assert client.get(url).status_code == 404
    assert client.get(url, headers=person(client)).status_code == 404
    _, other_headers, _ = staff(client, "Riverside Shelter")
    assert client.get(url, headers=other_headers).status_code == 404
    for who in (headers, person(client, "coordinator"), person(client, "admin")):
        response = client.get(url, headers=who)
        assert response.status_code == 200
        assert response.get_json()["verified"] is False
        assert "verified_at" not in response.get_json()


def test_staff_change_their_profile_partly(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    response = client.patch(
        f"/api/v1/organizations/{org_id}",
        json={"description": "Groceries every Saturday.", "postcode": "11226"},
        headers=headers,
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["description"] == "Groceries every Saturday."
    assert body["postcode"] == "11226"
    assert body["name"] == "Harbor Food Pantry"  # unchanged
    body = client.patch(
        f"/api/v1/organizations/{org_id}",
        json={"kind": "food_bank", "postcode": None},
        headers=headers,
    ).get_json()
    assert body["kind"] == "food_bank" and body["postcode"] is None
    assert body["description"] == "Groceries every Saturday."


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 10_000}, "name"),
        ({"description": "x" * 10_000}, "description"),
        ({"address": "x" * 10_000}, "address"),
        ({"postcode": "00000"}, "postcode"),
        ({"kind": "church"}, "kind"),
        ({"verified_at": "2020-01-01T00:00:00Z"}, "verified_at"),
    ],
)
def test_bad_profile_changes_are_422(client: FlaskClient, change: dict, field: str) -> None:
    _, headers, org_id = staff(client)
    response = client.patch(f"/api/v1/organizations/{org_id}", json=change, headers=headers)
    assert field in fields_of(response)


def test_only_its_staff_change_an_organization(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    _, _, hidden_id = staff(client, "Hidden Shelter", verified=False)
    change = {"name": "Taken over"}
    url = f"/api/v1/organizations/{org_id}"
    _, other_headers, _ = staff(client, "Riverside Shelter")
    assert client.patch(url, json=change, headers=other_headers).status_code == 404
    hidden = client.patch(f"/api/v1/organizations/{hidden_id}", json=change, headers=headers)
    assert hidden.status_code == 404
    assert client.patch(url, json=change, headers=person(client)).status_code == 403
    assert client.patch(url, json=change, headers=person(client, "admin")).status_code == 403
    assert client.patch(url, json=change).status_code == 401
    assert (
        client.patch("/api/v1/organizations/999999", json=change, headers=headers).status_code
        == 404
    )
    assert db.session.get(Organization, org_id).name == "Harbor Food Pantry"


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_reviewers_verify(client: FlaskClient, role: str) -> None:
    user, _, org_id = staff(client, verified=False)
    headers = person(client, role)
    response = client.post(f"/api/v1/organizations/{org_id}/verify", headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == org_id and body["verified"] is True and body["verified_at"].endswith("Z")
    assert client.get(f"/api/v1/organizations/{org_id}", headers=person(client)).status_code == 200
    assert db.session.scalar(db.select(Notification.kind).where(Notification.user_id == user.id))

    again = client.post(f"/api/v1/organizations/{org_id}/verify", headers=headers)
    assert again.status_code == 409
    assert error_of(again)["code"] == "conflict"


def test_verify_and_reject_need_a_reviewer(client: FlaskClient) -> None:
    _, headers, org_id = staff(client, verified=False)
    for action, body in (("verify", None), ("reject", {"reason": "Add an address."})):
        url = f"/api/v1/organizations/{org_id}/{action}"
        assert client.post(url, json=body, headers=headers).status_code == 403
        assert client.post(url, json=body, headers=person(client)).status_code == 403
        assert client.post(url, json=body).status_code == 401
        unknown = f"/api/v1/organizations/999999/{action}"
        assert (
            client.post(unknown, json=body, headers=person(client, "coordinator")).status_code
            == 404
        )
    assert db.session.get(Organization, org_id).verified_at is None


def test_reject_says_why(client: FlaskClient) -> None:
    _, headers, org_id = staff(client, verified=False)
    response = client.post(
        f"/api/v1/organizations/{org_id}/reject",
        json={"reason": "Please add your street address."},
        headers=person(client, "coordinator"),
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["verified"] is False
    assert body["rejection_reason"] == "Please add your street address."
    assert body["rejected_at"].endswith("Z")
    # The organization sees why, and is still hidden from volunteers.
    assert (
        client.get(f"/api/v1/organizations/{org_id}", headers=headers).get_json()[
            "rejection_reason"
        ]
        == "Please add your street address."
    )
    assert client.get(f"/api/v1/organizations/{org_id}", headers=person(client)).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [({"reason": ""}, "reason"), ({"reason": "x" * 10_000}, "reason"), ({}, "reason")],
)
def test_reject_needs_a_reason(client: FlaskClient, body: dict, field: str) -> None:
    _, _, org_id = staff(client, verified=False)
    response = client.post(
        f"/api/v1/organizations/{org_id}/reject", json=body, headers=person(client, "coordinator")
    )
    assert field in fields_of(response)


def test_a_verified_organization_cannot_be_rejected(client: FlaskClient) -> None:
    _, _, org_id = staff(client)
    response = client.post(
        f"/api/v1/organizations/{org_id}/reject",
        json={"reason": "Changed my mind."},
        headers=person(client, "admin"),
    )
    assert response.status_code == 409
