"""Shift rosters (who is coming, and only what they chose to share) and verified hours."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask.testing import FlaskClient

from tests.factories import (
    API,
    World,
    act,
    ask,
    bearer,
    error_of,
    make_user,
    new_shift,
    organization,
    share,
    start_shift,
    volunteer,
)
from volunteer_match.extensions import db
from volunteer_match.models import Shift, User

ROSTER_ENTRY_KEYS = {"request_id", "volunteer_id", "display_name", "status"}


def sharing_volunteer(name: str, share_email: bool) -> tuple[User, dict[str, str]]:
    """A volunteer with goals on their profile, sharing their email or not, and a token."""
    user = volunteer(
        ("cooking",),
        display_name=name,
        goals=["routine", "meet_people"],
        share_email_with_organizations=share_email,
        windows=(),
        postcode=None,
        travel_km=None,
    )
    return user, bearer(user)


def roster(client: FlaskClient, headers: dict, shift_id: int, status: int = 200) -> dict:
    response = client.get(f"{API}/shifts/{shift_id}/roster", headers=headers)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def hours(client: FlaskClient, headers: dict, status: int = 200) -> dict:
    response = client.get(f"{API}/me/hours", headers=headers)
    assert response.status_code == status, response.get_json()
    return response.get_json()


# ---------------------------------------------------------------- rosters


def test_the_roster_lists_approved_people_and_shared_emails_only(client, api_world) -> None:
    sharer, sharer_h = sharing_volunteer("Casey", share_email=True)
    private, private_h = sharing_volunteer("Drew", share_email=False)
    _, waiting_h = sharing_volunteer("Eli", share_email=True)
    _, declined_h = sharing_volunteer("Frankie", share_email=True)
    share(private, api_world.coordinator)
    note = "Drew asked for a quiet role; coordinator knows why"
    for headers, approve_note in ((sharer_h, "Welcome"), (private_h, note)):
        asked = ask(client, headers, api_world.shift.id, message="I'm in recovery and keen")
        act(client, api_world.coordinator_h, asked["id"], "approve", {"note": approve_note})
    ask(client, waiting_h, api_world.shift.id)
    declined = ask(client, declined_h, api_world.shift.id)
    act(client, api_world.coordinator_h, declined["id"], "decline", {"note": "Not this time"})

    for headers in (api_world.staff_h, api_world.coordinator_h, bearer(make_user("admin"))):
        body = roster(client, headers, api_world.shift.id)
        assert body["shift_id"] == api_world.shift.id
        people = {item["display_name"]: item for item in body["items"]}
        assert set(people) == {"Casey", "Drew"}
        assert people["Casey"]["email"] == sharer.email
        assert "email" not in people["Drew"]
        assert set(people["Drew"]) == ROSTER_ENTRY_KEYS
        assert set(people["Casey"]) == ROSTER_ENTRY_KEYS | {"email"}
        assert {item["status"] for item in body["items"]} == {"approved"}
        text = str(body).lower()
        for private_bit in ("routine", "meet_people", "recovery", "quiet role", "jordan"):
            assert private_bit not in text, private_bit
        assert private.email not in text and "coordinator" not in text


def test_attended_and_absent_people_stay_on_the_roster(client: FlaskClient, api_world) -> None:
    came, came_h = sharing_volunteer("Casey", share_email=False)
    _, absent_h = sharing_volunteer("Drew", share_email=False)
    ids = {}
    for name, headers in (("Casey", came_h), ("Drew", absent_h)):
        asked = ask(client, headers, api_world.shift.id)
        ids[name] = act(client, api_world.coordinator_h, asked["id"], "approve")["id"]
    start_shift(api_world.shift)
    act(client, api_world.staff_h, ids["Casey"], "attendance", {"attended": True})
    act(client, api_world.staff_h, ids["Drew"], "attendance", {"attended": False})
    items = roster(client, api_world.staff_h, api_world.shift.id)["items"]
    assert {(i["display_name"], i["status"]) for i in items} == {
        ("Casey", "attended"),
        ("Drew", "no_show"),
    }
    assert {i["volunteer_id"] for i in items} >= {came.id}


def test_an_empty_roster(client: FlaskClient, api_world) -> None:
    assert roster(client, api_world.staff_h, api_world.shift.id) == {
        "shift_id": api_world.shift.id,
        "items": [],
    }


def test_rosters_are_for_the_organization_and_coordinators(client, api_world) -> None:
    response = client.get(f"{API}/shifts/{api_world.shift.id}/roster", headers=api_world.sam_h)
    assert response.status_code == 403 and error_of(response)["code"] == "forbidden"
    assert client.get(f"{API}/shifts/{api_world.shift.id}/roster").status_code == 401
    other_staff = bearer(organization("Riverside Shelter"))
    assert roster(client, other_staff, api_world.shift.id, 404)["error"]["code"] == "not_found"
    for headers in (api_world.staff_h, api_world.coordinator_h):
        roster(client, headers, 999_999, status=404)


# ---------------------------------------------------------------- verified hours


def attend(
    client: FlaskClient, api_world: World, shift: Shift, volunteer_h: dict, body: dict, staff_h=None
) -> dict:
    asked = ask(client, volunteer_h, shift.id)
    act(client, api_world.coordinator_h, asked["id"], "approve")
    start_shift(shift, hours_ago=30)
    return act(client, staff_h or api_world.staff_h, asked["id"], "attendance", body)


def test_hours_add_up_across_organizations(client: FlaskClient, api_world) -> None:
    attend(client, api_world, api_world.shift, api_world.sam_h, {"attended": True})  # 3 hours
    other = organization("Riverside Shelter")
    other_shift = new_shift(other, hours=4, title="Shelter desk", days=8)
    came = {"attended": True, "hours": 2.5}
    attend(client, api_world, other_shift, api_world.sam_h, came, bearer(other))
    missed = new_shift(api_world.staff, title="Garden", days=9)
    attend(client, api_world, missed, api_world.sam_h, {"attended": False})
    ask(client, api_world.sam_h, new_shift(api_world.staff, title="Later", days=10).id)

    body = hours(client, api_world.sam_h)
    assert body["total_hours"] == 5.5
    assert sorted(body) == ["items", "total_hours"]
    by_title = {item["title"]: item for item in body["items"]}
    assert set(by_title) == {"Kitchen", "Shelter desk"}
    kitchen, desk = by_title["Kitchen"], by_title["Shelter desk"]
    assert kitchen["hours"] == 3 and desk["hours"] == 2.5
    assert kitchen["organization"] == kitchen["verified_by"] == "Harbor Food Pantry"
    assert desk["organization"] == desk["verified_by"] == "Riverside Shelter"
    assert kitchen["shift_id"] == api_world.shift.id and desk["shift_id"] == other_shift.id
    assert sum(item["hours"] for item in body["items"]) == body["total_hours"]
    for item in body["items"]:
        assert item["starts_at"].endswith("Z")
        start = datetime.fromisoformat(item["starts_at"].replace("Z", "+00:00"))
        local = start.astimezone(ZoneInfo("America/New_York")).date()
        assert item["date"] == local.isoformat()


def test_hours_are_each_volunteers_own(client: FlaskClient, api_world) -> None:
    attend(client, api_world, api_world.shift, api_world.sam_h, {"attended": True, "hours": 1.25})
    _, alex_h = api_world.volunteer()
    assert hours(client, alex_h) == {"total_hours": 0, "items": []}
    assert hours(client, api_world.sam_h)["total_hours"] == 1.25


def test_the_date_is_the_organizations_local_date(client: FlaskClient, api_world) -> None:
    """A 10 pm New York shift is on the next day in UTC; people expect the local day."""
    asked = ask(client, api_world.sam_h, api_world.shift.id)
    act(client, api_world.coordinator_h, asked["id"], "approve")
    evening = datetime(2026, 1, 6, 3, 0, tzinfo=UTC)  # 10 pm on 5 January in New York
    shift = db.session.get(Shift, api_world.shift.id)
    assert shift is not None
    shift.starts_at, shift.ends_at = evening, evening + timedelta(hours=2)
    db.session.commit()
    act(client, api_world.staff_h, asked["id"], "attendance", {"attended": True})
    [item] = hours(client, api_world.sam_h)["items"]
    assert item["date"] == "2026-01-05" and item["starts_at"] == "2026-01-06T03:00:00Z"
    assert item["hours"] == 2
