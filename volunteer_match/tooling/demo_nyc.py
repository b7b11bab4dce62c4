"""Demo data from NYC Open Data: CSV rows to organizations, opportunities and future shifts.

The file (see data/ATTRIBUTION.md) has one row per opportunity and no time of day, so shift
times are generated. Every random choice comes from a ``random.Random`` seeded with ``SEED``
and the row's own id, so a row always gets the same attributes and times whatever else is
already in the database. Rows are looked up by ``source_ref``; only missing ones are added.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from volunteer_match.extensions import db
from volunteer_match.models import (
    Opportunity,
    Organization,
    OrganizationKind,
    Shift,
    User,
    utcnow,
)
from volunteer_match.services import geo, opportunities
from volunteer_match.services.errors import ValidationFailed

CSV_PATH = Path(__file__).parent.parent / "data" / "nyc_service_volunteer_opportunities.csv"
SEED = 2026
SHIFT_WEEKS = 8
UNVERIFIED_RATE = 1 / 20
MIN_AGE_RATE = 0.3
MAX_CAPACITY = 30
BATCH_SIZE = 200
FIT_RATES = {
    "substance_free": 0.5,
    "peer_support_on_site": 0.25,
    "no_background_check": 0.6,
    "wheelchair_accessible": 0.5,
    "team_based": 0.5,
    "training_provided": 0.4,
}
START_MINUTES = range(8 * 60, 18 * 60 + 1, 30)  # 8:00 to 18:00, on the hour or half hour
DURATION_MINUTES = (120, 150, 180, 210, 240)
CATEGORY_SENTENCES = {
    "Strengthening Communities": "Works to make New York City neighborhoods stronger.",
    "Helping Neighbors in Need": "Helps New Yorkers in need.",
    "Education": "Supports learning in New York City.",
    "Health": "Works on health and wellbeing in New York City.",
    "Environment": "Looks after New York City's environment and green spaces.",
    "Emergency Preparedness": "Helps New York City communities prepare for emergencies.",
}

_FOOD = re.compile(r"\b(food|pantry|pantries|meals?|hunger|hungry|soup kitchens?)\b", re.I)
_SHELTER = re.compile(r"\b(shelters?|housing|homeless(ness)?)\b", re.I)
_CENTER = re.compile(r"\b(center|centre|community)\b", re.I)
_VIRTUAL = re.compile(
    r"\b(virtual(ly)?|remote(ly)?|from (your )?home|telecommut\w*"
    r"|(?<!register )(?<!apply )online)\b",
    re.I,
)
_STREET = re.compile(
    r"^\d+(?:[ -]\d+)? [\w .'-]*\b(?:street|st|avenue|ave|av|boulevard|blvd|road|rd|place|pl"
    r"|drive|dr|lane|ln|broadway|square|sq|park|parkway|pkwy|way|terrace|court|ct|plaza|slip)"
    r"\b\.?(?: [a-z ]+)?$",
    re.I,
)

Row = dict[str, str]


@dataclass
class NycCounts:
    organizations: int = 0
    opportunities: int = 0
    shifts: int = 0


def read_rows(path: Path = CSV_PATH) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def rng_for(key: str) -> random.Random:
    """A generator for one row: demo data only, never for anything secret."""
    return random.Random(f"{SEED}:{key}")  # noqa: S311


def org_ref(row: Row) -> str:
    return f"nyc-org-{row['org_content_id']}"


def opportunity_ref(row: Row) -> str:
    return f"nyc-{row['opportunity_id']}"


def group_by_organization(rows: Iterable[Row]) -> dict[str, list[Row]]:
    """Rows per organization source_ref, both in file order."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(org_ref(row), []).append(row)
    return groups


def organization_kind(org_rows: list[Row]) -> str:
    """From the name, or from what at least half of the organization's opportunities say."""
    name = org_rows[0]["org_title"]
    texts = [f"{row['title']} {row['summary']}" for row in org_rows]
    for pattern, kind in (
        (_FOOD, OrganizationKind.FOOD_BANK),
        (_SHELTER, OrganizationKind.SHELTER),
    ):
        mentions = sum(1 for text in texts if pattern.search(text))
        if pattern.search(name) or mentions * 2 >= len(texts):
            return kind.value
    if _CENTER.search(name):
        return OrganizationKind.COMMUNITY_CENTER.value
    return OrganizationKind.NONPROFIT.value


def demo_organization_ref(rows: list[Row]) -> str:
    """The food organization with the most opportunities (first in the file on a tie)."""
    groups = group_by_organization(rows)
    food = [ref for ref, group in groups.items() if organization_kind(group) == "food_bank"]
    return max(food or groups, key=lambda ref: len(groups[ref]))


def _postcode(row: Row) -> str | None:
    value = row["Postcode"].strip()
    return value if re.fullmatch(r"\d{5}", value) else None


class _Locator:
    """Coordinates from the row's own Latitude/Longitude, else the ZIP code's centre."""

    def __init__(self) -> None:
        self._by_postcode: dict[str, tuple[float, float] | None] = {}

    def __call__(self, row: Row) -> tuple[float, float] | None:
        if row["Latitude"].strip() and row["Longitude"].strip():
            return float(row["Latitude"]), float(row["Longitude"])
        postcode = _postcode(row)
        if postcode is None:
            return None
        if postcode not in self._by_postcode:
            try:
                self._by_postcode[postcode] = geo.resolve_postcode(postcode)
            except ValidationFailed:
                self._by_postcode[postcode] = None
        return self._by_postcode[postcode]


