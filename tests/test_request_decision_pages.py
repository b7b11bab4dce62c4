"""Requests on pages from the coordinator's side: approving, declining with a note, sending a
message, the queue (kind about missed shifts, only requests they may decide), who may do what,
the links and the admin's outbox, and no approving once the shift has started.

The volunteer's side (asking, cancelling, the waiting list) is in test_request_asking_pages.py.
Shifts come from factories.new_shift (a new opportunity each time, a week ahead, 3 hours).
"""

from __future__ import annotations

import html

import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import (
    asked,
    flashes,
    make_user,
    new_shift,
    organization,
    page_text,
    section,
    send,
    share,
    signed_in,
    start_shift,
    status_of,
    text_of,
)
from volunteer_match.extensions import db
from volunteer_match.models import Notification, RequestStatus, ShiftRequest

S = RequestStatus


# ---------------------------------------------------------------- deciding


def test_approving_twice_changes_nothing(client: FlaskClient) -> None:
    shift = new_shift(organization(), capacity=3)
    robin = make_user("coordinator")
    item = asked(make_user(), shift)
    robin_b = signed_in(client, robin)
    send(robin_b, f"/requests/{item.id}/approve")
    again = flashes(robin_b, send(robin_b, f"/requests/{item.id}/approve"))
    assert "This request is approved, so it can't change that way." in again
    db.session.refresh(shift)
    assert status_of(item) == S.APPROVED.value and shift.filled == 1


def test_declining_needs_a_kind_note_which_the_volunteer_reads(client: FlaskClient) -> None:
    shift = new_shift(organization(), title="Kitchen helper")
    robin = make_user("coordinator")
    sam = make_user(display_name="Sam")
    item = asked(sam, shift)
    robin_b = signed_in(client, robin)

    empty = send(robin_b, f"/requests/{item.id}/decline", {f"decline-{item.id}-note": "  "})
    assert empty.status_code == 422
    shown = text_of(empty)
    assert 'class="error-summary"' in shown and "Add a short, kind note saying why." in shown
    assert f'href="#decline-{item.id}-note"' in shown
    assert status_of(item) == S.PENDING.value

    note = "This one needs a food handler card. The Tuesday pantry shift would suit you."
    done = flashes(
        robin_b, send(robin_b, f"/requests/{item.id}/decline", {f"decline-{item.id}-note": note})
    )
    assert "Declined. We've passed your note on to Sam." in done
    assert status_of(item) == S.DECLINED.value

    past = section(page_text(signed_in(client, sam), "/my/shifts"), "past-title")
    assert "Not approved this time" in past and f"A note for you: {note}" in past
    assert "/cancel" not in past


def test_a_coordinator_sends_a_message(client: FlaskClient) -> None:
    shift = new_shift(organization())
    robin = make_user("coordinator", display_name="Robin")
    sam = make_user(display_name="Sam")
    item = asked(sam, shift)
    robin_b = signed_in(client, robin)
    field = f"message-{item.id}-note"
    assert send(robin_b, f"/requests/{item.id}/message", {field: ""}).status_code == 422
    sent = flashes(robin_b, send(robin_b, f"/requests/{item.id}/message", {field: "Call me?"}))
    assert "Your message is on its way to Sam." in sent
    messages = db.session.scalars(
        sa.select(Notification.message).where(
            Notification.user_id == sam.id, Notification.kind == "request.message"
        )
    ).all()
    assert messages == ["Robin wrote: Call me?"]
    assert status_of(item) == S.PENDING.value


def test_the_queue_is_kind_about_missed_shifts(client: FlaskClient) -> None:
    staff = organization()
    sam = make_user(display_name="Sam")
    history = [(S.ATTENDED.value, 4.0), (S.NO_SHOW.value, None), (S.NO_SHOW.value, None)]
    for number, (status, hours) in enumerate(history):
        past = new_shift(staff, title=f"Earlier shift {number}")
        start_shift(past, hours_ago=48 + number * 24)
        db.session.add(
            ShiftRequest(volunteer_id=sam.id, shift_id=past.id, status=status, hours=hours)
        )
    db.session.commit()
    asked(sam, new_shift(staff, title="Kitchen helper"))
    queue = page_text(signed_in(client, make_user("coordinator")), "/coordinator/requests")
    card = section(queue, "pending-title")
    assert "4 verified hours over 1 shift attended" in card
    assert "Missed 2 shifts — might be worth a check-in" in card


