"""The OpenAPI document at /api/v1/openapi.json matches the routes the API really serves."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

PREFIX = "/api/v1"
METHODS = {"get", "put", "post", "patch", "delete"}


@pytest.fixture
def document(client: FlaskClient) -> dict[str, Any]:
    response = client.get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def served(app: Flask) -> set[tuple[str, str]]:
    """(method, path) of every API route, with Flask's <int:id> written as OpenAPI's {id}."""
    routes = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX + "/"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule[len(PREFIX) :])
        routes |= {
            (method.lower(), path) for method in rule.methods or () if method.lower() in METHODS
        }
    return routes


def documented(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (method, path)
        for path, operations in document["paths"].items()
        for method in operations
        if method in METHODS
    }


def test_every_route_is_documented_and_nothing_else(app: Flask, document: dict) -> None:
    routes = served(app)
    assert routes - documented(document) == set(), "served but not in OPERATIONS"
    assert documented(document) - routes == set(), "in OPERATIONS but not served"


def test_every_ref_resolves(document: dict) -> None:
    def resolve(pointer: str) -> Any:
        assert pointer.startswith("#/"), pointer
        node: Any = document
        for part in pointer[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            assert isinstance(node, dict) and part in node, f"unresolved $ref {pointer}"
            node = node[part]
        return node

    def walk(node: Any) -> int:
        if isinstance(node, dict):
            found = 0
            if isinstance(node.get("$ref"), str):
                resolve(node["$ref"])
                found = 1
            return found + sum(walk(value) for value in node.values())
        if isinstance(node, list):
            return sum(walk(value) for value in node)
        return 0

    assert walk(document) > 20
    assert "$defs" not in str(document)


def test_operations_are_well_formed(document: dict) -> None:
    assert document["openapi"].startswith("3.1")
    schemes = set(document["components"]["securitySchemes"])
    for path, operations in document["paths"].items():
        templated = set(re.findall(r"{(\w+)}", path))
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation["summary"], where
            assert operation["responses"], where
            for status, response in operation["responses"].items():
                assert re.fullmatch(r"[1-5]\d\d", status) and response["description"], where
            parameters = operation.get("parameters", [])
            declared = {(p["in"], p["name"]) for p in parameters}
            assert len(declared) == len(parameters), f"repeated parameter in {where}"
            assert {name for kind, name in declared if kind == "path"} == templated, where
            assert all(p["required"] for p in parameters if p["in"] == "path"), where
            for requirement in operation["security"]:
                assert set(requirement) <= schemes, where


def test_search_parameters_and_optional_auth_are_listed(document: dict) -> None:
    search = document["paths"]["/opportunities"]["get"]
    names = {p["name"] for p in search["parameters"] if p["in"] == "query"}
    assert names == {
        "q",
        "cause",
        "attributes",
        "virtual",
        "postcode",
        "within_km",
        "page",
        "per_page",
    }
    per_page = next(p for p in search["parameters"] if p["name"] == "per_page")
    assert per_page["schema"]["maximum"] == 100
    assert {} in search["security"] and {"bearer": []} in search["security"]
    shift_in = document["components"]["schemas"]["ShiftIn"]
    assert set(shift_in["required"]) == {"starts_at", "ends_at", "capacity"}
    assert shift_in["properties"]["capacity"]["minimum"] == 1


def test_document_is_valid_openapi(document: dict) -> None:
    from openapi_spec_validator import validate

    validate(document)
