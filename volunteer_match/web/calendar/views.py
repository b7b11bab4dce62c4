"""Calendar files: a shift's .ics, a volunteer's page to manage their private feed link, and
the feed itself (no login: the secret link is the key)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from volunteer_match.auth_session import role_required
from volunteer_match.models import Role
from volunteer_match.responses import ics_response
from volunteer_match.services import calendar, shifts

bp = Blueprint("calendar", "volunteer_match.web.calendar")


@bp.get("/shifts/<int:shift_id>.ics")
def shift_ics(shift_id: int) -> ResponseReturnValue:
    viewer = current_user if current_user.is_authenticated else None
    shift = shifts.get_for_viewer(shift_id, viewer)
    return ics_response(calendar.shift_ics(shift), f"shift-{shift.id}.ics")


@bp.get("/calendar/<token>.ics")
def feed(token: str) -> ResponseReturnValue:
    user = calendar.user_for_feed_token(token)
    if user is None:
        abort(404)
    return ics_response(calendar.feed_ics(user))


def _page(new_link: str | None = None) -> str:
    return render_template(
        "calendar/index.html", has_feed=calendar.has_feed(current_user), new_link=new_link
    )


@bp.get("/my/calendar")
@role_required(Role.VOLUNTEER.value)
def index() -> ResponseReturnValue:
    return _page()


@bp.post("/my/calendar/link")
@role_required(Role.VOLUNTEER.value)
def make_link() -> ResponseReturnValue:
    token = calendar.new_feed_token(current_user)
    return _page(url_for("calendar.feed", token=token, _external=True))


@bp.post("/my/calendar/off")
@role_required(Role.VOLUNTEER.value)
def turn_off() -> ResponseReturnValue:
    if calendar.turn_off_feed(current_user):
        flash("Your calendar link is turned off. Calendars using it stop updating.", "success")
    else:
        flash("Your calendar link was already off.", "info")
    return redirect(url_for("calendar.index"))
