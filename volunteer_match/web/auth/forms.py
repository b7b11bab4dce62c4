"""Forms for registering, logging in and logging out."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from volunteer_match.models import ADDRESS_MAX, DISPLAY_NAME_MAX, NAME_MAX, TEXT_MAX
from volunteer_match.models.organization import KIND_LABELS
from volunteer_match.services.accounts import NewOrganization, Registration
from volunteer_match.services.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

PASSWORD_TOO_SHORT = f"Use at least {MIN_PASSWORD_LENGTH} characters. A short phrase works well."
PASSWORD_TOO_LONG = f"Use at most {MAX_PASSWORD_LENGTH} characters."


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired("Enter your email."), Length(max=254)])
    password = PasswordField(
        "Password", validators=[DataRequired("Enter your password."), Length(max=256)]
    )


class LogoutForm(FlaskForm):
    """Only the CSRF token: logging out is a POST."""


class RegisterForm(FlaskForm):
    role = RadioField(
        "I'm joining as",
        choices=[
            SelectChoice("volunteer", "A volunteer: I'd like to find places to help"),
            SelectChoice("organization", "An organization: we'd like to welcome volunteers"),
        ],
        default="volunteer",
        validators=[DataRequired("Choose volunteer or organization.")],
    )
    display_name = StringField(
        "What should we call you?",
        validators=[DataRequired("Tell us what to call you."), Length(max=DISPLAY_NAME_MAX)],
        description="A first name or nickname is fine. Organizations see this name.",
    )
    email = EmailField(
        "Email",
        validators=[
            DataRequired("Enter your email."),
            Email("Enter an email address like name@example.org."),
            Length(max=254),
        ],
    )
    password = PasswordField(
        "Password",
        validators=[
            DataRequired("Choose a password."),
            Length(min=MIN_PASSWORD_LENGTH, message=PASSWORD_TOO_SHORT),
            Length(max=MAX_PASSWORD_LENGTH, message=PASSWORD_TOO_LONG),
        ],
        description=f"At least {MIN_PASSWORD_LENGTH} characters. A short phrase works well.",
    )
    confirm = PasswordField(
        "Password again",
        validators=[
            DataRequired("Type the password again."),
            EqualTo("password", message="The two passwords differ."),
        ],
    )
    organization_name = StringField(
        "Organization name", validators=[Optional(), Length(max=NAME_MAX)]
    )
    organization_kind = SelectField(
        "Kind of organization",
        choices=[SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()],
        default="nonprofit",
    )
    organization_description = TextAreaField(
        "What you do, in a sentence or two", validators=[Optional(), Length(max=TEXT_MAX)]
    )
    organization_address = StringField(
        "Street address", validators=[Optional(), Length(max=ADDRESS_MAX)]
    )
    organization_postcode = StringField(
        "ZIP code", validators=[Optional(), Length(max=10)], description="For example 10027."
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.role.data == "organization" and not (self.organization_name.data or "").strip():
            self.organization_name.errors = [
                *self.organization_name.errors,
                "Enter your organization's name.",
            ]
            valid = False
        return valid

    def to_input(self) -> Registration:
        organization = None
        if self.role.data == "organization":
            organization = NewOrganization(
                name=self.organization_name.data or "",
                kind=self.organization_kind.data or "nonprofit",
                description=self.organization_description.data or "",
                postcode=self.organization_postcode.data,
                address=self.organization_address.data or "",
            )
        return Registration(
            email=self.email.data or "",
            password=self.password.data or "",
            display_name=self.display_name.data or "",
            role=self.role.data or "",
            organization=organization,
        )
