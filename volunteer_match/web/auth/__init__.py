"""Register, log in and log out on HTML pages."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from volunteer_match.web.auth import views  # noqa: E402, F401
