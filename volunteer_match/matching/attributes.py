"""Names shared by the matcher, the models and the pages: recovery-fit attributes and goals."""

from __future__ import annotations

# Recovery-fit attributes: facts about a place that help a person judge whether it suits them.
FIT_ATTRIBUTES = (
    "substance_free",
    "peer_support_on_site",
    "no_background_check",
    "wheelchair_accessible",
    "team_based",
    "training_provided",
)

FIT_LABELS = {
    "substance_free": "Substance-free setting",
    "peer_support_on_site": "Peer support on site",
    "no_background_check": "No background check",
    "wheelchair_accessible": "Wheelchair accessible",
    "team_based": "Work as part of a team",
    "training_provided": "Training provided",
}

GOALS = {
    "job_skills": "Build job skills",
    "routine": "Routine and structure",
    "give_back": "Give back",
    "meet_people": "Meet people",
    "explore_career": "Explore a career",
}

_GOAL_KEYS = {key: key for key in GOALS} | {label.casefold(): key for key, label in GOALS.items()}


def goal_key(value: str) -> str | None:
    """A goal's key from its key or its label, in any case and spacing; None if unknown."""
    return _GOAL_KEYS.get(" ".join(value.split()).casefold())
