"""Matcher benchmark on resampled NYC Open Data opportunities (no app, no database).

    .venv/bin/python benchmarks/bench_matching.py                  # small, for CI
    .venv/bin/python benchmarks/bench_matching.py --shifts 100000 --volunteers 10000

Builds N listings with one open shift each, resampled with a fixed seed from the rows of
volunteer_match/data/nyc_service_volunteer_opportunities.csv (NYC Open Data, "NYC Service:
Volunteer Opportunities (Historical)", dataset bquu-z2ht), then times the matcher against a
naive baseline that fuzzy-matches the volunteer's text against every shift's text on each
request, and compares ranking quality on the graded dev set (tests/data/dev_matching_set.json).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
from rapidfuzz import fuzz, process, utils

from volunteer_match.matching import (
    FIT_ATTRIBUTES,
    GOALS,
    Hit,
    ListingFeatures,
    MatchIndex,
    ShiftFeatures,
    Volunteer,
    Window,
    goal_key,
    lexicon,
    listing_text,
    ndcg_at_k,
    rank,
    shared_words_rank,
    token_set_rank,
    volunteer_text,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "volunteer_match" / "data"
DEV_SET = ROOT / "tests" / "data" / "dev_matching_set.json"
SEED = 2026
ZONE = ZoneInfo("America/New_York")
WEEKS = 8
LIMIT = 20  # results per request, as on the matches page
ATTRIBUTE_RATES = dict(zip(FIT_ATTRIBUTES, (0.5, 0.25, 0.6, 0.5, 0.5, 0.4), strict=True))


@dataclass
class Built:
    index: MatchIndex
    texts: list[str]  # each shift's listing text, lower-cased once (the naive baseline's input)
    seconds: float


def read_rows() -> list[dict[str, str]]:
    with (DATA / "nyc_service_volunteer_opportunities.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def build(rows: list[dict[str, str]], n_shifts: int, now: int) -> Built:
    """N listings, one shift each; each CSV row's text is read once, however often drawn."""
    started = time.perf_counter()
    rng = random.Random(SEED)
    read: dict[int, tuple[dict[str, Hit], str]] = {}
    index, texts = MatchIndex(), []
    first_day = datetime.fromtimestamp(now, ZONE).date() + timedelta(days=1)
    for n in range(1, n_shifts + 1):
        r = rng.randrange(len(rows))
        row = rows[r]
        if r not in read:
            category = [row["category_desc"]] if row["category_desc"] else []
            concepts = lexicon().concepts_in_listing(row["title"], row["summary"], [], category)
            body = listing_text(row["title"], row["summary"], category)
            read[r] = (concepts, utils.default_process(body))
        concepts, body = read[r]
        index.upsert_listing(
            ListingFeatures(
                opportunity_id=n,
                title=row["title"],
                organization=row["org_title"],
                concepts=concepts,
                attributes=frozenset(a for a, p in ATTRIBUTE_RATES.items() if rng.random() < p),
                virtual=rng.random() < 0.05,
                latitude=rng.uniform(40.5, 40.9),
                longitude=rng.uniform(-74.1, -73.75),
            )
        )
        minutes = rng.choice((120, 150, 180, 210, 240))
        day = first_day + timedelta(days=rng.randrange(WEEKS * 7))
        start = datetime(day.year, day.month, day.day, 8, tzinfo=ZONE) + timedelta(
            minutes=rng.randrange(0, 12 * 60 - minutes + 1, 30)
        )
        starts = int(start.timestamp())
        index.upsert_shift(ShiftFeatures(n, n, starts, starts + 60 * minutes, rng.randint(1, 10)))
        texts.append(body)
    return Built(index, texts, time.perf_counter() - started)


@dataclass(frozen=True)
class Profile:
    skills: dict[str, str]
    interests: dict[str, str]
    goals: frozenset[str]
    text: str
    preferences: frozenset[str] = frozenset()


def _goal(value: str) -> str:
    key = goal_key(value)
    if key is None:
        raise KeyError(value)
    return key


def profile(item: dict) -> Profile:
    goals = [_goal(g) for g in item.get("goals", [])]
    return Profile(
        skills=lexicon().concepts_in_entries(item["skills"]),
        interests=lexicon().concepts_in_entries(item["interests"]),
        goals=frozenset(goals),
        text=volunteer_text(item["skills"], item["interests"], (GOALS[g] for g in goals)),
        preferences=frozenset(item.get("preferences", [])),
    )


def volunteers(n: int) -> tuple[list[Volunteer], list[str]]:
    """N people resampled from the dev set and demo profiles: random week, place and reach."""
    items = json.loads(DEV_SET.read_text())["volunteers"]
    items += json.loads((DATA / "demo_volunteers.json").read_text())
    pool = [profile(item) for item in items]  # each profile's words are read once
    rng = random.Random(SEED)
    people, texts = [], []
    for i in range(1, n + 1):
        p = rng.choice(pool)
        windows = []
        for _ in range(rng.randint(1, 4)):
            start = rng.randrange(8 * 60, 17 * 60, 30)
            end = min(start + rng.choice((180, 240, 360, 480)), 24 * 60)
            windows.append(Window(rng.randrange(7), start, end))
        must = frozenset({rng.choice(FIT_ATTRIBUTES)}) if rng.random() < 0.1 else frozenset()
        people.append(Volunteer(
            id=i, skills=p.skills, interests=p.interests, goals=p.goals, windows=tuple(windows),
            latitude=rng.uniform(40.5, 40.9), longitude=rng.uniform(-74.1, -73.75),
            travel_km=rng.uniform(3, 25), virtual_ok=rng.random() < 0.3,
            preferences=p.preferences | must, must_have=must,
        ))  # fmt: skip
        texts.append(p.text)
    return people, texts


