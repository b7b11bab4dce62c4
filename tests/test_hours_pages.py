"""My hours: the verified total, the table, the CSV file and the one-page letter (PDF).

The letter may be handed to an employer or a court, so besides names and hours it is checked
for what it must never say (the same words as tests/test_no_recovery_words.py).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.factories import (
    approved,
    asked,
    attended,
    make_user,
    new_shift,
    organization,
    page_text,
    recovery_words,
    section,
    signed_in,
    start_shift,
)
from volunteer_match.extensions import db
from volunteer_match.services import requests
from volunteer_match.web.requests.letter import latin1


@pytest.fixture
def record(app: Flask) -> dict:
    """Sam gave 3 + 2.5 hours at Harbor and 4 at Riverside, and missed one shift."""
    harbor = organization("Harbor Food Pantry")
    riverside = organization("Riverside Community Center")
    sam = make_user(display_name="Sam Rivera")
    attended(harbor, sam, "Kitchen helper")
    attended(harbor, sam, "Pantry sorting", hours=2.5)
    attended(riverside, sam, "Homework club", hours=4)
    missed = approved(make_user("coordinator"), sam, new_shift(riverside, title="Garden day"))
    start_shift(missed.shift, hours_ago=10)
    requests.record_attendance(riverside, missed.id, False)
    asked(sam, new_shift(harbor, title="Soup night"))  # pending: no hours
    db.session.commit()
    return {"sam": sam}


def test_my_hours_shows_the_verified_total_and_each_shift(client, record: dict) -> None:
    hours = page_text(signed_in(client, record["sam"]), "/my/hours")
    assert re.search(r"<strong>9.5</strong> hours", section(hours, "total-title"))
    table = hours.split("<table", 1)[1].split("</table>", 1)[0]
    cells = r"<td>([^<]+)<br><span [^>]*>Verified by ([^<]+)</span></td>\s*<td [^>]*>([^<]+)</td>"
    assert re.findall(cells, table) == [
        ("Homework club", "Riverside Community Center", "4"),
        ("Pantry sorting", "Harbor Food Pantry", "2.5"),
        ("Kitchen helper", "Harbor Food Pantry", "3"),
    ]
    assert "Garden day" not in table and "Soup night" not in table
    assert 'href="/my/hours.csv"' in hours and 'href="/my/hours.pdf"' in hours


def test_the_csv_lists_each_verified_shift(client: FlaskClient, record: dict) -> None:
    response = signed_in(client, record["sam"]).get("/my/hours.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="volunteer-hours.csv"'
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["date", "opportunity", "organization", "hours"]
    assert [row[1:] for row in rows[1:]] == [
        ["Kitchen helper", "Harbor Food Pantry", "3"],
        ["Pantry sorting", "Harbor Food Pantry", "2.5"],
        ["Homework club", "Riverside Community Center", "4"],
    ]
    for row in rows[1:]:
        assert date.fromisoformat(row[0])


def test_a_title_that_looks_like_a_formula_stays_text(client: FlaskClient) -> None:
    sam = make_user()
    attended(organization(), sam, "=HYPERLINK(1)")
    rows = signed_in(client, sam).get("/my/hours.csv").get_data(as_text=True).splitlines()
    assert ",'=HYPERLINK(1)," in rows[1]


def test_the_letter_is_one_page_of_names_and_hours(client: FlaskClient, record: dict) -> None:
    response = signed_in(client, record["sam"]).get("/my/hours.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    pdf = response.data
    assert pdf.startswith(b"%PDF")
    assert b"/Count 1" in pdf and len(re.findall(rb"/Type /Page\b", pdf)) == 1
    for seen in (
        b"Letter of verified volunteer service",
        b"Sam Rivera",
        b"Date issued:",
        b"(Harbor Food Pantry)",
        b"(5.5)",
        b"(Riverside Community Center)",
        b"(4)",
        b"(9.5)",
        b"recorded by the organization after the shift",
        b"Volunteer Match",
    ):
        assert seen in pdf, seen
    text = pdf.decode("latin-1")
    assert recovery_words(text) == []
    for word in ("goal", "match", "routine", "Garden day", "Soup night", "missed"):
        assert word not in text.replace("Volunteer Match", ""), word


def test_the_letter_copes_with_any_name_and_many_organizations(client: FlaskClient) -> None:
    sam = make_user(display_name="Zoë Łukasz “Sam” 😀")
    for number in range(20):
        attended(organization(f"Community Garden {number:02d}"), sam, "Weeding", hours=1)
    pdf = signed_in(client, sam).get("/my/hours.pdf").data
    assert b"/Count 1" in pdf
    assert 'that Zoë Lukasz "Sam" gave 20 hours'.encode("latin-1") in pdf
    assert b"7 other organizations" in pdf and b"(20)" in pdf


def test_latin1_keeps_what_it_can() -> None:
    assert latin1("Café – “Zoë” … Łódź\tok\x07") == 'Café - "Zoë" ... Lódz ok'
    assert latin1("日本 😀 Sam") == "?? Sam"


def test_no_hours_yet_means_no_letter_yet(client: FlaskClient) -> None:
    sam_b = signed_in(client, make_user())
    hours = page_text(sam_b, "/my/hours")
    assert "No verified hours yet" in hours and "/my/hours.pdf" not in hours
    response = sam_b.get("/my/hours.pdf")
    assert response.status_code == 302
    assert "once an organization records your first shift" in page_text(sam_b, "/my/hours")
    assert sam_b.get("/my/hours.csv").get_data(as_text=True) == (
        "date,opportunity,organization,hours\r\n"
    )
