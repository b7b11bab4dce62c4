"""People see their own notifications, newest first, and can mark them read."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.factories import csrf_token, login, make_user
from volunteer_match.extensions import db
from volunteer_match.services import notifications


def test_people_see_only_their_own_notifications(client: FlaskClient) -> None:
    sam = make_user(email="sam@example.org")
    other = make_user(email="kim@example.org")
    notifications.notify(sam.id, "shift.cancelled", "Your Tuesday shift was cancelled.", "/x")
    notifications.notify(other.id, "shift.cancelled", "Someone else's news.")
    db.session.commit()

    login(client, sam.email)
    page = client.get("/notifications").get_data(as_text=True)
    assert "Your Tuesday shift was cancelled." in page
    assert "Someone else&#39;s news." not in page and "Someone else's news." not in page
    assert notifications.unread_count(sam) == 1


def test_mark_all_read(client: FlaskClient) -> None:
    sam = make_user()
    notifications.notify(sam.id, "organization.verified", "Harbor is verified.")
    db.session.commit()
    login(client, sam.email)
    response = client.post(
        "/notifications/read", data={"csrf_token": csrf_token(client, "/notifications")}
    )
    assert response.status_code == 302
    assert notifications.unread_count(sam) == 0
    assert "Harbor is verified." in client.get("/notifications").get_data(as_text=True)


def test_notifications_need_a_login(client: FlaskClient) -> None:
    assert client.get("/notifications").status_code == 302
    assert client.post("/notifications/read").status_code == 400  # no CSRF token
