"""HTML pages for a person's own account: download their data, or delete the account."""

from flask import Blueprint

bp = Blueprint("account", __name__)

from volunteer_match.web.account import views  # noqa: E402, F401
