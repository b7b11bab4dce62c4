"""The volunteer's profile in the JSON API: GET and PUT /me/profile."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.factories import (
    fields_of,
    person,
    post_opportunity,
    staff,
)

PROFILE = {
    "skills": ["Cooking", " fixing computers "],
    "interests": ["hunger"],
    "goals": ["routine", "job_skills"],
    "availability": [
        {"weekday": 1, "start": "17:00", "end": "21:00"},
        {"weekday": 5, "start": "09:00", "end": "24:00"},
    ],
    "postcode": "10027",
    "travel_km": 10,
    "virtual_ok": True,
    "timezone": "America/Chicago",
    "preferences": {"substance_free": True},
    "must_have": ["wheelchair_accessible"],
    "findable_by_organizations": True,
    "share_email_with_organizations": False,
}


def put(client: FlaskClient, headers: dict[str, str], **changes: object):
    return client.put("/api/v1/me/profile", json={**PROFILE, **changes}, headers=headers)


def test_put_then_get_round_trips(client: FlaskClient) -> None:
    headers = person(client)
    response = put(client, headers)
    assert response.status_code == 200
    stored = response.get_json()
    assert client.get("/api/v1/me/profile", headers=headers).get_json() == stored

    assert stored["skills"] == ["Cooking", "fixing computers"]  # trimmed, kept as typed
    assert stored["interests"] == ["hunger"]
    assert stored["goals"] == ["job_skills", "routine"]
    assert stored["availability"] == PROFILE["availability"]
    assert stored["postcode"] == "10027"
    assert stored["travel_km"] == 10
    assert stored["virtual_ok"] is True
    assert stored["timezone"] == "America/Chicago"
    assert stored["must_have"] == ["wheelchair_accessible"]
    assert stored["findable_by_organizations"] is True
    assert stored["share_email_with_organizations"] is False
    assert stored["completeness"] == {"percent": 100, "next_step": None}


def test_a_must_have_is_also_a_preference(client: FlaskClient) -> None:
    stored = put(client, person(client)).get_json()
    assert stored["preferences"] == {
        "substance_free": True,
        "peer_support_on_site": False,
        "no_background_check": False,
        "wheelchair_accessible": True,  # from must_have
        "team_based": False,
        "training_provided": False,
    }


def test_goal_labels_are_stored_as_keys(client: FlaskClient) -> None:
    stored = put(
        client, person(client), goals=["Build job skills", "give  BACK", "Explore a career"]
    ).get_json()
    assert stored["goals"] == ["job_skills", "give_back", "explore_career"]


def test_put_replaces_the_whole_profile(client: FlaskClient) -> None:
    headers = person(client)
    put(client, headers)
    response = client.put(
        "/api/v1/me/profile",
        json={"skills": [], "interests": [], "goals": [], "availability": []},
        headers=headers,
    )
    assert response.status_code == 200
    stored = response.get_json()
    assert stored["postcode"] is None and stored["travel_km"] is None
    assert stored["virtual_ok"] is False and stored["findable_by_organizations"] is False
    assert stored["timezone"] == "America/New_York"  # the deployment's default
    assert not any(stored["preferences"].values()) and stored["must_have"] == []
    assert stored["completeness"]["percent"] == 0
    assert stored["completeness"]["next_step"]


def test_a_new_volunteer_has_an_empty_profile(client: FlaskClient) -> None:
    response = client.get("/api/v1/me/profile", headers=person(client))
    assert response.status_code == 200
    body = response.get_json()
    assert body["skills"] == [] and body["availability"] == []
    assert body["completeness"]["percent"] == 0


def test_touching_windows_are_joined(client: FlaskClient) -> None:
    stored = put(
        client,
        person(client),
        availability=[
            {"weekday": 0, "start": "9:00", "end": "12:00"},
            {"weekday": 0, "start": "12:00", "end": "14:30"},
        ],
    ).get_json()
    assert stored["availability"] == [{"weekday": 0, "start": "09:00", "end": "14:30"}]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"goals": ["get rich"]}, "goals"),
        (
            {"availability": [{"weekday": 1, "start": "25:00", "end": "26:00"}]},
            "availability.0.start",
        ),
        (
            {"availability": [{"weekday": 1, "start": "9am", "end": "17:00"}]},
            "availability.0.start",
        ),
        (
            {"availability": [{"weekday": 1, "start": "09:00", "end": "17:60"}]},
            "availability.0.end",
        ),
        ({"availability": [{"weekday": 1, "start": 900, "end": "17:00"}]}, "availability.0.start"),
        ({"availability": [{"weekday": 1, "start": "17:00", "end": "09:00"}]}, "availability"),
        ({"availability": [{"weekday": 1, "start": "24:00", "end": "24:00"}]}, "availability"),
        (
            {"availability": [{"weekday": 7, "start": "09:00", "end": "17:00"}]},
            "availability.0.weekday",
        ),
        ({"postcode": "00000"}, "postcode"),
        ({"postcode": "x" * 10_000}, "postcode"),
        ({"travel_km": 501}, "travel_km"),
        ({"travel_km": -1}, "travel_km"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"timezone": "x" * 10_000}, "timezone"),
        ({"preferences": {"sober": True}}, "preferences.sober"),
        ({"must_have": ["sober"]}, "must_have"),
        ({"skills": ["x" * 10_000]}, "skills.0"),
        ({"interests": "hunger"}, "interests"),
        ({"diagnosis": "none of your business"}, "diagnosis"),
    ],
)
def test_bad_profiles_are_422(client: FlaskClient, changes: dict, field: str) -> None:
    headers = person(client)
    response = put(client, headers, **changes)
    assert field in fields_of(response)
    assert client.get("/api/v1/me/profile", headers=headers).get_json()["skills"] == []


def test_required_fields_are_listed(client: FlaskClient) -> None:
    response = client.put("/api/v1/me/profile", json={}, headers=person(client))
    assert set(fields_of(response)) == {"skills", "interests", "goals", "availability"}


def test_a_volunteers_postcode_gives_distances_in_search(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    far = post_opportunity(client, headers, org_id, title="Chicago role", postcode="60601")
    near = post_opportunity(client, headers, org_id, postcode="10001")
    virtual = post_opportunity(client, headers, org_id, virtual=True, postcode=None)
    volunteer = person(client)
    put(client, volunteer)

    items = client.get("/api/v1/opportunities", headers=volunteer).get_json()["items"]
    assert [item["id"] for item in items] == [near["id"], far["id"], virtual["id"]]  # nearest first
    assert 5 < items[0]["distance_km"] < 15
    assert items[1]["distance_km"] > 1000
    assert "distance_km" not in items[2]
    anonymous = client.get("/api/v1/opportunities").get_json()["items"]
    assert all("distance_km" not in item for item in anonymous)
