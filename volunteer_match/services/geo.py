"""Postcodes to coarse coordinates, offline (the zipcodes package ships its own data)."""

from __future__ import annotations

import math
import re

import zipcodes

from volunteer_match.services.errors import ValidationFailed

_US_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
EARTH_RADIUS_KM = 6371.0


def clean_postcode(raw: str | None) -> str | None:
    value = (raw or "").strip()
    return value or None


def resolve_postcode(raw: str | None, field: str = "postcode") -> tuple[float, float] | None:
    """Return (latitude, longitude) of a US ZIP code's centre, None for an empty value.

    Raises ValidationFailed for a value that is not a known ZIP code.
    """
    postcode = clean_postcode(raw)
    if postcode is None:
        return None
    if not _US_ZIP.match(postcode):
        raise ValidationFailed.on(field, "Enter a 5-digit US ZIP code, like 10027.")
    matches = zipcodes.matching(postcode[:5])
    if not matches:
        raise ValidationFailed.on(field, f"We don't know the ZIP code {postcode}. Please check it.")
    return float(matches[0]["lat"]), float(matches[0]["long"])


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
