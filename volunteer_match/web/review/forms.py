"""Forms for coordinators deciding on an organization waiting to be verified."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import TextAreaField

from volunteer_match.services.organizations import REASON_MAX


def reject_prefix(organization_id: int) -> str:
    """Each organization's form gets its own prefix, so field ids stay unique on the page."""
    return f"org-{organization_id}"


class RejectForm(FlaskForm):
    reason = TextAreaField(
        "Not ready yet? Say what they should put right.",
        description="We send this to the organization, so be specific and kind.",
        render_kw={"maxlength": REASON_MAX},
    )
