"""Browsing opportunities and reading one: what anyone may see, filters, distance and times."""

from __future__ import annotations

import re
from datetime import time

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from tests.factories import add_shift, login, make_user, organization, post
from volunteer_match.extensions import db
from volunteer_match.models import Shift, VolunteerProfile
from volunteer_match.services import opportunities
from volunteer_match.tooling import demo


def titles(client: FlaskClient, query: str = "") -> list[str]:
    page = client.get("/opportunities" + query)
    assert page.status_code == 200, page.get_data(as_text=True)
    return re.findall(
        r'class="result-title"><a href="[^"]+">([^<]+)</a>', page.get_data(as_text=True)
    )


def test_only_open_opportunities_of_verified_organizations_are_listed(client) -> None:
    harbor = organization("Harbor Food Pantry")
    hidden = organization("Not Yet Checked", verified=False)
    post(harbor, "Pantry helper")
    closed = post(harbor, "Winter coat drive")
    opportunities.close(harbor, closed.id)
    post(hidden, "Secret garden")
    db.session.commit()
    assert titles(client) == ["Pantry helper"]
    page = client.get("/opportunities").get_data(as_text=True)
    assert "Harbor Food Pantry" in page and "1 opportunity" in page


def test_text_search_cause_attribute_and_virtual_filters(client: FlaskClient) -> None:
    staff = organization("Riverside Community Center")
    post(
        staff,
        "Pantry helper",
        interests=["Helping Neighbors in Need"],
        attributes={"substance_free": True},
    )
    post(staff, "Homework tutor", description="Help kids with reading.", interests=["Education"])
    post(staff, "Online mentor", postcode=None, virtual=True, attributes={"team_based": True})
    assert titles(client, "?q=pantry") == ["Pantry helper"]
    assert titles(client, "?q=kids+reading") == ["Homework tutor"]
    assert len(titles(client, "?q=riverside")) == 3  # the organization's name counts too
    assert titles(client, "?cause=Education") == ["Homework tutor"]
    assert titles(client, "?attr=substance_free") == ["Pantry helper"]
    assert titles(client, "?attr=substance_free&attr=team_based") == []
    assert titles(client, "?virtual=virtual") == ["Online mentor"]
    assert set(titles(client, "?virtual=in_person")) == {"Pantry helper", "Homework tutor"}
    page = client.get("/opportunities?virtual=virtual").get_data(as_text=True)
    assert '<li class="tag tag-virtual">Virtual</li>' in page
    assert "Work as part of a team" in page


def test_distance_from_a_zip_code_orders_and_limits_results(client: FlaskClient) -> None:
    staff = organization()
    post(staff, "Brooklyn garden", postcode="11226")
    post(staff, "Harlem kitchen", postcode="10027")
    assert titles(client, "?postcode=10026") == ["Harlem kitchen", "Brooklyn garden"]
    page = client.get("/opportunities?postcode=10026").get_data(as_text=True)
    assert re.search(r"\d+\.\d km away", page)
    assert "Nearest to 10026 first." in page
    assert titles(client, "?postcode=10026&within_km=5") == ["Harlem kitchen"]


def test_results_come_in_pages_that_keep_the_search(client: FlaskClient) -> None:
    staff = organization()
    for number in range(25):
        post(staff, f"Role {number:02d}", attributes={"team_based": True})
    first = client.get("/opportunities?q=Role&attr=team_based")
    page = first.get_data(as_text=True)
    assert len(titles(client, "?q=Role&attr=team_based")) == 20
    assert "Page 1 of 2" in page and "25 opportunities" in page
    assert re.search(
        r'href="/opportunities\?q=Role&amp;attr=team_based&amp;page=2" rel="next"', page
    )

    second = client.get("/opportunities?q=Role&attr=team_based&page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second
    assert len(titles(client, "?q=Role&attr=team_based&page=2")) == 5
    assert re.search(r'page=2" aria-current="page"', second)
    assert 'rel="prev"' in second and 'rel="next"' not in second

    beyond = client.get("/opportunities?page=9").get_data(as_text=True)
    assert "There's nothing on page 9" in beyond


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("page=abc", "Page numbers are whole numbers"),
        ("page=0", "Pages start at 1."),
        ("within_km=-1&postcode=10027", "Choose a distance of more than 0 and up to 500 km."),
        ("within_km=far&postcode=10027", "Enter a distance in km"),
        ("within_km=5", "Add a ZIP code so we know where to measure from."),
        ("attr=sunshine", "Choose from the options listed."),
        ("postcode=00000", "We don&#39;t know the ZIP code 00000"),
        ("postcode=abc", "Enter a 5-digit US ZIP code"),
        ("virtual=sometimes", "Not a valid choice"),
        ("cause=Parties", "Not a valid choice"),
        ("q=" + "x" * 300, "Use at most 200 characters."),
    ],
)
def test_bad_search_values_get_a_clear_message(client, query: str, message: str) -> None:
    organization()
    response = client.get("/opportunities?" + query)
    assert response.status_code in (200, 422)
    assert message in response.get_data(as_text=True)


