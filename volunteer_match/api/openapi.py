"""The machine-readable OpenAPI 3.1 document of the API, at GET /api/v1/openapi.json.

Each operation names its request and response models; their JSON Schemas come from pydantic,
so the document cannot drift from what the views actually validate.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import jsonify
from flask.typing import ResponseReturnValue
from pydantic import BaseModel

from volunteer_match.api import bp
from volunteer_match.api import schemas as s


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    ok: int
    response: type[BaseModel] | None
    body: type[BaseModel] | None = None
    auth: bool = True
    errors: tuple[int, ...] = ()


OPERATIONS = (
    Operation("post", "/auth/register", "Create a volunteer or organization account", 201,
              s.AccountOut, s.RegisterIn, auth=False, errors=(400, 409, 422)),
    Operation("post", "/auth/token", "Exchange email and password for a bearer token", 200,
              s.TokenOut, s.TokenIn, auth=False, errors=(400, 401, 422, 429)),
    Operation("get", "/me", "The caller's account", 200, s.AccountOut, errors=(401,)),
)  # fmt: skip


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _json(model: type[BaseModel]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": _ref(model)}}}


def _operation(op: Operation) -> dict[str, Any]:
    responses: dict[str, Any] = {
        str(op.ok): {"description": "Success", **(_json(op.response) if op.response else {})}
    }
    for status in op.errors:
        responses[str(status)] = {"description": "Error", **_json(s.ErrorOut)}
    out: dict[str, Any] = {"summary": op.summary, "responses": responses}
    if op.body is not None:
        out["requestBody"] = {"required": True, **_json(op.body)}
    out["security"] = [{"bearer": []}] if op.auth else []
    return out


@cache
def document() -> dict[str, Any]:
    models = {s.ErrorOut} | {m for op in OPERATIONS for m in (op.body, op.response) if m}
    schemas: dict[str, Any] = {}
    for model in sorted(models, key=lambda m: m.__name__):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    paths: dict[str, Any] = {}
    for op in OPERATIONS:
        paths.setdefault(op.path, {})[op.method] = _operation(op)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Volunteer Match API", "version": "1"},
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


@bp.get("/openapi.json")
def openapi_json() -> ResponseReturnValue:
    return jsonify(document())