def street_address(row: Row) -> str:
    """The first line of the geocoded location when it reads as a plain street line."""
    line = row["locality"].split("\n", 1)[0].strip()
    return line if _STREET.match(line) else ""


def _place(row: Row, locate: _Locator) -> dict[str, object]:
    coordinates = locate(row)
    return {
        "address": street_address(row),
        "postcode": _postcode(row),
        "latitude": coordinates[0] if coordinates else None,
        "longitude": coordinates[1] if coordinates else None,
    }


def _organization(
    ref: str, org_rows: list[Row], locate: _Locator, verifier: User | None, always_verify: bool
) -> Organization:
    category = next((row["category_desc"] for row in org_rows if row["category_desc"]), "")
    verified = verifier is not None and (always_verify or rng_for(ref).random() >= UNVERIFIED_RATE)
    return Organization(
        name=org_rows[0]["org_title"].strip()[:200],
        kind=organization_kind(org_rows),
        description=CATEGORY_SENTENCES.get(
            category, f"Works on {category.lower()}." if category else ""
        ),
        timezone=current_app.config["DEFAULT_TIMEZONE"],
        verified_at=utcnow() if verified else None,
        verified_by_id=verifier.id if verified and verifier is not None else None,
        source_ref=ref,
        **_place(org_rows[0], locate),
    )


def _opportunity(
    row: Row, organization: Organization, locate: _Locator, rng: random.Random
) -> Opportunity:
    text = f"{row['title']} {row['summary']}"
    fits = {name: rng.random() < rate for name, rate in FIT_RATES.items()}
    opportunity = Opportunity(
        organization=organization,
        title=row["title"].strip()[:200],
        description=row["summary"].strip(),
        skills=[],
        interests=[row["category_desc"]] if row["category_desc"] else [],
        virtual=bool(_VIRTUAL.search(text)),
        min_age=18 if rng.random() < MIN_AGE_RATE else None,
        status="open",
        source_ref=opportunity_ref(row),
        **fits,
        **_place(row, locate),
    )
    opportunities.read_concepts(opportunity)
    return opportunity


def _capacity(row: Row) -> int:
    try:
        requested = int(row["vol_requests"] or 1)
    except ValueError:
        requested = 1
    return max(1, min(requested, MAX_CAPACITY))


def shift_times(
    row: Row, rng: random.Random, zone: ZoneInfo, first_day: date
) -> list[tuple[datetime, datetime]]:
    """UTC (start, end) pairs from ``first_day`` on: weekly for ongoing rows, else 1 or 2."""
    days = SHIFT_WEEKS * 7
    if row["recurrence_type"].strip() == "onetime":
        offsets = sorted(rng.sample(range(days), rng.choice((1, 2))))
        slots = [
            (offset, rng.choice(START_MINUTES), rng.choice(DURATION_MINUTES)) for offset in offsets
        ]
    else:
        weekday_offset = rng.randrange(7)
        start, length = rng.choice(START_MINUTES), rng.choice(DURATION_MINUTES)
        slots = [(weekday_offset + 7 * week, start, length) for week in range(SHIFT_WEEKS)]
    times = []
    for offset, start, length in slots:
        local = datetime.combine(first_day + timedelta(days=offset), time(), tzinfo=zone)
        local += timedelta(minutes=start)
        times.append((local.astimezone(UTC), (local + timedelta(minutes=length)).astimezone(UTC)))
    return times


def load(rows: list[Row], verifier: User | None, demo_org_ref: str) -> NycCounts:
    """Add the organizations, opportunities and shifts that are not in the database yet."""
    counts = NycCounts()
    locate = _Locator()
    groups = group_by_organization(rows)
    organizations = {
        org.source_ref: org
        for org in db.session.scalars(
            sa.select(Organization).where(Organization.source_ref.in_(list(groups)))
        )
    }
    new_orgs = [
        _organization(ref, group, locate, verifier, ref == demo_org_ref)
        for ref, group in groups.items()
        if ref not in organizations
    ]
    db.session.add_all(new_orgs)
    organizations.update({org.source_ref: org for org in new_orgs if org.source_ref})
    counts.organizations = len(new_orgs)

    wanted = [opportunity_ref(row) for row in rows]
    existing = set(
        db.session.scalars(
            sa.select(Opportunity.source_ref).where(Opportunity.source_ref.in_(wanted))
        )
    )
    now = utcnow()
    for row in rows:
        if opportunity_ref(row) in existing:
            continue
        organization = organizations[org_ref(row)]
        rng = rng_for(opportunity_ref(row))
        opportunity = _opportunity(row, organization, locate, rng)
        zone = ZoneInfo(organization.timezone)
        first_day = now.astimezone(zone).date() + timedelta(days=1)
        capacity = _capacity(row)
        for starts_at, ends_at in shift_times(row, rng, zone, first_day):
            opportunity.shifts.append(
                Shift(starts_at=starts_at, ends_at=ends_at, capacity=capacity, filled=0)
            )
            counts.shifts += 1
        db.session.add(opportunity)
        counts.opportunities += 1
        if counts.opportunities % BATCH_SIZE == 0:
            db.session.flush()
    db.session.flush()
    return counts
