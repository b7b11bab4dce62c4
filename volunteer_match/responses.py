"""File downloads that both the HTML pages and the JSON API answer with.

A person's data export (JSON) and calendar files (.ics) are private to that person, so each
response here tells shared caches never to keep it. Only the wrapping lives here: what goes
into the files is decided by services.privacy and services.calendar.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response

EXPORT_FILENAME = "volunteer-match-data.json"


def data_file_response(data: dict[str, Any]) -> Response:
    """A person's data as a JSON download; private, so never kept by shared caches."""
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{EXPORT_FILENAME}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def ics_response(body: bytes, filename: str | None = None) -> Response:
    """A calendar file; private to the person, so never kept by shared caches."""
    response = Response(body, mimetype="text/calendar")
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
