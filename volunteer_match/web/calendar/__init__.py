"""HTML and calendar-app routes: a shift's .ics file and a volunteer's private feed link."""

from flask import Blueprint

bp = Blueprint("calendar", __name__)

from volunteer_match.web.calendar import views  # noqa: E402, F401
