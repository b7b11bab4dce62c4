"""The home page and each role's dashboard."""

from flask import Blueprint

bp = Blueprint("main", __name__)

from volunteer_match.web.main import views  # noqa: E402, F401
