"""Builders shared by the tests. Each makes one thing through the app's own services (or, where
the name or signature says so, through its JSON API or its pages) and commits it, so a test
builds exactly what it needs. Fixtures built from these live in conftest.py.

- people: make_user, organization, org_of, new_organization, volunteer
- opportunities and shifts: post, kitchen, add_shift, new_shift, from_now, shift_day, evening,
  start_shift
- requests and caseloads: asked, approved, attended, invite, share, status_of, told
- a browser: csrf_token, login, signed_in, send, text_of, html_of, page_text, section, flashes
- the JSON API: api_token, bearer, person, staff, World, ask, act, error_of, fields_of,
  opportunity_body, post_opportunity, shift_body, post_shift, iso
- email: use_outbox, read_email, emails, recovery_words
"""

from __future__ import annotations

import html
import os
import re
from datetime import UTC, date, datetime, time, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from volunteer_match.extensions import db
from volunteer_match.models import (
    REVIEWER_ROLES,
    CoordinatorLink,
    Notification,
    Opportunity,
    Organization,
    Shift,
    ShiftRequest,
    User,
    utcnow,
)
from volunteer_match.services import (
    accounts,
    caseload,
    opportunities,
    organizations,
    profiles,
    requests,
    shifts,
)
from volunteer_match.services.opportunities import OpportunityInput
from volunteer_match.services.profiles import ProfileInput, Window

PASSWORD = "correct horse battery"

# ------------------------------------------------------------------------------ people


def make_user(
    role: str = "volunteer",
    email: str | None = None,
    password: str = PASSWORD,
    display_name: str = "Sam",
    organization: str = "Harbor Food Pantry",
) -> User:
    """Create and commit an account through the same services the app uses."""
    email = email or f"{role}-{os.urandom(4).hex()}@example.org"
    if role in REVIEWER_ROLES:  # coordinators and admins are made, not registered
        user = accounts.create_staff_user(email, password, display_name, role)
    else:
        org = accounts.NewOrganization(name=organization) if role == "organization" else None
        user = accounts.register(accounts.Registration(email, password, display_name, role, org))
    db.session.commit()
    return user


def org_of(staff: User) -> Organization:
    """The organization of a staff account."""
    org = organizations.organization_of(staff)
    assert org is not None
    return org


def organization(name: str = "Harbor Food Pantry", verified: bool = True) -> User:
    """A staff account whose organization is verified (or not), committed."""
    staff = make_user("organization", organization=name)
    if verified:
        org_of(staff).verified_at = utcnow()
    db.session.commit()
    return staff


def new_organization(name: str = "Harbor Food Pantry") -> tuple[User, Organization]:
    """An organization nobody has verified yet: (its staff account, the organization)."""
    staff = organization(name, verified=False)
    return staff, org_of(staff)


SHIFT_DAYS_AHEAD = 10  # add_shift's default day, and the day volunteer() is free by default


def shift_day() -> date:
    """The day add_shift() puts its shifts on by default (ten days from now)."""
    return date.today() + timedelta(days=SHIFT_DAYS_AHEAD)


def evening(day: date | None = None) -> Window:
    """4 pm to 10 pm on the weekday of ``day`` (default: add_shift's day)."""
    return Window((day or shift_day()).weekday(), 16 * 60, 22 * 60)


def volunteer(
    skills: tuple[str, ...] = ("cookin",),
    interests: tuple[str, ...] = (),
    *,
    display_name: str = "Sam",
    email: str | None = None,
    windows: tuple[Window, ...] | None = None,
    postcode: str | None = "10027",
    travel_km: float | None = 10.0,
    timezone: str = "America/New_York",
    **fields: object,
) -> User:
    """A volunteer whose profile was saved through profiles.update, committed. Free on the
    evening of add_shift's day unless ``windows`` says otherwise."""
    user = make_user("volunteer", email=email, display_name=display_name)
    data = ProfileInput(
        skills=list(skills),
        interests=list(interests),
        availability=list(windows if windows is not None else (evening(),)),
        postcode=postcode,
        travel_km=travel_km,
        timezone=timezone,
        **fields,  # type: ignore[arg-type]
    )
    profiles.update(user, data)
    db.session.commit()
    return user


# ---------------------------------------------------------------------- opportunities, shifts

KITCHEN = "Help prepare and serve meals in our kitchen"
PARK = "Pick up litter and plant bulbs along the river path"


def post(staff: User, title: str, postcode: str | None = "10027", **fields: object) -> Opportunity:
    """An opportunity of ``staff``'s organization, created through the service, committed."""
    data = OpportunityInput(title=title, postcode=postcode, **fields)  # type: ignore[arg-type]
    opportunity = opportunities.create(staff, org_of(staff).id, data)
    db.session.commit()
    return opportunity


def from_now(*, days: float = 0, hours: float = 0) -> datetime:
    """A moment (UTC, whole seconds) ``days`` and ``hours`` from now."""
    return (utcnow() + timedelta(days=days, hours=hours)).replace(microsecond=0)


