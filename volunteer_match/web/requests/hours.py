"""My hours: a volunteer's verified record, as a page, a CSV file and a one-page letter."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from flask import Response, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from volunteer_match.auth_session import role_required
from volunteer_match.models import Role, User, utcnow
from volunteer_match.services import clock, requests
from volunteer_match.web.requests import bp, letter
from volunteer_match.web.requests.common import format_hours, volunteer_zone

VOLUNTEER = Role.VOLUNTEER.value
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class HoursRow:
    day: date
    title: str
    organization: str
    hours: float
    verified_on: date | None


def hours_rows(volunteer: User, zone: ZoneInfo) -> list[HoursRow]:
    """Every attended shift, oldest first, with the day in the volunteer's zone."""
    return [
        HoursRow(
            day=item.shift.starts_at.astimezone(zone).date(),
            title=item.shift.opportunity.title,
            organization=item.shift.opportunity.organization.name,
            hours=item.hours or 0.0,
            verified_on=item.verified_at.astimezone(zone).date() if item.verified_at else None,
        )
        for item in requests.verified_hours(volunteer)
    ]


@bp.get("/my/hours")
@role_required(VOLUNTEER)
def my_hours() -> ResponseReturnValue:
    zone = volunteer_zone(current_user)
    return render_template(
        "my/hours.html",
        rows=hours_rows(current_user, zone)[::-1],
        total=requests.history(current_user.id).hours,
        zone_name=clock.zone_label(zone.key),
    )


def _cell(text: str) -> str:
    """Spreadsheets run cells that start like a formula; a leading quote keeps them text."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def hours_csv(rows: list[HoursRow]) -> str:
    """The rows as CSV: date, opportunity, organization, hours."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["date", "opportunity", "organization", "hours"])
    for row in rows:
        writer.writerow(
            [
                row.day.isoformat(),
                _cell(row.title),
                _cell(row.organization),
                format_hours(row.hours),
            ]
        )
    return buffer.getvalue()


@bp.get("/my/hours.csv")
@role_required(VOLUNTEER)
def my_hours_csv() -> ResponseReturnValue:
    return Response(
        hours_csv(hours_rows(current_user, volunteer_zone(current_user))),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="volunteer-hours.csv"'},
    )


def by_organization(rows: list[HoursRow]) -> list[letter.OrganizationHours]:
    """Shifts and hours per organization, most hours first (ties by name)."""
    totals: dict[str, tuple[int, float]] = {}
    for row in rows:
        shifts, hours = totals.get(row.organization, (0, 0.0))
        totals[row.organization] = (shifts + 1, hours + row.hours)
    ranked = sorted(totals.items(), key=lambda item: (-item[1][1], item[0]))
    return [letter.OrganizationHours(name, shifts, hours) for name, (shifts, hours) in ranked]


@bp.get("/my/hours.pdf")
@role_required(VOLUNTEER)
def my_hours_pdf() -> ResponseReturnValue:
    zone = volunteer_zone(current_user)
    rows = hours_rows(current_user, zone)
    if not rows:
        flash("Your letter will be ready once an organization records your first shift.", "info")
        return redirect(url_for("requests.my_hours"))
    document = letter.build(
        name=current_user.display_name,
        issued=utcnow().astimezone(zone).date(),
        organizations=by_organization(rows),
        total=requests.history(current_user.id).hours,
        period=(rows[0].day, rows[-1].day),
    )
    return Response(
        document,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="letter-of-verified-volunteer-service.pdf"'
        },
    )
