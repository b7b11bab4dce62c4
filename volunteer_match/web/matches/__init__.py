"""HTML pages: matches for a volunteer, and people who might fit an opportunity."""

from flask import Blueprint

bp = Blueprint("matches", __name__)

from volunteer_match.web.matches import views  # noqa: E402, F401
