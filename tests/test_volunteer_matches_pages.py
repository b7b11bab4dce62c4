"""The matches a volunteer sees at /matches and on the dashboard: order, scores, reasons and
times, the hard filters that keep a role from being offered, and what an empty or unmatched
profile is told.

The people an organization sees for an opportunity are in test_candidates_pages.py. Data is
built through the services with the builders of tests/factories/.
"""

from __future__ import annotations

import re
from datetime import time

import pytest
from flask.testing import FlaskClient

from tests.factories import (
    KITCHEN,
    PARK,
    add_shift,
    asked,
    cards,
    kitchen,
    login,
    make_user,
    organization,
    page_text,
    post,
    reasons,
    shift_day,
    volunteer,
)
from volunteer_match.extensions import db
from volunteer_match.models import (
    User,
    utcnow,
)
from volunteer_match.services import matching, opportunities, organizations, requests
from volunteer_match.services.profiles import Window


def titles(page: str) -> list[str]:
    return re.findall(r'class="result-title"><a href="/opportunities/\d+">([^<]+)</a>', page)


def my_matches(client: FlaskClient, user: User) -> str:
    login(client, user.email)
    return page_text(client, "/matches")


# ---------------------------------------------------------------- a volunteer's matches


def test_a_cooking_volunteer_sees_the_kitchen_role_first_with_their_own_words(client) -> None:
    staff = organization("Harbor Food Pantry")
    kitchen(staff)
    park = post(staff, "River path cleanup", description=PARK)
    add_shift(staff, park, at=time(17))
    page = my_matches(client, volunteer(skills=("cookin",)))

    assert "<h1>Matches for you</h1>" in page
    assert titles(page)[0] == "Kitchen helper"
    first = cards(page)[0]
    assert "Harbor Food Pantry" in first
    assert re.search(r"Fit: \d{1,3} out of 100", first)
    assert "Why this might suit you" in first
    assert any("cookin" in reason for reason in reasons(first)), reasons(first)
    assert "5:00 pm – 7:00 pm" in first and "Eastern time (New York)" in page
    assert re.search(r"(Under 1|\d+\.\d) km from your ZIP code 10027", first)
    assert 'href="/profile"' in page


def test_scores_are_plain_numbers_best_first(client: FlaskClient) -> None:
    staff = organization()
    kitchen(staff)
    park = post(staff, "River path cleanup", description=PARK)
    add_shift(staff, park, at=time(17))
    page = my_matches(client, volunteer(skills=("cooking",)))
    scores = [int(s) for s in re.findall(r"Fit: (\d+) out of 100", page)]
    assert scores and scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)


def test_shift_times_are_in_the_volunteers_own_time_zone(client: FlaskClient) -> None:
    kitchen(organization())  # 5 pm in New York is 2 pm in Los Angeles
    afternoon = Window(shift_day().weekday(), 13 * 60, 17 * 60)
    user = volunteer(windows=(afternoon,), timezone="America/Los_Angeles")
    page = my_matches(client, user)
    assert titles(page) == ["Kitchen helper"]
    assert "2:00 pm – 4:00 pm P" in page and "Pacific time (Los Angeles)" in page


def test_one_item_per_opportunity_counting_its_other_fitting_shifts(client) -> None:
    staff = organization()
    weekly = post(staff, "Kitchen helper", description=KITCHEN)
    add_shift(staff, weekly, at=time(17), capacity=3, weekly=3)
    add_shift(staff, weekly, at=time(9))  # a morning shift: outside the person's times
    page = my_matches(client, volunteer())
    assert titles(page) == ["Kitchen helper"]
    assert "+2 more times that fit you" in page
    assert f"{shift_day().day} {shift_day():%b}, 5:00 pm" in page  # the soonest one


# ---------------------------------------------------------------- hard filters


def _unverified(staff: User) -> dict:
    kitchen(organization("Not Yet Checked", verified=False), "Soup kitchen cook")
    return {}


def _closed(staff: User) -> dict:
    opportunity = kitchen(staff, "Soup kitchen cook")
    opportunities.close(staff, opportunity.id)
    db.session.commit()
    return {}


def _full(staff: User) -> dict:
    opportunity = post(staff, "Soup kitchen cook", description=KITCHEN)
    shift = add_shift(staff, opportunity, at=time(17), capacity=2)
    shift.filled = shift.capacity
    db.session.commit()
    return {}


def _outside_the_week(staff: User) -> dict:
    opportunity = post(staff, "Soup kitchen cook", description=KITCHEN)
    add_shift(staff, opportunity, at=time(9))
    return {}


def _too_far(staff: User) -> dict:
    kitchen(staff, "Soup kitchen cook", postcode="10314")  # Staten Island, ~25 km from Harlem
    return {}


def _virtual(staff: User) -> dict:
    kitchen(staff, "Soup kitchen cook", postcode=None, virtual=True)
    return {"virtual_ok": False}


def _missing_must_have(staff: User) -> dict:
    kitchen(staff, "Soup kitchen cook")
    return {"must_have": ["wheelchair_accessible"]}


HIDDEN = {
    "unverified organization": _unverified,
    "closed opportunity": _closed,
    "full shift": _full,
    "shift outside the person's weekly times": _outside_the_week,
    "in person, beyond travel distance": _too_far,
    "virtual, but the person wants in person": _virtual,
    "lacks a must-have": _missing_must_have,
}


