"""The form to delete one's own account: the password confirms it is really them."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import DataRequired, Length

from volunteer_match.services.passwords import MAX_PASSWORD_LENGTH


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        "Your password",
        validators=[
            DataRequired("Type your password to confirm."),
            Length(max=MAX_PASSWORD_LENGTH),
        ],
        description="To be sure it's really you.",
    )
