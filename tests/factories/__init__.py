"""Builders shared by the tests. Each makes one thing through the app's own services (or, where
the name or signature says so, through its JSON API or its pages) and commits it, so a test
builds exactly what it needs. Fixtures built from these live in conftest.py. Every name is
re-exported here, so tests import them all from ``tests.factories``.

One module per concern; a module imports only those above it in this list (no cycles):

- people.py: PASSWORD, SAM_EMAIL, make_user, organization, org_of, new_organization, volunteer,
  and the default shift day: SHIFT_DAYS_AHEAD, shift_day, evening
- shifts.py (opportunities and shifts): KITCHEN, PARK, post, kitchen, add_shift, new_shift,
  from_now, start_shift
- requests.py (requests and caseloads): asked, approved, attended, invite, share, status_of, told,
  CONSENT_SCOPE
- pages.py (a browser): csrf_token, login, signed_in, send, text_of, html_of, page_text,
  section, flashes, cards, reasons
- api.py (the JSON API): API, api_token, bearer, person, staff, World, ask, act, read_request,
  error_of, fields_of, conflict, is_utc, opportunity_body, post_opportunity, shift_body,
  post_shift, iso
- email.py: use_outbox, read_email, emails, RECOVERY_WORDS, recovery_words

pages.py imports people.py only, api.py people.py and shifts.py, email.py none of them.
"""

from __future__ import annotations

from tests.factories.api import (
    API,
    World,
    act,
    api_token,
    ask,
    bearer,
    conflict,
    error_of,
    fields_of,
    is_utc,
    iso,
    opportunity_body,
    person,
    post_opportunity,
    post_shift,
    read_request,
    shift_body,
    staff,
)
from tests.factories.email import RECOVERY_WORDS, emails, read_email, recovery_words, use_outbox
from tests.factories.pages import (
    cards,
    csrf_token,
    flashes,
    html_of,
    login,
    page_text,
    reasons,
    section,
    send,
    signed_in,
    text_of,
)
from tests.factories.people import (
    PASSWORD,
    SAM_EMAIL,
    SHIFT_DAYS_AHEAD,
    evening,
    make_user,
    new_organization,
    org_of,
    organization,
    shift_day,
    volunteer,
)
from tests.factories.requests import (
    CONSENT_SCOPE,
    approved,
    asked,
    attended,
    invite,
    share,
    status_of,
    told,
)
from tests.factories.shifts import (
    KITCHEN,
    PARK,
    add_shift,
    from_now,
    kitchen,
    new_shift,
    post,
    start_shift,
)

__all__ = [
    "API",
    "CONSENT_SCOPE",
    "KITCHEN",
    "PARK",
    "PASSWORD",
    "RECOVERY_WORDS",
    "SAM_EMAIL",
    "SHIFT_DAYS_AHEAD",
    "World",
    "act",
    "add_shift",
    "api_token",
    "approved",
    "ask",
    "asked",
    "attended",
    "bearer",
    "cards",
    "conflict",
    "csrf_token",
    "emails",
    "error_of",
    "evening",
    "fields_of",
    "flashes",
    "from_now",
    "html_of",
    "invite",
    "is_utc",
    "iso",
    "kitchen",
    "login",
    "make_user",
    "new_organization",
    "new_shift",
    "opportunity_body",
    "org_of",
    "organization",
    "page_text",
    "person",
    "post",
    "post_opportunity",
    "post_shift",
    "read_email",
    "read_request",
    "reasons",
    "recovery_words",
    "section",
    "send",
    "share",
    "shift_body",
    "shift_day",
    "signed_in",
    "staff",
    "start_shift",
    "status_of",
    "text_of",
    "told",
    "use_outbox",
    "volunteer",
]
