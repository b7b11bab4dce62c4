"""A verified shift carries one date everywhere: the page, the CSV file, the letter and the
API all date it where it happened, in the organization's time zone, even when the volunteer
lives in another zone and the shift ran late in the evening."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.factories import (
    api_token,
    approved,
    login,
    make_user,
    new_shift,
    org_of,
    organization,
)
from volunteer_match.extensions import db
from volunteer_match.models import User, utcnow
from volunteer_match.services import clock, profiles, requests

NEW_YORK = "America/New_York"


@pytest.fixture
def late_shift(app: Flask) -> tuple[User, date]:
    """Sam, whose profile is on London time, came to a 10:30 pm shift in New York ten days
    ago (already the next day in London)."""
    staff = organization("Harbor Food Pantry")
    assert org_of(staff).timezone == NEW_YORK
    shift = new_shift(staff, capacity=3, days=2, hours=2, title="Night shelter")
    sam = make_user(display_name="Sam Rivera")
    profiles.update(sam, profiles.ProfileInput(timezone="Europe/London"))
    item = approved(make_user("coordinator"), sam, shift)

    day = (utcnow() - timedelta(days=10)).astimezone(clock.zone(NEW_YORK)).date()
    shift.starts_at = datetime.combine(day, time(22, 30), clock.zone(NEW_YORK))
    shift.ends_at = shift.starts_at + timedelta(hours=2)  # (services refuse past times)
    requests.record_attendance(staff, item.id, True, 2)
    db.session.commit()
    return sam, day


def test_page_csv_letter_and_api_give_the_same_date(
    client: FlaskClient, late_shift: tuple[User, date]
) -> None:
    sam, day = late_shift
    headers = api_token(client, sam.email)
    [api_item] = client.get("/api/v1/me/hours", headers=headers).get_json()["items"]
    login(client, sam.email)
    page = client.get("/my/hours").get_data(as_text=True)
    csv_text = client.get("/my/hours.csv").get_data(as_text=True)
    letter = client.get("/my/hours.pdf").get_data().decode("latin-1")

    assert api_item["date"] == day.isoformat()
    assert f"{day.day} {day:%b %Y}" in page
    assert csv_text.splitlines()[1].startswith(day.isoformat())
    assert f"on {day.day} {day:%B}" in letter  # (the year may wrap to the next line)
