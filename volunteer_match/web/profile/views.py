"""The volunteer's own profile: one page to read and change it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from volunteer_match.auth_session import role_required
from volunteer_match.matching import INTERESTS, SKILLS
from volunteer_match.models import Role, VolunteerProfile
from volunteer_match.services import profiles
from volunteer_match.web import attempt, form_status
from volunteer_match.web.profile.forms import (
    DAYS,
    SLOTS,
    ProfileForm,
    cell_value,
    initial_data,
    off_grid,
    zone_choices,
)

bp = Blueprint("profile", "volunteer_match.web.profile")


def _page(profile: VolunteerProfile, form: ProfileForm) -> ResponseReturnValue:
    saved = profiles.ProfileInput.from_profile(profile)
    page = render_template(
        "profile/edit.html",
        form=form,
        completeness=profiles.completeness(profile),
        days=DAYS,
        slots=SLOTS,
        cell_value=cell_value,
        off_grid=off_grid(saved.availability),
        skill_ideas=sorted(SKILLS, key=str.casefold),
        interest_ideas=sorted(INTERESTS, key=str.casefold),
    )
    return page, form_status(form)


@bp.route("/profile", methods=["GET", "POST"])
@role_required(Role.VOLUNTEER.value)
def edit() -> ResponseReturnValue:
    profile = profiles.get(current_user)
    form = ProfileForm() if request.method == "POST" else ProfileForm(data=initial_data(profile))
    form.timezone.choices = zone_choices(profile.timezone)
    if form.validate_on_submit() and attempt(form, profiles.update, current_user, form.to_input()):
        flash("Your profile is saved.", "success")
        return redirect(url_for("profile.edit"))
    return _page(profile, form)
