"""HTML pages: asking for shifts, deciding requests, rosters, attendance and verified hours."""

from flask import Blueprint

bp = Blueprint("requests", __name__)

from volunteer_match.web.requests import hours, review, roster, views  # noqa: E402, F401
