"""The requests blueprint with all its pages attached (import this to register it)."""

from volunteer_match.web.requests import hours, review, roster, views  # noqa: F401  (add routes)
from volunteer_match.web.requests.blueprint import bp

__all__ = ["bp"]
