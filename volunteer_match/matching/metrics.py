"""Ranking quality measures and two naive baseline rankers, on plain keys and texts.

Pure like the rest of this package (no Flask, no SQLAlchemy), so the ``flask match evaluate``
command and the benchmark compute the same figures the same way.

Relevance is graded: 2 = clearly fits, 1 = partly fits, anything not listed = 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process, utils

from volunteer_match.matching import text


def _gain(grade: int) -> float:
    return float(2**grade - 1)


def dcg_at_k(ranked_keys: Sequence[str], relevance: Mapping[str, int], k: int = 10) -> float:
    """Discounted cumulative gain of the first ``k`` keys: sum of (2^rel − 1) / log2(i + 1)
    for 1-based position i."""
    return sum(
        _gain(relevance.get(key, 0)) / math.log2(position + 2)
        for position, key in enumerate(ranked_keys[:k])
    )


def ndcg_at_k(ranked_keys: Sequence[str], relevance: Mapping[str, int], k: int = 10) -> float:
    """DCG@k divided by the DCG@k of the ideal order of every judged item (0-1).

    Relevant items missing from ``ranked_keys`` still count in the ideal, so leaving them out
    costs. With no relevant item at all the score is 0.0 (nothing could be ranked well).
    """
    if k <= 0:
        raise ValueError("k must be positive")
    ideal = sorted((grade for grade in relevance.values() if grade > 0), reverse=True)[:k]
    best = sum(_gain(grade) / math.log2(position + 2) for position, grade in enumerate(ideal))
    if best == 0:
        return 0.0
    return dcg_at_k(ranked_keys, relevance, k) / best


def precision_at_k(ranked_keys: Sequence[str], relevance: Mapping[str, int], k: int = 5) -> float:
    """Share of the first ``k`` positions holding a relevant item (grade ≥ 1); an empty
    position counts as a miss."""
    if k <= 0:
        raise ValueError("k must be positive")
    return sum(1 for key in ranked_keys[:k] if relevance.get(key, 0) >= 1) / k


# -- what the baselines read ----------------------------------------------------------------
def volunteer_text(skills: Iterable[str], interests: Iterable[str], goals: Iterable[str]) -> str:
    """Everything a volunteer wrote, as one text."""
    return " ".join([*skills, *interests, *goals])


def listing_text(title: str, description: str, *tags: Iterable[str]) -> str:
    """A listing's whole text: title, description and its tags (skills, causes, category)."""
    return " ".join([title, description, *(tag for group in tags for tag in group)])


def _by_score_then_key(scores: Mapping[str, float]) -> list[str]:
    return sorted(scores, key=lambda key: (-scores[key], key))


# -- baselines -----------------------------------------------------------------------------
def content_words(value: str) -> set[str]:
    """Distinct lower-case words, stopwords and numbers left out (no stemming, no typos)."""
    return {word for word in text.words(value) if text.is_content_word(word)}


def shared_words_rank(volunteer: str, listings: Mapping[str, str]) -> list[str]:
    """Keys of ``listings`` (key -> whole text) by how many distinct words they share exactly
    with the volunteer's text; ties by key."""
    wanted = content_words(volunteer)
    return _by_score_then_key(
        {key: len(wanted & content_words(body)) for key, body in listings.items()}
    )


def token_set_scores(volunteer: str, texts: Sequence[str], workers: int = 1) -> list[float]:
    """rapidfuzz ``token_set_ratio`` (0-100) of the volunteer's text against each text, both
    lower-cased and stripped of punctuation by rapidfuzz's ``default_process``."""
    if not texts:
        return []
    matrix = process.cdist(
        [volunteer],
        texts,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        workers=workers,
    )
    return [float(score) for score in matrix[0]]


def token_set_rank(volunteer: str, listings: Mapping[str, str]) -> list[str]:
    """Keys of ``listings`` (key -> whole text) by fuzzy token-set similarity of the whole
    texts; ties by key."""
    keys = list(listings)
    scores = token_set_scores(volunteer, [listings[key] for key in keys])
    return _by_score_then_key(dict(zip(keys, scores, strict=True)))
