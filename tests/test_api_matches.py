"""Matching in the JSON API: GET /me/matches and GET /opportunities/{id}/candidates."""

from __future__ import annotations

from datetime import time

import pytest
from flask.testing import FlaskClient

from tests.factories import (
    KITCHEN,
    PARK,
    add_shift,
    api_token,
    asked,
    error_of,
    fields_of,
    kitchen,
    make_user,
    organization,
    post,
    volunteer,
)
from volunteer_match.extensions import db
from volunteer_match.models import Opportunity, User
from volunteer_match.services import opportunities
from volunteer_match.tooling import demo

MATCH_KEYS = {
    "shift_id",
    "opportunity_id",
    "title",
    "organization",
    "starts_at",
    "ends_at",
    "score",
    "reasons",
    "distance_km",
    "more_shifts",
}


def auth(client: FlaskClient, user: User) -> dict[str, str]:
    return api_token(client, user.email)


def get_matches(client: FlaskClient, user: User, query: str = "", status: int = 200) -> dict:
    response = client.get("/api/v1/me/matches" + query, headers=auth(client, user))
    assert response.status_code == status, response.get_json()
    return response.get_json()


def get_candidates(client, user: User, opportunity_id: int, query: str = "", status=200):
    url = f"/api/v1/opportunities/{opportunity_id}/candidates{query}"
    response = client.get(url, headers=auth(client, user))
    assert response.status_code == status, response.get_json()
    return response.get_json()


# ---------------------------------------------------------------- /me/matches


