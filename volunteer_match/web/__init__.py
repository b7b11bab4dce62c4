"""HTML blueprints: thin views that parse a form, call a service, flash and redirect."""

from __future__ import annotations

from flask_wtf import FlaskForm

from volunteer_match.services.errors import DomainError


def show_errors_on_form(form: FlaskForm, error: DomainError, prefix: str = "") -> None:
    """Attach a service's field problems to the matching form fields (or the form itself)."""
    placed = False
    for name, problems in error.fields.items():
        field_name = name.removeprefix(prefix).replace(".", "_")
        field = getattr(form, field_name, None)
        if field is None:
            continue
        field.errors = [*field.errors, *problems]
        placed = True
    if not placed:
        form.form_errors.append(error.message)
