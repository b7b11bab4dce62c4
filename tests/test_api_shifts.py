"""Shifts in the JSON API: adding one or a weekly series, reading, moving and cancelling."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from flask.testing import FlaskClient

from tests.factories import (
    error_of,
    fields_of,
    iso,
    make_user,
    person,
    post_opportunity,
    post_shift,
    shift_body,
    staff,
)
from volunteer_match.extensions import db
from volunteer_match.models import RequestStatus, Shift, ShiftRequest

NEW_YORK = ZoneInfo("America/New_York")


def parse(value: str) -> datetime:
    assert value.endswith("Z"), value
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def next_february_monday() -> date:
    """A Monday early in the next February still ahead: the US clocks change weeks later."""
    today = datetime.now(UTC).date()
    year = today.year if today < date(today.year, 1, 25) else today.year + 1
    first = date(year, 2, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


@pytest.fixture
def kitchen(client: FlaskClient) -> tuple[dict[str, str], int]:
    """(the organization's auth headers, the id of an open opportunity of theirs)."""
    _, headers, org_id = staff(client)
    return headers, post_opportunity(client, headers, org_id)["id"]


def test_add_a_shift(client: FlaskClient, kitchen) -> None:
    headers, opportunity_id = kitchen
    response = client.post(
        f"/api/v1/opportunities/{opportunity_id}/shifts",
        json={
            "starts_at": "2030-12-03T17:00:00-06:00",
            "ends_at": "2030-12-03T21:00:00-06:00",
            "capacity": 4,
        },
        headers=headers,
    )
    assert response.status_code == 201
    body = response.get_json()
    assert isinstance(body["id"], int)
    assert body["opportunity_id"] == opportunity_id
    assert body["starts_at"] == "2030-12-03T23:00:00Z"
    assert body["ends_at"] == "2030-12-04T03:00:00Z"
    assert body["capacity"] == 4 and body["filled"] == 0 and body["waitlist"] == 0


def test_a_naive_time_is_read_in_the_organizations_time_zone(client: FlaskClient, kitchen) -> None:
    headers, opportunity_id = kitchen
    body = post_shift(
        client,
        headers,
        opportunity_id,
        starts_at="2030-07-02T09:00:00",
        ends_at="2030-07-02T12:00:00",
    )
    assert body["starts_at"] == "2030-07-02T13:00:00Z"  # New York, summer time


def test_a_weekly_series_keeps_local_time_across_the_clock_change(
    client: FlaskClient, kitchen
) -> None:
    headers, opportunity_id = kitchen
    first_day = next_february_monday()
    start = datetime(first_day.year, first_day.month, first_day.day, 17, 0, tzinfo=NEW_YORK)
    response = client.post(
        f"/api/v1/opportunities/{opportunity_id}/shifts",
        json={
            "starts_at": iso(start),
            "ends_at": iso(start + timedelta(hours=4)),
            "capacity": 3,
            "repeat": {"weekly": 12},
        },
        headers=headers,
    )
    assert response.status_code == 201, response.get_json()
    items = response.get_json()["items"]
    assert len(items) == 12
    assert len({item["id"] for item in items}) == 12

    starts = [parse(item["starts_at"]) for item in items]
    local = [moment.astimezone(NEW_YORK) for moment in starts]
    assert {(m.hour, m.minute, m.weekday()) for m in local} == {(17, 0, 0)}
    assert [(b.date() - a.date()).days for a, b in pairwise(local)] == [7] * 11
    utc_hours = [moment.hour for moment in starts]
    assert utc_hours[0] == 22 and utc_hours[-1] == 21  # EST then EDT: UTC moves by an hour
    assert all(parse(i["ends_at"]) - parse(i["starts_at"]) == timedelta(hours=4) for i in items)
    assert all(i["capacity"] == 3 and i["filled"] == 0 and i["waitlist"] == 0 for i in items)
    listed = client.get(f"/api/v1/opportunities/{opportunity_id}").get_json()["shifts"]
    assert [s["id"] for s in listed] == [i["id"] for i in items]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"hours": -1}, "ends_at"),
        ({"hours": 0}, "ends_at"),
        ({"hours": 25}, "ends_at"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": -3}, "capacity"),
        ({"capacity": "lots"}, "capacity"),
        ({"repeat": {"weekly": 0}}, "repeat.weekly"),
        ({"repeat": {"weekly": 53}}, "repeat.weekly"),
        ({"repeat": {"monthly": 2}}, "repeat.monthly"),
        ({"days": -2}, "starts_at"),
        ({"starts_at": "next tuesday"}, "starts_at"),
        ({"starts_at": "9999-12-31T23:00:00-05:00"}, "starts_at"),
        ({"starts_at": "x" * 10_000}, "starts_at"),
        ({"starts_at": None}, "starts_at"),
    ],
)
def test_bad_shifts_are_422(client: FlaskClient, kitchen, changes: dict, field: str) -> None:
    headers, opportunity_id = kitchen
    timing = {k: changes.pop(k) for k in ("days", "hours") if k in changes}
    response = client.post(
        f"/api/v1/opportunities/{opportunity_id}/shifts",
        json=shift_body(**timing, **changes),
        headers=headers,
    )
    assert field in fields_of(response)
    assert db.session.scalar(db.select(db.func.count(Shift.id))) == 0


