"""The volunteer's own profile in the API: GET and PUT /me/profile.

Availability is sent and returned as "HH:MM" in the volunteer's time zone ("24:00" ends the
day); preferences as {name: bool}; goals as keys (labels are accepted on the way in).
"""

from __future__ import annotations

from flask import jsonify
from flask.typing import ResponseReturnValue

from volunteer_match.api.blueprint import bp
from volunteer_match.api.common import api_user, parse_body, token_required
from volunteer_match.api.schemas.profile import (
    CompletenessOut,
    ProfileIn,
    ProfileOut,
    WindowOut,
)
from volunteer_match.models import FIT_ATTRIBUTES, Role, VolunteerProfile
from volunteer_match.services import clock, profiles


def profile_json(profile: VolunteerProfile) -> dict:
    completeness = profiles.completeness(profile)
    out = ProfileOut(
        skills=profile.skills,
        interests=profile.interests,
        goals=profile.goals,
        availability=[
            WindowOut(
                weekday=w.weekday,
                start=clock.format_hhmm(w.start_minute),
                end=clock.format_hhmm(w.end_minute),
            )
            for w in profile.availability
        ],
        postcode=profile.postcode,
        travel_km=profile.travel_km,
        virtual_ok=profile.virtual_ok,
        timezone=profile.timezone,
        preferences={name: name in profile.preferences for name in FIT_ATTRIBUTES},
        must_have=profile.must_have,
        findable_by_organizations=profile.findable_by_organizations,
        share_email_with_organizations=profile.share_email_with_organizations,
        completeness=CompletenessOut(
            percent=completeness.percent, next_step=completeness.next_step
        ),
    )
    return out.model_dump(mode="json")


@bp.get("/me/profile")
@token_required(Role.VOLUNTEER.value)
def get_profile() -> ResponseReturnValue:
    profile = profiles.get(api_user())
    return jsonify(profile_json(profile))


def _profile_input(body: ProfileIn) -> profiles.ProfileInput:
    return profiles.ProfileInput(
        skills=body.skills,
        interests=body.interests,
        goals=body.goals,
        availability=[profiles.Window(w.weekday, w.start, w.end) for w in body.availability],
        postcode=body.postcode,
        travel_km=body.travel_km,
        virtual_ok=body.virtual_ok,
        timezone=body.timezone,
        preferences=[name for name, wanted in body.preferences if wanted],
        must_have=body.must_have,
        findable_by_organizations=body.findable_by_organizations,
        share_email_with_organizations=body.share_email_with_organizations,
    )


@bp.put("/me/profile")
@token_required(Role.VOLUNTEER.value)
def put_profile() -> ResponseReturnValue:
    """PUT replaces the whole profile: what is left out takes its default."""
    profile = profiles.replace_all(api_user(), _profile_input(parse_body(ProfileIn)))
    return jsonify(profile_json(profile))
