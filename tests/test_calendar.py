"""Calendar files: a shift's .ics, a volunteer's private feed (made, replaced, turned off) and
GET /api/v1/me/calendar.ics. Every file is parsed back with icalendar."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import UTC, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar

from tests.factories import (
    add_shift,
    api_token,
    approved,
    asked,
    csrf_token,
    from_now,
    login,
    make_user,
    organization,
    post,
    start_shift,
)
from volunteer_match.extensions import db
from volunteer_match.models import Shift, User
from volunteer_match.services import requests


def parse(response) -> Calendar:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.get_data())


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


# ------------------------------------------------------------------------------ one shift


def test_a_shift_as_an_event_anyone_may_download(client: FlaskClient, harbor) -> None:
    staff, opportunity, _ = harbor
    shift = add_shift(staff, opportunity, start=from_now(hours=48))
    first = client.get(f"/shifts/{shift.id}.ics")
    [event] = events(parse(first))

    assert str(event["UID"]) == f"shift-{shift.id}@volunteer-match"
    assert event.decoded("DTSTART") == shift.starts_at.replace(microsecond=0)
    assert event.decoded("DTSTART").tzinfo is not None
    assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    assert event.decoded("DTEND") == shift.ends_at.replace(microsecond=0)
    assert str(event["SUMMARY"]) == "Kitchen helper"
    assert str(event["LOCATION"]) == "12 Dock Street, 10027"
    assert "Harbor Food Pantry" in str(event["DESCRIPTION"])
    raw = first.get_data(as_text=True)
    assert re.search(r"^DTSTART:\d{8}T\d{6}Z\r$", raw, re.M), raw
    assert "attachment" in first.headers["Content-Disposition"]

    again = client.get(f"/shifts/{shift.id}.ics")
    assert again.get_data() == first.get_data()  # stable: calendars update, never duplicate
    api = client.get(f"/api/v1/shifts/{shift.id}.ics")
    assert [str(e["UID"]) for e in events(parse(api))] == [str(event["UID"])]


def test_an_online_role_says_online(client: FlaskClient) -> None:
    staff = organization()
    opportunity = post(staff, "Phone buddy", postcode=None, virtual=True)
    shift = add_shift(staff, opportunity, start=from_now(hours=30))
    [event] = events(parse(client.get(f"/shifts/{shift.id}.ics")))
    assert str(event["LOCATION"]) == "Online"


def test_a_shift_nobody_may_see_is_not_found(client: FlaskClient) -> None:
    hidden = organization("Not Yet Checked", verified=False)
    shift = add_shift(hidden, post(hidden, "Secret garden"), start=from_now(hours=30))
    assert client.get(f"/shifts/{shift.id}.ics").status_code == 404
    assert client.get(f"/api/v1/shifts/{shift.id}.ics").status_code == 404
    assert client.get("/shifts/99999.ics").status_code == 404
    login(client, hidden.email)  # its own staff may
    assert client.get(f"/shifts/{shift.id}.ics").status_code == 200


def test_a_cancelled_shift_says_so(client: FlaskClient, harbor) -> None:
    from volunteer_match.services import shifts

    staff, opportunity, _ = harbor
    shift = add_shift(staff, opportunity, start=from_now(hours=30))
    shifts.cancel(staff, shift.id, "The kitchen is being repaired.")
    db.session.commit()
    [event] = events(parse(client.get(f"/shifts/{shift.id}.ics")))
    assert str(event["STATUS"]) == "CANCELLED"


# ------------------------------------------------------------------------------ a person's shifts


@pytest.fixture
def sams_shifts(harbor):
    """Sam holds one place, went to one shift, and has a pending, a declined and a cancelled
    request: only the first two belong in a calendar."""
    staff, opportunity, robin = harbor
    sam = make_user(display_name="Sam")

    def shift_in(hours: float) -> Shift:
        return add_shift(staff, opportunity, start=from_now(hours=hours))

    holding = approved(robin, sam, shift_in(48))
    went = approved(robin, sam, shift_in(60))
    start_shift(went.shift, hours_ago=5)  # two hours long: it ended three hours ago
    requests.record_attendance(staff, went.id, attended=True)
    asked(sam, shift_in(72))
    requests.decline(robin, asked(sam, shift_in(96)).id, "It filled up.")
    requests.cancel(sam, approved(robin, sam, shift_in(120)).id)
    db.session.commit()
    return sam, {f"shift-{r.shift_id}@volunteer-match" for r in (holding, went)}


def test_the_api_calendar_has_the_callers_approved_shifts(client: FlaskClient, sams_shifts):
    sam, expected = sams_shifts
    headers = api_token(client, sam.email)
    first = parse(client.get("/api/v1/me/calendar.ics", headers=headers))
    assert {str(e["UID"]) for e in events(first)} == expected
    second = parse(client.get("/api/v1/me/calendar.ics", headers=headers))
    assert [str(e["UID"]) for e in events(second)] == [str(e["UID"]) for e in events(first)]
    assert client.get("/api/v1/me/calendar.ics").status_code == 401
    other = api_token(client, make_user("organization").email)
    assert client.get("/api/v1/me/calendar.ics", headers=other).status_code == 403
    someone = api_token(client, make_user().email)
    assert events(parse(client.get("/api/v1/me/calendar.ics", headers=someone))) == []


def feed_link(client: FlaskClient, button: str = "/my/calendar/link") -> str:
    token = csrf_token(client, "/my/calendar")
    response = client.post(button, data={"csrf_token": token})
    assert response.status_code == 200
    found = re.search(
        r'value="(http://[^"]+/calendar/[^"]+\.ics)"', response.get_data(as_text=True)
    )
    assert found, response.get_data(as_text=True)
    return html.unescape(found.group(1)).removeprefix("http://localhost")


def test_the_private_feed_link_is_shown_once_and_can_be_replaced_or_turned_off(
    app: Flask, client: FlaskClient, sams_shifts
) -> None:
    sam, expected = sams_shifts
    login(client, sam.email)
    assert "Make my calendar link" in client.get("/my/calendar").get_data(as_text=True)
    url = feed_link(client)
    raw_token = url.removeprefix("/calendar/").removesuffix(".ics")
    db.session.refresh(sam)
    assert sam.calendar_token_hash == hashlib.sha256(raw_token.encode()).hexdigest()
    page = client.get("/my/calendar").get_data(as_text=True)
    assert raw_token not in page and "Make a new link" in page and "Turn off" in page

    stranger = app.test_client()  # calendar apps have no login
    feed = parse(stranger.get(url))
    assert {str(e["UID"]) for e in events(feed)} == expected
    assert parse(stranger.get(url)).to_ical() == feed.to_ical()

    newer = feed_link(client)
    assert newer != url
    assert stranger.get(url).status_code == 404  # the old link is revoked
    assert stranger.get(newer).status_code == 200

    response = client.post(
        "/my/calendar/off", data={"csrf_token": csrf_token(client, "/my/calendar")}
    )
    assert response.status_code == 302
    assert stranger.get(newer).status_code == 404
    db.session.refresh(sam)
    assert sam.calendar_token_hash is None
    assert "Make my calendar link" in client.get("/my/calendar").get_data(as_text=True)


@pytest.mark.parametrize("token", ["nope", "x" * 43, "x" * 500])
def test_unknown_feed_tokens_are_not_found(client: FlaskClient, token: str) -> None:
    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_a_closed_account_feed_stops(app: Flask, client: FlaskClient) -> None:
    sam: User = make_user()
    login(client, sam.email)
    url = feed_link(client)
    sam.active = False
    db.session.commit()
    assert app.test_client().get(url).status_code == 404


def test_the_calendar_page_is_for_volunteers_and_its_forms_need_csrf(client) -> None:
    assert client.get("/my/calendar").headers["Location"].startswith("/login")
    login(client, make_user("organization").email)
    assert client.get("/my/calendar").status_code == 403
    client.post("/logout", data={"csrf_token": csrf_token(client, "/organization")})
    login(client, make_user().email)
    assert client.post("/my/calendar/link").status_code == 400
    assert client.post("/my/calendar/off").status_code == 400


def test_times_are_utc_whatever_the_organization_zone(client: FlaskClient, harbor) -> None:
    staff, opportunity, _ = harbor
    shift = add_shift(staff, opportunity, start=from_now(hours=30))
    [event] = events(parse(client.get(f"/shifts/{shift.id}.ics")))
    assert event.decoded("DTSTART").astimezone(UTC) == shift.starts_at.replace(microsecond=0)
