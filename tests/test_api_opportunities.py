"""Opportunities in the JSON API: posting, finding, changing and closing them."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.factories import (
    error_of,
    fields_of,
    opportunity_body,
    person,
    post_opportunity,
    post_shift,
    staff,
)

# ---------------------------------------------------------------- posting


def test_staff_post_an_opportunity(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    body = post_opportunity(client, headers, org_id, min_age=18)
    assert isinstance(body["id"], int)
    assert body["organization_id"] == org_id
    assert body["organization"] == {"id": org_id, "name": "Harbor Food Pantry"}
    assert body["title"] == "Kitchen helper"
    assert body["skills"] == ["cooking"] and body["interests"] == ["hunger"]
    assert body["attributes"] == {
        "substance_free": True,
        "peer_support_on_site": False,
        "no_background_check": False,
        "wheelchair_accessible": False,
        "team_based": True,
        "training_provided": False,
    }
    assert body["virtual"] is False and body["postcode"] == "11226" and body["min_age"] == 18
    assert body["status"] == "open"
    assert body["shifts"] == []
    assert body["created_at"].endswith("Z")


def test_virtual_opportunity_needs_no_postcode(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    body = post_opportunity(client, headers, org_id, virtual=True, postcode=None)
    assert body["virtual"] is True and body["postcode"] is None


def test_posting_for_another_organization_is_404(client: FlaskClient) -> None:
    _, headers, _ = staff(client)
    _, _, other_id = staff(client, "Riverside Shelter")
    response = client.post(
        f"/api/v1/organizations/{other_id}/opportunities", json=opportunity_body(), headers=headers
    )
    assert response.status_code == 404
    unknown = client.post(
        "/api/v1/organizations/999999/opportunities", json=opportunity_body(), headers=headers
    )
    assert unknown.status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 10_000}, "title"),
        ({"description": "x" * 10_000}, "description"),
        ({"address": "x" * 10_000}, "address"),
        ({"postcode": "x" * 10_000}, "postcode"),
        ({"postcode": "00000"}, "postcode"),
        ({"postcode": None}, "postcode"),  # in person needs a place
        ({"skills": ["x" * 10_000]}, "skills.0"),
        ({"skills": [f"skill {n}" for n in range(100)]}, "skills"),
        ({"skills": "cooking"}, "skills"),
        ({"min_age": -1}, "min_age"),
        ({"min_age": 10**30}, "min_age"),
        ({"attributes": {"sober_living": True}}, "attributes.sober_living"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_opportunities_are_422(client: FlaskClient, changes: dict, field: str) -> None:
    _, headers, org_id = staff(client)
    response = client.post(
        f"/api/v1/organizations/{org_id}/opportunities",
        json=opportunity_body(**changes),
        headers=headers,
    )
    assert field in fields_of(response)


# ---------------------------------------------------------------- seeing one


def test_opportunity_of_an_unverified_organization_is_hidden(client: FlaskClient) -> None:
    _, headers, org_id = staff(client, verified=False)
    opportunity = post_opportunity(client, headers, org_id)
    url = f"/api/v1/opportunities/{opportunity['id']}"

    assert client.get(url, headers=person(client)).status_code == 404
    assert client.get(url).status_code == 404
    _, other_headers, _ = staff(client, "Riverside Shelter")
    assert client.get(url, headers=other_headers).status_code == 404
    assert client.get(url, headers=headers).status_code == 200
    assert client.get(url, headers=person(client, "coordinator")).status_code == 200


def test_anyone_sees_an_open_opportunity_of_a_verified_organization(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    opportunity = post_opportunity(client, headers, org_id)
    shift = post_shift(client, headers, opportunity["id"])
    for who in ({}, person(client)):
        response = client.get(f"/api/v1/opportunities/{opportunity['id']}", headers=who)
        assert response.status_code == 200
        assert [s["id"] for s in response.get_json()["shifts"]] == [shift["id"]]


# ---------------------------------------------------------------- changing and closing


def test_patch_changes_only_what_is_sent(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    opportunity = post_opportunity(client, headers, org_id)
    response = client.patch(
        f"/api/v1/opportunities/{opportunity['id']}",
        json={"title": "Dinner server", "attributes": {"training_provided": True}},
        headers=headers,
    )
    assert response.status_code == 200
    body = response.get_json()
    assert body["title"] == "Dinner server"
    assert body["description"] == opportunity["description"]
    assert body["skills"] == ["cooking"] and body["postcode"] == "11226"
    assert body["attributes"]["substance_free"] is True  # kept
    assert body["attributes"]["training_provided"] is True  # added
    again = client.get(f"/api/v1/opportunities/{opportunity['id']}", headers=headers).get_json()
    assert again["title"] == "Dinner server"


def test_patch_can_clear_min_age_and_switch_to_virtual(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    opportunity = post_opportunity(client, headers, org_id, min_age=21)
    body = client.patch(
        f"/api/v1/opportunities/{opportunity['id']}",
        json={"min_age": None, "virtual": True, "postcode": None},
        headers=headers,
    ).get_json()
    assert body["min_age"] is None and body["virtual"] is True and body["postcode"] is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 10_000}, "title"),
        ({"description": "x" * 10_000}, "description"),
        ({"postcode": "00000"}, "postcode"),
        ({"attributes": {"nope": True}}, "attributes.nope"),
    ],
)
def test_bad_patch_is_422(client: FlaskClient, change: dict, field: str) -> None:
    _, headers, org_id = staff(client)
    opportunity = post_opportunity(client, headers, org_id)
    response = client.patch(
        f"/api/v1/opportunities/{opportunity['id']}", json=change, headers=headers
    )
    assert field in fields_of(response)


def test_patch_by_others(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    opportunity = post_opportunity(client, headers, org_id)
    url = f"/api/v1/opportunities/{opportunity['id']}"
    _, other_headers, _ = staff(client, "Riverside Shelter")
    assert client.patch(url, json={"title": "Mine"}, headers=other_headers).status_code == 404
    assert client.patch(url, json={"title": "Mine"}, headers=person(client)).status_code == 403
    assert client.patch(url, json={"title": "Mine"}).status_code == 401
    unknown = client.patch("/api/v1/opportunities/999999", json={}, headers=headers)
    assert unknown.status_code == 404


def test_close_and_reopen(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    opportunity = post_opportunity(client, headers, org_id)
    url = f"/api/v1/opportunities/{opportunity['id']}"

    closed = client.post(f"{url}/close", headers=headers)
    assert closed.status_code == 200 and closed.get_json()["status"] == "closed"
    assert client.post(f"{url}/close", headers=headers).status_code == 409
    assert client.get(url, headers=person(client)).status_code == 404  # closed: hidden
    assert client.get(url, headers=headers).get_json()["status"] == "closed"

    reopened = client.post(f"{url}/reopen", headers=headers)
    assert reopened.status_code == 200 and reopened.get_json()["status"] == "open"
    assert error_of(client.post(f"{url}/reopen", headers=headers))["code"] == "conflict"


def test_close_by_others(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    opportunity = post_opportunity(client, headers, org_id)
    url = f"/api/v1/opportunities/{opportunity['id']}/close"
    _, other_headers, _ = staff(client, "Riverside Shelter")
    assert client.post(url, headers=other_headers).status_code == 404
    assert client.post(url, headers=person(client, "coordinator")).status_code == 403
    assert client.post(url).status_code == 401
    assert client.post("/api/v1/opportunities/999999/close", headers=headers).status_code == 404


# ---------------------------------------------------------------- finding


def test_search_lists_open_opportunities_of_verified_organizations(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    _, hidden_headers, hidden_org = staff(client, "Riverside Shelter", verified=False)
    shown = post_opportunity(client, headers, org_id)
    shift = post_shift(client, headers, shown["id"], capacity=3)
    post_opportunity(client, hidden_headers, hidden_org, title="Hidden role")
    closed = post_opportunity(client, headers, org_id, title="Closed role")
    client.post(f"/api/v1/opportunities/{closed['id']}/close", headers=headers)

    body = client.get("/api/v1/opportunities").get_json()
    assert body["page"] == 1 and body["per_page"] == 20 and body["total"] == 1
    [item] = body["items"]
    assert item["id"] == shown["id"]
    assert item["title"] == "Kitchen helper"
    assert item["organization"] == {"id": org_id, "name": "Harbor Food Pantry"}
    assert item["attributes"]["substance_free"] is True
    assert item["virtual"] is False
    assert item["next_shift_starts_at"] == shift["starts_at"]
    assert item["upcoming_shifts"] == 1 and item["free_places"] == 3
    assert "distance_km" not in item  # no origin


def test_verifying_an_organization_makes_its_opportunities_visible(client: FlaskClient) -> None:
    _, headers, org_id = staff(client, verified=False)
    opportunity = post_opportunity(client, headers, org_id)
    assert client.get("/api/v1/opportunities").get_json()["total"] == 0

    coordinator = person(client, "coordinator")
    assert (
        client.post(f"/api/v1/organizations/{org_id}/verify", headers=coordinator).status_code
        == 200
    )

    body = client.get("/api/v1/opportunities", headers=person(client)).get_json()
    assert [item["id"] for item in body["items"]] == [opportunity["id"]]


def test_search_filters(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    kitchen = post_opportunity(client, headers, org_id, interests=["Environment"])
    tutor = post_opportunity(
        client,
        headers,
        org_id,
        title="Reading tutor",
        description="Read with kids online.",
        virtual=True,
        postcode=None,
        attributes={"training_provided": True},
    )

    def ids(query: str) -> list[int]:
        response = client.get(f"/api/v1/opportunities?{query}")
        assert response.status_code == 200, response.get_json()
        return sorted(item["id"] for item in response.get_json()["items"])

    assert ids("q=tutor") == [tutor["id"]]
    assert ids("q=harbor") == sorted([kitchen["id"], tutor["id"]])  # organization name
    assert ids("cause=Environment") == [kitchen["id"]]
    assert ids("attributes=substance_free,team_based") == [kitchen["id"]]
    assert ids("attributes=training_provided") == [tutor["id"]]
    assert ids("virtual=true") == [tutor["id"]]
    assert ids("virtual=false") == [kitchen["id"]]
    assert ids("virtual=&q=") == sorted([kitchen["id"], tutor["id"]])  # empty = not given


def test_search_pages(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    for n in range(3):
        post_opportunity(client, headers, org_id, title=f"Role {n}")
    first = client.get("/api/v1/opportunities?per_page=2").get_json()
    second = client.get("/api/v1/opportunities?per_page=2&page=2").get_json()
    assert first["total"] == second["total"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in second["items"]})


def test_search_by_postcode_shows_distance_and_limits_it(client: FlaskClient) -> None:
    _, headers, org_id = staff(client)
    near = post_opportunity(client, headers, org_id, postcode="10001")
    post_opportunity(client, headers, org_id, title="Chicago role", postcode="60601")
    body = client.get("/api/v1/opportunities?postcode=10027&within_km=20").get_json()
    [item] = body["items"]
    assert item["id"] == near["id"]
    assert 5 < item["distance_km"] < 15


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=" + "9" * 5000, "page"),
        ("per_page=101", "per_page"),
        ("per_page=0", "per_page"),
        ("within_km=far", "within_km"),
        ("within_km=nan", "within_km"),
        ("within_km=0", "within_km"),
        ("virtual=maybe", "virtual"),
        ("attributes=sober", "attributes"),
        ("postcode=00000", "postcode"),
        ("q=" + "x" * 10_000, "q"),
    ],
)
def test_bad_search_is_422(client: FlaskClient, query: str, field: str) -> None:
    response = client.get(f"/api/v1/opportunities?{query}")
    assert field in fields_of(response)