@pytest.mark.parametrize("case", sorted(HIDDEN))
def test_roles_that_do_not_fit_a_hard_rule_are_not_offered(client, case: str) -> None:
    staff = organization()
    kitchen(staff, attributes={"wheelchair_accessible": True})  # fits every rule
    extra = HIDDEN[case](staff)
    page = my_matches(client, volunteer(skills=("cooking",), **extra))
    assert titles(page) == ["Kitchen helper"], case


def test_the_same_roles_appear_once_the_person_widens_their_profile(client) -> None:
    staff = organization()
    kitchen(staff, "Staten Island kitchen", postcode="10314")
    kitchen(staff, "Cooking class by video", postcode=None, virtual=True)
    kitchen(staff, "Step-free kitchen", attributes={"wheelchair_accessible": True})
    user = volunteer(skills=("cooking",), travel_km=40, virtual_ok=True)
    page = my_matches(client, user)
    assert sorted(titles(page)) == [
        "Cooking class by video",
        "Staten Island kitchen",
        "Step-free kitchen",
    ]
    video = cards(page)[titles(page).index("Cooking class by video")]
    assert "km from" not in video  # no distance for a virtual role


def test_changes_show_on_the_next_look(client: FlaskClient) -> None:
    staff = organization()
    pending = organization("New Kitchen Collective", verified=False)
    kept = kitchen(staff)
    closing = kitchen(staff, "Soup kitchen cook")
    filling = post(staff, "Bakery helper", description="Bake bread in our kitchen")
    shift = add_shift(staff, filling, at=time(17), capacity=1)
    kitchen(pending, "Community cook")
    user = volunteer(skills=("cooking",))
    assert set(titles(my_matches(client, user))) == {
        "Kitchen helper",
        "Soup kitchen cook",
        "Bakery helper",
    }

    opportunities.close(staff, closing.id)
    shift.filled = 1
    org = organizations.organization_of(pending)
    assert org is not None
    org.verified_at = utcnow()
    db.session.commit()
    page = page_text(client, "/matches")
    assert set(titles(page)) == {kept.title, "Community cook"}


def test_a_shift_already_asked_for_is_not_offered_but_another_one_is(client) -> None:
    staff = organization()
    opportunity = post(staff, "Kitchen helper", description=KITCHEN)
    asked_for = add_shift(staff, opportunity, at=time(17))
    add_shift(staff, opportunity, at=time(19))
    only = kitchen(staff, "Soup kitchen cook")
    user = volunteer(skills=("cooking",))
    asked(user, asked_for)
    asked(user, only.shifts[0])
    page = my_matches(client, user)
    assert titles(page) == ["Kitchen helper"]
    assert "7:00 pm – 9:00 pm" in page and "5:00 pm – 7:00 pm" not in page
    assert "more time" not in page


def test_a_declined_request_does_not_hide_the_shift(client: FlaskClient) -> None:
    staff = organization()
    opportunity = kitchen(staff)
    user = volunteer()
    coordinator = make_user("coordinator")
    requests.decline(coordinator, asked(user, opportunity.shifts[0]).id, "Not this time.")
    db.session.commit()
    assert titles(my_matches(client, user)) == ["Kitchen helper"]


def test_an_empty_profile_gets_a_helpful_message_not_an_error(client) -> None:
    kitchen(organization())
    page = my_matches(client, make_user("volunteer"))
    assert matching.EMPTY_PROFILE in page
    assert '<a class="button" href="/profile">' in page


def test_when_nothing_fits_the_person_is_told_what_would_help(client) -> None:
    staff = organization()
    opportunity = post(staff, "Kitchen helper", description=KITCHEN)
    add_shift(staff, opportunity, at=time(9))
    page = my_matches(client, volunteer())
    assert titles(page) == []
    assert matching.NOTHING_FITS in page and 'href="/profile"' in page


def test_the_dashboard_shows_the_top_three_and_links_to_all(client) -> None:
    staff = organization()
    for title in ("Kitchen helper", "Soup kitchen cook", "Bakery helper", "Lunch server"):
        kitchen(staff, title)
    login(client, volunteer(skills=("cooking",)).email)
    page = page_text(client, "/volunteer")
    panel = page.split('id="matches-title"')[1].split("</section>")[0]
    assert len(re.findall(r'<a href="/opportunities/\d+">', panel)) == 3
    assert re.search(r"Fit: \d+ out of 100", panel)
    assert 'href="/matches"' in panel
    assert "Coming soon" not in panel


def test_the_dashboard_helps_an_empty_profile(client: FlaskClient) -> None:
    login(client, make_user("volunteer").email)
    panel = page_text(client, "/volunteer").split('id="matches-title"')[1].split("</section>")[0]
    assert matching.EMPTY_PROFILE in panel and 'href="/profile"' in panel


def test_a_water_aerobics_class_is_not_sold_to_a_cook_as_waiting_tables(client) -> None:
    staff = organization()
    kitchen(staff)
    aerobics = post(
        staff,
        "Water aerobics instructor",
        description="Lead a gentle water aerobics class at the pool.",
    )
    add_shift(staff, aerobics, at=time(17))
    page = my_matches(client, volunteer(skills=("cooking",)))
    assert "waiter" not in page
