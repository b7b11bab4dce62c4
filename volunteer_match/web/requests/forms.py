"""Forms for requests: asking, deciding, cancelling and recording attendance.

Forms check shape only; the rules (lengths, who may do what, when) live in
services.requests and come back as field errors. Every POST is checked for its CSRF token by
CSRFProtect before the view runs, so these forms don't carry a token of their own: the
templates add the session's token, and one signed-in page can hold a form per request.
Each form on a page with many gets a prefix (``ask-7-message``) so field ids stay unique.
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DecimalField, HiddenField, RadioField, SelectChoice, TextAreaField
from wtforms.validators import InputRequired, Optional

from volunteer_match.services.requests import MAX_HOURS, MESSAGE_MAX, NOTE_MAX


class PostForm(FlaskForm):
    class Meta:
        csrf = False  # CSRFProtect checks every POST; see the module docstring


def prefix(kind: str, item_id: int) -> str:
    return f"{kind}-{item_id}"


class AskForm(PostForm):
    message = TextAreaField(
        "A message for the coordinator (optional)",
        description="Anything that helps, like a question about the shift.",
        render_kw={"maxlength": MESSAGE_MAX},
    )
    confirm_overlap = HiddenField(default="")
    next = HiddenField(default="")

    @property
    def confirmed(self) -> bool:
        return self.confirm_overlap.data == "1"


class ApproveForm(PostForm):
    note = TextAreaField(
        "Note for the volunteer (optional)",
        description="A word of welcome, or something to know before the shift.",
        render_kw={"maxlength": NOTE_MAX},
    )


class DeclineForm(PostForm):
    note = TextAreaField(
        "Why not this time?",
        description="We pass this on to the volunteer, so be kind and, if you can, suggest "
        "what might work instead.",
        render_kw={"maxlength": NOTE_MAX},
    )


class MessageForm(PostForm):
    note = TextAreaField(
        "Message",
        description="Sent to the volunteer in the app and by email.",
        render_kw={"maxlength": NOTE_MAX},
    )


class CancelForm(PostForm):
    """The volunteer's one-click cancel has no reason; the organization must give one."""

    reason = TextAreaField(
        "Why are you cancelling this place?",
        description="We send this to the volunteer, so please be kind.",
        render_kw={"maxlength": NOTE_MAX},
    )


class AttendanceForm(PostForm):
    attended = RadioField(
        "Did they come?",
        choices=[SelectChoice("yes", "Yes, they came"), SelectChoice("no", "No, they didn't")],
        validators=[InputRequired("Choose yes or no.")],
    )
    hours = DecimalField(
        "Hours they gave",
        places=None,
        validators=[Optional()],
        invalid_value_message="Enter a number of hours, like 2 or 2.5.",
        description=f"The length of the shift, unless they stayed more or less. "
        f"At most {MAX_HOURS:g}.",
        render_kw={"inputmode": "decimal", "min": "0", "max": f"{MAX_HOURS:g}"},
    )

    @property
    def came(self) -> bool:
        return self.attended.data == "yes"

    def hours_given(self) -> float | None:
        return None if self.hours.data is None else float(self.hours.data)
