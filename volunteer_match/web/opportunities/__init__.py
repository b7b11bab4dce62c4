"""HTML pages: opportunities."""

from flask import Blueprint

bp = Blueprint("opportunities", __name__)

from volunteer_match.web.opportunities import views  # noqa: E402, F401
