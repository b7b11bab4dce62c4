"""The volunteer's own profile: one page to read and change it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from volunteer_match.auth_session import role_required
from volunteer_match.extensions import db
from volunteer_match.matching.vocabulary import INTERESTS, SKILLS
from volunteer_match.models import Role
from volunteer_match.services import profiles
from volunteer_match.services.errors import DomainError
from volunteer_match.web import show_errors_on_form
from volunteer_match.web.profile import bp
from volunteer_match.web.profile.forms import (
    DAYS,
    SLOTS,
    ProfileForm,
    cell_value,
    initial_data,
    off_grid,
    zone_choices,
)


@bp.route("/profile", methods=["GET", "POST"])
@role_required(Role.VOLUNTEER.value)
def edit() -> ResponseReturnValue:
    profile = profiles.get(current_user)
    form = ProfileForm() if request.method == "POST" else ProfileForm(data=initial_data(profile))
    form.timezone.choices = zone_choices(profile.timezone)
    if form.validate_on_submit():
        try:
            profiles.update(current_user, form.to_input())
        except DomainError as error:
            db.session.rollback()
            show_errors_on_form(form, error)
        else:
            db.session.commit()
            flash("Your profile is saved.", "success")
            return redirect(url_for("profile.edit"))
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
    return page, 422 if form.errors or form.form_errors else 200
