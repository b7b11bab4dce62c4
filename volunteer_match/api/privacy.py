"""A person's privacy rights in the API: GET /me/export and DELETE /me.

The export is a JSON file of everything held about the caller (never secrets); deleting
erases the account and its personal data, keeping only anonymous hour totals.
"""

from __future__ import annotations

from flask import current_app
from flask.typing import ResponseReturnValue

from volunteer_match.api.blueprint import bp
from volunteer_match.api.common import api_user, parse_body, token_required
from volunteer_match.api.schemas.privacy import EraseIn, ExportOut
from volunteer_match.extensions import limiter
from volunteer_match.responses import data_file_response
from volunteer_match.services import privacy


@bp.get("/me/export")
@token_required()
def export_my_data() -> ResponseReturnValue:
    data = privacy.export(api_user())
    ExportOut.model_validate(data)  # the document describes exactly what is sent
    return data_file_response(data)


@bp.delete("/me")
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"])
@token_required()
def erase_me() -> ResponseReturnValue:
    body = parse_body(EraseIn)
    privacy.erase(api_user(), body.password)
    return "", 204
