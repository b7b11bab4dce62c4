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


def token_required(*roles: str) -> Callable[[F], F]:
    """Require a valid bearer token; with ``roles``, also one of those roles (else 403)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            header = request.headers.get("Authorization", "")
            scheme, _, raw = header.partition(" ")
            user = accounts.user_for_token(raw.strip()) if scheme.lower() == "bearer" else None
            if user is None:
                raise Unauthorized("Send a valid token: Authorization: Bearer <token>.")
            if roles and user.role not in roles:
                raise Forbidden("Your role can't do this.")
            g.api_user = user
            return view(*args, **kwargs)

        return wrapped  # type: ignore[return-value]

    return decorator


def api_user() -> User:
    user: User = g.api_user
    return user


def _location(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc) or "body"


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
        fields: dict[str, list[str]] = {}
        for problem in exc.errors(include_url=False, include_context=False):
            fields.setdefault(_location(problem["loc"]), []).append(problem["msg"])
        raise ValidationFailed("Some fields need attention.", fields) from exc
