"""What a write answers is what a read says next.

The transaction boundary commits after the view has shaped its answer, so an answer built
from stale objects would disagree with the database (for example a shift's places after the
waiting list moved up). Each write here is compared with a fresh GET of the same thing."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.factories import API, World, act, ask, post_opportunity, staff, start_shift
from volunteer_match.extensions import db
from volunteer_match.models import Shift


def read(client: FlaskClient, headers: dict, path: str) -> dict:
    response = client.get(f"{API}{path}", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_more_places_answer_the_waiting_list_moving_up(app, client: FlaskClient) -> None:
    world = World(capacity=1)
    _, alex_h = world.volunteer()
    first = ask(client, world.sam_h, world.shift.id)
    second = ask(client, alex_h, world.shift.id)
    assert act(client, world.coordinator_h, first["id"], "approve")["status"] == "approved"
    assert act(client, world.coordinator_h, second["id"], "approve")["status"] == "waitlisted"

    path = f"/shifts/{world.shift.id}"
    response = client.patch(f"{API}{path}", json={"capacity": 2}, headers=world.staff_h)

    assert response.status_code == 200
    answer = response.get_json()
    assert answer == read(client, world.staff_h, path)
    assert (answer["filled"], answer["waitlist"], answer["free_places"]) == (2, 0, 0)


def test_a_cancel_answers_what_a_read_says_and_the_next_person_moves_up(
    app, client: FlaskClient
) -> None:
    world = World(capacity=1)
    _, alex_h = world.volunteer()
    first = ask(client, world.sam_h, world.shift.id)
    second = ask(client, alex_h, world.shift.id)
    act(client, world.coordinator_h, first["id"], "approve")
    act(client, world.coordinator_h, second["id"], "approve")

    cancelled = act(client, world.sam_h, first["id"], "cancel")

    assert cancelled == read(client, world.sam_h, f"/requests/{first['id']}")
    assert read(client, alex_h, f"/requests/{second['id']}")["status"] == "approved"


def test_request_writes_answer_what_a_read_says(app, client: FlaskClient) -> None:
    world = World(capacity=1)
    path = lambda request: f"/requests/{request['id']}"  # noqa: E731
    asked = ask(client, world.sam_h, world.shift.id)
    assert asked == read(client, world.sam_h, path(asked))
    approved = act(client, world.coordinator_h, asked["id"], "approve", {"note": "Welcome"})
    assert approved == read(client, world.coordinator_h, path(asked))
    start_shift(db.session.get(Shift, world.shift.id))
    came = act(client, world.staff_h, asked["id"], "attendance", {"attended": True})
    assert came == read(client, world.staff_h, path(asked))
    assert came["status"] == "attended" and came["hours"] > 0


def test_opportunity_and_organization_writes_answer_what_a_read_says(
    app, client: FlaskClient
) -> None:
    _, headers, organization_id = staff(client)
    posted = post_opportunity(client, headers, organization_id)
    path = f"/opportunities/{posted['id']}"
    assert posted == read(client, headers, path)

    changes = {"title": "Soup kitchen helper", "attributes": {"training_provided": True}}
    patched = client.patch(f"{API}{path}", json=changes, headers=headers).get_json()
    assert patched == read(client, headers, path)
    assert patched["title"] == "Soup kitchen helper"
    assert patched["attributes"]["training_provided"] and patched["attributes"]["team_based"]

    closed = client.post(f"{API}{path}/close", headers=headers).get_json()
    assert closed == read(client, headers, path) and closed["status"] == "closed"

    org_path = f"/organizations/{organization_id}"
    org = client.patch(f"{API}{org_path}", json={"description": "Hot meals"}, headers=headers)
    assert org.get_json() == read(client, headers, org_path)
    assert org.get_json()["description"] == "Hot meals"
