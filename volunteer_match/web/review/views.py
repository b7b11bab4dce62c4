"""The verification queue: coordinators and admins verify organizations, or say "not yet"."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from volunteer_match.auth_session import role_required
from volunteer_match.models import REVIEWER_ROLES
from volunteer_match.services import clock, organizations
from volunteer_match.web import attempt_or_flash
from volunteer_match.web.review.forms import RejectForm, reject_prefix

bp = Blueprint("review", "volunteer_match.web.review")


def _queue_page(failed: RejectForm | None = None, failed_id: int = 0) -> ResponseReturnValue:
    entries = [
        (
            organization,
            failed
            if organization.id == failed_id and failed is not None
            else RejectForm(prefix=reject_prefix(organization.id), formdata=None),
        )
        for organization in organizations.verification_queue(current_user)
    ]
    page = render_template(
        "review/queue.html", entries=entries, failed=failed, zone=clock.zone(None)
    )
    return page, 422 if failed is not None else 200


@bp.get("/coordinator/organizations")
@role_required(*REVIEWER_ROLES)
def queue() -> ResponseReturnValue:
    return _queue_page()


@bp.post("/coordinator/organizations/<int:organization_id>/verify")
@role_required(*REVIEWER_ROLES)
def verify(organization_id: int) -> ResponseReturnValue:
    organization = attempt_or_flash(
        None, "info", organizations.verify, current_user, organization_id
    )
    if organization:
        flash(
            f"{organization.name} is verified. Volunteers can now see its opportunities.", "success"
        )
    return redirect(url_for("review.queue"))


@bp.post("/coordinator/organizations/<int:organization_id>/reject")
@role_required(*REVIEWER_ROLES)
def reject(organization_id: int) -> ResponseReturnValue:
    form = RejectForm(prefix=reject_prefix(organization_id))
    organization = attempt_or_flash(
        form, "info", organizations.reject, current_user, organization_id, form.reason.data or ""
    )
    if form.errors:
        return _queue_page(form, organization_id)
    if organization:
        flash(
            f"We've told {organization.name} what to put right. It returns to the queue "
            "when they update their profile.",
            "success",
        )
    return redirect(url_for("review.queue"))
