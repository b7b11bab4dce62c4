"""Privacy by design: nothing in the data model, the forms or the API can hold a person's
diagnoses, substance use, treatment, medication, sobriety dates or court history.

A new column, form field or API field with such a name fails here, on purpose. Describe needs
functionally instead ("quiet setting", "no background check"), as a fact about a place.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import typing
from collections.abc import Iterator

import pytest
from flask_wtf import FlaskForm
from pydantic import BaseModel
from wtforms.fields.core import UnboundField

import volunteer_match.web
from volunteer_match.api import schemas
from volunteer_match.models import Base

DENIED_STEMS = (
    # diagnoses and conditions
    "diagnos", "condition", "disorder", "illness", "symptom", "psychiatr", "addict",
    # substances
    "substance", "drug", "alcohol", "opioid", "narcotic", "overdose",
    # treatment
    "treatment", "therap", "rehab", "detox",
    # medication
    "medicat", "medicine", "prescri", "dosage",
    # sobriety and relapse
    "sobri", "sober", "relapse",
    # criminal history and courts
    "criminal", "crime", "convict", "arrest", "offense", "offence", "offender", "parole",
    "probation", "incarcer", "prison", "jail", "court", "felon", "misdemeanor",
)  # fmt: skip
DENIED_PATTERN = re.compile(r"clean_?(date|since|time|days)|days_?clean|record_?expunge")
# "substance_free" describes a *place* (an opportunity's setting), never a person.
ALLOWED = ("substance_free",)


def flagged(name: str) -> bool:
    """Does a field name look like it would hold something we must never store?"""
    lowered = name.lower()
    for allowed in ALLOWED:
        lowered = lowered.replace(allowed, "")
    return any(stem in lowered for stem in DENIED_STEMS) or bool(DENIED_PATTERN.search(lowered))


@pytest.mark.parametrize(
    "name",
    ["sobriety_date", "diagnosis", "criminal_record", "clean_since", "days_clean",
     "medication_list", "in_treatment", "parole_officer", "CourtDate", "substance_use",
     "DrugOfChoice", "relapse_count"],
)  # fmt: skip
def test_the_check_catches_names_we_must_never_use(name: str) -> None:
    assert flagged(name)


@pytest.mark.parametrize(
    "name",
    ["substance_free", "attr_substance_free", "skills", "interests", "must_have",
     "display_name", "postcode", "travel_km", "no_background_check", "share_email"],
)  # fmt: skip
def test_the_check_lets_ordinary_names_through(name: str) -> None:
    assert not flagged(name)


def model_names() -> Iterator[tuple[str, str]]:
    for table in Base.metadata.tables.values():
        yield f"table {table.name}", table.name
        for column in table.columns:
            yield f"{table.name}.{column.name}", column.name


def _all_subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def _unbound_field_names(owner: str, field: UnboundField, name: str) -> Iterator[tuple[str, str]]:
    yield f"{owner}.{name}", name
    for arg in field.args:  # FormField(SubForm) and FieldList(FormField(...)) hold more fields
        if isinstance(arg, UnboundField):
            yield from _unbound_field_names(owner, arg, name)
        elif isinstance(arg, type) and hasattr(arg, "_unbound_fields"):
            yield from _form_field_names(arg)


def _form_field_names(form: type) -> Iterator[tuple[str, str]]:
    owner = f"{form.__module__}.{form.__qualname__}"
    for name in dir(form):
        value = getattr(form, name, None)
        if isinstance(value, UnboundField):
            yield from _unbound_field_names(owner, value, name)


def form_names() -> Iterator[tuple[str, str]]:
    for package in pkgutil.iter_modules(volunteer_match.web.__path__):
        try:
            importlib.import_module(f"volunteer_match.web.{package.name}.forms")
        except ModuleNotFoundError as exc:
            if exc.name != f"volunteer_match.web.{package.name}.forms":
                raise
    for form in _all_subclasses(FlaskForm):
        if form.__module__.startswith("volunteer_match."):
            yield from _form_field_names(form)


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def api_names() -> Iterator[tuple[str, str]]:
    seen: set[type[BaseModel]] = set()
    todo = [
        value
        for value in vars(schemas).values()
        if isinstance(value, type) and issubclass(value, BaseModel) and value is not BaseModel
    ]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        yield f"model {model.__name__}", model.__name__
        for name, info in model.model_fields.items():
            yield f"{model.__name__}.{name}", name
            if info.alias:
                yield f"{model.__name__}.{name} (alias)", info.alias
            todo.extend(_models_in(info.annotation))


def test_the_sources_are_really_read() -> None:
    assert ("volunteer_profile.skills", "skills") in set(model_names())
    assert any(where.endswith("ProfileForm.skills") for where, _ in form_names())
    assert any(where.endswith("SearchForm.attr") for where, _ in form_names())
    assert ("RegisterIn.organization", "organization") in set(api_names())
    assert ("OrganizationIn.postcode", "postcode") in set(api_names())  # nested model


@pytest.mark.parametrize("source", [model_names, form_names, api_names], ids=lambda f: f.__name__)
def test_no_column_form_field_or_api_field_can_hold_health_or_court_history(source) -> None:
    assert [where for where, name in source() if flagged(name)] == []
