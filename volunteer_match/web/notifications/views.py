"""The notifications page: newest first; marking them read is one button."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from volunteer_match.services import notifications

bp = Blueprint("notifications", "volunteer_match.web.notifications")


class MarkReadForm(FlaskForm):
    """Only the CSRF token."""


@bp.get("/notifications")
@login_required
def index() -> ResponseReturnValue:
    items = notifications.recent_for(current_user)
    return render_template("notifications/index.html", items=items, form=MarkReadForm())


@bp.post("/notifications/read")
@login_required
def mark_read() -> ResponseReturnValue:
    if MarkReadForm().validate_on_submit():
        notifications.mark_all_read(current_user)
        flash("All caught up.", "success")
    return redirect(url_for("notifications.index"))
