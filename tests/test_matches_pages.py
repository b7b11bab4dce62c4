"""Matches a volunteer sees at /matches and on the dashboard, and the people an organization
sees at /opportunities/<id>/candidates: order, reasons, hard filters, privacy and access.

Data is built through the services with the builders of tests/factories/.
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
    kitchen,
    login,
    make_user,
    organization,
    page_text,
    post,
    shift_day,
    volunteer,
)
from volunteer_match.extensions import db
from volunteer_match.models import (
    User,
    utcnow,
)
from volunteer_match.services import matching, opportunities, organizations, requests
from volunteer_match.services.errors import NotFound
from volunteer_match.services.profiles import Window


def cards(page: str) -> list[str]:
    """Each match's or person's card on the page, in order."""
    return re.findall(r'<li class="result card match">(.*?)</li>\s*(?=<li class="result|</ol>)',
                      page, re.S)  # fmt: skip


def titles(page: str) -> list[str]:
    return re.findall(r'class="result-title"><a href="/opportunities/\d+">([^<]+)</a>', page)


def reasons(card: str) -> list[str]:
    listed = re.search(r'<ul class="reasons"[^>]*>(.*?)</ul>', card, re.S)
    assert listed, card
    return [r.strip() for r in re.findall(r"<li>(.*?)</li>", listed.group(1), re.S)]


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
