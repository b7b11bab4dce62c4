"""HTML pages: organizations."""

from flask import Blueprint

bp = Blueprint("orgs", __name__)

from volunteer_match.web.organizations import views  # noqa: E402, F401
