"""Small helpers for cleaning what people type into lists and text fields."""

from __future__ import annotations

from collections.abc import Iterable

from volunteer_match.services.errors import ValidationFailed

TAG_MAX = 60
TAGS_MAX = 30


def clean_tags(values: Iterable[str], field: str) -> list[str]:
    """Trim, drop empties and case-insensitive repeats, keep the order people typed."""
    seen: set[str] = set()
    tags: list[str] = []
    for raw in values:
        tag = " ".join(str(raw).split())
        if not tag or tag.casefold() in seen:
            continue
        if len(tag) > TAG_MAX:
            raise ValidationFailed.on(field, f"Keep each entry under {TAG_MAX} characters.")
        seen.add(tag.casefold())
        tags.append(tag)
    if len(tags) > TAGS_MAX:
        raise ValidationFailed.on(field, f"List at most {TAGS_MAX} entries.")
    return tags


def split_tags(text: str | None) -> list[str]:
    """Split a comma- or line-separated text box into entries."""
    return [part for line in (text or "").splitlines() for part in line.split(",")]


def check_length(problems: dict[str, list[str]], field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        problems.setdefault(field, []).append(f"Use at most {limit:,} characters.")
