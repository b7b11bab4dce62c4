"""Jinja filters that turn stored values into the words people read."""

from __future__ import annotations

from flask import Flask
from flask_login import current_user

from volunteer_match.models.opportunity import FIT_LABELS
from volunteer_match.models.organization import KIND_LABELS, OrganizationKind
from volunteer_match.models.volunteer import GOALS
from volunteer_match.services import clock, notifications


def kind_label(value: str) -> str:
    try:
        return KIND_LABELS[OrganizationKind(value)]
    except ValueError:
        return value


def goal_label(value: str) -> str:
    return GOALS.get(value, value)


def fit_label(value: str) -> str:
    return FIT_LABELS.get(value, value)


def unread_notifications() -> int:
    """For the header: how many notifications the signed-in person hasn't read."""
    if not current_user.is_authenticated:
        return 0
    return notifications.unread_count(current_user)


def register(app: Flask) -> None:
    app.add_template_global(unread_notifications)
    app.add_template_filter(kind_label)
    app.add_template_filter(goal_label)
    app.add_template_filter(fit_label)
    app.add_template_filter(clock.zone_label, "zone_label")
