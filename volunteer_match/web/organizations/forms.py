"""Forms for organization staff: the profile, opportunities, shifts and cancelling a shift.

Forms check shape only (a number is a number, a date is a date); the rules (lengths, known
ZIP codes, capacity, how long a shift may be) live in the services and come back as field errors.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import InputRequired, Optional

from volunteer_match.models import FIT_ATTRIBUTES, Opportunity, Shift
from volunteer_match.models.opportunity import FIT_LABELS
from volunteer_match.models.organization import KIND_LABELS
from volunteer_match.services.opportunities import OpportunityInput
from volunteer_match.services.organizations import OrganizationDetails
from volunteer_match.services.shifts import ShiftInput
from volunteer_match.services.text import split_tags

TIME_FORMATS = ["%H:%M", "%H:%M:%S"]
LOCAL_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
TAGS_HINT = "Separate them with commas, or put each on its own line."


class ProfileForm(FlaskForm):
    name = StringField("Organization name")
    kind = SelectField(
        "Kind of organization",
        choices=[SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()],
    )
    description = TextAreaField(
        "What you do", description="A few sentences volunteers will read on your page."
    )
    address = StringField("Street address")
    postcode = StringField("ZIP code", description="For example 10027.")

    def details(self) -> OrganizationDetails:
        return OrganizationDetails(
            name=self.name.data or "",
            kind=self.kind.data or "",
            description=self.description.data or "",
            address=self.address.data or "",
            postcode=self.postcode.data,
        )


class OpportunityForm(FlaskForm):
    title = StringField("Title", description="Short and concrete, like “Kitchen helper”.")
    description = TextAreaField(
        "What volunteers will do", description="What a shift is like, and who they'll work with."
    )
    skills = TextAreaField("Skills that help (optional)", description=TAGS_HINT)
    interests = TextAreaField(
        "Causes and interests (optional)", description="For example: food, animals. " + TAGS_HINT
    )
    substance_free = BooleanField(FIT_LABELS["substance_free"])
    peer_support_on_site = BooleanField(FIT_LABELS["peer_support_on_site"])
    no_background_check = BooleanField(FIT_LABELS["no_background_check"])
    wheelchair_accessible = BooleanField(FIT_LABELS["wheelchair_accessible"])
    team_based = BooleanField(FIT_LABELS["team_based"])
    training_provided = BooleanField(FIT_LABELS["training_provided"])
    virtual = BooleanField("Volunteers can do this from home (virtual)")
    address = StringField("Street address", description="Where volunteers should go.")
    postcode = StringField("ZIP code", description="Needed unless it's virtual. For example 10027.")
    min_age = IntegerField(
        "Minimum age (optional)",
        validators=[Optional()],
        description="Leave empty if anyone can join.",
    )

    @staticmethod
    def initial(opportunity: Opportunity) -> dict[str, Any]:
        """Field values for editing an opportunity that exists."""
        data = OpportunityInput.from_opportunity(opportunity)
        return {
            "title": data.title,
            "description": data.description,
            "skills": "\n".join(data.skills),
            "interests": "\n".join(data.interests),
            **data.attributes,
            "virtual": data.virtual,
            "address": data.address,
            "postcode": data.postcode,
            "min_age": data.min_age,
        }

    def fit_fields(self) -> list[BooleanField]:
        return [self[name] for name in FIT_ATTRIBUTES]

    def to_input(self) -> OpportunityInput:
        return OpportunityInput(
            title=self.title.data or "",
            description=self.description.data or "",
            skills=split_tags(self.skills.data),
            interests=split_tags(self.interests.data),
            attributes={name: bool(self[name].data) for name in FIT_ATTRIBUTES},
            virtual=bool(self.virtual.data),
            address=self.address.data or "",
            postcode=self.postcode.data,
            min_age=self.min_age.data,
        )


class NewShiftForm(FlaskForm):
    date = DateField(
        "Date",
        validators=[InputRequired("Choose the day of the shift.")],
        invalid_value_message="Enter a date like 2025-12-02.",
    )
    starts_at = TimeField(
        "Start time",
        format=TIME_FORMATS,
        validators=[InputRequired("Enter when the shift starts.")],
        invalid_value_message="Enter a time like 09:00.",
    )
    ends_at = TimeField(
        "End time",
        format=TIME_FORMATS,
        validators=[InputRequired("Enter when the shift ends.")],
        invalid_value_message="Enter a time like 17:00.",
        description="If it's earlier than the start time, the shift ends the next day.",
    )
    capacity = IntegerField(
        "Places",
        validators=[InputRequired("Enter how many volunteers you can welcome.")],
        description="How many volunteers you can welcome on this shift.",
    )
    repeat_weekly = IntegerField(
        "Repeat every week for how many weeks?",
        default=1,
        validators=[InputRequired("Enter 1 for a single shift.")],
        description="1 means just this date. Up to 52 weeks, at the same time each week.",
    )

    def to_input(self) -> ShiftInput:
        """Wall-clock times on the chosen day; an end at or before the start is the next day."""
        day: date = self.date.data
        start_time: time = self.starts_at.data
        end_time: time = self.ends_at.data
        starts = datetime.combine(day, start_time)
        ends = datetime.combine(day, end_time)
        if ends <= starts:
            ends += timedelta(days=1)
        return ShiftInput(
            starts_at=starts,
            ends_at=ends,
            capacity=self.capacity.data,
            weekly=self.repeat_weekly.data,
        )


class EditShiftForm(FlaskForm):
    starts_at = DateTimeLocalField(
        "Starts",
        format=LOCAL_FORMATS,
        validators=[InputRequired("Enter when the shift starts.")],
        invalid_value_message="Enter a date and time like 2025-12-02 09:00.",
    )
    ends_at = DateTimeLocalField(
        "Ends",
        format=LOCAL_FORMATS,
        validators=[InputRequired("Enter when the shift ends.")],
        invalid_value_message="Enter a date and time like 2025-12-02 17:00.",
    )
    capacity = IntegerField(
        "Places", validators=[InputRequired("Enter how many volunteers you can welcome.")]
    )

    @staticmethod
    def initial(shift: Shift, zone: ZoneInfo) -> dict[str, Any]:
        """The shift's times as wall-clock times in the organization's zone."""
        return {
            "starts_at": shift.starts_at.astimezone(zone).replace(tzinfo=None),
            "ends_at": shift.ends_at.astimezone(zone).replace(tzinfo=None),
            "capacity": shift.capacity,
        }


class CancelShiftForm(FlaskForm):
    reason = StringField(
        "Reason (optional)",
        description="We pass it on to the volunteers who asked for this shift.",
        render_kw={"maxlength": 500},
    )