def add_shift(
    staff: User,
    opportunity: Opportunity,
    at: time = time(17),
    capacity: int = 5,
    *,
    day: date | None = None,
    start: datetime | None = None,
    hours: float = 2,
    weekly: int = 1,
) -> Shift:
    """A shift of ``opportunity`` lasting ``hours``, made through shifts.create, committed
    (with ``weekly`` > 1, the first of a weekly series).

    It starts at ``start`` (a moment, see from_now, or a naive wall-clock time in the
    organization's zone); by default at ``at`` o'clock on ``day`` (ten days from now)."""
    start = start or datetime.combine(day or shift_day(), at)
    data = shifts.ShiftInput(start, start + timedelta(hours=hours), capacity, weekly)
    created = shifts.create(staff, opportunity.id, data)
    db.session.commit()
    return created[0]


def new_shift(
    staff: User, capacity: int = 2, days: float = 7, hours: float = 3, title: str = "Kitchen"
) -> Shift:
    """A new opportunity of ``staff``'s (verified) organization with one shift ``days`` from
    now: post() then add_shift()."""
    opportunity = post(staff, title)
    return add_shift(staff, opportunity, capacity=capacity, start=from_now(days=days), hours=hours)


def kitchen(staff: User, title: str = "Kitchen helper", **fields: object) -> Opportunity:
    """A kitchen role in Harlem (10027) with one evening shift on add_shift's day."""
    fields.setdefault("description", KITCHEN)
    opportunity = post(staff, title, **fields)
    add_shift(staff, opportunity, at=time(17))
    return opportunity


def start_shift(shift: Shift, hours_ago: float = 1) -> None:
    """Move a shift so that it started ``hours_ago`` (services refuse past times)."""
    length = shift.ends_at - shift.starts_at
    shift.starts_at = utcnow() - timedelta(hours=hours_ago)
    shift.ends_at = shift.starts_at + length
    db.session.commit()


# ----------------------------------------------------------------------- requests, caseloads


def asked(
    volunteer: User, shift: Shift, message: str = "", *, confirm_overlap: bool = False
) -> ShiftRequest:
    """A request made through the service, committed."""
    item = requests.create(volunteer, shift.id, message, confirm_overlap=confirm_overlap)
    db.session.commit()
    return item


def approved(coordinator: User, volunteer: User, shift: Shift) -> ShiftRequest:
    """A request made and approved (or waitlisted, if the shift is full), committed."""
    item = requests.approve(coordinator, asked(volunteer, shift).id)
    db.session.commit()
    return item


def attended(
    staff: User, person: User, title: str, hours: float | None = None, **shape: float
) -> Shift:
    """``person`` came to a new shift of ``staff``'s organization, recorded by the staff."""
    shift = new_shift(staff, title=title, **shape)  # type: ignore[arg-type]
    item = approved(make_user("coordinator"), person, shift)
    start_shift(shift, hours_ago=float(shape.get("hours", 3)) + 1)
    requests.record_attendance(staff, item.id, True, hours)
    db.session.commit()
    return shift


def invite(coordinator: User) -> str:
    """A new invite code of ``coordinator``'s."""
    code = caseload.issue_invite_code(coordinator).code
    db.session.commit()
    return code


def share(volunteer: User, coordinator: User) -> CoordinatorLink:
    """``volunteer`` joins ``coordinator``'s caseload with an invite code (their consent)."""
    link = caseload.link(volunteer, invite(coordinator))
    db.session.commit()
    return link


def status_of(item: ShiftRequest) -> str:
    """The request's status as stored now (``item`` is refreshed too)."""
    db.session.refresh(item)
    return item.status


def told(user: User, kind: str) -> bool:
    """Has ``user`` a notification of ``kind``?"""
    found = db.session.scalar(
        sa.select(Notification.id).where(Notification.user_id == user.id, Notification.kind == kind)
    )
    return found is not None


# ------------------------------------------------------------------------------ a browser

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


# ------------------------------------------------------------------------------ the JSON API

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


# ------------------------------------------------------------------------------ email


def use_outbox(app: Flask, folder: Path) -> Path:
    """Write the app's email into ``folder`` (one .eml file each)."""
    app.config["MAIL_OUTBOX"] = str(folder)
    return folder


def read_email(path: Path) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())  # type: ignore[return-value]


def emails(folder: Path) -> list[EmailMessage]:
    """Every email in the outbox, oldest first."""
    return [read_email(path) for path in sorted(folder.glob("*.eml"))]


RECOVERY_WORDS = (
    "recovery", "recovering", "addiction", "addict", "substance", "sober", "sobriety",
    "rehab", "relapse", "treatment", "therapy", "clinic", "diagnosis", "mental health",
    "peer support", "coordinator", "caseload",
)  # fmt: skip
_RECOVERY = re.compile("|".join(re.escape(word) for word in RECOVERY_WORDS), re.IGNORECASE)


def recovery_words(text: str) -> list[str]:
    """The words in ``text`` that would tell a reader the platform is about recovery."""
    return sorted({match.group(0).lower() for match in _RECOVERY.finditer(text)})
