"""Ranked matches with their reasons: a volunteer's opportunities, an opportunity's people.

Both pages only show what services.matching decides; times are shown in the reader's zone
(the volunteer's own, or the organization's).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from volunteer_match.auth_session import role_required
from volunteer_match.matching import Match
from volunteer_match.models import REVIEWER_ROLES, Role
from volunteer_match.services import clock, matching, opportunities, profiles

bp = Blueprint("matches", "volunteer_match.web.matches")

LIMIT = 20
CANDIDATE_VIEWERS = (Role.ORGANIZATION.value, *REVIEWER_ROLES)


def shift_span(match: Match, zone: ZoneInfo) -> str:
    """The match's shift as 'Tue 2 Dec, 5:00 pm – 7:00 pm EST' in ``zone``."""
    start = datetime.fromtimestamp(match.starts_at, UTC)
    end = datetime.fromtimestamp(match.ends_at, UTC)
    return clock.format_span(start, end, zone)


@bp.get("/matches")
@role_required(Role.VOLUNTEER.value)
def index() -> ResponseReturnValue:
    page = matching.matches_for(current_user, LIMIT)
    zone = clock.zone(profiles.get(current_user).timezone)  # may create the profile
    return render_template(
        "matches/index.html",
        page=page,
        zone_name=clock.zone_label(zone.key),
        span=lambda match: shift_span(match, zone),
    )


@bp.get("/opportunities/<int:opportunity_id>/candidates")
@role_required(*CANDIDATE_VIEWERS)
def candidates(opportunity_id: int) -> ResponseReturnValue:
    people = matching.candidates_for(current_user, opportunity_id, LIMIT)
    opportunity = opportunities.get_for_viewer(opportunity_id, current_user)
    zone = clock.zone(opportunity.organization.timezone)
    return render_template(
        "matches/candidates.html",
        opportunity=opportunity,
        people=people,
        zone_name=clock.zone_label(zone.key),
        span=lambda match: shift_span(match, zone),
        can_manage=opportunities.can_manage(current_user, opportunity),
    )
