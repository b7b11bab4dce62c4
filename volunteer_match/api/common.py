"""Shared API plumbing: bearer-token auth, JSON body parsing, pagination."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, request
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from volunteer_match.models import User
from volunteer_match.services import accounts
from volunteer_match.services.errors import DomainError, Forbidden, Unauthorized, ValidationFailed

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M", bound=BaseModel)


class MalformedJSON(DomainError):
    status = 400
    code = "malformed_json"


def _bearer_user() -> User:
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    user = accounts.user_for_token(raw.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise Unauthorized("Send a valid token: Authorization: Bearer <token>.")
    g.api_user = user
    return user


def optional_user() -> User | None:
    """The caller if they sent a token, None if they sent none; 401 for a bad token."""
    if not request.headers.get("Authorization", "").strip():
        return None
    return _bearer_user()


def token_required(*roles: str) -> Callable[[F], F]:
    """Require a valid bearer token; with ``roles``, also one of those roles (else 403)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = _bearer_user()
            if roles and user.role not in roles:
                raise Forbidden("Your role can't do this.")
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def api_user() -> User:
    user: User = g.api_user
    return user


def _field_problems(exc: PydanticValidationError, where: str) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for problem in exc.errors(include_url=False, include_context=False):
        name = ".".join(str(part) for part in problem["loc"]) or where
        fields.setdefault(name, []).append(problem["msg"])
    return fields


def parse_body(model: type[M]) -> M:
    """Parse the request's JSON body into ``model``: 400 if not JSON, 422 if invalid."""
    data = request.get_json(force=True, silent=True)
    if data is None:
        raise MalformedJSON("The request body must be valid JSON.")
    if not isinstance(data, dict):
        raise MalformedJSON("The request body must be a JSON object.")
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        raise ValidationFailed("Some fields need attention.", _field_problems(exc, "body")) from exc


def parse_optional_body(model: type[M]) -> M:
    """Like parse_body, but an empty body means an empty object."""
    if not request.get_data(cache=True).strip():
        return model()
    return parse_body(model)


def parse_query(model: type[M]) -> M:
    """Parse the query string into ``model`` (empty values count as absent); 422 if invalid."""
    data = {key: value for key, value in request.args.items() if value.strip()}
    try:
        return model.model_validate(data)
    except PydanticValidationError as exc:
        fields = _field_problems(exc, "query")
        raise ValidationFailed("Please check the query parameters.", fields) from exc
