"""The form a volunteer fills in to start sharing with a coordinator."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length


class ShareForm(FlaskForm):
    invite_code = StringField(
        "Invite code",
        description="8 letters and numbers, from the person who supports you.",
        validators=[
            DataRequired("Enter the code your coordinator gave you."),
            Length(max=32, message="That code is too long. Check it and try again."),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"},
    )
    agree = BooleanField(
        "I agree to share these things with my coordinator",
        validators=[DataRequired("Tick “I agree” to start sharing, or leave this page.")],
    )