def test_a_coordinator_sees_only_requests_they_may_decide(client: FlaskClient) -> None:
    shift = new_shift(organization(), title="Kitchen helper")
    robin, casey = make_user("coordinator"), make_user("coordinator")
    sam = make_user(display_name="Sam Mine")
    share(sam, casey)
    item = asked(sam, shift)
    robin_b = signed_in(client, robin)
    assert "Sam Mine" not in page_text(robin_b, "/coordinator/requests")
    assert send(robin_b, f"/requests/{item.id}/approve").status_code == 404
    assert status_of(item) == S.PENDING.value
    assert "Sam Mine" in page_text(signed_in(client, casey), "/coordinator/requests")


# ---------------------------------------------------------------- who may do what


def test_wrong_roles_and_anonymous_people(client: FlaskClient) -> None:
    staff = organization()
    shift = new_shift(staff)
    sam, lee = make_user(display_name="Sam"), make_user(display_name="Lee")
    item = asked(sam, shift)

    for url in ("/my/shifts", "/my/hours", "/coordinator/requests", "/admin/outbox"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    lee_b = signed_in(client, lee)
    assert lee_b.get("/coordinator/requests").status_code == 403
    assert lee_b.get("/admin/outbox").status_code == 403
    assert send(lee_b, f"/requests/{item.id}/approve").status_code == 403
    assert send(lee_b, f"/requests/{item.id}/cancel").status_code == 404  # not Lee's
    assert status_of(item) == S.PENDING.value

    staff_b = signed_in(client, staff)
    assert staff_b.get("/my/shifts").status_code == 403
    assert send(staff_b, f"/shifts/{shift.id}/request").status_code == 403
    coordinator_b = signed_in(client, make_user("coordinator"))
    assert coordinator_b.get("/admin/outbox").status_code == 403
    assert send(coordinator_b, f"/requests/{item.id}/cancel").status_code == 403
    assert send(signed_in(client, sam), "/shifts/999999/request").status_code == 404


# ---------------------------------------------------------------- links and the outbox


def test_navigation_and_dashboards_link_to_the_new_pages(client: FlaskClient) -> None:
    sam_b = signed_in(client, make_user())
    dashboard = page_text(sam_b, "/volunteer")
    assert 'href="/my/shifts"' in dashboard and 'href="/my/hours"' in dashboard
    assert "Coming soon" not in dashboard
    admin_b = signed_in(client, make_user("admin"))
    admin = page_text(admin_b, "/admin")
    assert "0 requests are waiting" in admin and 'href="/coordinator/requests"' in admin
    assert 'href="/admin/outbox"' in admin
    assert ">Requests</a>" in admin


def test_the_admin_reads_the_outbox_as_escaped_text(client: FlaskClient) -> None:
    shift = new_shift(organization(), title="Kitchen helper")
    asked(make_user(display_name="<b>Sam</b>"), shift)
    admin_b = signed_in(client, make_user("admin"))
    response = admin_b.get("/admin/outbox")
    raw = response.get_data(as_text=True)
    assert "emails aren't sent" in html.unescape(raw)
    assert "Subject: An update about your volunteering" in raw
    assert "Hello &lt;b&gt;Sam&lt;/b&gt;" in raw and "<b>Sam</b>" not in raw
    assert "You asked for the Kitchen helper shift." in raw


# ---------------------------------------------------------------- once the shift has started


def test_a_request_cannot_be_approved_once_the_shift_has_started(client: FlaskClient) -> None:
    shift = new_shift(organization())
    item = asked(make_user(), shift)
    start_shift(shift, hours_ago=5)
    robin_b = signed_in(client, make_user("coordinator"))
    refused = flashes(robin_b, send(robin_b, f"/requests/{item.id}/approve"))
    assert "This shift has already started." in refused
    assert status_of(item) == S.PENDING.value
