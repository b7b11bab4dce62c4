"""The transaction boundary: a request saves everything or nothing, and email leaves only
after the commit; a failed side effect never turns a saved change into an error; a database
that is away answers 503 with a plain message."""

from __future__ import annotations

import html
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask, flash, redirect
from sqlalchemy.orm import Session

from tests.conftest import base_config
from tests.factories import PASSWORD, csrf_token, make_user, new_shift, organization, use_outbox
from volunteer_match import create_app
from volunteer_match.extensions import db
from volunteer_match.models import ShiftRequest, User
from volunteer_match.services import requests


def sent(outbox: Path) -> list[str]:
    return sorted(path.read_text() for path in outbox.glob("*.eml"))


def asks(app: Flask, then: str) -> None:
    """A view that asks for a shift (which queues an email to the volunteer), then ends
    the way ``then`` says: ``ok``, ``raises`` or ``refuses`` (answers 422)."""

    @app.get("/test/ask/<int:volunteer_id>/<int:shift_id>")
    def ask(volunteer_id: int, shift_id: int):  # type: ignore[no-untyped-def]
        volunteer = db.session.get(User, volunteer_id)
        requests.create(volunteer, shift_id)
        if then == "raises":
            raise RuntimeError("something broke after the email was queued")
        return ("refused", 422) if then == "refuses" else ("asked", 200)


def request_count() -> int:
    return db.session.scalar(sa.select(sa.func.count(ShiftRequest.id))) or 0


@pytest.mark.parametrize(("then", "status"), [("raises", 500), ("refuses", 422)])
def test_a_failure_after_the_email_is_queued_sends_nothing_and_saves_nothing(
    app: Flask, tmp_path: Path, then: str, status: int
) -> None:
    outbox = use_outbox(app, tmp_path / "outbox")
    asks(app, then)
    shift, sam = new_shift(organization(), title="Kitchen helper"), make_user(display_name="Sam")

    response = app.test_client().get(f"/test/ask/{sam.id}/{shift.id}")

    assert response.status_code == status
    assert request_count() == 0
    assert sent(outbox) == []


def test_a_request_that_succeeds_saves_and_then_emails(app: Flask, tmp_path: Path) -> None:
    outbox = use_outbox(app, tmp_path / "outbox")
    asks(app, "ok")
    shift, sam = new_shift(organization(), title="Kitchen helper"), make_user(display_name="Sam")

    response = app.test_client().get(f"/test/ask/{sam.id}/{shift.id}")

    assert response.status_code == 200
    assert request_count() == 1
    [email] = sent(outbox)
    assert sam.email in email and "Kitchen helper" in email


def test_a_savepoint_inside_the_request_sends_nothing_early(app: Flask, tmp_path: Path) -> None:
    """Asking checks for a double ask inside a SAVEPOINT; releasing it is not the commit."""
    outbox = use_outbox(app, tmp_path / "outbox")
    staff = organization()
    first = new_shift(staff, title="Kitchen helper").id
    second = new_shift(staff, title="Pantry sorting", days=9).id
    sam = make_user(display_name="Sam")

    @app.get("/test/ask-twice/<int:volunteer_id>")
    def ask_twice(volunteer_id: int):  # type: ignore[no-untyped-def]
        volunteer = db.session.get(User, volunteer_id)
        requests.create(volunteer, first)  # queues an email
        requests.create(volunteer, second)  # its SAVEPOINT is released
        return "refused", 422

    assert app.test_client().get(f"/test/ask-twice/{sam.id}").status_code == 422
    assert request_count() == 0
    assert sent(outbox) == []


@contextmanager
def failing_commits_now() -> Iterator[None]:
    """Every COMMIT fails, as when the database goes away at that moment."""

    def fail(_session: Session) -> None:
        raise sa.exc.OperationalError("COMMIT", {}, Exception("database is locked"))

    sa.event.listen(Session, "before_commit", fail)
    try:
        yield
    finally:
        sa.event.remove(Session, "before_commit", fail)


def test_a_failed_commit_shows_no_saved_message(app: Flask) -> None:
    sam = make_user(display_name="Sam")

    @app.get("/test/rename/<int:volunteer_id>")
    def rename(volunteer_id: int):  # type: ignore[no-untyped-def]
        db.session.get(User, volunteer_id).display_name = "Samuel"
        flash("Your profile is saved.", "success")
        return redirect("/")

    client = app.test_client()
    with failing_commits_now():
        response = client.get(f"/test/rename/{sam.id}")
    assert response.status_code == 503
    assert "Your profile is saved." not in response.get_data(as_text=True)
    assert "Your profile is saved." not in client.get("/").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, sam.id).display_name == "Sam"


def test_a_sign_in_the_database_never_confirmed_signs_nobody_in(app: Flask) -> None:
    sam = make_user(display_name="Sam")
    client = app.test_client()
    form = {"email": sam.email, "password": PASSWORD, "csrf_token": csrf_token(client)}
    with failing_commits_now():
        assert client.post("/login", data=form).status_code == 503
    assert client.get("/my/shifts").status_code == 302  # still signed out: to the login page


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_mail_server_that_is_down_does_not_undo_a_saved_change(
    app: Flask, database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = base_config(database_url, tmp_path / "mailing")
    config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=closed_port(), MAIL_SUPPRESS_SEND=False)
    mailing = create_app(config)  # same database as ``app``, which empties it afterwards
    asks(mailing, "ok")
    shift, sam = new_shift(organization(), title="Kitchen helper"), make_user(display_name="Sam")

    response = mailing.test_client().get(f"/test/ask/{sam.id}/{shift.id}")

    assert response.status_code == 200  # the request was saved: no error for the person
    assert request_count() == 1
    assert "side effect failed after the commit" in caplog.text
    assert sam.email not in caplog.text  # nothing personal in the log
    with mailing.app_context():
        db.engine.dispose()


def test_rolling_back_forgets_queued_email(app: Flask, tmp_path: Path) -> None:
    """The same holds outside a request: a command that rolls back tells nobody."""
    outbox = use_outbox(app, tmp_path / "outbox")
    shift, sam = new_shift(organization(), title="Kitchen helper"), make_user(display_name="Sam")
    requests.create(sam, shift.id)
    db.session.rollback()
    db.session.commit()  # a later commit must not send what the rollback dropped
    assert sent(outbox) == []
    assert request_count() == 0


@pytest.fixture
def unreachable_app(tmp_path: Path) -> Flask:
    """An app whose database cannot be opened (its folder does not exist)."""
    url = f"sqlite:///{tmp_path / 'missing-folder' / 'db.sqlite3'}"
    return create_app(base_config(url, tmp_path / "instance"))


@pytest.mark.parametrize("path", ["/opportunities", "/organizations/1"])
def test_pages_answer_503_plainly_when_the_database_is_away(unreachable_app, path) -> None:
    response = unreachable_app.test_client().get(path)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    page = html.unescape(response.get_data(as_text=True))
    assert "We can't reach our database just now" in page
    assert "sqlite" not in page.lower() and "Traceback" not in page


def test_the_api_answers_503_json_when_the_database_is_away(unreachable_app) -> None:
    response = unreachable_app.test_client().get("/api/v1/opportunities")
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "unavailable"
