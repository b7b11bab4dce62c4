"""Role-only pages, CSRF on every form, and friendly error pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pytest
from flask.testing import FlaskClient

from tests.factories import (
    PASSWORD,
    asked,
    csrf_token,
    login,
    make_user,
    new_organization,
    new_shift,
    organization,
    post,
    send,
    signed_in,
    status_of,
)
from volunteer_match.extensions import db

DASHBOARDS = {
    "volunteer": "/volunteer",
    "organization": "/organization",
    "coordinator": "/coordinator",
    "admin": "/admin",
}
# Admins may also open the coordinator dashboard.
ALLOWED = {(role, role) for role in DASHBOARDS} | {("admin", "coordinator")}
VOLUNTEER_PAGES = ["/matches", "/profile", "/my/hours", "/my/hours.csv", "/my/hours.pdf"]


@pytest.mark.parametrize(
    "page", [*sorted(DASHBOARDS.values()), "/coordinator/organizations", *VOLUNTEER_PAGES]
)
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


@pytest.mark.parametrize("role", ["organization", "coordinator", "admin"])
@pytest.mark.parametrize("page", VOLUNTEER_PAGES)
def test_a_volunteers_own_pages_are_403_to_other_roles(client, page: str, role: str) -> None:
    login(client, make_user(role).email)
    assert client.get(page).status_code == 403


@pytest.mark.parametrize("role", sorted(DASHBOARDS))
def test_dashboard_link_goes_to_the_right_place(client: FlaskClient, role: str) -> None:
    login(client, make_user(role).email)
    response = client.get("/dashboard")
    assert response.headers["Location"] == DASHBOARDS[role]


class Form(NamedTuple):
    """A form to post without its CSRF token, by ``browser``; ``unchanged()`` checks after."""

    browser: FlaskClient
    url: str
    data: dict[str, str]
    unchanged: Callable[[], bool] = lambda: True


def _anonymous(url: str, data: dict[str, str]) -> Callable[[FlaskClient], Form]:
    return lambda client: Form(client, url, data)


def _closing_an_opportunity(client: FlaskClient) -> Form:
    staff, _ = new_organization()
    opportunity = post(staff, "Kitchen helper")

    def unchanged() -> bool:
        db.session.refresh(opportunity)
        return opportunity.status == "open"

    return Form(signed_in(client, staff), f"/opportunities/{opportunity.id}/close", {}, unchanged)


def _deciding_on_an_organization(action: str) -> Callable[[FlaskClient], Form]:
    def setup(client: FlaskClient) -> Form:
        _, org = new_organization()

        def unchanged() -> bool:
            db.session.refresh(org)
            return org.verified_at is None and org.rejected_at is None

        url = f"/coordinator/organizations/{org.id}/{action}"
        reason = {f"org-{org.id}-reason": "Missing address."}
        return Form(signed_in(client, make_user("coordinator")), url, reason, unchanged)

    return setup


def _a_request(action: str) -> Callable[[FlaskClient], Form]:
    """Asking for a shift, or ``action`` on a pending request by whoever may do it."""

    def setup(client: FlaskClient) -> Form:
        staff = organization()
        shift = new_shift(staff)
        sam = make_user()
        item = asked(sam, shift)
        if action == "ask":
            browser, url, data = signed_in(client, make_user()), f"/shifts/{shift.id}/request", {}
        else:
            who = {"cancel": sam, "attendance": staff}.get(action) or make_user("coordinator")
            browser, url = signed_in(client, who), f"/requests/{item.id}/{action}"
            data = {f"{action}-{item.id}-note": "Hi"}
        return Form(browser, url, data, lambda: status_of(item) == "pending")

    return setup


FORMS: dict[str, Callable[[FlaskClient], Form]] = {
    "log in": _anonymous("/login", {"email": "a@example.org", "password": PASSWORD}),
    "register": _anonymous(
        "/register", {"role": "volunteer", "email": "a@example.org", "password": PASSWORD}
    ),
    "log out": _anonymous("/logout", {}),
    "close an opportunity": _closing_an_opportunity,
    "verify an organization": _deciding_on_an_organization("verify"),
    "reject an organization": _deciding_on_an_organization("reject"),
    **{
        f"{action} a request": _a_request(action)
        for action in ("ask", "approve", "decline", "message", "cancel", "attendance")
    },
}


@pytest.mark.parametrize("form", list(FORMS))
def test_forms_without_a_csrf_token_are_refused_and_change_nothing(client, form: str) -> None:
    browser, url, data, unchanged = FORMS[form](client)
    response = browser.post(url, data=data)
    assert response.status_code == 400
    assert "form expired" in response.get_data(as_text=True)
    assert unchanged()


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


@pytest.mark.parametrize(
    ("method", "path", "role"),
    [
        ("get", "/opportunities/99999999999", None),  # too large for the database
        ("get", "/organizations/2147483648", None),
        ("post", "/coordinator/organizations/9999/verify", "coordinator"),
    ],
)
def test_unknown_ids_are_404_pages(client, method: str, path: str, role: str | None) -> None:
    if role:
        login(client, make_user(role).email)
    response = send(client, path) if method == "post" else client.get(path)
    assert response.status_code == 404, path
