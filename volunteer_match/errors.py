"""Error pages for people and JSON error bodies (API.md shape) for the API."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import Flask, Response, jsonify, render_template
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from volunteer_match.auth_session import client_wants_json
from volunteer_match.services.errors import DomainError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}

MESSAGES = {
    400: "The request could not be understood.",
    401: "Please log in first.",
    403: "You don't have access to this.",
    404: "We couldn't find that.",
    405: "That action isn't available here.",
    413: "That upload is too large.",
    429: "Too many attempts. Please wait a minute and try again.",
    500: "Something went wrong on our side. Nothing you saved was lost; please try again.",
    503: "We can't reach our database just now. Nothing you saved was lost; "
    "please try again in a minute.",
}


def json_error(
    status: int, message: str, code: str | None = None, fields: dict | None = None
) -> tuple[Response, int]:
    body: dict = {"error": {"code": code or CODES.get(status, "error"), "message": message}}
    if fields:
        body["error"]["fields"] = fields
    return jsonify(body), status


def _page(status: int, message: str) -> tuple[str, int]:
    template = f"errors/{status}.html" if status in (403, 404, 500, 503) else "errors/generic.html"
    return render_template(template, status=status, message=message), status


def register(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(exc: DomainError) -> ResponseReturnValue:
        if client_wants_json():
            return json_error(exc.status, exc.message, exc.code, exc.fields)
        return _page(exc.status, exc.message)

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> ResponseReturnValue:
        message = (
            "This form expired or came from another site. Please go back, reload it and try again."
        )
        return _page(400, message)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> ResponseReturnValue:
        status = exc.code or 500
        message = MESSAGES.get(status) or exc.description or "Something went wrong."
        body, code = json_error(status, message) if client_wants_json() else _page(status, message)
        # Keep headers such as Allow (405) and Retry-After (429); the body is ours.
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        return body, code, headers

    @app.errorhandler(sa.exc.OperationalError)
    @app.errorhandler(sa.exc.InterfaceError)
    def database_unavailable(exc: sa.exc.DBAPIError) -> ResponseReturnValue:
        """The database is down, unreachable or too busy: say so plainly, with 503."""
        log.warning("Database unavailable: %s", type(exc.orig).__name__)
        body, code = (
            json_error(503, MESSAGES[503]) if client_wants_json() else _page(503, MESSAGES[503])
        )
        return body, code, {"Retry-After": "30"}

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> ResponseReturnValue:
        log.exception("Unhandled error on a request")
        return http_error(InternalServerError())
