"""Coordinator caseloads on pages: who may open them, the invite code button, a volunteer
reading what is shared, agreeing and stopping, unlinking first, and the dashboard links.

The JSON API and the services behind them are in test_caseload_api.py.
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from tests.factories import CONSENT_SCOPE as SCOPE
from tests.factories import csrf_token, invite, login, make_user, share, text_of
from volunteer_match.extensions import db
from volunteer_match.models import InviteCode
from volunteer_match.services import caseload
from volunteer_match.services.errors import Conflict

# ------------------------------------------------------------------------------ pages


@pytest.mark.parametrize(("role", "status"), [("volunteer", 403), ("organization", 403),
                                              ("coordinator", 200), ("admin", 200)])  # fmt: skip
def test_only_coordinators_and_admins_open_the_caseload(client, role: str, status: int) -> None:
    login(client, make_user(role).email)
    assert client.get("/coordinator/caseload").status_code == status
    token = csrf_token(client, "/notifications")
    response = client.post("/coordinator/caseload/invite-codes", data={"csrf_token": token})
    assert response.status_code == status


def test_only_volunteers_open_my_coordinator(client: FlaskClient) -> None:
    assert client.get("/my/coordinator").headers["Location"].startswith("/login")
    assert client.get("/coordinator/caseload").headers["Location"].startswith("/login")
    login(client, make_user("coordinator").email)
    assert client.get("/my/coordinator").status_code == 403


def test_the_invite_code_button_shows_the_code_once(client: FlaskClient) -> None:
    robin = make_user("coordinator")
    login(client, robin.email)
    page = text_of(client.get("/coordinator/caseload"))
    assert "Make an invite code" in page
    token = csrf_token(client, "/coordinator/caseload")
    response = client.post("/coordinator/caseload/invite-codes", data={"csrf_token": token})
    assert response.status_code == 200
    shown = re.search(r'class="invite-code">([A-Z0-9]{8})<', text_of(response))
    assert shown, text_of(response)
    assert db.session.scalar(sa.select(InviteCode).where(InviteCode.code == shown.group(1)))
    assert shown.group(1) not in text_of(client.get("/coordinator/caseload"))
    assert client.post("/coordinator/caseload/invite-codes").status_code == 400  # no CSRF


def test_a_volunteer_reads_what_is_shared_agrees_and_can_stop(client: FlaskClient) -> None:
    robin = make_user("coordinator", display_name="Robin")
    sam = make_user(display_name="Sam")
    login(client, sam.email)
    page = text_of(client.get("/my/coordinator"))
    for said in ("your shifts and your requests", "your verified hours", "match reasons",
                 "last active", "Organizations never see", "I agree"):  # fmt: skip
        assert said in page, said

    code = invite(robin)
    token = csrf_token(client, "/my/coordinator")
    response = client.post("/my/coordinator", data={"csrf_token": token, "invite_code": code})
    assert response.status_code == 422
    assert "Tick “I agree”" in text_of(response) and caseload.current_link(sam) is None

    response = client.post(
        "/my/coordinator", data={"csrf_token": token, "invite_code": "NOPE2345", "agree": "y"}
    )
    assert response.status_code == 422 and "didn't work" in text_of(response)

    response = client.post(
        "/my/coordinator", data={"csrf_token": token, "invite_code": code, "agree": "y"}
    )
    assert response.status_code == 302
    page = text_of(client.get("/my/coordinator"))
    assert "You're now sharing your volunteering with Robin." in page
    assert "Stop sharing with my coordinator" in page
    assert caseload.current_link(sam).consent_scope == SCOPE

    assert client.post("/my/coordinator/stop").status_code == 400  # no CSRF token
    response = client.post("/my/coordinator/stop", data={"csrf_token": token})
    assert response.status_code == 302
    assert "You've stopped sharing." in text_of(client.get("/my/coordinator"))
    assert caseload.current_link(sam) is None


def test_a_second_link_needs_unlinking_first(app: Flask) -> None:
    sam = make_user()
    share(sam, make_user("coordinator"))
    with pytest.raises(Conflict, match="Unlink first"):
        caseload.link(sam, invite(make_user("coordinator")))


def test_dashboards_link_to_the_caseload_pages(client: FlaskClient) -> None:
    login(client, make_user("coordinator").email)
    assert 'href="/coordinator/caseload"' in text_of(client.get("/coordinator"))
    client.post("/logout", data={"csrf_token": csrf_token(client, "/coordinator")})
    login(client, make_user().email)
    page = text_of(client.get("/volunteer"))
    assert 'href="/my/coordinator">My coordinator<' in page
    assert 'href="/my/calendar">Add my shifts to my calendar<' in page


def test_the_page_says_unlink_first_when_already_sharing(client: FlaskClient) -> None:
    sam = make_user()
    share(sam, make_user("coordinator", display_name="Robin"))
    login(client, sam.email)
    token = csrf_token(client, "/my/coordinator")
    code = invite(make_user("coordinator"))
    response = client.post(
        "/my/coordinator", data={"csrf_token": token, "invite_code": code, "agree": "y"}
    )
    assert response.status_code == 422
    assert "Unlink first" in text_of(response) and "Robin" in text_of(response)