def test_odd_query_strings_never_break_the_page(client: FlaskClient) -> None:
    for query in ("_external=1&_scheme=javascript", "page=99999999999999999999", "q=%25_%5C"):
        assert client.get("/opportunities?" + query).status_code in (200, 422)


def test_listing_shows_next_shift_places_and_the_volunteers_time_zone(client) -> None:
    staff = organization()
    opportunity = post(staff, "Pantry helper")
    add_shift(staff, opportunity, at=time(17), capacity=4)
    add_shift(staff, opportunity, at=time(9), capacity=3)
    page = client.get("/opportunities").get_data(as_text=True)
    assert "9:00 am" in page and "2 upcoming shifts, 7 places free" in page

    user = make_user("volunteer")
    profile = db.session.scalar(
        sa.select(VolunteerProfile).where(VolunteerProfile.user_id == user.id)
    )
    assert profile is not None
    profile.timezone = "America/Los_Angeles"
    db.session.commit()
    login(client, user.email)
    page = client.get("/opportunities").get_data(as_text=True)
    assert "6:00 am" in page and "Pacific time (Los Angeles)" in page


def test_hidden_opportunities_are_404_except_to_their_own_staff(client: FlaskClient) -> None:
    staff = organization("Not Yet Checked", verified=False)
    opportunity = post(staff, "Secret garden")
    url = f"/opportunities/{opportunity.id}"
    assert client.get(url).status_code == 404
    login(client, make_user("volunteer").email)
    assert client.get(url).status_code == 404

    other = app_client(client)
    login(other, organization("Someone Else").email)
    assert other.get(url).status_code == 404

    own = app_client(client)
    login(own, staff.email)
    response = own.get(url)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Volunteers will see this once the organization is verified." in page
    for link in ("/edit", "/shifts/new", "/shifts"):
        assert f'href="{url}{link}"' in page
    assert client.get("/opportunities/999999").status_code == 404


def app_client(client: FlaskClient) -> FlaskClient:
    return client.application.test_client()


def test_details_page_shows_shifts_in_the_readers_time_zone(client: FlaskClient) -> None:
    staff = organization()
    opportunity = post(
        staff,
        "Pantry helper",
        description="Sort donations <b>with us</b>.",
        skills=["lifting"],
        attributes={"substance_free": True},
        min_age=18,
    )
    add_shift(staff, opportunity, at=time(17), capacity=2)
    full = add_shift(staff, opportunity, at=time(9), capacity=1)
    db.session.get(Shift, full.id).filled = 1  # type: ignore[union-attr]
    db.session.commit()
    url = f"/opportunities/{opportunity.id}"

    page = client.get(url).get_data(as_text=True)
    assert "5:00 pm – 7:00 pm" in page and "2 places left" in page and "Full" in page
    assert "Substance-free setting" in page and "lifting" in page
    assert re.search(r"<dt>Minimum age</dt>\s*<dd>18</dd>", page)
    assert "&lt;b&gt;with us&lt;/b&gt;" in page
    assert f'href="/organizations/{opportunity.organization_id}"' in page
    assert "/edit" not in page  # not staff

    user = make_user("volunteer")
    profile = db.session.scalar(
        sa.select(VolunteerProfile).where(VolunteerProfile.user_id == user.id)
    )
    assert profile is not None
    profile.timezone = "America/Los_Angeles"
    profile.latitude, profile.longitude = 40.80, -73.96
    db.session.commit()
    login(client, user.email)
    page = client.get(url).get_data(as_text=True)
    assert "2:00 pm – 4:00 pm" in page and "5:00 pm" not in page
    assert "km away" in page


def test_demo_volunteer_sees_distances(app: Flask, client: FlaskClient) -> None:
    demo.seed_demo(app.config["DEMO_PASSWORD"])
    db.session.commit()
    login(client, demo.VOLUNTEER_EMAIL, app.config["DEMO_PASSWORD"])
    page = client.get("/opportunities").get_data(as_text=True)
    assert re.search(r"(Under 1|\d+\.\d) km away", page)
    assert "Nearest to your ZIP code first." in page
    assert re.search(r"Page 1 of \d+", page)


def test_distance_limit_keeps_virtual_roles_and_drops_far_ones(client: FlaskClient) -> None:
    staff = organization("Citywide Helpers")
    post(staff, "Harlem pantry helper", postcode="10027")
    post(staff, "Staten Island beach cleanup", postcode="10314")
    post(staff, "Phone buddy", postcode="10314", virtual=True)
    found = titles(client, "?postcode=10026&within_km=3")
    assert sorted(found) == ["Harlem pantry helper", "Phone buddy"]
