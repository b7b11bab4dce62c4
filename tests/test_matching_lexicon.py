"""The matcher understands what people type: misspellings, synonyms, plurals, word order."""

from __future__ import annotations

import pytest

from volunteer_match.matching.lexicon import lexicon


@pytest.mark.parametrize(
    ("typed", "concept"),
    [
        ("cooking", "cooking"),
        ("cookin", "cooking"),
        ("kitchen help", "cooking"),
        ("food prep", "cooking"),
        ("carpentery", "carpentry"),
        ("grafic design", "graphic design"),
        ("Graphic Designs", "graphic design"),
        ("design graphic", "graphic design"),
        ("math tutering", "tutoring"),
        ("homwork help", "tutoring"),
        ("teaching kids", "tutoring"),
        ("fixing computers", "IT support"),
        ("IT support", "IT support"),
        ("bookeeping", "bookkeeping"),
        ("acounting", "bookkeeping"),
        ("data entery", "office work"),
        ("photograpy", "photography"),
        ("personal trainning", "fitness instruction"),
        ("grant writting", "grant writing"),
        ("fundrasing", "fundraising"),
        ("elderly", "seniors"),
        ("older adults", "seniors"),
        ("Seniors", "seniors"),
    ],
)
def test_typed_words_land_on_their_concept(typed: str, concept: str) -> None:
    assert concept in lexicon().concepts_in_entries([typed])


def test_a_longer_phrase_wins_over_the_words_inside_it() -> None:
    found = lexicon().concepts_in_entries(["web design"])
    assert set(found) == {"web design"}  # not also "graphic design" for "design"


def test_the_typed_words_are_kept_for_the_reasons() -> None:
    assert lexicon().concepts_in_entries(["  cookin "]) == {"cooking": "cookin"}


@pytest.mark.parametrize("typed", ["", "   ", "asdfgh", "the and of", "x" * 60])
def test_nonsense_and_filler_find_nothing(typed: str) -> None:
    assert lexicon().concepts_in_entries([typed]) == {}


def test_listing_text_is_read_with_title_weighing_more_than_description() -> None:
    hits = lexicon().concepts_in_listing(
        "Kitchen Assistant", "Help prepare and serve food to children.", [], ["Education"]
    )
    assert hits["cooking"].weight > hits["serving food"].weight
    assert hits["cooking"].phrase == "kitchen assistant"
    assert "children and youth" in hits
    assert "education" in hits


def test_organizations_that_leave_skills_empty_are_still_understood() -> None:
    hits = lexicon().concepts_in_listing("Beach Clean Up", "Keep the coasts free of debris.")
    assert {"cleaning", "environment"} <= set(hits)
