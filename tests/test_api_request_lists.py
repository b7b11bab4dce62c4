"""Reading requests in the JSON API: who may read one, the coordinator's queue, a volunteer's
own requests and an organization's, pagination and bad list queries.

Asking and cancelling are in test_api_request_asking.py, deciding in
test_api_request_decisions.py. Most tests start from the ``api_world`` fixture (conftest.py).
"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.factories import (
    API,
    World,
    act,
    ask,
    bearer,
    fields_of,
    make_user,
    new_shift,
    organization,
    share,
)
from tests.factories import read_request as read


def listing(client: FlaskClient, headers: dict, query: str = "", status: int = 200) -> dict:
    response = client.get(f"{API}/requests{query}", headers=headers)
    assert response.status_code == status, response.get_json()
    return response.get_json()


# ---------------------------------------------------------------- reading


def test_who_may_read_a_request(client: FlaskClient, api_world: World) -> None:
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    for headers in (api_world.sam_h, api_world.staff_h, api_world.coordinator_h):
        assert read(client, headers, asked["id"])["id"] == asked["id"]
    _, alex_h = api_world.volunteer()
    read(client, alex_h, asked["id"], status=404)
    read(client, bearer(organization("Riverside Shelter")), asked["id"], status=404)
    read(client, api_world.sam_h, 999_999, status=404)
    assert client.get(f"{API}/requests/{asked['id']}").status_code == 401
    share(api_world.sam, make_user("coordinator"))
    read(client, api_world.coordinator_h, asked["id"], status=404)


def test_the_coordinator_queue(client: FlaskClient, api_world: World) -> None:
    mine, mine_h = api_world.volunteer("Mine")
    theirs, theirs_h = api_world.volunteer("Theirs")
    share(mine, api_world.coordinator)
    share(theirs, make_user("coordinator"))
    unlinked = ask(client, api_world.sam_h, api_world.shift.id)
    in_caseload = ask(client, mine_h, api_world.shift.id)
    ask(client, theirs_h, api_world.shift.id)

    body = listing(client, api_world.coordinator_h, "?status=pending")
    assert [item["id"] for item in body["items"]] == [unlinked["id"], in_caseload["id"]]
    assert (body["page"], body["per_page"], body["total"]) == (1, 20, 2)
    assert listing(client, api_world.coordinator_h) == body  # pending is the default queue

    act(client, api_world.coordinator_h, unlinked["id"], "approve")
    assert [i["id"] for i in listing(client, api_world.coordinator_h)["items"]] == [
        in_caseload["id"]
    ]
    approved_items = listing(client, api_world.coordinator_h, "?status=approved")["items"]
    assert [item["id"] for item in approved_items] == [unlinked["id"]]


def test_volunteers_see_their_own_and_organizations_their_shifts(client, api_world: World) -> None:
    _, alex_h = api_world.volunteer()
    mine = ask(client, api_world.sam_h, api_world.shift.id)
    alexs = ask(client, alex_h, api_world.shift.id)
    other_staff = organization("Riverside Shelter")
    elsewhere = ask(client, api_world.sam_h, new_shift(other_staff, title="Shelter desk").id)
    act(client, api_world.coordinator_h, mine["id"], "approve")

    own = listing(client, api_world.sam_h)
    assert {item["id"] for item in own["items"]} == {mine["id"], elsewhere["id"]}
    assert own["total"] == 2
    assert [i["id"] for i in listing(client, api_world.sam_h, "?status=approved")["items"]] == [
        mine["id"]
    ]

    staff_view = listing(client, api_world.staff_h)
    assert {item["id"] for item in staff_view["items"]} == {mine["id"], alexs["id"]}
    pending = listing(client, api_world.staff_h, "?status=pending")["items"]
    assert [item["id"] for item in pending] == [alexs["id"]]
    assert [i["id"] for i in listing(client, bearer(other_staff))["items"]] == [elsewhere["id"]]


def test_request_lists_are_paginated(client: FlaskClient, api_world: World) -> None:
    asked = []
    for number in range(5):
        _, headers = api_world.volunteer(f"Person {number}")
        asked.append(ask(client, headers, api_world.shift.id)["id"])
    for headers in (api_world.coordinator_h, api_world.staff_h):
        first = listing(client, headers, "?per_page=2")
        second = listing(client, headers, "?per_page=2&page=2")
        last = listing(client, headers, "?per_page=2&page=3")
        beyond = listing(client, headers, "?per_page=2&page=4")
        pages = [first, second, last]
        assert [len(p["items"]) for p in pages] == [2, 2, 1] and beyond["items"] == []
        assert {p["total"] for p in [*pages, beyond]} == {5}
        assert sorted(i["id"] for p in pages for i in p["items"]) == sorted(asked)
        assert listing(client, headers, "?per_page=100")["per_page"] == 100


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?per_page=101", "per_page"),
        ("?per_page=0", "per_page"),
        ("?page=0", "page"),
        ("?page=two", "page"),
        ("?status=maybe", "status"),
    ],
)
def test_bad_list_queries_are_422(client: FlaskClient, api_world: World, query, field) -> None:
    response = client.get(f"{API}/requests{query}", headers=api_world.coordinator_h)
    assert list(fields_of(response)) == [field]


def test_status_names_match_the_model() -> None:
    from typing import get_args

    from volunteer_match.api.schemas.requests import StatusName
    from volunteer_match.models import RequestStatus

    assert set(get_args(StatusName)) == {status.value for status in RequestStatus}
