"""The volunteer profile form, and the weekly grid of times it turns into availability windows.

The grid has three cells a day (morning, afternoon, evening). Saved windows come from the
grid or from elsewhere (the API, demo data), so a cell shows as ticked when a saved window
covers at least half of it, and windows that don't line up with the grid are listed in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FloatField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import Length, Optional

from volunteer_match.models import FIT_ATTRIBUTES, GOALS, VolunteerProfile
from volunteer_match.models.opportunity import FIT_LABELS
from volunteer_match.services import clock
from volunteer_match.services.profiles import MAX_TRAVEL_KM, ProfileInput, Window
from volunteer_match.services.text import TAG_MAX, split_tags

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class DayPart:
    """A column of the availability grid: a part of the day (a ticked cell is day x part)."""

    key: str
    name: str
    hours: str
    start_minute: int
    end_minute: int


SLOTS = (
    DayPart("morning", "Morning", "8 am–12 pm", 8 * 60, 12 * 60),
    DayPart("afternoon", "Afternoon", "12–5 pm", 12 * 60, 17 * 60),
    DayPart("evening", "Evening", "5–9 pm", 17 * 60, 21 * 60),
)
FIT_CHOICES = [
    SelectChoice("any", "Doesn't matter"),
    SelectChoice("prefer", "I'd prefer it"),
    SelectChoice("need", "I need it"),
]
LIST_MAX_CHARS = 2500
TAG_TOO_LONG = f"Keep each entry under {TAG_MAX} characters."


def cell_value(weekday: int, slot: DayPart) -> str:
    return f"{weekday}-{slot.key}"


def windows_from_cells(values: list[str]) -> list[Window]:
    """Ticked cells to windows (the profiles service joins the ones that touch)."""
    slots = {slot.key: slot for slot in SLOTS}
    windows = []
    for value in values:
        day, _, key = value.partition("-")
        windows.append(Window(int(day), slots[key].start_minute, slots[key].end_minute))
    return windows


def cells_from_windows(windows: list[Window]) -> list[str]:
    """The cells a saved window covers at least half of."""
    ticked = []
    for weekday in range(7):
        for slot in SLOTS:
            overlap = sum(
                max(0, min(w.end_minute, slot.end_minute) - max(w.start_minute, slot.start_minute))
                for w in windows
                if w.weekday == weekday
            )
            if 2 * overlap >= slot.end_minute - slot.start_minute:
                ticked.append(cell_value(weekday, slot))
    return ticked


def off_grid(windows: list[Window]) -> list[str]:
    """Saved windows the grid can't show exactly, in words: 'Saturday 9:00 am – 2:00 pm'."""
    edges = {slot.start_minute for slot in SLOTS} | {slot.end_minute for slot in SLOTS}
    return [
        f"{DAYS[w.weekday]} {clock.format_minute_of_day(w.start_minute)}"
        f" – {clock.format_minute_of_day(w.end_minute)}"
        for w in windows
        if w.start_minute not in edges or w.end_minute not in edges
    ]


def zone_choices(saved: str | None) -> list[SelectChoice]:
    choices = [SelectChoice(name, label) for name, label in clock.COMMON_ZONES.items()]
    if saved and saved not in clock.COMMON_ZONES:
        choices.append(SelectChoice(saved, clock.zone_label(saved)))
    return choices


