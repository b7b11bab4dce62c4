"""Turning what people type into comparable words: tokens, typo keys and stems.

Typos are compared on a *key*: lower case, ASCII, "ph" read as "f", doubled letters
single ("bookkeeping" and "bookeeping" share the key "bokeping"). Words are compared
after Snowball stemming, so plural and tense variations ("tutors", "tutoring") meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[a-z0-9+]+")
_DOUBLE = re.compile(r"(.)\1+")
_stemmer = snowballstemmer.stemmer("english")

# Words that say nothing about what a role is: never matched on their own.
STOPWORDS = frozenset(
    """a about all also an and any are as at be been but by can come do for from get
    good great have help helping helps how i if in into is it its like looking me more
    most must my need needed needs new no not of on one or our out own people person
    please role so some such than that the their them there these they this those to
    up us use very volunteer volunteers volunteering want wanted we well what when where
    which who will with work working would year years you your nyc york city""".split()  # noqa: SIM905
)


def fold(text: str) -> str:
    """Lower case ASCII, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode().lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def typo_key(word: str) -> str:
    return _DOUBLE.sub(r"\1", word.replace("ph", "f"))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def stems(tokens: list[str]) -> tuple[str, ...]:
    return tuple(stem(token) for token in tokens)


def is_content_word(word: str) -> bool:
    return word not in STOPWORDS and not word.isdigit()
