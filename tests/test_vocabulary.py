"""The skill and cause vocabulary: every concept has everyday synonyms, none shared."""

from __future__ import annotations

from collections import Counter

import pytest

from volunteer_match.matching.vocabulary import INTERESTS, SKILLS


@pytest.mark.parametrize("vocabulary", [SKILLS, INTERESTS], ids=["skills", "interests"])
def test_every_concept_has_synonyms(vocabulary: dict[str, list[str]]) -> None:
    for concept, synonyms in vocabulary.items():
        assert concept == concept.strip() and concept
        assert len(synonyms) >= 3, concept
        for synonym in synonyms:
            assert synonym == " ".join(synonym.split()).lower(), (concept, synonym)


def test_no_phrase_belongs_to_two_concepts() -> None:
    phrases = Counter(
        phrase.casefold()
        for vocabulary in (SKILLS, INTERESTS)
        for concept, synonyms in vocabulary.items()
        for phrase in {concept, *synonyms}
    )
    assert [phrase for phrase, count in phrases.items() if count > 1] == []


def test_the_vocabulary_covers_common_nyc_volunteering() -> None:
    assert len(SKILLS) >= 30 and len(INTERESTS) >= 20
    assert {"cooking", "tutoring", "IT support", "translation", "animal care"} <= set(SKILLS)
    assert {"hunger", "homelessness", "seniors", "environment", "LGBTQ+"} <= set(INTERESTS)
    assert "fixing computers" in SKILLS["IT support"]
    assert "spanish" in SKILLS["translation"]
