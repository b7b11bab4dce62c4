"""Home page and dashboards. Later features add their panels to these dashboards."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from volunteer_match.auth_session import role_required
from volunteer_match.models import REVIEWER_ROLES, Role
from volunteer_match.services import clock, dashboards, matching, profiles
from volunteer_match.web.matches.views import shift_span

bp = Blueprint("main", "volunteer_match.web.main")

DASHBOARD_MATCHES = 3

DASHBOARDS = {
    Role.VOLUNTEER.value: "main.volunteer_dashboard",
    Role.ORGANIZATION.value: "main.organization_dashboard",
    Role.COORDINATOR.value: "main.coordinator_dashboard",
    Role.ADMIN.value: "main.admin_dashboard",
}


@bp.route("/")
def index() -> ResponseReturnValue:
    return render_template("home.html", counts=dashboards.site_counts())


@bp.route("/dashboard")
@login_required
def dashboard() -> ResponseReturnValue:
    return redirect(url_for(DASHBOARDS[current_user.role]))


@bp.route("/volunteer")
@role_required(Role.VOLUNTEER.value)
def volunteer_dashboard() -> ResponseReturnValue:
    profile = dashboards.volunteer_profile(current_user)
    completeness = profiles.completeness(profile) if profile else None
    zone = clock.zone(profile.timezone if profile else None)
    return render_template(
        "dashboard/volunteer.html",
        profile=profile,
        completeness=completeness,
        matches=matching.matches_for(current_user, DASHBOARD_MATCHES),
        zone_name=clock.zone_label(zone.key),
        span=lambda match: shift_span(match, zone),
    )


@bp.route("/organization")
@role_required(Role.ORGANIZATION.value)
def organization_dashboard() -> ResponseReturnValue:
    summary = dashboards.organization_summary(current_user)
    timezone = summary.organization.timezone if summary.organization else None
    return render_template(
        "dashboard/organization.html", summary=summary, zone=clock.zone(timezone)
    )


@bp.route("/coordinator")
@role_required(*REVIEWER_ROLES)
def coordinator_dashboard() -> ResponseReturnValue:
    return render_template("dashboard/coordinator.html", counts=dashboards.site_counts())


@bp.route("/admin")
@role_required(Role.ADMIN.value)
def admin_dashboard() -> ResponseReturnValue:
    return render_template("dashboard/admin.html", counts=dashboards.site_counts())
