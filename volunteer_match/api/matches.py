"""Matching in the API: a volunteer's matches, and the people who might fit an opportunity.

Shift times come back in UTC with "Z"; ``distance_km`` only when it is known.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import jsonify
from flask.typing import ResponseReturnValue

from volunteer_match.api.blueprint import bp
from volunteer_match.api.common import api_user, parse_query, token_required
from volunteer_match.api.schemas.matches import (
    CandidateListOut,
    CandidateOut,
    MatchOut,
    MatchPageOut,
    MatchParams,
)
from volunteer_match.matching import Match
from volunteer_match.models import REVIEWER_ROLES, Role
from volunteer_match.services import matching

CANDIDATE_VIEWERS = (Role.ORGANIZATION.value, *REVIEWER_ROLES)


def match_fields(match: Match) -> dict:
    return {
        "shift_id": match.shift_id,
        "opportunity_id": match.opportunity_id,
        "title": match.title,
        "organization": match.organization,
        "starts_at": datetime.fromtimestamp(match.starts_at, UTC),
        "ends_at": datetime.fromtimestamp(match.ends_at, UTC),
        "score": match.score,
        "reasons": match.reasons,
        "distance_km": match.distance_km,
        "more_shifts": match.more_shifts,
    }


@bp.get("/me/matches")
@token_required(Role.VOLUNTEER.value)
def my_matches() -> ResponseReturnValue:
    params = parse_query(MatchParams)
    page = matching.matches_for(api_user(), params.limit)
    out = MatchPageOut(
        items=[MatchOut(**match_fields(m)) for m in page.items], message=page.message
    )
    return jsonify(out.model_dump(mode="json"))


@bp.get("/opportunities/<int:opportunity_id>/candidates")
@token_required(*CANDIDATE_VIEWERS)
def candidates(opportunity_id: int) -> ResponseReturnValue:
    params = parse_query(MatchParams)
    people = matching.candidates_for(api_user(), opportunity_id, params.limit)
    out = CandidateListOut(
        items=[
            CandidateOut(
                volunteer_id=p.volunteer_id, display_name=p.display_name, **match_fields(p.match)
            )
            for p in people
        ]
    )
    return jsonify(out.model_dump(mode="json"))
