"""Registering, logging in and out on the HTML pages."""

from __future__ import annotations

import sqlalchemy as sa
from flask.testing import FlaskClient

from tests.factories import PASSWORD, csrf_token, login, make_user
from volunteer_match.extensions import db
from volunteer_match.models import Organization, OrganizationMember, User, VolunteerProfile


def register(client: FlaskClient, **fields: str):
    data = {
        "role": "volunteer",
        "display_name": "Robin",
        "email": "robin@example.org",
        "password": PASSWORD,
        "confirm": PASSWORD,
        "organization_kind": "nonprofit",
        "csrf_token": csrf_token(client, "/register"),
    }
    data.update(fields)
    return client.post("/register", data=data)


def test_volunteer_registers_and_lands_on_their_dashboard(client: FlaskClient) -> None:
    response = register(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard"
    page = client.get("/volunteer")
    assert page.status_code == 200
    assert "Robin" in page.get_data(as_text=True)
    user = db.session.scalar(sa.select(User).where(User.email == "robin@example.org"))
    assert user is not None and user.role == "volunteer"
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert db.session.scalar(sa.select(VolunteerProfile).where(VolunteerProfile.user_id == user.id))


def test_organization_registration_creates_an_unverified_organization(client) -> None:
    response = register(
        client,
        role="organization",
        email="pat@harbor.example.org",
        organization_name="Harbor Food Pantry",
        organization_kind="food_bank",
        organization_postcode="10027",
    )
    assert response.status_code == 302
    organization = db.session.scalar(sa.select(Organization))
    assert organization.name == "Harbor Food Pantry"
    assert organization.kind == "food_bank"
    assert organization.verified_at is None
    assert organization.latitude is not None and 40 < organization.latitude < 41
    member = db.session.scalar(sa.select(OrganizationMember))
    assert member.organization_id == organization.id and member.is_owner
    page = client.get("/organization").get_data(as_text=True)
    assert "Harbor Food Pantry" in page


def test_organization_needs_a_name(client: FlaskClient) -> None:
    response = register(client, role="organization", organization_name="  ")
    assert response.status_code == 422
    assert "Enter your organization&#39;s name." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_unknown_organization_postcode_is_a_form_error(client: FlaskClient) -> None:
    response = register(
        client, role="organization", organization_name="Harbor", organization_postcode="00000"
    )
    assert response.status_code == 422
    assert "00000" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_short_password_is_refused_with_a_clear_message(client: FlaskClient) -> None:
    response = register(client, password="short", confirm="short")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert page.count("Use at least 12 characters") == 2  # in the summary and by the field
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


def test_mismatched_passwords_are_refused(client: FlaskClient) -> None:
    response = register(client, confirm=PASSWORD + "x")
    assert response.status_code == 422
    assert "The two passwords differ." in response.get_data(as_text=True)


def test_duplicate_email_is_refused_and_keeps_the_first_account(client: FlaskClient) -> None:
    first = make_user(email="robin@example.org", display_name="First Robin")
    response = register(client, email="Robin@Example.org")
    assert response.status_code == 422
    assert "already exists" in response.get_data(as_text=True)
    users = db.session.scalars(sa.select(User)).all()
    assert [u.id for u in users] == [first.id]
    assert users[0].display_name == "First Robin"


def test_display_name_with_html_is_shown_escaped(client: FlaskClient) -> None:
    register(client, display_name="<b>Robin</b>")
    page = client.get("/volunteer").get_data(as_text=True)
    assert "&lt;b&gt;Robin&lt;/b&gt;" in page
    assert "<b>Robin</b>" not in page


def test_login_with_good_and_bad_passwords(client: FlaskClient) -> None:
    user = make_user(email="sam@example.org")
    bad = login(client, user.email, "not the right password")
    assert bad.status_code == 422
    assert "don&#39;t match an account" in bad.get_data(as_text=True)
    assert client.get("/volunteer").status_code == 302  # still logged out

    good = login(client, "SAM@example.org")
    assert good.status_code == 302
    assert client.get("/volunteer").status_code == 200


def test_unknown_email_gets_the_same_message_as_a_wrong_password(client: FlaskClient) -> None:
    response = login(client, "nobody@example.org")
    assert response.status_code == 422
    assert "don&#39;t match an account" in response.get_data(as_text=True)


def test_inactive_account_cannot_log_in(client: FlaskClient) -> None:
    user = make_user()
    user.active = False
    db.session.commit()
    assert login(client, user.email).status_code == 422


def test_login_changes_the_session_cookie(client: FlaskClient) -> None:
    user = make_user()
    client.get("/login")
    before = client.get_cookie("session")
    login(client, user.email)
    after = client.get_cookie("session")
    assert before is not None and after is not None
    assert before.value != after.value


def test_next_redirect_stays_on_this_site(client: FlaskClient) -> None:
    user = make_user()
    response = login(client, user.email, next_url="/volunteer")
    assert response.headers["Location"] == "/volunteer"


def test_next_redirect_to_another_site_is_ignored(client: FlaskClient) -> None:
    user = make_user()
    for target in ("https://evil.example.com/", "//evil.example.com/", "/\\evil.example.com"):
        response = login(client, user.email, next_url=target)
        assert response.status_code == 302
        assert response.headers["Location"] == "/dashboard", target
        client.post("/logout", data={"csrf_token": csrf_token(client, "/")})


def test_logout_ends_the_session(client: FlaskClient) -> None:
    user = make_user()
    login(client, user.email)
    assert client.get("/volunteer").status_code == 200
    response = client.post("/logout", data={"csrf_token": csrf_token(client, "/volunteer")})
    assert response.status_code == 302
    assert client.get("/volunteer").status_code == 302


def test_logout_by_get_is_not_allowed(client: FlaskClient) -> None:
    user = make_user()
    login(client, user.email)
    assert client.get("/logout").status_code == 405
    assert client.get("/volunteer").status_code == 200


def test_login_is_rate_limited(app, client: FlaskClient) -> None:
    user = make_user()
    statuses = [login(client, user.email, "wrong password!!").status_code for _ in range(11)]
    assert statuses[:10] == [422] * 10
    assert statuses[10] == 429
    assert "Too many attempts" in login(client, user.email).get_data(as_text=True)