class ProfileForm(FlaskForm):
    skills = TextAreaField(
        "What I'm good at",
        validators=[
            Length(max=LIST_MAX_CHARS, message=f"Use at most {LIST_MAX_CHARS:,} characters.")
        ],
        description="Separate them with commas or new lines. Everyday things count: "
        "cooking, fixing computers, speaking Spanish, being good with people.",
    )
    add_skill = StringField(
        "Add one more thing you're good at (optional)",
        validators=[Length(max=TAG_MAX, message=TAG_TOO_LONG)],
        description="Start typing to see ideas.",
    )
    interests = TextAreaField(
        "What I care about",
        validators=[
            Length(max=LIST_MAX_CHARS, message=f"Use at most {LIST_MAX_CHARS:,} characters.")
        ],
        description="Causes or groups of people, for example hunger, the environment, seniors.",
    )
    add_interest = StringField(
        "Add one more cause (optional)",
        validators=[Length(max=TAG_MAX, message=TAG_TOO_LONG)],
        description="Start typing to see ideas.",
    )
    goals = SelectMultipleField(
        "What I want from volunteering",
        choices=[SelectChoice(key, label) for key, label in GOALS.items()],
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
        invalid_choice_message="Choose from the goals listed.",
    )
    availability = SelectMultipleField(
        "When I'm free",
        choices=[
            SelectChoice(cell_value(day, slot), f"{DAYS[day]} {slot.key}")
            for day in range(7)
            for slot in SLOTS
        ],
        invalid_choice_message="Tick times from the table.",
    )
    timezone = SelectField("My time zone", choices=zone_choices(None), default="America/New_York")
    postcode = StringField(
        "ZIP code",
        validators=[Optional(), Length(max=10, message="Enter a 5-digit ZIP code, like 10027.")],
        description="We only use it to work out distances. For example 10027.",
    )
    travel_km = FloatField(
        "How far can you travel? (km)",
        validators=[Optional()],  # the profiles service checks the range
        invalid_value_message=f"Enter a number of kilometres from 0 to {MAX_TRAVEL_KM}, like 5.",
        description="5 km is about a 1-hour walk, or 20 minutes by bus or subway.",
    )
    virtual_ok = BooleanField("Virtual (online) roles are fine")
    findable_by_organizations = BooleanField("Let organizations find me and invite me")
    share_email_with_organizations = BooleanField("Show my email to organizations I volunteer with")

    def fit_fields(self) -> list[Any]:
        return [self[name] for name in FIT_ATTRIBUTES]

    def to_input(self) -> ProfileInput:
        choices = {name: self[name].data for name in FIT_ATTRIBUTES}
        return ProfileInput(
            skills=[*split_tags(self.skills.data), self.add_skill.data or ""],
            interests=[*split_tags(self.interests.data), self.add_interest.data or ""],
            goals=list(self.goals.data or []),
            availability=windows_from_cells(self.availability.data or []),
            postcode=self.postcode.data,
            travel_km=self.travel_km.data,
            virtual_ok=bool(self.virtual_ok.data),
            timezone=self.timezone.data,
            preferences=[name for name, choice in choices.items() if choice == "prefer"],
            must_have=[name for name, choice in choices.items() if choice == "need"],
            findable_by_organizations=bool(self.findable_by_organizations.data),
            share_email_with_organizations=bool(self.share_email_with_organizations.data),
        )


# One "doesn't matter / prefer / need" question per recovery-fit attribute, named after it.
for _name in FIT_ATTRIBUTES:
    setattr(ProfileForm, _name, RadioField(FIT_LABELS[_name], choices=FIT_CHOICES, default="any"))


def initial_data(profile: VolunteerProfile) -> dict[str, Any]:
    """What the form shows before anyone edits it: the saved profile."""
    saved = ProfileInput.from_profile(profile)
    travel = saved.travel_km
    data: dict[str, Any] = {
        "skills": ", ".join(saved.skills),
        "interests": ", ".join(saved.interests),
        "goals": saved.goals,
        "availability": cells_from_windows(saved.availability),
        "timezone": saved.timezone,
        "postcode": saved.postcode,
        "travel_km": int(travel) if travel is not None and travel.is_integer() else travel,
        "virtual_ok": saved.virtual_ok,
        "findable_by_organizations": saved.findable_by_organizations,
        "share_email_with_organizations": saved.share_email_with_organizations,
    }
    for name in FIT_ATTRIBUTES:
        data[name] = (
            "need" if name in saved.must_have else "prefer" if name in saved.preferences else "any"
        )
    return data
