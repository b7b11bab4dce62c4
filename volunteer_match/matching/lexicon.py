"""The lexicon: vocabulary phrases indexed for exact and fuzzy lookup.

``concepts_in_entries`` reads what a volunteer typed (short entries such as "math tutering");
``concepts_in_listing`` reads an opportunity (title, description, the organization's own
skills and causes). Both run when a profile or opportunity is saved, not when ranking.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from english_words import get_english_words_set
from rapidfuzz import fuzz, process

from volunteer_match.matching import text, vocabulary

MAX_PHRASE_WORDS = 4
WORD_CUTOFF = 82  # rapidfuzz ratio (0-100) for one misspelt word against a known word
MIN_FUZZY_WORD = 4  # shorter words are too ambiguous to correct
PHRASE_CUTOFF = 86  # token_sort_ratio for a whole entry against a whole phrase
LISTING_WORD_CUTOFF = 90  # stricter in long texts, where false hits cost more

# How strongly each part of a listing says what the role is.
TITLE_WEIGHT = 1.0
SKILLS_WEIGHT = 1.0
DESCRIPTION_WEIGHT = 0.6
CAUSE_WEIGHT = 0.5


@dataclass(frozen=True)
class Hit:
    """A concept found in a listing: how strongly, and the words that showed it."""

    weight: float
    phrase: str


@dataclass
class Lexicon:
    concepts: list[str] = field(default_factory=list)
    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)  # stems -> concept
    known_words: dict[str, str] = field(default_factory=dict)  # typo key -> word
    keys: list[str] = field(default_factory=list)
    whole: dict[str, str] = field(default_factory=dict)  # "stem stem" -> concept
    english: frozenset[str] = frozenset()  # real words: never "corrected" into others

    @classmethod
    def from_vocabulary(cls) -> Lexicon:
        lexicon = cls()
        for concept, synonyms in vocabulary.all_concepts().items():
            lexicon.concepts.append(concept)
            for phrase in (concept, *synonyms):
                tokens = text.words(phrase)
                if not tokens:
                    continue
                key = text.stems(tokens)
                lexicon.phrases.setdefault(key, concept)
                lexicon.whole.setdefault(" ".join(key), concept)
                for word in tokens:
                    lexicon.known_words.setdefault(text.typo_key(word), word)
        lexicon.keys = sorted(lexicon.known_words)
        lexicon.english = frozenset(get_english_words_set(["web2"], lower=True))
        return lexicon

    def is_english(self, word: str) -> bool:
        """A real word (or the stem of one): 'water' must not become 'waiter'."""
        return word in self.english or text.stem(word) in self.english

    def correct(self, word: str, cutoff: int = WORD_CUTOFF) -> str:
        """The vocabulary word a misspelt word most likely means (or the word itself)."""
        key = text.typo_key(word)
        if key in self.known_words:
            return self.known_words[key]
        if len(word) < MIN_FUZZY_WORD or not text.is_content_word(word) or self.is_english(word):
            return word
        best = process.extractOne(key, self.keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        return self.known_words[best[0]] if best else word

    def _ngram_hits(self, tokens: list[str]) -> list[tuple[str, str]]:
        """(concept, original words) for vocabulary phrases in ``tokens``, longest first: words
        inside a longer phrase ("design" in "web design") don't count again on their own."""
        stems = text.stems(tokens)
        found = []
        covered = [False] * len(stems)
        for size in range(min(MAX_PHRASE_WORDS, len(stems)), 0, -1):
            for start in range(len(stems) - size + 1):
                if any(covered[start : start + size]):
                    continue
                if size == 1 and not text.is_content_word(tokens[start]):
                    continue
                concept = self.phrases.get(stems[start : start + size])
                if concept:
                    found.append((concept, " ".join(tokens[start : start + size])))
                    covered[start : start + size] = [True] * size
        return found

    def concepts_in_entries(self, entries: Iterable[str]) -> dict[str, str]:
        """Concept -> the entry it came from, for a volunteer's own words."""
        result: dict[str, str] = {}
        for entry in entries:
            raw = text.words(entry)
            tokens = [self.correct(word) for word in raw]
            hits = self._ngram_hits(tokens)
            if not hits:
                key = " ".join(text.stems(tokens))
                best = process.extractOne(
                    key, list(self.whole), scorer=fuzz.token_sort_ratio, score_cutoff=PHRASE_CUTOFF
                )
                if best:
                    hits = [(self.whole[best[0]], entry)]
            for concept, _ in hits:
                result.setdefault(concept, entry.strip())
        return result

    def concepts_in_listing(
        self,
        title: str,
        description: str,
        skills: Iterable[str] = (),
        causes: Iterable[str] = (),
    ) -> dict[str, Hit]:
        """Concept -> strongest evidence in an opportunity's own words."""
        found: dict[str, Hit] = {}

        def add(concept: str, weight: float, phrase: str) -> None:
            if concept not in found or found[concept].weight < weight:
                found[concept] = Hit(weight, phrase)

        for entry_concept, entry in self.concepts_in_entries(skills).items():
            add(entry_concept, SKILLS_WEIGHT, entry)
        for entry_concept, entry in self.concepts_in_entries(causes).items():
            add(entry_concept, CAUSE_WEIGHT, entry)
        for part, weight in ((title, TITLE_WEIGHT), (description, DESCRIPTION_WEIGHT)):
            tokens = [self.correct(word, LISTING_WORD_CUTOFF) for word in text.words(part)]
            for concept, phrase in self._ngram_hits(tokens):
                add(concept, weight, phrase)
        return found


@cache
def lexicon() -> Lexicon:
    """The lexicon of the packaged vocabulary, built once per process."""
    return Lexicon.from_vocabulary()