def test_matches_have_the_contract_shape_best_first(client: FlaskClient) -> None:
    staff = organization("Harbor Food Pantry")
    meals = kitchen(staff)
    park = post(staff, "River path cleanup", description=PARK)
    add_shift(staff, park, at=time(17))
    body = get_matches(client, volunteer(skills=("cookin",)))

    assert set(body) == {"items"}  # no message when there are matches
    first = body["items"][0]
    assert set(first) == MATCH_KEYS
    assert first["opportunity_id"] == meals.id and first["title"] == "Kitchen helper"
    assert first["organization"] == "Harbor Food Pantry"
    assert any("cookin" in reason for reason in first["reasons"]), first["reasons"]
    assert all(isinstance(reason, str) and reason for reason in first["reasons"])
    shift = client.get(f"/api/v1/shifts/{first['shift_id']}").get_json()
    assert shift["opportunity_id"] == meals.id
    assert first["starts_at"] == shift["starts_at"] and first["starts_at"].endswith("Z")
    assert first["ends_at"] == shift["ends_at"] and first["ends_at"].endswith("Z")
    assert first["more_shifts"] == 0
    assert isinstance(first["distance_km"], float) and first["distance_km"] < 2
    scores = [item["score"] for item in body["items"]]
    assert all(isinstance(s, (int, float)) and 0 <= s <= 100 for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_distance_is_left_out_for_virtual_roles_and_unknown_places(client) -> None:
    staff = organization()
    kitchen(staff, "Cooking class by video", postcode=None, virtual=True)
    items = get_matches(client, volunteer(virtual_ok=True))["items"]
    assert [item["title"] for item in items] == ["Cooking class by video"]
    assert "distance_km" not in items[0]

    kitchen(staff)  # in person; the next person gave no ZIP code
    items = get_matches(client, volunteer(postcode=None))["items"]
    assert [item["title"] for item in items] == ["Kitchen helper"]
    assert "distance_km" not in items[0]


def test_hard_filters_leave_only_what_fits(client: FlaskClient) -> None:
    staff = organization()
    fits = kitchen(staff, attributes={"wheelchair_accessible": True})
    kitchen(organization("Not Yet Checked", verified=False), "Unverified kitchen")
    closed = kitchen(staff, "Closed kitchen")
    opportunities.close(staff, closed.id)
    full = post(staff, "Full kitchen", description=KITCHEN)
    add_shift(staff, full, at=time(17), capacity=1).filled = 1
    morning = post(staff, "Morning kitchen", description=KITCHEN)
    add_shift(staff, morning, at=time(9))
    kitchen(staff, "Staten Island kitchen", postcode="10314")
    kitchen(staff, "Video kitchen", postcode=None, virtual=True)
    db.session.commit()
    user = volunteer(skills=("cooking",), must_have=["wheelchair_accessible"])
    assert [item["opportunity_id"] for item in get_matches(client, user)["items"]] == [fits.id]


def test_one_item_per_opportunity_and_asked_for_shifts_are_skipped(client) -> None:
    staff = organization()
    opportunity = post(staff, "Kitchen helper", description=KITCHEN)
    asked_for = add_shift(staff, opportunity, at=time(16))
    later = [add_shift(staff, opportunity, at=time(h)) for h in (18, 20)]
    user = volunteer()
    asked(user, asked_for)
    items = get_matches(client, user)["items"]
    assert len(items) == 1
    assert items[0]["shift_id"] == later[0].id and items[0]["more_shifts"] == 1


def test_an_empty_profile_gets_a_message(client: FlaskClient) -> None:
    kitchen(organization())
    body = get_matches(client, make_user("volunteer"))
    assert body["message"] and "good at" in body["message"]
    assert isinstance(body["items"], list)


def test_limit_defaults_to_20_and_goes_up_to_100(client: FlaskClient) -> None:
    staff = organization()
    for number in range(22):
        kitchen(staff, f"Kitchen shift {number:02d}")
    user = volunteer(skills=("cooking",))
    assert len(get_matches(client, user)["items"]) == 20
    assert len(get_matches(client, user, "?limit=100")["items"]) == 22
    assert len(get_matches(client, user, "?limit=3")["items"]) == 3


@pytest.mark.parametrize("limit", ["0", "101", "-1", "lots", "2.5"])
def test_a_bad_limit_is_a_validation_error(client: FlaskClient, limit: str) -> None:
    response = client.get(f"/api/v1/me/matches?limit={limit}", headers=auth(client, volunteer()))
    assert list(fields_of(response)) == ["limit"]


# ---------------------------------------------------------------- candidates


def test_candidates_are_findable_people_by_display_name_only(client) -> None:
    staff = organization("Harbor Food Pantry")
    opportunity = kitchen(staff)
    cook = volunteer(("cooking",), display_name="Jordan", email="jordan@example.org",
                     findable_by_organizations=True)  # fmt: skip
    volunteer(("gardening",), display_name="Alex", findable_by_organizations=True)
    volunteer(("cooking",), display_name="Hidden Person", email="hidden@example.org")
    response = client.get(
        f"/api/v1/opportunities/{opportunity.id}/candidates", headers=auth(client, staff)
    )
    assert response.status_code == 200
    assert "@example.org" not in response.get_data(as_text=True)
    items = response.get_json()["items"]
    assert [item["display_name"] for item in items] == ["Jordan", "Alex"]
    first = items[0]
    assert set(first) == MATCH_KEYS | {"volunteer_id", "display_name"}
    assert first["volunteer_id"] == cook.id and first["opportunity_id"] == opportunity.id
    assert first["title"] == "Kitchen helper" and first["organization"] == "Harbor Food Pantry"
    assert first["starts_at"].endswith("Z") and first["reasons"]
    assert first["score"] >= items[1]["score"]

    limited = get_candidates(client, staff, opportunity.id, "?limit=1")["items"]
    assert [item["display_name"] for item in limited] == ["Jordan"]
    fields_of(client.get(f"/api/v1/opportunities/{opportunity.id}/candidates?limit=0",
                         headers=auth(client, staff)))  # fmt: skip


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_coordinators_and_admins_see_candidates(client, role: str) -> None:
    opportunity = kitchen(organization())
    volunteer(display_name="Jordan", findable_by_organizations=True)
    items = get_candidates(client, make_user(role), opportunity.id)["items"]
    assert [item["display_name"] for item in items] == ["Jordan"]


def test_candidates_refuse_volunteers_other_organizations_and_unknown_ids(client) -> None:
    opportunity = kitchen(organization())
    url = f"/api/v1/opportunities/{opportunity.id}/candidates"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=auth(client, volunteer())).status_code == 403
    other = organization("Someone Else")
    response = client.get(url, headers=auth(client, other))
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"
    missing = client.get("/api/v1/opportunities/999999/candidates", headers=auth(client, other))
    assert missing.status_code == 404
    coordinator = make_user("coordinator")
    assert get_candidates(client, coordinator, 999999, status=404)["error"]["code"] == "not_found"


def test_the_demo_volunteer_gets_ranked_matches_with_scores_and_reasons(app, client) -> None:
    """On the seeded NYC demo data, the demo volunteer's matches are real, ranked, explained."""
    demo.seed_demo(app.config["DEMO_PASSWORD"])
    db.session.commit()
    response = client.post(
        "/api/v1/auth/token",
        json={"email": "volunteer@example.org", "password": app.config["DEMO_PASSWORD"]},
    )
    headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
    items = client.get("/api/v1/me/matches?limit=10", headers=headers).get_json()["items"]
    assert len(items) == 10
    scores = [item["score"] for item in items]
    assert scores == sorted(scores, reverse=True) and 0 < scores[-1] <= scores[0] <= 100
    assert len({item["opportunity_id"] for item in items}) == 10  # one per opportunity
    for item in items:
        assert 1 <= len(item["reasons"]) <= 4
        assert db.session.get(Opportunity, item["opportunity_id"]).substance_free  # a must
        assert item["distance_km"] <= 8  # Riley travels up to 8 km
    assert any("cooking" in reason for item in items for reason in item["reasons"])
