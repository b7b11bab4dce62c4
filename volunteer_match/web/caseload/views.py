"""Caseload pages: coordinators see who shares with them; volunteers start or stop sharing."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from volunteer_match import transaction
from volunteer_match.auth_session import role_required
from volunteer_match.models import REVIEWER_ROLES, Role
from volunteer_match.services import caseload, clock, dashboards
from volunteer_match.services.errors import NotFound
from volunteer_match.web import attempt, form_status
from volunteer_match.web.caseload.forms import ShareForm

bp = Blueprint("caseload", "volunteer_match.web.caseload")

PER_PAGE = 50


# -- coordinators ---------------------------------------------------------------------------


@bp.get("/coordinator/caseload")
@role_required(*REVIEWER_ROLES)
def index() -> ResponseReturnValue:
    page = caseload.caseload(current_user, request.args.get("page", 1, type=int), PER_PAGE)
    return render_template(
        "caseload/index.html",
        caseload=page,
        span=lambda s: clock.format_span(s.starts_at, s.ends_at, clock.zone(s.timezone)),
        moment=lambda m: clock.format_moment(m, clock.zone(None)),
    )


@bp.post("/coordinator/caseload/invite-codes")
@role_required(*REVIEWER_ROLES)
def make_invite_code() -> ResponseReturnValue:
    invite = caseload.issue_invite_code(current_user)
    expires = clock.format_moment(invite.expires_at, clock.zone(None))
    return render_template("caseload/invite_code.html", invite=invite, expires=expires)


# -- volunteers -----------------------------------------------------------------------------


def _share_page(form: ShareForm) -> ResponseReturnValue:
    link = caseload.current_link(current_user)
    profile = dashboards.volunteer_profile(current_user)
    zone = clock.zone(profile.timezone if profile else None)
    page = render_template(
        "caseload/share.html",
        link=link,
        form=form,
        since=clock.format_moment(link.consented_at, zone) if link else None,
    )
    return page, form_status(form)


@bp.get("/my/coordinator")
@role_required(Role.VOLUNTEER.value)
def share() -> ResponseReturnValue:
    return _share_page(ShareForm(formdata=None))


@bp.post("/my/coordinator")
@role_required(Role.VOLUNTEER.value)
def start_sharing() -> ResponseReturnValue:
    form = ShareForm()
    code = form.invite_code.data or ""
    if form.validate_on_submit() and (link := attempt(form, caseload.link, current_user, code)):
        name = link.coordinator.display_name
        flash(f"You're now sharing your volunteering with {name}.", "success")
        return redirect(url_for("caseload.share"))
    return _share_page(form)


@bp.post("/my/coordinator/stop")
@role_required(Role.VOLUNTEER.value)
def stop_sharing() -> ResponseReturnValue:
    try:
        link = caseload.unlink(current_user)
    except NotFound as error:  # nothing to stop: news for the page, not the 404 page
        transaction.rollback()
        flash(error.message, "info")
        return redirect(url_for("caseload.share"))
    flash(
        f"You've stopped sharing. {link.coordinator.display_name} won't see anything new "
        "about your volunteering.",
        "success",
    )
    return redirect(url_for("caseload.share"))
