"""What every JSON endpoint answers alike: malformed JSON is a 400, an unknown id a 404, a
missing or bad token a 401 and the wrong role a 403, each as an error body with its code.

For malformed JSON, each case names an endpoint of ENDPOINTS, which builds what the endpoint
needs (an organization, a pending request...) and gives the call to make.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pytest
from flask.testing import FlaskClient

from tests.factories import (
    API,
    World,
    ask,
    bearer,
    error_of,
    make_user,
    opportunity_body,
    org_of,
    organization,
    person,
    staff,
)

EMPTY_PROFILE = {"skills": [], "interests": [], "goals": [], "availability": []}

# ------------------------------------------------------------------------------ malformed JSON


class Call(NamedTuple):
    """A call to make, and a check to run after it."""

    method: str
    url: str
    headers: dict[str, str] | None = None
    after: Callable[[], None] | None = None


def _request_workflow(action: str) -> Callable[[FlaskClient], Call]:
    """Asking for a shift, or ``action`` on a pending request, by whoever may do it; the
    request must still be pending afterwards."""

    def setup(client: FlaskClient) -> Call:
        world = World()
        asked = ask(client, world.sam_h, world.shift.id)
        url = f"{API}/requests/{asked['id']}/{action}"
        if action == "ask":
            url = f"{API}/shifts/{world.shift.id}/requests"
        who = {
            "approve": world.coordinator_h,
            "decline": world.coordinator_h,
            "message": world.coordinator_h,
            "attendance": world.staff_h,
        }.get(action, world.sam_h)

        def still_pending() -> None:
            read = client.get(f"{API}/requests/{asked['id']}", headers=world.sam_h)
            assert read.get_json()["status"] == "pending"

        return Call("post", url, who, still_pending)

    return setup


def _staff_call(method: str, path: str) -> Callable[[FlaskClient], Call]:
    def setup(client: FlaskClient) -> Call:
        _, headers, org_id = staff(client)
        return Call(method, API + path.format(org=org_id), headers)

    return setup


ENDPOINTS: dict[str, Callable[[FlaskClient], Call]] = {
    "register": lambda client: Call("post", f"{API}/auth/register"),
    "post opportunity": _staff_call("post", "/organizations/{org}/opportunities"),
    "patch organization": _staff_call("patch", "/organizations/{org}"),
    "put profile": lambda client: Call("put", f"{API}/me/profile", person(client)),
    **{
        f"{action} request": _request_workflow(action)
        for action in ("ask", "approve", "decline", "message", "cancel", "attendance")
    },
}
BODIES = {
    "broken": b"{not json",
    "empty": b"",
    "list": b"[1, 2]",
    "null": b"null",
    "str": b'"just a string"',
    "text": b'"text"',
}
MALFORMED = [
    *[("register", name) for name in ("broken", "empty", "list", "str")],
    ("post opportunity", "broken"),
    ("patch organization", "broken"),
    ("put profile", "broken"),
    *[
        (f"{action} request", name)
        for action in ("ask", "approve", "decline", "message", "cancel", "attendance")
        for name in ("broken", "list", "null", "text")
    ],
]


@pytest.mark.parametrize(("endpoint", "body"), MALFORMED, ids=[f"{e}-{b}" for e, b in MALFORMED])
def test_malformed_json_is_400(client: FlaskClient, endpoint: str, body: str) -> None:
    call = ENDPOINTS[endpoint](client)
    response = client.open(
        call.url,
        method=call.method.upper(),
        data=BODIES[body],
        content_type="application/json",
        headers=call.headers,
    )
    assert response.status_code == 400, (call.url, response.get_json())
    assert error_of(response)["code"] == "malformed_json"
    if call.after:
        call.after()


# ------------------------------------------------------------------------------ unknown ids

TOO_BIG = "99999999999999999999"
UNKNOWN = [
    ("get", "/opportunities/999999", False),
    ("get", "/organizations/999999", False),
    ("get", "/no-such-thing", False),
    ("get", f"/opportunities/{TOO_BIG}", True),
    ("patch", "/opportunities/2147483648", True),
    ("post", f"/opportunities/{TOO_BIG}/close", True),
    ("post", f"/opportunities/{TOO_BIG}/shifts", True),
    ("get", f"/shifts/{TOO_BIG}", True),
    ("post", f"/shifts/{TOO_BIG}/cancel", True),
    ("get", f"/organizations/{TOO_BIG}", True),
    ("post", f"/organizations/{TOO_BIG}/opportunities", True),
]


@pytest.mark.parametrize(("method", "path", "as_staff"), UNKNOWN)
def test_unknown_ids_and_paths_are_404_not_500(
    client: FlaskClient, method: str, path: str, as_staff: bool
) -> None:
    """Unknown ids, ids too big for the database and unknown paths: a JSON 404."""
    headers = staff(client)[1] if as_staff else {}
    response = client.open(API + path, method=method.upper(), json={}, headers=headers)
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


# ------------------------------------------------------------------------------ tokens

NO_TOKEN = [
    ("get", "/me", None),
    ("get", "/me", "Bearer"),
    ("get", "/me", "Bearer not-a-real-token"),
    ("get", "/me", "Basic c2FtOnB3"),
    ("get", "/me", "bearer  "),
    ("get", "/opportunities", "Bearer not-a-real-token"),  # even where none is needed
    ("get", "/organizations/{org}", "Bearer nope"),
    ("get", "/organizations/{org}", "Basic c2FtOnB3"),
    ("post", "/organizations/{org}/opportunities", None),
    ("get", "/requests", None),
    ("get", "/me/export", None),
    ("get", "/me/profile", None),
    ("put", "/me/profile", None),
    ("get", "/me/matches", None),
    ("get", "/me/hours", None),
]


@pytest.mark.parametrize(("method", "path", "header"), NO_TOKEN)
def test_a_missing_or_bad_token_is_401(
    client: FlaskClient, method: str, path: str, header: str | None
) -> None:
    if "{org}" in path:
        path = path.format(org=org_of(organization()).id)
    body = EMPTY_PROFILE if path == "/me/profile" else {}
    headers = {"Authorization": header} if header is not None else {}
    response = client.open(API + path, method=method.upper(), json=body, headers=headers)
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthorized"


# ------------------------------------------------------------------------------ roles

NOT_FOR = [
    *[
        (method, path, role)
        for method, path in (
            ("get", "/me/matches"),
            ("get", "/me/hours"),
            ("get", "/me/profile"),
            ("put", "/me/profile"),
        )
        for role in ("organization", "coordinator", "admin")
    ],
    *[
        ("post", "/organizations/{org}/opportunities", role)
        for role in ("volunteer", "coordinator", "admin")
    ],
]


@pytest.mark.parametrize(("method", "path", "role"), NOT_FOR)
def test_roles_an_endpoint_is_not_for_get_403(
    client: FlaskClient, method: str, path: str, role: str
) -> None:
    """A volunteer's own matches, hours and profile; only organizations post opportunities."""
    body: dict = EMPTY_PROFILE if path == "/me/profile" else {}
    if "{org}" in path:
        path, body = path.format(org=org_of(organization()).id), opportunity_body()
    headers = bearer(make_user(role))
    response = client.open(API + path, method=method.upper(), json=body, headers=headers)
    assert response.status_code == 403
    assert error_of(response)["code"] == "forbidden"
