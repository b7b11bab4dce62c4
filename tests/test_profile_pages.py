"""The volunteer's profile page: filling it in, seeing it again, and friendly refusals."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import csrf_token, login, make_user
from volunteer_match.extensions import db
from volunteer_match.models import AvailabilityWindow, User, VolunteerProfile


def profile_of(user: User) -> VolunteerProfile:
    profile = db.session.scalar(
        sa.select(VolunteerProfile).where(VolunteerProfile.user_id == user.id)
    )
    assert profile is not None
    return profile


def volunteer(client: FlaskClient, **kwargs: str) -> User:
    user = make_user("volunteer", **kwargs)
    login(client, user.email)
    return user


def save(client: FlaskClient, **fields: object):
    data: dict[str, object] = {"csrf_token": csrf_token(client, "/profile")}
    data.update(fields)
    return client.post("/profile", data=data)


def is_ticked(page: str, cell: str) -> bool:
    return re.search(rf'value="{cell}"\s+checked', page) is not None


def test_profile_is_saved_and_shown_again(client: FlaskClient) -> None:
    user = volunteer(client)
    response = save(
        client,
        skills="cooking, fixing computers\nspeaking Spanish",
        add_skill="gardening",
        interests="hunger",
        goals=["routine", "give_back"],
        availability=["0-morning", "0-afternoon", "5-evening"],
        timezone="America/Chicago",
        postcode="10027",
        travel_km="5",
        virtual_ok="y",
        substance_free="need",
        team_based="prefer",
        findable_by_organizations="y",
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/profile"

    profile = profile_of(user)
    assert profile.skills == ["cooking", "fixing computers", "speaking Spanish", "gardening"]
    assert profile.goals == ["routine", "give_back"]
    assert profile.timezone == "America/Chicago"
    assert profile.latitude is not None and profile.travel_km == 5
    assert profile.must_have == ["substance_free"]
    assert set(profile.preferences) == {"substance_free", "team_based"}
    assert profile.findable_by_organizations and not profile.share_email_with_organizations
    windows = db.session.scalars(
        sa.select(AvailabilityWindow).order_by(AvailabilityWindow.weekday)
    ).all()
    # Monday morning and afternoon become one window, 8:00 to 17:00.
    assert [(w.weekday, w.start_minute, w.end_minute) for w in windows] == [
        (0, 8 * 60, 17 * 60),
        (5, 17 * 60, 21 * 60),
    ]

    page = client.get("/profile").get_data(as_text=True)
    assert "Your profile is saved." in page
    assert is_ticked(page, "0-morning") and is_ticked(page, "0-afternoon")
    assert is_ticked(page, "5-evening") and not is_ticked(page, "0-evening")
    assert "cooking, fixing computers, speaking Spanish, gardening" in page
    assert 'value="10027"' in page
    assert re.search(r'<option selected value="America/Chicago">', page)
    assert re.search(r'checked id="substance_free-2"[^>]*value="need"', page)
    assert re.search(r'checked id="team_based-1"[^>]*value="prefer"', page)


def test_completeness_goes_up_and_names_the_next_step(client: FlaskClient) -> None:
    volunteer(client)
    page = client.get("/profile").get_data(as_text=True)
    assert "Your profile is 0% complete" in page
    assert "Add a few things you&#39;re good at" in page

    save(client, skills="cooking")
    page = client.get("/profile").get_data(as_text=True)
    assert "Your profile is 20% complete" in page
    assert "Add causes you care about" in page

    dashboard = client.get("/volunteer").get_data(as_text=True)
    assert "Your profile is 20% complete" in dashboard
    assert "Add causes you care about" in dashboard
    assert 'href="/profile"' in dashboard and 'href="/opportunities"' in dashboard


def test_unknown_zip_is_a_form_error_and_nothing_is_saved(client: FlaskClient) -> None:
    user = volunteer(client)
    response = save(client, skills="cooking", postcode="00000")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "We don&#39;t know the ZIP code 00000" in page
    assert 'id="postcode-error"' in page
    profile = profile_of(user)
    assert profile.skills == [] and profile.postcode is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"skills": "x" * 10_000}, "Use at most 2,500 characters."),
        ({"skills": "y" * 100}, "Keep each entry under 60 characters."),
        ({"travel_km": "abc"}, "Enter a number of kilometres"),
        ({"travel_km": "-5"}, "Choose a distance from 0 to 500 km."),
        ({"travel_km": "nan"}, "Choose a distance from 0 to 500 km."),
        ({"travel_km": "1e999"}, "Choose a distance from 0 to 500 km."),
        ({"goals": "be famous"}, "Choose from the goals listed."),
        ({"availability": "9-morning"}, "Tick times from the table."),
        ({"timezone": "Mars/Olympus"}, "Not a valid choice"),
        ({"substance_free": "maybe"}, "Not a valid choice"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(
    client: FlaskClient, fields: dict, message: str
) -> None:
    user = volunteer(client)
    response = save(client, interests="hunger", **fields)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert profile_of(user).interests == []


def test_html_in_a_skill_is_shown_escaped(client: FlaskClient) -> None:
    volunteer(client)
    assert save(client, skills="<script>alert(1)</script>").status_code == 302
    for url in ("/profile", "/volunteer"):
        page = client.get(url).get_data(as_text=True)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<script>alert" not in page


def test_unticking_every_box_clears_the_times(client: FlaskClient) -> None:
    user = volunteer(client)
    save(client, availability=["2-evening"])
    assert len(profile_of(user).availability) == 1
    save(client)
    db.session.expire_all()
    assert profile_of(user).availability == []


def test_times_that_dont_fit_the_grid_are_described(client: FlaskClient) -> None:
    user = volunteer(client)
    profile = profile_of(user)
    profile.availability = [AvailabilityWindow(weekday=5, start_minute=9 * 60, end_minute=14 * 60)]
    db.session.commit()
    page = client.get("/profile").get_data(as_text=True)
    assert "Saturday 9:00 am – 2:00 pm" in page
    assert is_ticked(page, "5-morning") and not is_ticked(page, "5-afternoon")


def test_the_grid_is_labelled_for_screen_readers(client: FlaskClient) -> None:
    volunteer(client)
    page = client.get("/profile").get_data(as_text=True)
    assert "<caption" in page and 'scope="col"' in page and 'scope="row"' in page
    assert '<span class="visually-hidden">Monday morning</span>' in page
    assert "We never ask about diagnoses, substances, treatment or your history" in page
    assert '<progress max="100" value="0" aria-labelledby="completeness-label">' in page