def timings(call: Callable[[int], object], count: int, warm_up: int = 0) -> list[float]:
    for i in range(warm_up):
        call(i)
    found = []
    for i in range(count):
        started = time.perf_counter()
        call(warm_up + i)
        found.append(1000 * (time.perf_counter() - started))
    return found


def summary(ms: list[float]) -> str:
    p95 = float(np.percentile(ms, 95))
    return f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms, max {max(ms):.1f} ms"


def naive(volunteer_text: str, texts: list[str]) -> np.ndarray:
    """The baseline: token_set_ratio of the volunteer's text against every shift's text."""
    scores = process.cdist(
        [utils.default_process(volunteer_text)], texts, scorer=fuzz.token_set_ratio, workers=1
    )[0]
    top = np.argpartition(-scores, min(LIMIT, len(texts) - 1))[:LIMIT]
    return top[np.argsort(-scores[top], kind="stable")]


def dev_set_quality(now: int) -> str:
    """Mean NDCG@10 on the graded dev set: listings and people built as the evaluation does
    (one future shift each; no location, no availability, virtual roles fine)."""
    data = json.loads(DEV_SET.read_text())
    index, keys, texts = MatchIndex(), {}, {}
    for n, item in enumerate(data["opportunities"], start=1):
        concepts = lexicon().concepts_in_listing(
            item["title"], item["description"], [], item["interests"]
        )
        index.upsert_listing(ListingFeatures(n, item["title"], item["organization"], concepts))
        index.upsert_shift(ShiftFeatures(n, n, now + 86400, now + 86400 + 3 * 3600, 5))
        keys[n] = item["key"]
        texts[item["key"]] = listing_text(item["title"], item["description"], item["interests"])
    found: dict[str, list[float]] = {"matcher": [], "token set": [], "shared words": []}
    for n, item in enumerate(data["volunteers"], start=1):
        p = profile(item)
        person = Volunteer(n, p.skills, p.interests, p.goals, virtual_ok=True)
        ranked = [keys[m.opportunity_id] for m in rank(index, person, now, len(keys))]
        relevance = item["relevance"]
        found["matcher"].append(ndcg_at_k(ranked, relevance))
        found["token set"].append(ndcg_at_k(token_set_rank(p.text, texts), relevance))
        found["shared words"].append(ndcg_at_k(shared_words_rank(p.text, texts), relevance))
    figures = ", ".join(f"{name} {statistics.fmean(v):.3f}" for name, v in found.items())
    return (
        f"dev set NDCG@10 ({len(data['volunteers'])} volunteers, {len(keys)} listings): {figures}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shifts", type=int, default=5000)
    parser.add_argument("--volunteers", type=int, default=200)
    parser.add_argument("--rankings", type=int, default=200, help="timed single rankings")
    parser.add_argument("--naive-requests", type=int, default=20)
    args = parser.parse_args()
    now = int(time.time())
    n = args.shifts

    started = time.perf_counter()
    lexicon()
    seconds = time.perf_counter() - started
    print(f"lexicon: {len(lexicon().concepts)} concepts, loaded in {seconds:.2f} s")
    rows = read_rows()
    built = build(rows, n, now)
    index = built.index
    print(f"build {n:,} shifts from {len(rows)} CSV rows: {built.seconds:.2f} s")
    tracemalloc.start()
    build(rows, n, now)  # the same build again, to measure its memory
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"index memory: {index.nbytes() / 1e6:.1f} MB of arrays (MatchIndex.nbytes), "
          f"tracemalloc peak during build {peak / 1e6:.1f} MB")  # fmt: skip

    people, texts = volunteers(max(args.volunteers, args.rankings + 20))
    fast = timings(lambda i: rank(index, people[i % len(people)], now, LIMIT), args.rankings, 20)
    print(f"rank 1 volunteer, {n:,} shifts: {summary(fast)} "
          f"({args.rankings} rankings after 20 warm-up, top {LIMIT})")  # fmt: skip
    print(f"index memory after warm-up (with week-minute cache): {index.nbytes() / 1e6:.1f} MB")
    slow = timings(lambda i: naive(texts[i % len(texts)], built.texts), args.naive_requests, 1)
    print(f"naive token_set_ratio over {n:,} shift texts: {summary(slow)} "
          f"({args.naive_requests} requests, rapidfuzz cdist, 1 thread)")  # fmt: skip
    print(f"speed-up (median): {statistics.median(slow) / statistics.median(fast):,.0f}x")

    started = time.perf_counter()
    matched = sum(len(rank(index, person, now, LIMIT)) > 0 for person in people[: args.volunteers])
    total = time.perf_counter() - started
    print(f"batch: rank {args.volunteers:,} volunteers against {n:,} shifts: {total:.1f} s, "
          f"{1000 * total / args.volunteers:.2f} ms per volunteer "
          f"({matched:,} with at least one match)")  # fmt: skip
    print(dev_set_quality(now))


if __name__ == "__main__":
    main()
