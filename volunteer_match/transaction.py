"""The transaction boundary: one commit per request, and side effects only after it.

Every view runs inside :func:`boundary` (the app's ``dispatch_request`` calls it). It commits
when the view answers below 400 and rolls back when the view raises or answers with an
error status, so views and services never commit or roll back themselves.

Whatever leaves the process (email, RQ jobs) is queued on the database session with
:func:`after_commit` and runs only once the transaction has committed: a rolled-back action
tells nobody anything. A side effect that fails after the commit is logged and skipped; the
write it followed has been saved, so the request still succeeds.

Command-line tools and background jobs commit their own work; the same queue serves them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, session
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session, SessionTransaction

from volunteer_match.extensions import db

log = logging.getLogger(__name__)

_QUEUE = "after_commit"


def after_commit(action: Callable[[], Any]) -> None:
    """Run ``action`` once the current transaction commits; drop it if it rolls back.

    ``action`` must not touch the database session: pass it plain values, not models.
    """
    db.session.info.setdefault(_QUEUE, []).append(action)


def rollback() -> None:
    """Undo everything the request wrote so far, and forget its queued side effects."""
    db.session.rollback()


def boundary(view: Callable[[], ResponseReturnValue], app: Flask) -> Response:
    """Run ``view``; commit if it answered below 400, roll back otherwise.

    If the commit itself fails, the browser session goes back to what it was before the
    view ran: no "saved" message on the error page, no sign-in or sign-out that the
    database never recorded."""
    before = dict(session)
    try:
        response = app.make_response(view())
    except BaseException:
        db.session.rollback()
        raise
    if response.status_code >= 400:
        db.session.rollback()
        return response
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        session.clear()
        session.update(before)
        raise
    return response


class TransactionalFlask(Flask):
    """Flask whose every view runs inside one transaction boundary."""

    def dispatch_request(self) -> Response:
        return boundary(super().dispatch_request, self)


@sa.event.listens_for(Session, "after_commit")
def _run_queued(db_session: Session) -> None:
    if db_session.in_nested_transaction():  # a SAVEPOINT was released: nothing is saved yet
        return
    for action in db_session.info.pop(_QUEUE, []):
        try:
            action()
        except Exception as exc:  # the write is saved; a failed side effect can't undo it
            # The type only: an SMTP or Redis error's text can carry an address.
            log.error(
                "A side effect failed after the commit (%s); the saved change stands",
                type(exc).__name__,
            )


@sa.event.listens_for(Session, "after_transaction_end")
def _drop_unsent(db_session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the outermost transaction ended without a commit
        db_session.info.pop(_QUEUE, None)