def test_shifts_for_others_opportunities(client: FlaskClient, kitchen) -> None:
    headers, opportunity_id = kitchen
    _, other_headers, _ = staff(client, "Riverside Shelter")
    url = f"/api/v1/opportunities/{opportunity_id}/shifts"
    assert client.post(url, json=shift_body(), headers=other_headers).status_code == 404
    assert client.post(url, json=shift_body(), headers=person(client)).status_code == 403
    assert client.post(url, json=shift_body()).status_code == 401
    unknown = client.post("/api/v1/opportunities/999999/shifts", json=shift_body(), headers=headers)
    assert unknown.status_code == 404


def test_no_shifts_on_a_closed_opportunity(client: FlaskClient, kitchen) -> None:
    headers, opportunity_id = kitchen
    client.post(f"/api/v1/opportunities/{opportunity_id}/close", headers=headers)
    response = client.post(
        f"/api/v1/opportunities/{opportunity_id}/shifts", json=shift_body(), headers=headers
    )
    assert response.status_code == 409


def test_get_a_shift(client: FlaskClient, kitchen) -> None:
    headers, opportunity_id = kitchen
    shift = post_shift(client, headers, opportunity_id, capacity=2)
    waiting = make_user()
    db.session.add(
        ShiftRequest(
            volunteer_id=waiting.id, shift_id=shift["id"], status=RequestStatus.WAITLISTED.value
        )
    )
    db.session.commit()
    response = client.get(f"/api/v1/shifts/{shift['id']}", headers=person(client))
    assert response.status_code == 200
    body = response.get_json()
    assert body == {**shift, "waitlist": 1, "free_places": 2, "status": "scheduled"}


def test_a_shift_of_an_unverified_organization_is_hidden(client: FlaskClient) -> None:
    _, headers, org_id = staff(client, verified=False)
    opportunity = post_opportunity(client, headers, org_id)
    shift = post_shift(client, headers, opportunity["id"])
    url = f"/api/v1/shifts/{shift['id']}"
    assert client.get(url, headers=person(client)).status_code == 404
    assert client.get(url).status_code == 404
    assert client.get(url, headers=headers).status_code == 200
    assert client.get("/api/v1/shifts/999999").status_code == 404


def test_move_a_shift_and_change_its_places(client: FlaskClient, kitchen) -> None:
    headers, opportunity_id = kitchen
    shift = post_shift(client, headers, opportunity_id, capacity=2)
    new_start = parse(shift["starts_at"]) + timedelta(days=1)
    response = client.patch(
        f"/api/v1/shifts/{shift['id']}",
        json={
            "starts_at": iso(new_start),
            "ends_at": iso(new_start + timedelta(hours=2)),
            "capacity": 5,
        },
        headers=headers,
    )
    assert response.status_code == 200
    body = response.get_json()
    assert parse(body["starts_at"]) == new_start
    assert body["capacity"] == 5 and body["free_places"] == 5

    only_places = client.patch(
        f"/api/v1/shifts/{shift['id']}", json={"capacity": 3}, headers=headers
    ).get_json()
    assert only_places["capacity"] == 3 and only_places["starts_at"] == body["starts_at"]


