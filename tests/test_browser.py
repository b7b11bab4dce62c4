"""A person in a real browser (Chromium, phone-sized): register, log out, log in, by keyboard,
with no accessibility violations found by axe-core on the pages they pass through."""

from __future__ import annotations

from flask import Flask

from tests.browser import axe_violations, chromium_page, fits_the_screen, live_server, needs_browser
from tests.factories import PASSWORD, add_shift, make_user, organization, post, volunteer

pytestmark = needs_browser


def test_register_log_out_and_log_in_again(app: Flask) -> None:
    with live_server(app) as base, chromium_page() as page:
        page.goto(base + "/")
        assert page.get_by_role("heading", level=1).is_visible()
        assert axe_violations(page) == []
        assert fits_the_screen(page)

        page.get_by_role("link", name="Register").first.click()
        page.get_by_role("button", name="Create account").click()  # empty form
        assert page.get_by_role("alert").is_visible()
        assert axe_violations(page) == []

        page.get_by_label("What should we call you?").fill("Robin")
        page.get_by_label("Email").fill("robin@example.org")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_label("Password again").fill(PASSWORD)
        page.get_by_role("button", name="Create account").click()
        page.wait_for_url(base + "/volunteer")
        assert page.get_by_role("heading", name="Hello, Robin").is_visible()
        assert axe_violations(page) == []
        assert fits_the_screen(page)

        page.get_by_role("button", name="Log out").click()
        page.wait_for_url(base + "/")
        assert page.get_by_role("link", name="Log in").first.is_visible()


def test_keyboard_only_login_and_skip_link(app: Flask) -> None:
    user = make_user("organization", email="pat@example.org", display_name="Pat")
    with live_server(app) as base, chromium_page() as page:
        page.goto(base + "/login")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == "Skip to main content"
        assert axe_violations(page) == []

        page.get_by_label("Email").focus()
        page.keyboard.type(user.email)
        page.keyboard.press("Tab")
        page.keyboard.type(PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(base + "/organization")
        assert page.get_by_text("Harbor Food Pantry").first.is_visible()
        assert axe_violations(page) == []


def test_error_pages_are_accessible(app: Flask) -> None:
    with live_server(app) as base, chromium_page(width=1280, height=800) as page:
        response = page.goto(base + "/no-such-page")
        assert response is not None and response.status == 404
        assert axe_violations(page) == []


def test_ask_for_a_shift_and_a_coordinator_approves_it(app: Flask) -> None:
    """The heart of the product in a real browser: a match, a request, an approval."""
    staff = organization("Harbor Food Pantry")
    add_shift(staff, post(staff, "Kitchen helper", description="Help prepare and serve meals."))
    sam = volunteer(display_name="Sam", email="sam@example.org", skills=("cookin",))
    make_user("coordinator", email="jo@example.org", display_name="Jo")
    with live_server(app) as base, chromium_page() as page:
        page.goto(base + "/login")
        page.get_by_label("Email").fill(sam.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.goto(base + "/matches")
        assert page.get_by_text("Kitchen helper").first.is_visible()
        assert page.get_by_text("cookin", exact=False).first.is_visible()
        page.get_by_role("button", name="Ask for this shift").first.click()
        page.goto(base + "/my/shifts")
        assert page.get_by_text("Kitchen helper").first.is_visible()
        assert axe_violations(page) == []
        page.get_by_role("button", name="Log out").click()

        page.goto(base + "/login")
        page.get_by_label("Email").fill("jo@example.org")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.goto(base + "/coordinator/requests")
        assert page.get_by_text("Sam").first.is_visible()
        assert axe_violations(page) == []
        page.get_by_role("button", name="Approve").first.click()
        assert page.get_by_text("Approved", exact=False).first.is_visible()
