"""Pure matching package: vocabulary, text normalisation, scoring and explanations.

No Flask or SQLAlchemy imports here: inputs are plain strings, dataclasses and arrays, so
everything in this package can be tested and benchmarked without an app or a database.

Code outside this package imports from here, never from its modules (unit tests may):

- what the matcher reads and returns: ``Volunteer``, ``Window``, ``ListingFeatures``,
  ``ShiftFeatures``, ``Match``; the live index ``MatchIndex``;
- ranking: ``rank`` (opportunities for a person), ``rank_candidates`` (people for an
  opportunity), ``explain_shift`` (the reasons for one shift);
- reading text: ``lexicon()`` and its ``Hit``; the vocabulary's ``SKILLS`` and ``INTERESTS``;
  the fit attributes ``FIT_ATTRIBUTES``/``FIT_LABELS``, the ``GOALS`` and ``goal_key``;
- measuring: ``ndcg_at_k``, ``precision_at_k`` and the two naive baselines
  (``shared_words_rank``, ``token_set_rank`` on ``volunteer_text``/``listing_text``).
"""

from volunteer_match.matching.attributes import FIT_ATTRIBUTES, FIT_LABELS, GOALS, goal_key
from volunteer_match.matching.features import (
    ListingFeatures,
    Match,
    ShiftFeatures,
    Volunteer,
    Window,
)
from volunteer_match.matching.index import MatchIndex
from volunteer_match.matching.lexicon import Hit, lexicon
from volunteer_match.matching.metrics import (
    listing_text,
    ndcg_at_k,
    precision_at_k,
    shared_words_rank,
    token_set_rank,
    volunteer_text,
)
from volunteer_match.matching.rank import explain_shift, rank, rank_candidates
from volunteer_match.matching.vocabulary import INTERESTS, SKILLS

__all__ = [
    "FIT_ATTRIBUTES",
    "FIT_LABELS",
    "GOALS",
    "INTERESTS",
    "SKILLS",
    "Hit",
    "ListingFeatures",
    "Match",
    "MatchIndex",
    "ShiftFeatures",
    "Volunteer",
    "Window",
    "explain_shift",
    "goal_key",
    "lexicon",
    "listing_text",
    "ndcg_at_k",
    "precision_at_k",
    "rank",
    "rank_candidates",
    "shared_words_rank",
    "token_set_rank",
    "volunteer_text",
]
