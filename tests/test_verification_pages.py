"""Coordinators verify organizations from the queue, or say "not yet" with a reason."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import html_of, login, make_user, new_organization, post, send
from volunteer_match.extensions import db
from volunteer_match.models import Notification
from volunteer_match.services import listings


def found_titles() -> list[str]:
    return [item.opportunity.title for item in listings.search(listings.SearchQuery()).items]


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_reviewer_verifies_an_organization_from_the_queue(client: FlaskClient, role) -> None:
    staff, organization = new_organization()
    post(staff, "Kitchen helper")
    assert found_titles() == []
    login(client, make_user(role).email)
    dashboard = html_of(client.get("/coordinator"))
    assert "1 organization is" in dashboard and "/coordinator/organizations" in dashboard
    queue = html_of(client.get("/coordinator/organizations"))
    assert "Harbor Food Pantry" in queue

    response = send(client, f"/coordinator/organizations/{organization.id}/verify")
    assert response.status_code == 302
    db.session.refresh(organization)
    assert organization.is_verified
    assert found_titles() == ["Kitchen helper"]
    after = html_of(client.get("/coordinator/organizations"))
    assert "is verified" in after and "No organizations are waiting" in after
    assert db.session.scalar(sa.select(Notification).where(Notification.user_id == staff.id))


def test_reviewer_says_not_yet_with_a_reason(client: FlaskClient) -> None:
    staff, organization = new_organization()
    login(client, make_user("coordinator").email)
    field = f"org-{organization.id}-reason"
    response = send(
        client,
        f"/coordinator/organizations/{organization.id}/reject",
        {field: "Please add your street address."},
    )
    assert response.status_code == 302
    db.session.refresh(organization)
    assert organization.rejected_at is not None and not organization.is_verified
    assert organization.rejection_reason == "Please add your street address."
    assert "No organizations are waiting" in html_of(client.get("/coordinator/organizations"))

    own = client.application.test_client()
    login(own, staff.email)
    page = html_of(own.get(f"/organizations/{organization.id}"))
    assert "Not verified yet" in page and "Please add your street address." in page
    assert "goes back to a coordinator" in page
    send(
        own,
        f"/organizations/{organization.id}/edit",
        {"name": "Harbor Food Pantry", "kind": "food_bank", "address": "1 Main St"},
    )
    db.session.refresh(organization)
    assert organization.rejected_at is None  # back in the queue
    assert "Harbor Food Pantry" in html_of(client.get("/coordinator/organizations"))


def test_not_yet_needs_a_reason(client: FlaskClient) -> None:
    _, organization = new_organization()
    login(client, make_user("coordinator").email)
    field = f"org-{organization.id}-reason"
    response = send(client, f"/coordinator/organizations/{organization.id}/reject", {field: "  "})
    assert response.status_code == 422
    page = html_of(response)
    assert "Say why, so the organization can put it right." in page
    assert f'href="#{field}"' in page  # the error summary leads to the box
    db.session.refresh(organization)
    assert organization.rejected_at is None and organization.rejection_reason is None


def test_verifying_twice_is_explained_not_an_error(client: FlaskClient) -> None:
    _, organization = new_organization()
    login(client, make_user("coordinator").email)
    send(client, f"/coordinator/organizations/{organization.id}/verify")
    response = send(client, f"/coordinator/organizations/{organization.id}/verify")
    assert response.status_code == 302
    assert "already verified" in html_of(client.get("/coordinator/organizations"))


@pytest.mark.parametrize("role", ["volunteer", "organization"])
def test_volunteers_and_organizations_get_403(client: FlaskClient, role: str) -> None:
    _, organization = new_organization()
    login(client, make_user(role).email)
    assert client.get("/coordinator/organizations").status_code == 403
    assert send(client, f"/coordinator/organizations/{organization.id}/verify").status_code == 403
    reject = send(client, f"/coordinator/organizations/{organization.id}/reject", {"reason": "No"})
    assert reject.status_code == 403
    db.session.refresh(organization)
    assert organization.verified_at is None and organization.rejected_at is None
