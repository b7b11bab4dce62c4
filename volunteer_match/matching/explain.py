"""Reasons in plain words that a person can check against the listing and their profile."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from volunteer_match.matching import weights as w
from volunteer_match.matching import windows
from volunteer_match.matching.attributes import FIT_LABELS, GOALS
from volunteer_match.matching.features import ListingFeatures, Volunteer, Window
from volunteer_match.matching.lexicon import TITLE_WEIGHT
from volunteer_match.matching.vocabulary import RELATED

if TYPE_CHECKING:
    from volunteer_match.matching.index import MatchIndex


# The same reasons in two voices: to the person ("you"), and about them to their
# coordinator ("they"), who sees them with the person's consent.
LEADS: dict[str, dict[str, tuple[str, str]]] = {
    "you": {
        "skills": (
            "You listed {typed}, and this role mentions “{phrase}”",
            "Close to {typed}, which you listed: this role mentions “{phrase}”",
        ),
        "interests": (
            "You care about {typed}, and this role mentions “{phrase}”",
            "Linked to {typed}, which you care about: this role mentions “{phrase}”",
        ),
    },
    "they": {
        "skills": (
            "Listed {typed}, and this role mentions “{phrase}”",
            "Close to {typed}, which they listed: this role mentions “{phrase}”",
        ),
        "interests": (
            "Cares about {typed}, and this role mentions “{phrase}”",
            "Linked to {typed}, which they care about: this role mentions “{phrase}”",
        ),
    },
}
VOICES: dict[str, dict[str, str]] = {
    "you": {
        "window": "Fits your {window} availability",
        "virtual": "Virtual: you can do it from home",
        "zip": "your ZIP code {postcode}", "near": "you",
        "must": "{label}, as you asked",
        "goal": "Training provided: good for your goal to {goal}",
    },
    "they": {
        "window": "Fits their {window} availability",
        "virtual": "Virtual: they can do it from home",
        "zip": "their ZIP code {postcode}", "near": "them",
        "must": "{label}, as they asked",
        "goal": "Training provided: good for their goal to {goal}",
    },
}  # fmt: skip


def _concept_reason(
    own: Mapping[str, str], listing: ListingFeatures, kind: str, used: set[str], voice: str = "you"
) -> tuple[str, str] | None:
    """('You listed cooking, and this role mentions “food prep”', phrase) for the strongest shared
    concept, or a related one."""
    direct, related = LEADS[voice][kind]
    shared = [
        (hit.weight, concept)
        for concept, hit in listing.concepts.items()
        if concept in own and hit.phrase not in used
    ]
    if shared:
        _, concept = max(shared)
        phrase = listing.concepts[concept].phrase.lower()
        return direct.format(typed=own[concept], phrase=phrase), phrase
    for concept, typed in own.items():
        near = [  # a related concept is weaker evidence: only when the title says it
            c
            for c in RELATED.get(concept, ())
            if c in listing.concepts
            and listing.concepts[c].weight >= TITLE_WEIGHT
            and listing.concepts[c].phrase not in used
        ]
        if near:
            phrase = listing.concepts[near[0]].phrase.lower()
            return related.format(typed=typed, phrase=phrase), phrase
    return None


def _fitting_window(index: MatchIndex, volunteer: Volunteer, shift_row: int) -> Window | None:
    if not volunteer.windows:
        return None
    starts, ends = index.week_minutes(volunteer.timezone)
    return windows.first_fitting(volunteer.windows, int(starts[shift_row]), int(ends[shift_row]))


def explain(
    index: MatchIndex,
    volunteer: Volunteer,
    listing: ListingFeatures,
    shift_row: int,
    km: float | None,
    voice: str = "you",
) -> list[str]:
    words = VOICES[voice]
    reasons: list[str] = []
    phrases: set[str] = set()
    for own, kind in ((volunteer.skills, "skills"), (volunteer.interests, "interests")):
        found = _concept_reason(own, listing, kind, phrases, voice)  # each piece of evidence once
        if found:
            reasons.append(found[0])
            phrases.add(found[1])
    window = _fitting_window(index, volunteer, shift_row)
    if window is not None:
        reasons.append(words["window"].format(window=windows.window_words(window)))
    if listing.virtual:
        reasons.append(words["virtual"])
    elif km is not None:
        where = (
            words["zip"].format(postcode=volunteer.postcode)
            if volunteer.postcode
            else words["near"]
        )
        reasons.append(f"Under 1 km from {where}" if km < 1 else f"{km:.1f} km from {where}")
    for name in sorted(volunteer.must_have):
        reasons.append(words["must"].format(label=FIT_LABELS[name]))
    career_goals = volunteer.goals & {"job_skills", "explore_career"}
    if "training_provided" in listing.attributes and career_goals:
        goal = min(career_goals)  # "explore_career" < "job_skills": a stable choice
        reasons.append(words["goal"].format(goal=GOALS[goal].lower()))
    if not reasons:
        reasons.append("Open now, with places free")
    return reasons[: w.MAX_REASONS]


def explain_for_organization(
    index: MatchIndex, volunteer: Volunteer, listing: ListingFeatures, shift_row: int
) -> list[str]:
    """Reasons an organization may read about a person who chose to be findable.

    Never their ZIP code, distance, goals, causes or must-haves (a must-have such as a
    substance-free setting could say more about a person than they chose to share), and
    skills only in the vocabulary's own neutral words, not what the person typed.
    """
    reasons = []
    shared = sorted(
        (-listing.concepts[c].weight, c) for c in volunteer.skills if c in listing.concepts
    )
    for _, concept in shared[:2]:
        phrase = listing.concepts[concept].phrase.lower()
        reasons.append(f"Skills that fit: {concept} (this role mentions “{phrase}”)")
    if _fitting_window(index, volunteer, shift_row) is not None:
        reasons.append("Usually free at this shift's time")
    if listing.virtual:
        reasons.append("Open to virtual roles")
    elif volunteer.has_location:
        reasons.append("Within the distance they can travel")
    return reasons[: w.MAX_REASONS] or ["Free at this time and open to this kind of role"]
