"""Organization pages: the public page, and for its staff the profile, opportunities and shifts.

Views parse a form, call a service through attempt(), flash and redirect; the transaction
boundary commits. Not-found and not-yours come from the services as NotFound and are left to
propagate: the error handler shows the 404 page.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm

from volunteer_match.auth_session import role_required
from volunteer_match.models import Role, Shift
from volunteer_match.services import clock, opportunities, organizations, shifts, visibility
from volunteer_match.web import attempt, attempt_or_flash, form_status
from volunteer_match.web.organizations.forms import (
    CancelShiftForm,
    EditShiftForm,
    NewShiftForm,
    OpportunityForm,
    ProfileForm,
)

bp = Blueprint("orgs", "volunteer_match.web.organizations")

STAFF = Role.ORGANIZATION.value
SHIFTS_LISTED = 500


def _form_page(template: str, form: FlaskForm, **context: object) -> ResponseReturnValue:
    return render_template(template, form=form, **context), form_status(form)


def _cancel_prefix(shift_id: int) -> str:
    return f"shift-{shift_id}"


def _shifts_added(created: list[Shift], zone: ZoneInfo) -> str:
    """'a shift on Tue 2 Dec, …' or '3 weekly shifts, the first on Tue 2 Dec, …'."""
    first = clock.format_span(created[0].starts_at, created[0].ends_at, zone)
    many = f"{len(created)} weekly shifts, the first on" if len(created) > 1 else "a shift on"
    return f"{many} {first}"


@bp.get("/organizations/<int:organization_id>")
def show(organization_id: int) -> ResponseReturnValue:
    viewer = current_user if current_user.is_authenticated else None
    organization = organizations.get_for_viewer(organization_id, viewer)
    is_staff = viewer is not None and organizations.is_member(viewer, organization.id)
    return render_template(
        "organizations/show.html",
        organization=organization,
        opportunities=visibility.listed_opportunities(viewer, organization.id),
        is_staff=is_staff,
        zone=clock.zone(organization.timezone),
    )


@bp.route("/organizations/<int:organization_id>/edit", methods=["GET", "POST"])
@role_required(STAFF)
def edit(organization_id: int) -> ResponseReturnValue:
    organization = organizations.get_managed(current_user, organization_id)
    form = ProfileForm(obj=organization)
    was_rejected = organization.rejected_at is not None
    if form.validate_on_submit() and attempt(
        form, organizations.update_profile, current_user, organization_id, form.details()
    ):
        again = " It's back with a coordinator to check again." if was_rejected else ""
        flash("Your organization's profile is saved." + again, "success")
        return redirect(url_for("orgs.show", organization_id=organization_id))
    return _form_page("organizations/edit.html", form, organization=organization)


@bp.route("/organizations/<int:organization_id>/opportunities/new", methods=["GET", "POST"])
@role_required(STAFF)
def new_opportunity(organization_id: int) -> ResponseReturnValue:
    organization = organizations.get_managed(current_user, organization_id)
    form = OpportunityForm(
        data={"address": organization.address, "postcode": organization.postcode}
    )
    if form.validate_on_submit():
        data = form.to_input()
        opportunity = attempt(form, opportunities.create, current_user, organization_id, data)
        if opportunity:
            flash(
                f"“{opportunity.title}” is posted. Add shifts so volunteers can sign up.", "success"
            )
            return redirect(f"/opportunities/{opportunity.id}")
    return _form_page("organizations/opportunity_form.html", form, organization=organization)


@bp.route("/opportunities/<int:opportunity_id>/edit", methods=["GET", "POST"])
@role_required(STAFF)
def edit_opportunity(opportunity_id: int) -> ResponseReturnValue:
    opportunity = opportunities.get_managed(current_user, opportunity_id)
    form = OpportunityForm(data=OpportunityForm.initial(opportunity))
    if form.validate_on_submit() and attempt(
        form, opportunities.update, current_user, opportunity_id, form.to_input()
    ):
        flash("Your changes are saved.", "success")
        return redirect(f"/opportunities/{opportunity_id}")
    return _form_page(
        "organizations/opportunity_form.html",
        form,
        organization=opportunity.organization,
        opportunity=opportunity,
    )


@bp.post("/opportunities/<int:opportunity_id>/close")
@role_required(STAFF)
def close_opportunity(opportunity_id: int) -> ResponseReturnValue:
    opportunity = attempt_or_flash(None, "info", opportunities.close, current_user, opportunity_id)
    if opportunity:
        flash(f"“{opportunity.title}” is closed. Volunteers won't see it until you reopen it.")
    return redirect(url_for("main.organization_dashboard"))


@bp.post("/opportunities/<int:opportunity_id>/reopen")
@role_required(STAFF)
def reopen_opportunity(opportunity_id: int) -> ResponseReturnValue:
    opportunity = attempt_or_flash(None, "info", opportunities.reopen, current_user, opportunity_id)
    if opportunity:
        flash(f"“{opportunity.title}” is open again. You can add shifts to it.", "success")
    return redirect(url_for("main.organization_dashboard"))


@bp.route("/opportunities/<int:opportunity_id>/shifts/new", methods=["GET", "POST"])
@role_required(STAFF)
def new_shift(opportunity_id: int) -> ResponseReturnValue:
    opportunity = opportunities.get_managed(current_user, opportunity_id)
    zone = clock.zone(opportunity.organization.timezone)
    form = NewShiftForm()
    if form.validate_on_submit() and (
        created := attempt(form, shifts.create, current_user, opportunity_id, form.to_input())
    ):
        flash(f"We added {_shifts_added(created, zone)}.", "success")
        return redirect(url_for("orgs.opportunity_shifts", opportunity_id=opportunity_id))
    return _form_page("organizations/shift_form.html", form, opportunity=opportunity, zone=zone)


@bp.route("/shifts/<int:shift_id>/edit", methods=["GET", "POST"])
@role_required(STAFF)
def edit_shift(shift_id: int) -> ResponseReturnValue:
    shift = shifts.get_managed(current_user, shift_id)
    opportunity = shift.opportunity
    zone = clock.zone(opportunity.organization.timezone)
    form = EditShiftForm(data=EditShiftForm.initial(shift, zone))
    starts, ends, capacity = form.starts_at.data, form.ends_at.data, form.capacity.data
    if form.validate_on_submit() and attempt(
        form, shifts.update, current_user, shift_id, starts, ends, capacity
    ):
        flash("The shift is updated.", "success")
        return redirect(url_for("orgs.opportunity_shifts", opportunity_id=opportunity.id))
    return _form_page(
        "organizations/shift_edit.html", form, shift=shift, opportunity=opportunity, zone=zone
    )


@bp.post("/shifts/<int:shift_id>/cancel")
@role_required(STAFF)
def cancel_shift(shift_id: int) -> ResponseReturnValue:
    shift = shifts.get_managed(current_user, shift_id)
    opportunity_id = shift.opportunity_id
    zone = clock.zone(shift.opportunity.organization.timezone)
    span = clock.format_span(shift.starts_at, shift.ends_at, zone)
    form = CancelShiftForm(prefix=_cancel_prefix(shift_id))
    reason = form.reason.data or ""
    if attempt_or_flash(None, "info", shifts.cancel, current_user, shift_id, reason):
        flash(f"The shift on {span} is cancelled. Anyone who asked for it has been told.")
    return redirect(url_for("orgs.opportunity_shifts", opportunity_id=opportunity_id))


@bp.get("/opportunities/<int:opportunity_id>/shifts")
@role_required(STAFF)
def opportunity_shifts(opportunity_id: int) -> ResponseReturnValue:
    opportunity = opportunities.get_managed(current_user, opportunity_id)
    zone = clock.zone(opportunity.organization.timezone)
    rows = [
        (
            shift,
            clock.format_span(shift.starts_at, shift.ends_at, zone),
            CancelShiftForm(prefix=_cancel_prefix(shift.id), formdata=None),
        )
        for shift in shifts.upcoming(opportunity, limit=SHIFTS_LISTED)
    ]
    recent = [
        (shift, clock.format_span(shift.starts_at, shift.ends_at, zone))
        for shift in shifts.recent(opportunity)
    ]
    return render_template(
        "organizations/shifts.html", opportunity=opportunity, rows=rows, recent=recent, zone=zone
    )
