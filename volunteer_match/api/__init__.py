"""The JSON API under /api/v1 (see shared design API.md): thin views over the services."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from volunteer_match.api import (  # noqa: E402, F401
    accounts,
    caseload,
    matches,
    openapi,
    opportunities,
    organizations,
    privacy,
    profile,
    requests,
)
