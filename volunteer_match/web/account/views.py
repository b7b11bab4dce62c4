"""Account pages: a copy of one's data as a JSON file, and deleting the account for good."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, logout_user

from volunteer_match.extensions import limiter
from volunteer_match.responses import data_file_response
from volunteer_match.services import privacy
from volunteer_match.web import attempt, form_status
from volunteer_match.web.account.forms import DeleteAccountForm

bp = Blueprint("account", "volunteer_match.web.account")


def _page(form: DeleteAccountForm) -> ResponseReturnValue:
    return render_template("account/index.html", form=form), form_status(form)


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
    attempt(form, privacy.erase, current_user._get_current_object(), form.password.data or "")
    if form.errors:  # erase returns nothing; a wrong password lands on the form
        return _page(form)
    logout_user()
    session.clear()
    flash(
        "Your account and your personal data have been deleted. Thank you for the time you "
        "gave. You're welcome back any time.",
        "success",
    )
    return redirect(url_for("main.index"))
