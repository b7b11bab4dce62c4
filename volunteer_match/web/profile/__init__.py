"""HTML pages: profile."""

from flask import Blueprint

bp = Blueprint("profile", __name__)

from volunteer_match.web.profile import views  # noqa: E402, F401
