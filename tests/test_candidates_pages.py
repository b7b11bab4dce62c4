"""The people an organization sees at /opportunities/<id>/candidates: only those who chose to
be findable and fit, by display name and never a private detail, for staff of that
organization, coordinators and admins, and the links to the page.

A volunteer's own matches are in test_volunteer_matches_pages.py. Data is built through the
services with the builders of tests/factories/.
"""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.factories import (
    cards,
    kitchen,
    login,
    make_user,
    organization,
    page_text,
    reasons,
    volunteer,
)
from volunteer_match.models import User
from volunteer_match.services import matching
from volunteer_match.services.errors import NotFound

# ---------------------------------------------------------------- people who might fit


def findable(display_name: str, email: str, **fields: object) -> User:
    fields.setdefault("findable_by_organizations", True)
    return volunteer(display_name=display_name, email=email, **fields)


def test_staff_see_only_findable_people_by_display_name(client) -> None:
    staff = organization()
    opportunity = kitchen(staff)
    findable("Jordan", "jordan@example.org", skills=("cooking",))
    findable("Alex", "alex@example.org", skills=("gardening",))
    volunteer(display_name="Hidden Person", email="hidden@example.org")  # not findable
    findable("Far Away", "far@example.org", postcode="10314")  # too far for them
    login(client, staff.email)
    page = page_text(client, f"/opportunities/{opportunity.id}/candidates")

    assert "People who might fit “Kitchen helper”" in page
    assert "Only people who chose to let organizations find them appear here." in page
    names = re.findall(r'<h2 class="result-title">([^<]+)</h2>', page)
    assert names == ["Jordan", "Alex"]
    assert "Hidden Person" not in page and "Far Away" not in page
    assert "@example.org" not in page.split("<main")[1]
    first = cards(page)[0]
    assert re.search(r"Fit: \d+ out of 100", first) and reasons(first)
    assert "5:00 pm – 7:00 pm" in first and "Eastern time (New York)" in page


def test_an_empty_list_says_why(client: FlaskClient) -> None:
    staff = organization()
    opportunity = kitchen(staff)
    volunteer(display_name="Hidden Person")
    login(client, staff.email)
    page = page_text(client, f"/opportunities/{opportunity.id}/candidates")
    assert "Nobody who has chosen to be findable fits this opportunity right now." in page


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_coordinators_and_admins_see_people_for_any_opportunity(client, role: str) -> None:
    opportunity = kitchen(organization())
    findable("Jordan", "jordan@example.org")
    login(client, make_user(role).email)
    page = page_text(client, f"/opportunities/{opportunity.id}/candidates")
    assert "Jordan" in page and "jordan@example.org" not in page


def test_volunteers_other_organizations_and_unknown_ids_are_refused(client) -> None:
    opportunity = kitchen(organization())
    url = f"/opportunities/{opportunity.id}/candidates"
    assert client.get(url).headers["Location"].startswith("/login?next=")
    login(client, volunteer().email)
    assert client.get(url).status_code == 403

    other = client.application.test_client()
    login(other, organization("Someone Else").email)
    assert other.get(url).status_code == 404
    assert other.get("/opportunities/999999/candidates").status_code == 404


def test_staff_find_the_link_on_their_dashboard_and_shifts_page(client) -> None:
    staff = organization()
    opportunity = kitchen(staff)
    login(client, staff.email)
    link = f'href="/opportunities/{opportunity.id}/candidates">People who might fit'
    assert link in page_text(client, "/organization")
    assert link in page_text(client, f"/opportunities/{opportunity.id}/shifts")


def test_the_service_treats_another_organizations_opportunity_as_not_found(app) -> None:
    opportunity = kitchen(organization())
    with pytest.raises(NotFound):
        matching.candidates_for(organization("Someone Else"), opportunity.id)


def test_staff_do_not_learn_a_persons_zip_code_or_must_haves(client) -> None:
    staff = organization()
    opportunity = kitchen(staff, attributes={"substance_free": True})
    findable("Jordan", "jordan@example.org", postcode="10026", must_have=["substance_free"])
    login(client, staff.email)
    page = page_text(client, f"/opportunities/{opportunity.id}/candidates")
    assert "Jordan" in page
    assert "10026" not in page and "as you asked" not in page
    assert "Substance-free" not in page.split("<main")[1].split("Kitchen helper")[-1]
