"""The JSON API under ``API`` (/api/v1), driven through Flask's test client: auth headers
(``api_token`` by logging in, ``bearer`` through the service), new accounts with headers
(``person``, ``staff``), a ready ``World`` of an organization with one shift, a coordinator and
a volunteer, the calls most tests make (``ask``, ``act``, ``read_request``, ``post_opportunity``,
``post_shift`` and their bodies ``opportunity_body``, ``shift_body``, ``iso``), and readers of an
answer (``error_of``, ``fields_of``, ``conflict``, ``is_utc``). Built on people.py, and on
shifts.py for the World's shift.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask.testing import FlaskClient

from tests.factories.people import PASSWORD, make_user, org_of, organization
from tests.factories.shifts import new_shift
from volunteer_match.extensions import db
from volunteer_match.models import User
from volunteer_match.services import accounts

API = "/api/v1"


def api_token(client: FlaskClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    """Auth headers from POST /auth/token (which is rate limited: a few per test)."""
    response = client.post(f"{API}/auth/token", json={"email": email, "password": password})
    assert response.status_code == 200, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def bearer(user: User) -> dict[str, str]:
    """Auth headers for ``user``, issued through the service (no login rate limit)."""
    raw, _ = accounts.issue_token(user)
    db.session.commit()
    return {"Authorization": f"Bearer {raw}"}


def person(client: FlaskClient, role: str = "volunteer") -> dict[str, str]:
    """Auth headers of a new account with that role."""
    return api_token(client, make_user(role).email)


def staff(
    client: FlaskClient, name: str = "Harbor Food Pantry", verified: bool = True
) -> tuple[User, dict[str, str], int]:
    """An organization account in New York: (user, auth headers, organization id)."""
    user = organization(name, verified)
    org = org_of(user)
    org.timezone = "America/New_York"
    db.session.commit()
    return user, api_token(client, user.email), org.id


class World:
    """An organization with one shift, a coordinator and a volunteer, each with a token."""

    def __init__(self, capacity: int = 2) -> None:
        self.staff = organization("Harbor Food Pantry")
        self.staff_h = bearer(self.staff)
        self.shift = new_shift(self.staff, capacity=capacity)
        self.coordinator = make_user("coordinator", display_name="Jordan")
        self.coordinator_h = bearer(self.coordinator)
        self.sam = make_user("volunteer", display_name="Sam")
        self.sam_h = bearer(self.sam)

    def volunteer(self, name: str = "Alex") -> tuple[User, dict[str, str]]:
        user = make_user("volunteer", display_name=name)
        return user, bearer(user)


def ask(client: FlaskClient, headers: dict, shift_id: int, status: int = 201, **body) -> dict:
    """POST /shifts/{id}/requests; expect ``status``."""
    response = client.post(f"{API}/shifts/{shift_id}/requests", json=body, headers=headers)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def act(
    client: FlaskClient,
    headers: dict,
    request_id: int,
    action: str,
    body: dict | None = None,
    status: int = 200,
) -> dict:
    """POST /requests/{id}/{action}; without ``body``, an empty request body."""
    url = f"{API}/requests/{request_id}/{action}"
    if body is None:
        response = client.post(url, headers=headers)
    else:
        response = client.post(url, json=body, headers=headers)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def read_request(client: FlaskClient, headers: dict, request_id: int, status: int = 200) -> dict:
    """GET /requests/{id}; expect ``status``."""
    response = client.get(f"{API}/requests/{request_id}", headers=headers)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def error_of(response) -> dict:  # type: ignore[no-untyped-def]
    """The error of an API answer, which holds nothing else and always says something."""
    body = response.get_json()
    assert set(body) == {"error"}, body
    assert body["error"]["message"]
    return body["error"]


def fields_of(response, status: int = 422) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The fields named by a validation error."""
    assert response.status_code == status, response.get_json()
    error = error_of(response)
    assert error["code"] == "validation_failed"
    return error["fields"]


def conflict(body: dict, code: str = "conflict") -> None:
    """The body is an API error with ``code`` (by default a 409's)."""
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]


def is_utc(moment: str) -> bool:
    """Is ``moment`` an ISO 8601 time in UTC, as the API writes them ("...T...Z")?"""
    return isinstance(moment, str) and moment.endswith("Z") and "T" in moment


def opportunity_body(**changes: object) -> dict:
    return {
        "title": "Kitchen helper",
        "description": "Help prepare and serve Tuesday dinner.",
        "skills": ["cooking"],
        "interests": ["hunger"],
        "postcode": "11226",
        "attributes": {"substance_free": True, "team_based": True},
        **changes,
    }


def post_opportunity(
    client: FlaskClient, headers: dict[str, str], organization_id: int, **changes: object
) -> dict:
    """POST /organizations/{id}/opportunities; expect 201."""
    response = client.post(
        f"{API}/organizations/{organization_id}/opportunities",
        json=opportunity_body(**changes),
        headers=headers,
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def iso(moment: datetime) -> str:
    return moment.isoformat()


def shift_body(days: float = 7, hours: float = 3, capacity: int = 2, **changes: object) -> dict:
    start = (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0)
    return {
        "starts_at": iso(start),
        "ends_at": iso(start + timedelta(hours=hours)),
        "capacity": capacity,
        **changes,
    }


def post_shift(client: FlaskClient, headers: dict[str, str], opportunity_id: int, **kw) -> dict:
    """POST /opportunities/{id}/shifts; expect 201."""
    response = client.post(
        f"{API}/opportunities/{opportunity_id}/shifts", json=shift_body(**kw), headers=headers
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()
