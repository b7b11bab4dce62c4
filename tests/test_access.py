"""Role-only pages, CSRF on every form, and friendly error pages."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.factories import PASSWORD, csrf_token, login, make_user

DASHBOARDS = {
    "volunteer": "/volunteer",
    "organization": "/organization",
    "coordinator": "/coordinator",
    "admin": "/admin",
}
# Admins may also open the coordinator dashboard.
ALLOWED = {(role, role) for role in DASHBOARDS} | {("admin", "coordinator")}


@pytest.mark.parametrize("page", sorted(DASHBOARDS.values()))
def test_anonymous_people_are_sent_to_log_in(client: FlaskClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("role", sorted(DASHBOARDS))
def test_each_role_sees_only_its_own_dashboards(client: FlaskClient, role: str) -> None:
    login(client, make_user(role).email)
    for owner, page in DASHBOARDS.items():
        response = client.get(page)
        expected = 200 if (role, owner) in ALLOWED else 403
        assert response.status_code == expected, (role, page)
        if expected == 403:
            assert "access" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", sorted(DASHBOARDS))
def test_dashboard_link_goes_to_the_right_place(client: FlaskClient, role: str) -> None:
    login(client, make_user(role).email)
    response = client.get("/dashboard")
    assert response.headers["Location"] == DASHBOARDS[role]


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/login", {"email": "a@example.org", "password": PASSWORD}),
        ("/register", {"role": "volunteer", "email": "a@example.org", "password": PASSWORD}),
        ("/logout", {}),
    ],
)
def test_forms_without_a_csrf_token_are_refused(client: FlaskClient, url: str, data) -> None:
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert "form expired" in response.get_data(as_text=True)


def test_a_forged_csrf_token_is_refused(client: FlaskClient) -> None:
    user = make_user()
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": "forged"}
    )
    assert response.status_code == 400
    assert client.get("/volunteer").status_code == 302


def test_csrf_token_from_another_session_is_refused(app, client: FlaskClient) -> None:
    user = make_user()
    other = app.test_client()
    token = csrf_token(other, "/login")
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 400


def test_unknown_page_gets_a_friendly_404(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "<html" in page and "couldn&#39;t find" in page


def test_unexpected_errors_get_a_friendly_500_page(app, client: FlaskClient) -> None:
    @app.get("/boom")
    def boom():
        raise RuntimeError("kaboom")

    response = client.get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong" in page
    assert "kaboom" not in page


def test_unexpected_api_errors_are_json_500(app, client: FlaskClient) -> None:
    @app.get("/api/v1/boom")
    def api_boom():
        raise RuntimeError("kaboom")

    response = client.get("/api/v1/boom")
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "server_error"
    assert "kaboom" not in response.get_data(as_text=True)


def test_ids_too_large_for_the_database_are_404_pages(client: FlaskClient) -> None:
    for path in ("/opportunities/99999999999", "/organizations/2147483648"):
        response = client.get(path)
        assert response.status_code == 404, path
