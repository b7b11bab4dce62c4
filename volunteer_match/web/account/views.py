"""Account pages: a copy of one's data as a JSON file, and deleting the account for good."""

from __future__ import annotations

import json
from typing import Any

from flask import Response, current_app, flash, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, logout_user

from volunteer_match.extensions import db, limiter
from volunteer_match.services import privacy
from volunteer_match.services.errors import DomainError
from volunteer_match.web import show_errors_on_form
from volunteer_match.web.account import bp
from volunteer_match.web.account.forms import DeleteAccountForm

EXPORT_FILENAME = "volunteer-match-data.json"


def data_file_response(data: dict[str, Any]) -> Response:
    """A person's data as a JSON download; private, so never kept by shared caches."""
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{EXPORT_FILENAME}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _page(form: DeleteAccountForm) -> ResponseReturnValue:
    status = 422 if form.errors or form.form_errors else 200
    return render_template("account/index.html", form=form), status


@bp.get("/account")
@login_required
def index() -> ResponseReturnValue:
    return _page(DeleteAccountForm())


@bp.get("/account/export.json")
@login_required
def export() -> ResponseReturnValue:
    return data_file_response(privacy.export(current_user._get_current_object()))


@bp.post("/account/delete")
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
@login_required
def delete() -> ResponseReturnValue:
    form = DeleteAccountForm()
    if not form.validate_on_submit():
        return _page(form)
    try:
        privacy.erase(current_user._get_current_object(), form.password.data or "")
    except DomainError as error:
        db.session.rollback()
        show_errors_on_form(form, error)
        return _page(form)
    db.session.commit()
    logout_user()
    session.clear()
    flash(
        "Your account and your personal data have been deleted. Thank you for the time you "
        "gave. You're welcome back any time.",
        "success",
    )
    return redirect(url_for("main.index"))
