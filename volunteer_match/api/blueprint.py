"""The API blueprint under /api/v1, which each resource module adds its routes to."""

from flask import Blueprint

bp = Blueprint("api", "volunteer_match.api", url_prefix="/api/v1")
