"""The search form on the opportunities page: a GET form, so no CSRF token."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    FloatField,
    IntegerField,
    RadioField,
    SearchField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.validators import Length, Optional

from volunteer_match.models import FIT_ATTRIBUTES
from volunteer_match.models.opportunity import FIT_LABELS
from volunteer_match.services.listings import CAUSES, SearchQuery

# The query-string names a results page link keeps (everything but the page number).
FILTER_NAMES = ("q", "cause", "attr", "virtual", "postcode", "within_km")
VIRTUAL_CHOICES = {"any": None, "virtual": True, "in_person": False}


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a search changes nothing; its address can be shared and bookmarked

    q = SearchField(
        "What are you looking for?",
        validators=[Optional(), Length(max=200, message="Use at most 200 characters.")],
        description="A word or two, like “kitchen”, “tutor” or a neighborhood.",
    )
    cause = SelectField(
        "Cause",
        choices=[SelectChoice("", "Any cause"), *(SelectChoice(c, c) for c in CAUSES)],
        default="",
        validate_choice=True,
    )
    attr = SelectMultipleField(
        "The place offers",
        choices=[SelectChoice(name, FIT_LABELS[name]) for name in FIT_ATTRIBUTES],
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
        invalid_choice_message="Choose from the options listed.",
    )
    virtual = RadioField(
        "Online or in person",
        choices=[
            SelectChoice("any", "Either"),
            SelectChoice("virtual", "Only virtual (online)"),
            SelectChoice("in_person", "Only in person"),
        ],
        default="any",
    )
    postcode = StringField(
        "Near ZIP code",
        validators=[Optional(), Length(max=10, message="Enter a 5-digit ZIP code, like 10027.")],
    )
    within_km = FloatField(
        "Within (km)",
        validators=[Optional()],  # the listings service checks the range
        invalid_value_message="Enter a distance in km, like 5.",
        description="5 km is about a 1-hour walk.",
    )
    page = IntegerField(
        "Page",
        default=1,
        validators=[Optional()],
        invalid_value_message="Page numbers are whole numbers, like 2.",
    )

    def has_filters(self) -> bool:
        return bool(
            self.cause.data
            or self.attr.data
            or self.virtual.data != "any"
            or self.postcode.data
            or self.within_km.data is not None
        )

    def to_query(self, per_page: int) -> SearchQuery:
        return SearchQuery(
            text=self.q.data or "",
            cause=self.cause.data or None,
            attributes=tuple(self.attr.data or ()),
            virtual=VIRTUAL_CHOICES.get(self.virtual.data or "any"),
            postcode=self.postcode.data or None,
            within_km=self.within_km.data,
            page=1 if self.page.data is None else self.page.data,
            per_page=per_page,
        )
