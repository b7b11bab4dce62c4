"""The graded relevance set that ``flask match evaluate`` reads: its format, checked.

A JSON object (see tests/data/dev_matching_set.json) with ``opportunities`` (key, title,
description, skills, interests, organization, postcode) and ``volunteers`` (key, skills,
interests, goals as keys or labels, and ``relevance``: listing key -> a whole-number grade,
0 for any listing not named). Every refusal names the item and the field at fault.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from volunteer_match.matching import GOALS, goal_key


class GradedSetError(ValueError):
    """The graded set can't be read or loaded; the message says where and why."""


@dataclass(frozen=True)
class GradedListing:
    key: str
    title: str
    description: str = ""
    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    organization: str = ""
    postcode: str | None = None


@dataclass(frozen=True)
class GradedVolunteer:
    key: str
    skills: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()  # keys of GOALS
    relevance: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class GradedSet:
    listings: list[GradedListing]
    volunteers: list[GradedVolunteer]
    source: str = ""


def _text(item: dict[str, Any], name: str, where: str, required: bool = False) -> str:
    value = item.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise GradedSetError(f"{where}.{name}: expected {'non-empty ' if required else ''}text")
    return value


def _texts(item: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    value = item.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GradedSetError(f"{where}.{name}: expected a list of texts")
    return tuple(value)


def _objects(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    items = data.get(name)
    if not isinstance(items, list) or not items:
        raise GradedSetError(f"'{name}': expected a non-empty list")
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise GradedSetError(f"{name}[{n}]: expected an object")
    return items


def _unique_key(item: dict[str, Any], where: str, seen: set[str]) -> str:
    key = _text(item, "key", where, required=True)
    if key in seen:
        raise GradedSetError(f"{where}.key: '{key}' appears twice")
    seen.add(key)
    return key


def _listing(item: dict[str, Any], where: str, seen: set[str]) -> GradedListing:
    postcode = item.get("postcode")
    if isinstance(postcode, int) and not isinstance(postcode, bool):
        postcode = f"{postcode:05d}"
    if postcode is not None and not isinstance(postcode, str):
        raise GradedSetError(f"{where}.postcode: expected text")
    return GradedListing(
        key=_unique_key(item, where, seen),
        title=_text(item, "title", where, required=True),
        description=_text(item, "description", where),
        skills=_texts(item, "skills", where),
        interests=_texts(item, "interests", where),
        organization=_text(item, "organization", where).strip(),
        postcode=(postcode.strip() or None) if postcode else None,
    )


def _volunteer(
    item: dict[str, Any], where: str, seen: set[str], listing_keys: set[str]
) -> GradedVolunteer:
    key = _unique_key(item, where, seen)
    goals = []
    for label in _texts(item, "goals", where):
        goal = goal_key(label)
        if goal is None:
            known = ", ".join(GOALS.values())
            raise GradedSetError(f"{where}.goals: unknown goal '{label}' (known: {known})")
        goals.append(goal)
    relevance = item.get("relevance", {})
    if not isinstance(relevance, dict):
        raise GradedSetError(f"{where}.relevance: expected an object of listing key -> grade")
    for listing_key, grade in relevance.items():
        if listing_key not in listing_keys:
            raise GradedSetError(f"{where}.relevance: no opportunity has the key '{listing_key}'")
        if not isinstance(grade, int) or isinstance(grade, bool) or grade < 0:
            raise GradedSetError(f"{where}.relevance.{listing_key}: expected a whole number ≥ 0")
    return GradedVolunteer(
        key=key,
        skills=_texts(item, "skills", where),
        interests=_texts(item, "interests", where),
        goals=tuple(goals),
        relevance=dict(relevance),
    )


def parse_graded_set(data: object) -> GradedSet:
    if not isinstance(data, dict):
        raise GradedSetError("expected a JSON object with 'opportunities' and 'volunteers'")
    listing_keys: set[str] = set()
    listings = [
        _listing(item, f"opportunities[{n}]", listing_keys)
        for n, item in enumerate(_objects(data, "opportunities"))
    ]
    volunteer_keys: set[str] = set()
    volunteers = [
        _volunteer(item, f"volunteers[{n}]", volunteer_keys, listing_keys)
        for n, item in enumerate(_objects(data, "volunteers"))
    ]
    source = data.get("source")
    return GradedSet(listings, volunteers, source if isinstance(source, str) else "")


def read_graded_set(path: str | Path) -> GradedSet:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise GradedSetError(f"can't read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise GradedSetError(f"{path} is not UTF-8 text") from error
    except json.JSONDecodeError as error:
        raise GradedSetError(
            f"{path} is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from error
    return parse_graded_set(data)
