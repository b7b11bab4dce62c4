"""Organization staff add, change and cancel shifts; times are their own wall-clock times."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import (
    add_shift,
    csrf_token,
    html_of,
    login,
    make_user,
    new_organization,
    post,
    send,
)
from volunteer_match.extensions import db
from volunteer_match.models import Notification, Opportunity, Shift, ShiftRequest, User, utcnow

NEW_YORK = ZoneInfo("America/New_York")  # the deployment's default zone in tests


def soon(days: int = 3) -> date:
    return datetime.now(NEW_YORK).date() + timedelta(days=days)


def shift_form(**fields: str) -> dict[str, str]:
    form = {
        "date": soon().isoformat(),
        "starts_at": "17:00",
        "ends_at": "21:00",
        "capacity": "4",
        "repeat_weekly": "1",
    }
    return {**form, **fields}


def staff_with_opportunity(client: FlaskClient) -> tuple[User, Opportunity]:
    user, _ = new_organization()
    opportunity = post(user, "Kitchen helper")
    login(client, user.email)
    return user, opportunity


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def test_a_weekly_series_of_twelve_shifts_in_one_post(client: FlaskClient) -> None:
    _, opportunity = staff_with_opportunity(client)
    form_page = html_of(client.get(f"/opportunities/{opportunity.id}/shifts/new"))
    assert "When — Eastern time (New York)" in form_page
    response = send(
        client, f"/opportunities/{opportunity.id}/shifts/new", shift_form(repeat_weekly="12")
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/opportunities/{opportunity.id}/shifts"
    created = db.session.scalars(sa.select(Shift).order_by(Shift.starts_at)).all()
    assert len(created) == 12
    for week, shift in enumerate(created):  # the same local time every week, across DST
        local = shift.starts_at.astimezone(NEW_YORK)
        assert local.date() == soon() + timedelta(weeks=week)
        assert (local.hour, local.minute) == (17, 0)
        assert shift.ends_at - shift.starts_at == timedelta(hours=4)

    page = html_of(client.get(response.headers["Location"]))
    assert "We added 12 weekly shifts" in page
    for week in range(12):
        assert f"{day_label(soon() + timedelta(weeks=week))}, 5:00 pm – 9:00 pm E" in page
    assert page.count("Cancel the shift") == 12

    # Once verified, a volunteer sees all twelve on the opportunity page, with places left.
    opportunity.organization.verified_at = utcnow()
    db.session.commit()
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, make_user("volunteer").email)
    public = html_of(client.get(f"/opportunities/{opportunity.id}"))
    for week in range(12):
        assert f"{day_label(soon() + timedelta(weeks=week))}, 5:00 pm – 9:00 pm E" in public
    assert public.count("places left") == 12


def test_an_end_before_the_start_is_an_overnight_shift(client: FlaskClient) -> None:
    _, opportunity = staff_with_opportunity(client)
    url = f"/opportunities/{opportunity.id}/shifts/new"
    response = send(client, url, shift_form(starts_at="22:00", ends_at="06:00"))
    assert response.status_code == 302
    shift = db.session.scalar(sa.select(Shift))
    start, end = shift.starts_at.astimezone(NEW_YORK), shift.ends_at.astimezone(NEW_YORK)
    assert (start.date(), start.hour) == (soon(), 22)
    assert (end.date(), end.hour) == (soon() + timedelta(days=1), 6)


def test_shift_form_problems_are_shown(client: FlaskClient) -> None:
    _, opportunity = staff_with_opportunity(client)
    url = f"/opportunities/{opportunity.id}/shifts/new"
    cases = [
        (shift_form(capacity="0"), "Capacity is the number of places: 1 to 1000."),
        (shift_form(repeat_weekly="53"), "Repeat for 1 to 52 weeks."),
        (shift_form(date=(soon(-2)).isoformat()), "Choose a time in the future."),
        (shift_form(date=""), "Choose the day of the shift."),
        (shift_form(starts_at="5pm"), "Enter a time like 09:00."),
    ]
    for data, message in cases:
        response = send(client, url, data)
        assert response.status_code == 422, message
        assert message in html_of(response), message
    assert db.session.scalar(sa.select(sa.func.count(Shift.id))) == 0


def test_no_shifts_for_a_closed_opportunity(client: FlaskClient) -> None:
    _, opportunity = staff_with_opportunity(client)
    send(client, f"/opportunities/{opportunity.id}/close")
    response = send(client, f"/opportunities/{opportunity.id}/shifts/new", shift_form())
    assert response.status_code == 422
    assert "Reopen this opportunity before adding shifts." in html_of(response)


def test_changing_a_shift(client: FlaskClient) -> None:
    user, opportunity = staff_with_opportunity(client)
    shift = add_shift(user, opportunity, time(9), day=soon(), hours=4)
    url = f"/shifts/{shift.id}/edit"
    assert f'value="{soon().isoformat()}T09:00"' in html_of(client.get(url))
    later = soon(4).isoformat()
    response = send(
        client, url, {"starts_at": f"{later}T10:30", "ends_at": f"{later}T12:00", "capacity": "8"}
    )
    assert response.status_code == 302
    db.session.refresh(shift)
    local = shift.starts_at.astimezone(NEW_YORK)
    assert (local.date(), local.hour, local.minute) == (soon(4), 10, 30)
    assert shift.capacity == 8
    assert "10:30 am – 12:00 pm" in html_of(client.get(response.headers["Location"]))


def test_a_shift_cannot_end_before_it_starts(client: FlaskClient) -> None:
    user, opportunity = staff_with_opportunity(client)
    shift = add_shift(user, opportunity, time(9), day=soon(), hours=4)
    day = soon().isoformat()
    response = send(
        client,
        f"/shifts/{shift.id}/edit",
        {"starts_at": f"{day}T15:00", "ends_at": f"{day}T11:00", "capacity": "5"},
    )
    assert response.status_code == 422
    assert "The shift has to end after it starts." in html_of(response)
    db.session.refresh(shift)
    assert shift.starts_at.astimezone(NEW_YORK).hour == 9


def test_capacity_cannot_drop_below_the_approved_volunteers(client: FlaskClient) -> None:
    user, opportunity = staff_with_opportunity(client)
    shift = add_shift(user, opportunity, time(9), capacity=5, day=soon(), hours=4)
    shift.filled = 3  # three volunteers already approved
    db.session.commit()
    day = soon().isoformat()
    response = send(
        client,
        f"/shifts/{shift.id}/edit",
        {"starts_at": f"{day}T09:00", "ends_at": f"{day}T13:00", "capacity": "2"},
    )
    assert response.status_code == 422
    assert "3 volunteers are already approved for this shift" in html_of(response)
    db.session.refresh(shift)
    assert shift.capacity == 5


def test_cancelling_a_shift_tells_the_volunteer_who_asked(client: FlaskClient) -> None:
    user, opportunity = staff_with_opportunity(client)
    shift = add_shift(user, opportunity, time(9), day=soon(), hours=4)
    volunteer = make_user("volunteer", display_name="Robin")
    request = ShiftRequest(volunteer_id=volunteer.id, shift_id=shift.id, status="pending")
    db.session.add(request)
    db.session.commit()
    response = send(
        client, f"/shifts/{shift.id}/cancel", {f"shift-{shift.id}-reason": "The kitchen flooded."}
    )
    assert response.status_code == 302
    db.session.refresh(shift)
    db.session.refresh(request)
    assert shift.status == "cancelled" and request.status == "cancelled"
    note = db.session.scalar(sa.select(Notification).where(Notification.user_id == volunteer.id))
    assert note is not None and "The kitchen flooded." in note.message
    page = html_of(client.get(response.headers["Location"]))
    assert "is cancelled" in page and "No upcoming shifts" in page


def test_another_organization_cannot_touch_these_shifts(client: FlaskClient) -> None:
    owner, _ = new_organization()
    opportunity = post(owner, "Kitchen helper")
    shift = add_shift(owner, opportunity, time(9), day=soon(), hours=4)
    intruder, _ = new_organization("Other Place")
    login(client, intruder.email)
    assert client.get(f"/shifts/{shift.id}/edit").status_code == 404
    edit = {"starts_at": f"{soon()}T09:00", "ends_at": f"{soon()}T10:00", "capacity": "1"}
    assert send(client, f"/shifts/{shift.id}/edit", edit).status_code == 404
    assert send(client, f"/shifts/{shift.id}/cancel").status_code == 404
    new = send(client, f"/opportunities/{opportunity.id}/shifts/new", shift_form())
    assert new.status_code == 404
    db.session.refresh(shift)
    assert shift.status == "scheduled" and shift.capacity == 5
    assert db.session.scalar(sa.select(sa.func.count(Shift.id))) == 1
