"""Ranking measures and baselines (matching/metrics.py) on hand-computed cases."""

from __future__ import annotations

import math

import pytest

from volunteer_match.matching.metrics import (
    dcg_at_k,
    listing_text,
    ndcg_at_k,
    precision_at_k,
    shared_words_rank,
    token_set_rank,
    volunteer_text,
)

RELEVANCE = {"a": 2, "b": 1, "c": 1}


def log2(position: int) -> float:
    return math.log2(position + 1)


def test_a_perfect_ranking_scores_one() -> None:
    assert ndcg_at_k(["a", "b", "c", "x", "y"], RELEVANCE) == pytest.approx(1.0)
    assert ndcg_at_k(["a", "c", "b"], RELEVANCE) == pytest.approx(1.0)  # equal grades swap


def test_gains_are_two_to_the_grade_minus_one_with_log2_discounts() -> None:
    assert dcg_at_k(["a", "b", "x"], RELEVANCE) == pytest.approx(3 / log2(1) + 1 / log2(2))


def test_a_reversed_ranking() -> None:
    ideal = 3 / log2(1) + 1 / log2(2) + 1 / log2(3)
    reversed_dcg = 1 / log2(1) + 1 / log2(2) + 3 / log2(3)
    assert ndcg_at_k(["c", "b", "a"], RELEVANCE) == pytest.approx(reversed_dcg / ideal)
    # (1 + 0.6309 + 3/2) / (3 + 0.6309 + 1/2) = 3.1309 / 4.1309
    assert ndcg_at_k(["c", "b", "a"], RELEVANCE) == pytest.approx(0.7579, abs=1e-4)


def test_relevant_items_left_out_still_count_in_the_ideal() -> None:
    ideal = 3 / log2(1) + 1 / log2(2) + 1 / log2(3)
    assert ndcg_at_k(["a"], RELEVANCE) == pytest.approx(3 / ideal)
    assert ndcg_at_k(["x", "y", "b"], RELEVANCE) == pytest.approx((1 / log2(3)) / ideal)
    assert ndcg_at_k([], RELEVANCE) == 0.0


def test_only_the_first_k_positions_count() -> None:
    ranked = [f"x{i}" for i in range(10)] + ["a", "b", "c"]
    assert ndcg_at_k(ranked, RELEVANCE, k=10) == 0.0
    assert ndcg_at_k(ranked, RELEVANCE, k=11) > 0.0
    # The ideal is cut at k too: with k=1 only the best item is wanted first.
    assert ndcg_at_k(["a", "x"], RELEVANCE, k=1) == pytest.approx(1.0)
    assert ndcg_at_k(["b", "a"], RELEVANCE, k=1) == pytest.approx(1 / 3)


def test_no_relevant_item_scores_zero_and_k_must_be_positive() -> None:
    assert ndcg_at_k(["a", "b"], {}) == 0.0
    assert ndcg_at_k(["a", "b"], {"a": 0}) == 0.0
    with pytest.raises(ValueError):
        ndcg_at_k(["a"], RELEVANCE, k=0)
    with pytest.raises(ValueError):
        precision_at_k(["a"], RELEVANCE, k=0)


def test_precision_counts_grade_one_or_more_in_the_first_k() -> None:
    assert precision_at_k(["a", "x", "b", "y", "c"], RELEVANCE) == pytest.approx(3 / 5)
    assert precision_at_k(["a", "b", "c", "x", "y", "z"], RELEVANCE, k=2) == 1.0
    assert precision_at_k(["x", "y", "z", "w", "v", "a"], RELEVANCE) == 0.0
    assert precision_at_k(["a"], RELEVANCE) == pytest.approx(1 / 5)  # empty places miss
    assert precision_at_k(["a", "d"], {"a": 1, "d": 0}, k=2) == 0.5


LISTINGS = {
    "garden": listing_text(
        "Community garden helper", "Weeding, planting and watering raised beds.", ["Environment"]
    ),
    "kitchen": listing_text(
        "Soup kitchen cook", "Cooking and serving hot meals to neighbors.", ["Hunger"]
    ),
    "tutor": listing_text("Math tutor", "Tutoring high school students in algebra.", []),
}


def test_shared_words_ranks_the_matching_text_first() -> None:
    words = volunteer_text(["cooking", "serving meals"], ["soup kitchen"], ["give back"])
    assert shared_words_rank(words, LISTINGS) == ["kitchen", "garden", "tutor"]


def test_shared_words_ignores_stopwords_and_breaks_ties_by_key() -> None:
    assert shared_words_rank("the and to with", LISTINGS) == ["garden", "kitchen", "tutor"]
    assert shared_words_rank("ALGEBRA", LISTINGS)[0] == "tutor"  # lower-cased


def test_token_set_ranks_the_matching_text_first() -> None:
    assert token_set_rank("planting raised beds in a garden", LISTINGS)[0] == "garden"
    assert token_set_rank("Tutoring algebra", LISTINGS)[0] == "tutor"
    assert token_set_rank("", {"b": "x", "a": "y"}) == ["a", "b"]
    assert token_set_rank("anything", {}) == []
