"""The API blueprint with every resource attached (import this to register it)."""

from volunteer_match.api import (  # noqa: F401  (each module adds its routes)
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
from volunteer_match.api.blueprint import bp

__all__ = ["bp"]
