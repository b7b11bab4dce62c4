"""HTML blueprints: thin views that parse a form, call a service, flash and redirect.

Views never commit: the transaction boundary (volunteer_match.transaction) commits a view
that answers below 400 and rolls back one that raises or answers with an error status.
A view calls a service through :func:`attempt`, which turns the service's objections into
form errors or a flashed message and undoes what the failed call wrote; or through
:func:`attempt_or_flash` when a conflict (already done, too late) is news for a flash rather
than a problem with the form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import flash
from flask_wtf import FlaskForm

from volunteer_match import transaction
from volunteer_match.services.errors import (
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    Unauthorized,
    ValidationFailed,
)

P = ParamSpec("P")
T = TypeVar("T")


def show_errors_on_form(form: FlaskForm, error: DomainError, prefix: str = "") -> None:
    """Attach a service's field problems to the matching form fields (or the form itself)."""
    placed = False
    for name, problems in error.fields.items():
        field_name = name.removeprefix(prefix).replace(".", "_")
        field = getattr(form, field_name, None)
        if field is None:
            continue
        field.errors = [*field.errors, *problems]
        placed = True
    if not placed:
        form.form_errors.append(error.message)


def attempt(
    form: FlaskForm | None, action: Callable[P, T], *args: P.args, **kwargs: P.kwargs
) -> T | None:
    """Call a service for a page; None when it objected.

    Not-found and forbidden go on to the error pages. Any other objection rolls back what
    the call wrote, then lands on ``form`` (as field errors) or, with no form, is flashed.
    """
    try:
        return action(*args, **kwargs)
    except (NotFound, Forbidden, Unauthorized):
        raise
    except DomainError as error:
        transaction.rollback()
        if form is not None:
            show_errors_on_form(form, error)
        else:
            flash(error.message, "error")
        return None


def attempt_or_flash(
    form: FlaskForm | None,
    category: str,
    action: Callable[P, T],
    *args: P.args,
    **kwargs: P.kwargs,
) -> T | None:
    """Call a service for a page that redirects after it; None when it objected.

    A Conflict ("already verified", "the shift has started") is undone and flashed in
    ``category``. A ValidationFailed is undone and lands on ``form``; with no form it goes on
    to the error page, as do not-found, forbidden and any other objection.
    """
    try:
        return action(*args, **kwargs)
    except Conflict as error:
        transaction.rollback()
        flash(error.message, category)
    except ValidationFailed as error:
        if form is None:
            raise
        transaction.rollback()
        show_errors_on_form(form, error)
    return None


def form_status(form: FlaskForm) -> int:
    """422 when the form shows problems (so nothing is saved), else 200."""
    return 422 if form.errors or form.form_errors else 200
