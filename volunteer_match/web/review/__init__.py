"""HTML pages: review."""

from flask import Blueprint

bp = Blueprint("review", __name__)

from volunteer_match.web.review import views  # noqa: E402, F401
