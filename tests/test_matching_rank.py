"""Ranking in the pure matcher: each hard filter, the soft score, reasons, determinism."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from volunteer_match.matching import weights
from volunteer_match.matching.features import ListingFeatures as Listing
from volunteer_match.matching.features import ShiftFeatures as Slot
from volunteer_match.matching.features import Volunteer, Window
from volunteer_match.matching.index import MatchIndex
from volunteer_match.matching.lexicon import lexicon
from volunteer_match.matching.rank import rank, rank_candidates

NEW_YORK = ZoneInfo("America/New_York")
NOW = int(datetime(2030, 1, 7, 12, tzinfo=UTC).timestamp())  # a Monday, 7 am in New York
HARLEM = (40.8116, -73.9465)  # ZIP 10027
MIDTOWN = (40.7549, -73.9840)  # about 7 km south
STATEN_ISLAND = (40.6049, -74.1504)  # about 28 km away


def at(day: int, hour: int, minute: int = 0) -> int:
    """Epoch seconds for January `day` 2030 (the 7th is a Monday) at `hour` New York time."""
    return int(datetime(2030, 1, day, hour, minute, tzinfo=NEW_YORK).timestamp())


def listing(opportunity_id: int, title: str, description: str = "", **fields) -> Listing:
    place = fields.pop("place", HARLEM)
    return Listing(
        opportunity_id=opportunity_id,
        title=title,
        organization="Harbor",
        concepts=lexicon().concepts_in_listing(title, description),
        latitude=place[0] if place else None,
        longitude=place[1] if place else None,
        **fields,
    )


def person(skills=(), interests=(), **fields) -> Volunteer:
    words = lexicon()
    fields.setdefault("latitude", HARLEM[0])
    fields.setdefault("longitude", HARLEM[1])
    fields.setdefault("postcode", "10027")
    fields.setdefault("travel_km", 10.0)
    return Volunteer(
        id=fields.pop("id", 1),
        skills=words.concepts_in_entries(skills),
        interests=words.concepts_in_entries(interests),
        **fields,
    )


def build(*listings: Listing, shifts: list[Slot] | None = None) -> MatchIndex:
    index = MatchIndex()
    for item in listings:
        index.upsert_listing(item)
    for slot in shifts or [Slot(i.opportunity_id, i.opportunity_id, at(8, 17), at(8, 20), 3)
                           for i in listings]:  # fmt: skip
        index.upsert_shift(slot)
    return index


def ids(matches) -> list[int]:
    return [m.opportunity_id for m in matches]


def test_skills_and_typos_rank_the_fitting_role_first() -> None:
    index = build(
        listing(1, "Math Tutor", "Help students in grades 3-5 learn basic math."),
        listing(2, "Kitchen food prep", "Help prepare, pack and serve meals."),
        listing(3, "Beach clean up", "Keep the coasts clean."),
    )
    assert ids(rank(index, person(["cookin"]), NOW))[0] == 2
    assert ids(rank(index, person(["math tutering"]), NOW))[0] == 1


def test_reasons_are_true_and_plain() -> None:
    index = build(listing(2, "Kitchen food prep for our pantry", "Help pack and serve meals."))
    volunteer = person(["cookin"], ["fighting hunger"], windows=(Window(1, 17 * 60, 21 * 60),))
    [match] = rank(index, volunteer, NOW)
    assert 1 <= len(match.reasons) <= weights.MAX_REASONS
    assert match.reasons[0] == "You listed cookin, and this role mentions “food prep”"
    assert "You care about fighting hunger, and this role mentions “pantry”" in match.reasons
    assert "Fits your Tuesday 5–9 pm availability" in match.reasons
    assert "Under 1 km from your ZIP code 10027" in match.reasons


def test_only_open_future_free_unrequested_shifts_are_offered() -> None:
    listings = [listing(i, f"Kitchen helper {i}", "cooking") for i in range(1, 6)]
    shifts = [
        Slot(1, 1, at(8, 17), at(8, 20), 3),
        Slot(2, 2, at(8, 17), at(8, 20), 0),  # full
        Slot(3, 3, NOW - 3600, NOW + 3600, 3),  # already started
        Slot(4, 4, at(8, 17), at(8, 20), 3, active=False),  # cancelled
        Slot(5, 5, at(8, 17), at(8, 20), 3),  # asked for already
    ]
    index = build(*listings, shifts=shifts)
    assert ids(rank(index, person(["cooking"], requested_shift_ids=frozenset({5})), NOW)) == [1]


def test_hidden_listings_are_never_offered() -> None:
    index = build(listing(1, "Cook", visible=False), listing(2, "Cook"))
    assert ids(rank(index, person(["cooking"]), NOW)) == [2]


def test_weekly_availability_is_a_hard_filter() -> None:
    index = build(
        listing(1, "Cook"),
        listing(2, "Chef"),
        shifts=[Slot(1, 1, at(8, 17), at(8, 20), 3), Slot(2, 2, at(9, 9), at(9, 12), 3)],
    )
    tuesday_evenings = person(["cooking"], windows=(Window(1, 17 * 60, 21 * 60),))
    assert ids(rank(index, tuesday_evenings, NOW)) == [1]
    wednesday_mornings = person(["cooking"], windows=(Window(2, 8 * 60, 12 * 60),))
    assert ids(rank(index, wednesday_mornings, NOW)) == [2]
    assert ids(rank(index, person(["cooking"]), NOW)) == [1, 2]  # no times given: no filter


def test_availability_is_read_in_the_volunteers_own_time_zone() -> None:
    index = build(listing(1, "Cook"))  # Tuesday 5-8 pm in New York = 2-5 pm in Los Angeles
    pacific = "America/Los_Angeles"
    afternoon = person(["cooking"], timezone=pacific, windows=(Window(1, 14 * 60, 17 * 60),))
    assert ids(rank(index, afternoon, NOW)) == [1]
    evening = person(["cooking"], timezone=pacific, windows=(Window(1, 17 * 60, 21 * 60),))
    assert ids(rank(index, evening, NOW)) == []


def test_travel_distance_and_virtual_roles() -> None:
    index = build(
        listing(1, "Cook", place=MIDTOWN),
        listing(2, "Cook", place=STATEN_ISLAND),
        listing(3, "Cook", place=None, virtual=True),
        listing(4, "Cook", place=None),  # in person, but nobody said where
    )
    assert ids(rank(index, person(["cooking"]), NOW)) == [1]
    assert sorted(ids(rank(index, person(["cooking"], virtual_ok=True), NOW))) == [1, 3]
    far = person(["cooking"], travel_km=40.0)
    assert sorted(ids(rank(index, far, NOW))) == [1, 2]
    [near] = rank(index, person(["cooking"]), NOW)
    assert near.distance_km == pytest.approx(6.8, abs=0.3)


def test_must_haves_are_hard_and_preferences_soft() -> None:
    index = build(
        listing(1, "Cook", attributes=frozenset({"substance_free"})),
        listing(2, "Cook", attributes=frozenset({"team_based"})),
        listing(3, "Cook"),
    )
    must = person(["cooking"], must_have=frozenset({"substance_free"}))
    [match] = rank(index, must, NOW)
    assert match.opportunity_id == 1
    assert "Substance-free setting, as you asked" in match.reasons
    prefer = person(["cooking"], preferences=frozenset({"team_based"}))
    assert ids(rank(index, prefer, NOW))[0] == 2


def test_goals_favour_training_for_job_skills() -> None:
    index = build(
        listing(1, "Cook"), listing(2, "Cook", attributes=frozenset({"training_provided"}))
    )
    [first, _] = rank(index, person(["cooking"], goals=frozenset({"job_skills"})), NOW)
    assert first.opportunity_id == 2
    assert "Training provided: good for your goal to build job skills" in first.reasons


def test_spread_gently_favours_listings_with_fewer_people() -> None:
    index = build(listing(1, "Cook", connections=40), listing(2, "Cook"))
    busy, quiet = sorted(rank(index, person(["cooking"]), NOW), key=lambda m: m.opportunity_id)
    assert quiet.score > busy.score
    assert busy.score >= quiet.score * (1 - weights.SPREAD_MAX)


def test_one_result_per_opportunity_with_its_soonest_fitting_shift() -> None:
    shifts = [Slot(10 + d, 1, at(d, 17), at(d, 20), 3) for d in (15, 8, 22)]
    index = build(listing(1, "Cook"), shifts=shifts)
    [match] = rank(index, person(["cooking"]), NOW)
    assert match.shift_id == 18 and match.more_shifts == 2


def test_ties_are_broken_by_id_and_results_repeat() -> None:
    index = build(*[listing(i, "Cook") for i in (7, 3, 5)])
    first = rank(index, person(["cooking"]), NOW)
    assert ids(first) == [3, 5, 7]
    assert first == rank(index, person(["cooking"]), NOW)
    assert ids(rank(index, person(["cooking"]), NOW, limit=2)) == [3, 5]


def test_scores_stay_between_0_and_100() -> None:
    index = build(listing(1, "Kitchen cook chef food prep", "cooking meals kitchen"))
    everything = person(["cooking", "chef", "food prep"], ["hunger"], goals=frozenset({"routine"}))
    [match] = rank(index, everything, NOW)
    assert 0 <= match.score <= 100


def test_an_empty_profile_still_gets_places_that_fit_without_an_error() -> None:
    index = build(listing(1, "Cook"))
    [match] = rank(index, person(), NOW)
    assert match.reasons  # at least where it is


def test_updates_to_the_index_take_effect() -> None:
    index = build(listing(1, "Cook"))
    index.upsert_shift(Slot(1, 1, at(8, 17), at(8, 20), 0))  # now full
    assert rank(index, person(["cooking"]), NOW) == []
    index.upsert_shift(Slot(1, 1, at(8, 17), at(8, 20), 1))
    index.upsert_listing(listing(1, "Cook", visible=False))
    assert rank(index, person(["cooking"]), NOW) == []


def test_candidates_are_people_ranked_for_one_listing() -> None:
    index = build(listing(1, "Kitchen food prep"), listing(2, "Math tutor"))
    cook = person(["cooking"], id=11)
    tutor = person(["tutoring"], id=12)
    far = person(["cooking"], id=13, latitude=STATEN_ISLAND[0], longitude=STATEN_ISLAND[1])
    ranked = rank_candidates(index, [tutor, far, cook], 1, NOW)
    assert [v.id for v, _ in ranked] == [11, 12]
    assert ranked[0][1].score > ranked[1][1].score