def test_capacity_cannot_drop_below_the_approved_volunteers(client: FlaskClient, kitchen) -> None:
    headers, opportunity_id = kitchen
    shift = post_shift(client, headers, opportunity_id, capacity=3)
    stored = db.session.get(Shift, shift["id"])
    stored.filled = 2
    db.session.commit()
    response = client.patch(f"/api/v1/shifts/{shift['id']}", json={"capacity": 1}, headers=headers)
    assert "capacity" in fields_of(response)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"ends_at": "2000-01-01T00:00:00Z"}, "ends_at"),
        ({"starts_at": "2001-01-01T00:00:00Z"}, "starts_at"),
        ({"starts_at": "soon"}, "starts_at"),
        ({"filled": 0}, "filled"),
    ],
)
def test_bad_shift_changes_are_422(client: FlaskClient, kitchen, change: dict, field: str) -> None:
    headers, opportunity_id = kitchen
    shift = post_shift(client, headers, opportunity_id)
    response = client.patch(f"/api/v1/shifts/{shift['id']}", json=change, headers=headers)
    assert field in fields_of(response)


def test_changing_others_shifts(client: FlaskClient, kitchen) -> None:
    headers, opportunity_id = kitchen
    shift = post_shift(client, headers, opportunity_id)
    url = f"/api/v1/shifts/{shift['id']}"
    _, other_headers, _ = staff(client, "Riverside Shelter")
    assert client.patch(url, json={"capacity": 9}, headers=other_headers).status_code == 404
    assert client.patch(url, json={"capacity": 9}, headers=person(client)).status_code == 403
    assert client.patch(url, json={"capacity": 9}).status_code == 401
    assert client.post(f"{url}/cancel", headers=other_headers).status_code == 404
    assert client.post(f"{url}/cancel", headers=person(client, "coordinator")).status_code == 403
    assert client.post(f"{url}/cancel").status_code == 401
    unknown = client.patch("/api/v1/shifts/999999", json={"capacity": 9}, headers=headers)
    assert unknown.status_code == 404
    assert client.post("/api/v1/shifts/999999/cancel", headers=headers).status_code == 404
    assert db.session.get(Shift, shift["id"]).capacity == 2


def test_cancel_a_shift(client: FlaskClient, kitchen) -> None:
    headers, opportunity_id = kitchen
    shift = post_shift(client, headers, opportunity_id)
    url = f"/api/v1/shifts/{shift['id']}/cancel"
    response = client.post(url, json={"reason": "The kitchen is being repaired."}, headers=headers)
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "cancelled" and body["free_places"] == 0
    assert body["cancel_reason"] == "The kitchen is being repaired."
    again = client.post(url, headers=headers)
    assert again.status_code == 409 and error_of(again)["code"] == "conflict"
    moved = client.patch(f"/api/v1/shifts/{shift['id']}", json={"capacity": 5}, headers=headers)
    assert moved.status_code == 409


def test_cancel_without_a_body(client: FlaskClient, kitchen) -> None:
    headers, opportunity_id = kitchen
    shift = post_shift(client, headers, opportunity_id)
    response = client.post(f"/api/v1/shifts/{shift['id']}/cancel", headers=headers)
    assert response.status_code == 200 and response.get_json()["status"] == "cancelled"
    assert "cancel_reason" not in response.get_json()


@pytest.mark.parametrize(
    ("data", "status", "field"),
    [
        (b'{"reason": "' + b"x" * 10_000 + b'"}', 422, "reason"),
        (b'{"why": "no"}', 422, "why"),
        (b"{not json", 400, None),
    ],
)
def test_bad_cancel_bodies(client: FlaskClient, kitchen, data: bytes, status: int, field) -> None:
    headers, opportunity_id = kitchen
    shift = post_shift(client, headers, opportunity_id)
    response = client.post(
        f"/api/v1/shifts/{shift['id']}/cancel",
        data=data,
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == status
    if field:
        assert field in error_of(response)["fields"]
    assert db.session.get(Shift, shift["id"]).status == "scheduled"
