"""The skill and cause vocabulary, kept as data in vocabulary.json beside this file.

Each concept label (shown as a suggestion on the profile form) maps to the synonyms and
everyday phrasings people type, lower case; a phrase belongs to one concept only.
Misspellings, plurals and word order are handled by the matcher (rapidfuzz and stemming),
so the file lists real words, not typos. ``RELATED`` links concepts that often go together,
for partial credit. Keep everything free of anything about health history.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_DATA = json.loads((Path(__file__).parent / "vocabulary.json").read_text(encoding="utf-8"))

SKILLS: dict[str, list[str]] = _DATA["skills"]
INTERESTS: dict[str, list[str]] = _DATA["causes"]
RELATED: dict[str, list[str]] = _DATA["related"]


@cache
def all_concepts() -> dict[str, tuple[str, ...]]:
    """Skills and causes together: concept label -> its synonyms."""
    return {label: tuple(terms) for label, terms in {**SKILLS, **INTERESTS}.items()}
