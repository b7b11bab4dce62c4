"""My hours: a volunteer's verified record, as a page, a CSV file and a one-page letter."""

from __future__ import annotations

import csv
import io

from flask import Response, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from volunteer_match.auth_session import role_required
from volunteer_match.models import Role, utcnow
from volunteer_match.services import hours
from volunteer_match.web.requests import letter
from volunteer_match.web.requests.blueprint import bp
from volunteer_match.web.requests.common import format_hours, volunteer_zone

VOLUNTEER = Role.VOLUNTEER.value
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@bp.get("/my/hours")
@role_required(VOLUNTEER)
def my_hours() -> ResponseReturnValue:
    record = hours.record(current_user)
    return render_template("my/hours.html", rows=record.shifts[::-1], total=record.total)


def _cell(text: str) -> str:
    """Spreadsheets run cells that start like a formula; a leading quote keeps them text."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def hours_csv(rows: list[hours.VerifiedShift]) -> str:
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
        hours_csv(hours.record(current_user).shifts),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="volunteer-hours.csv"'},
    )


@bp.get("/my/hours.pdf")
@role_required(VOLUNTEER)
def my_hours_pdf() -> ResponseReturnValue:
    record = hours.record(current_user)
    if record.period is None:
        flash("Your letter will be ready once an organization records your first shift.", "info")
        return redirect(url_for("requests.my_hours"))
    document = letter.build(
        name=current_user.display_name,
        issued=utcnow().astimezone(volunteer_zone(current_user)).date(),
        organizations=record.by_organization(),
        total=record.total,
        period=record.period,
    )
    return Response(
        document,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="letter-of-verified-volunteer-service.pdf"'
        },
    )
