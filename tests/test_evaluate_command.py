"""`flask match evaluate FILE` scores the matcher on a graded set, in a throwaway database."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.factories import make_user
from volunteer_match.extensions import db
from volunteer_match.models import Opportunity, User

DEV_SET = Path(__file__).parent / "data" / "dev_matching_set.json"
ROWS = {
    "matcher": "matcher",
    "shared_words": "shared words (baseline)",
    "token_set": "token set ratio (baseline)",
}

SMALL_SET: dict[str, Any] = {
    "source": "written for this test",
    "opportunities": [
        {
            "key": "kitchen",
            "title": "Soup kitchen cook",
            "description": "Cook and serve hot meals to neighbors in need.",
            "interests": ["Helping Neighbors in Need"],
            "organization": "Harbor Food Pantry",
            "postcode": "10025",
        },
        {
            "key": "tutor",
            "title": "Math tutor",
            "description": "Tutor high school students in algebra after school.",
            "interests": ["Education"],
            "organization": "Uptown Learning",
            "postcode": "99999",  # not a known ZIP code: posted as virtual
        },
        {
            "key": "garden",
            "title": "Community garden helper",
            "description": "Weeding, planting and watering in a neighborhood garden.",
            "interests": ["Environment"],
            "organization": "Green Block",
        },  # no postcode at all: posted as virtual
        {
            "key": "computers",
            "title": "Computer help desk",
            "description": "Fix computers and help seniors with their email.",
            "interests": [],
            "organization": "Uptown Learning",
            "postcode": "10027",
        },
    ],
    "volunteers": [
        {
            "key": "cook",
            "skills": ["cookin", "food prep"],
            "interests": ["fighting hunger"],
            "goals": ["build job skills", "Give back"],
            "relevance": {"kitchen": 2},
        },
        {
            "key": "teacher",
            "skills": ["tutoring math", "algebra"],
            "interests": ["kids"],
            "goals": ["explore_career"],
            "relevance": {"tutor": 2, "computers": 1},
        },
    ],
}


def figures(output: str) -> dict[str, tuple[float, float]]:
    """Ranker -> (NDCG@10, P@5), read from the printed table."""
    found = {}
    for name, label in ROWS.items():
        row = re.search(rf"^{re.escape(label)}\s+([0-9.]+)\s+([0-9.]+)\s*$", output, re.M)
        assert row, f"no row for {label!r} in:\n{output}"
        found[name] = (float(row.group(1)), float(row.group(2)))
    return found


def user_count() -> int:
    return db.session.scalar(sa.select(sa.func.count(User.id))) or 0


def write(tmp_path: Path, data: object, name: str = "graded.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_a_small_graded_set(runner, tmp_path: Path) -> None:
    make_user("volunteer", email="already-here@example.org")
    before = user_count()
    result = runner.invoke(args=["match", "evaluate", str(write(tmp_path, SMALL_SET))])
    assert result.exit_code == 0, result.output
    assert "2 volunteers, 4 listings" in result.output
    scores = figures(result.output)
    # Each person's clear fit comes first; the partial fit ("computers") may sit below the
    # garden, which was posted as virtual and so gets the small virtual-distance credit.
    assert scores["matcher"][0] >= 0.9
    assert all(0.0 <= ndcg <= 1.0 and 0.0 <= p5 <= 1.0 for ndcg, p5 in scores.values())
    # The test's own database is untouched: same accounts, no opportunities.
    db.session.expire_all()
    assert user_count() == before
    assert db.session.scalar(sa.select(sa.func.count(Opportunity.id))) == 0


def test_per_volunteer_rows(runner, tmp_path: Path) -> None:
    path = write(tmp_path, SMALL_SET)
    result = runner.invoke(args=["match", "evaluate", str(path), "--per-volunteer"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^cook\s+1\.000\b.*top: kitchen", result.output, re.M), result.output
    assert re.search(r"^teacher\s+[0-9.]+\s.*top: tutor,", result.output, re.M), result.output


def test_the_dev_set_matcher_beats_both_baselines(runner) -> None:
    before = user_count()
    result = runner.invoke(args=["match", "evaluate", str(DEV_SET)])
    assert result.exit_code == 0, result.output
    assert "20 volunteers, 60 listings" in result.output
    scores = figures(result.output)
    matcher_ndcg = scores["matcher"][0]
    assert matcher_ndcg >= 0.85, result.output
    assert matcher_ndcg > scores["shared_words"][0], result.output
    assert matcher_ndcg > scores["token_set"][0], result.output
    db.session.expire_all()
    assert user_count() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"opportunities": [', "is not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ({"opportunities": SMALL_SET["opportunities"]}, "'volunteers': expected a non-empty list"),
        (
            {**SMALL_SET, "volunteers": [{"key": "v", "relevance": {"nowhere": 2}}]},
            "no opportunity has the key 'nowhere'",
        ),
        (
            {**SMALL_SET, "volunteers": [{"key": "v", "goals": ["get rich"]}]},
            "unknown goal 'get rich'",
        ),
        (
            {**SMALL_SET, "opportunities": [{"key": "x", "description": "no title"}]},
            "opportunities[0].title: expected non-empty text",
        ),
    ],
)
def test_a_malformed_file_is_refused_clearly(runner, tmp_path: Path, content, message) -> None:
    before = user_count()
    result = runner.invoke(args=["match", "evaluate", str(write(tmp_path, content))])
    assert result.exit_code != 0
    assert "Could not read the graded set" in result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert user_count() == before


def test_a_listing_the_services_refuse_is_named(runner, tmp_path: Path) -> None:
    too_long = {**SMALL_SET["opportunities"][0], "key": "long", "title": "x" * 300}
    data = {**SMALL_SET, "opportunities": [*SMALL_SET["opportunities"], too_long]}
    result = runner.invoke(args=["match", "evaluate", str(write(tmp_path, data))])
    assert result.exit_code != 0
    assert "Could not load the graded set: opportunity 'long'" in result.output
    assert "Traceback" not in result.output


def test_a_missing_file(runner, tmp_path: Path) -> None:
    result = runner.invoke(args=["match", "evaluate", str(tmp_path / "nope.json")])
    assert result.exit_code != 0
    assert "does not exist" in result.output
