"""HTML pages: a coordinator's caseload, and a volunteer's choice to share with one."""

from flask import Blueprint

bp = Blueprint("caseload", __name__)

from volunteer_match.web.caseload import views  # noqa: E402, F401
