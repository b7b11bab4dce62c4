"""A browser on the app's HTML pages, driven through Flask's test client: sign in (``login``,
``signed_in``), read a form's ``csrf_token`` and ``send`` a form with it, and read what comes
back (``html_of`` as served, ``text_of`` and ``page_text`` as a reader sees the words, one
``section`` of a page, the ``flashes`` a redirect leads to, and on the match and candidate pages
the result ``cards`` and each card's ``reasons``). Builds nothing itself; it imports only
``PASSWORD`` from people.py.
"""

from __future__ import annotations

import html
import re

from flask.testing import FlaskClient

from tests.factories.people import PASSWORD
from volunteer_match.models import User

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client: FlaskClient, page: str = "/login") -> str:
    """Read the CSRF token from a page's form, as a browser would."""
    text = client.get(page).get_data(as_text=True)
    match = _CSRF.search(text)
    assert match, f"no CSRF token on {page}"
    return match.group(1)


def login(client: FlaskClient, email: str, password: str = PASSWORD, next_url: str = ""):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/login")
    url = "/login" + (f"?next={next_url}" if next_url else "")
    return client.post(url, data={"email": email, "password": password, "csrf_token": token})


def signed_in(client: FlaskClient, user: User) -> FlaskClient:
    """A fresh browser for ``user`` (its own cookies), logged in."""
    browser = client.application.test_client()
    response = login(browser, user.email)
    assert response.status_code == 302, response.get_data(as_text=True)
    return browser


def send(client: FlaskClient, url: str, data: dict | None = None):  # type: ignore[no-untyped-def]
    """POST a form as a browser would: with this session's CSRF token (from the home page when
    signed in, else from the login page)."""
    match = _CSRF.search(client.get("/").get_data(as_text=True))
    token = match.group(1) if match else csrf_token(client, "/login")
    return client.post(url, data={**(data or {}), "csrf_token": token})


def html_of(response) -> str:  # type: ignore[no-untyped-def]
    """The response body as served (HTML, escaped)."""
    return response.get_data(as_text=True)


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    """The response body with HTML entities unescaped, as a reader sees the words."""
    return html.unescape(response.get_data(as_text=True))


def page_text(client: FlaskClient, url: str, status: int = 200) -> str:
    """GET ``url``, expect ``status``, and give the text of the page."""
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    return text_of(response)


def section(text: str, title_id: str) -> str:
    """The part of a page from the heading with ``id=title_id`` to the end of its section."""
    return text.split(f'id="{title_id}"', 1)[1].split("</section>", 1)[0]


def flashes(client: FlaskClient, response) -> str:  # type: ignore[no-untyped-def]
    """The page a redirect leads to (where its flash message shows)."""
    assert response.status_code == 302, response.get_data(as_text=True)
    return page_text(client, response.headers["Location"])


def cards(page: str) -> list[str]:
    """Each match's or person's card on the page, in order."""
    return re.findall(r'<li class="result card match">(.*?)</li>\s*(?=<li class="result|</ol>)',
                      page, re.S)  # fmt: skip


def reasons(card: str) -> list[str]:
    """The reasons listed on one result card."""
    listed = re.search(r'<ul class="reasons"[^>]*>(.*?)</ul>', card, re.S)
    assert listed, card
    return [r.strip() for r in re.findall(r"<li>(.*?)</li>", listed.group(1), re.S)]
