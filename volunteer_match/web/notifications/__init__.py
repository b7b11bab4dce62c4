"""HTML pages: a person's in-app notifications."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)

from volunteer_match.web.notifications import views  # noqa: E402, F401
