"""Organization staff on the HTML pages: their profile, their opportunities, who may see what."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import add_shift, html_of, login, make_user, new_organization, post, send
from volunteer_match.extensions import db
from volunteer_match.models import Opportunity, Organization, utcnow
from volunteer_match.services import opportunities

GOOD_OPPORTUNITY = {
    "title": "Kitchen helper",
    "description": "Chop and serve.",
    "postcode": "10027",
}


def verify(organization: Organization) -> None:
    organization.verified_at = utcnow()
    db.session.commit()


def test_organization_updates_its_profile_with_a_good_zip(client: FlaskClient) -> None:
    user, organization = new_organization()
    login(client, user.email)
    form = client.get(f"/organizations/{organization.id}/edit")
    assert form.status_code == 200 and "Harbor Food Pantry" in html_of(form)
    response = send(
        client,
        f"/organizations/{organization.id}/edit",
        {
            "name": "Harbor Pantry",
            "kind": "food_bank",
            "description": "Food for all.",
            "address": "1 Main St",
            "postcode": "10027",
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/organizations/{organization.id}"
    db.session.refresh(organization)
    assert organization.name == "Harbor Pantry" and organization.kind == "food_bank"
    assert organization.latitude is not None and 40 < organization.latitude < 41
    assert "profile is saved" in html_of(client.get(response.headers["Location"]))


def test_unknown_zip_is_a_form_error_and_changes_nothing(client: FlaskClient) -> None:
    user, organization = new_organization()
    login(client, user.email)
    response = send(
        client,
        f"/organizations/{organization.id}/edit",
        {"name": "Renamed", "kind": "nonprofit", "postcode": "00000"},
    )
    assert response.status_code == 422
    assert "We don&#39;t know the ZIP code 00000" in html_of(response)
    db.session.refresh(organization)
    assert organization.name == "Harbor Food Pantry" and organization.postcode is None


def test_organization_posts_an_opportunity(client: FlaskClient) -> None:
    user, organization = new_organization()
    login(client, user.email)
    url = f"/organizations/{organization.id}/opportunities/new"
    assert client.get(url).status_code == 200
    response = send(
        client,
        url,
        {
            **GOOD_OPPORTUNITY,
            "skills": "cooking, lifting\nkind words",
            "interests": "",
            "substance_free": "y",
            "team_based": "y",
            "min_age": "18",
        },
    )
    assert response.status_code == 302
    opportunity = db.session.scalar(sa.select(Opportunity))
    assert response.headers["Location"] == f"/opportunities/{opportunity.id}"
    assert opportunity.title == "Kitchen helper" and opportunity.organization_id == organization.id
    assert opportunity.skills == ["cooking", "lifting", "kind words"]
    assert opportunity.interests == []
    assert opportunity.substance_free and opportunity.team_based
    assert not opportunity.no_background_check
    assert opportunity.min_age == 18 and opportunity.latitude is not None
    dashboard = html_of(client.get("/organization"))
    assert "Kitchen helper" in dashboard and "0 upcoming shifts" in dashboard


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": "  "}, "Give the opportunity a title"),
        ({"title": "x" * 10_000}, "Use at most 200 characters."),
        ({"description": "x" * 10_000}, "Use at most 5,000 characters."),
        ({"postcode": ""}, "Enter the ZIP code where volunteers will go"),
        ({"min_age": "old"}, "Not a valid integer value."),
    ],
)
def test_opportunity_form_problems_are_shown(client: FlaskClient, fields, message) -> None:
    user, organization = new_organization()
    login(client, user.email)
    url = f"/organizations/{organization.id}/opportunities/new"
    response = send(client, url, {**GOOD_OPPORTUNITY, **fields})
    assert response.status_code == 422
    assert message in html_of(response)
    assert db.session.scalar(sa.select(sa.func.count(Opportunity.id))) == 0


def test_html_in_a_title_is_shown_escaped(client: FlaskClient) -> None:
    user, organization = new_organization()
    login(client, user.email)
    url = f"/organizations/{organization.id}/opportunities/new"
    send(client, url, {**GOOD_OPPORTUNITY, "title": "<script>alert(1)</script>"})
    verify(organization)
    for viewer in (client, client.application.test_client()):  # its staff, and the public
        page = html_of(viewer.get(f"/organizations/{organization.id}"))
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script>alert(1)</script>" not in page


def test_organization_edits_closes_and_reopens_an_opportunity(client: FlaskClient) -> None:
    user, _ = new_organization()
    opportunity = post(user, "Kitchen helper")
    login(client, user.email)
    edit_url = f"/opportunities/{opportunity.id}/edit"
    form = html_of(client.get(edit_url))
    assert 'value="Kitchen helper"' in form and "10027" in form
    response = send(
        client, edit_url, {**GOOD_OPPORTUNITY, "title": "Pantry helper", "virtual": "y"}
    )
    assert response.headers["Location"] == f"/opportunities/{opportunity.id}"
    db.session.refresh(opportunity)
    assert opportunity.title == "Pantry helper" and opportunity.virtual

    response = send(client, f"/opportunities/{opportunity.id}/close")
    assert response.headers["Location"] == "/organization"
    db.session.refresh(opportunity)
    assert opportunity.status == "closed"
    dashboard = html_of(client.get("/organization"))
    assert "“Pantry helper” is closed" in dashboard and "Reopen" in dashboard

    send(client, f"/opportunities/{opportunity.id}/reopen")
    db.session.refresh(opportunity)
    assert opportunity.status == "open"
    assert "is open again" in html_of(client.get("/organization"))


def test_closed_opportunities_are_hidden_from_the_public(client: FlaskClient) -> None:
    user, organization = new_organization()
    verify(organization)
    post(user, "Open one")
    closed = post(user, "Closed one")
    opportunities.close(user, closed.id)
    db.session.commit()
    public = html_of(client.get(f"/organizations/{organization.id}"))
    assert "Open one" in public and "Closed one" not in public
    login(client, user.email)
    own = html_of(client.get(f"/organizations/{organization.id}"))
    assert "Open one" in own and "Closed one" in own and "Closed" in own


def test_unverified_organization_is_private_to_its_staff(client: FlaskClient) -> None:
    user, organization = new_organization()
    url = f"/organizations/{organization.id}"
    assert client.get(url).status_code == 404
    other, _ = new_organization("Other Place")
    login(client, other.email)
    assert client.get(url).status_code == 404
    staff = client.application.test_client()
    login(staff, user.email)
    page = html_of(staff.get(url))
    assert "Waiting for a coordinator" in page and "Add an opportunity" in page


def test_another_organization_gets_404_on_records_not_theirs(client: FlaskClient) -> None:
    owner, organization = new_organization()
    verify(organization)
    opportunity = post(owner, "Kitchen helper")
    intruder, _ = new_organization("Other Place")
    login(client, intruder.email)
    for url in (
        f"/organizations/{organization.id}/edit",
        f"/organizations/{organization.id}/opportunities/new",
        f"/opportunities/{opportunity.id}/edit",
        f"/opportunities/{opportunity.id}/shifts/new",
        f"/opportunities/{opportunity.id}/shifts",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        send(client, f"/opportunities/{opportunity.id}/edit", GOOD_OPPORTUNITY).status_code == 404
    )
    assert send(client, f"/opportunities/{opportunity.id}/close").status_code == 404
    assert (
        send(client, f"/organizations/{organization.id}/edit", {"name": "Mine"}).status_code == 404
    )
    db.session.refresh(opportunity)
    db.session.refresh(organization)
    assert opportunity.status == "open" and organization.name == "Harbor Food Pantry"


ORG_PAGES = [
    ("get", "/organizations/{org}/edit"),
    ("get", "/organizations/{org}/opportunities/new"),
    ("get", "/opportunities/{opp}/edit"),
    ("get", "/opportunities/{opp}/shifts/new"),
    ("get", "/opportunities/{opp}/shifts"),
    ("post", "/opportunities/{opp}/close"),
    ("post", "/opportunities/{opp}/reopen"),
    ("post", "/organizations/{org}/edit"),
    ("get", "/shifts/{shift}/edit"),
    ("post", "/shifts/{shift}/cancel"),
]


@pytest.mark.parametrize(("method", "pattern"), ORG_PAGES)
def test_volunteers_get_403_and_anonymous_people_log_in(client, method, pattern) -> None:
    owner, organization = new_organization()
    opportunity = post(owner, "Kitchen helper")
    shift = add_shift(owner, opportunity)
    url = pattern.format(org=organization.id, opp=opportunity.id, shift=shift.id)
    attempt = (lambda: send(client, url)) if method == "post" else (lambda: client.get(url))
    anonymous = attempt()
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"].startswith("/login?next=")
    login(client, make_user("volunteer").email)
    assert attempt().status_code == 403
    db.session.refresh(opportunity)
    db.session.refresh(shift)
    assert opportunity.status == "open" and shift.status == "scheduled"
