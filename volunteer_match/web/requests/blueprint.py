"""The requests blueprint, which views, review, roster and hours add their routes to."""

from flask import Blueprint

bp = Blueprint("requests", "volunteer_match.web.requests")
