"""A person's weekly windows: whether a shift fits one, and how a window reads in a reason.

Shift times here are minutes since Monday 00:00 in the person's own time zone (see
``MatchIndex.week_minutes``). A shift fits a window when it starts and ends inside it; this is
the one place that says so, for the ranking's filter and for the reasons alike.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from volunteer_match.matching.features import Window

MINUTES_PER_DAY = 24 * 60
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def fits(window: Window, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which shifts (``starts``/``ends`` in minutes since Monday) lie wholly inside ``window``."""
    low = window.weekday * MINUTES_PER_DAY + window.start_minute
    high = window.weekday * MINUTES_PER_DAY + window.end_minute
    return (starts >= low) & (ends <= high)


def fits_any(windows: Iterable[Window], starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Which shifts lie wholly inside at least one of ``windows``."""
    fit = np.zeros(len(starts), dtype=bool)
    for window in windows:
        fit |= fits(window, starts, ends)
    return fit


def first_fitting(windows: Iterable[Window], start: int, end: int) -> Window | None:
    """The first of ``windows`` that holds one shift (start and end in minutes since Monday)."""
    starts, ends = np.array([start]), np.array([end])
    return next((window for window in windows if fits(window, starts, ends)[0]), None)


def time_words(minute: int) -> str:
    """A time of day as a reason says it: 540 -> '9 am', 1050 -> '5:30 pm', 1440 -> 'midnight'.

    Shorter than ``services.clock.format_minute_of_day`` ('9:00 am'), which pages use.
    """
    if minute in (0, MINUTES_PER_DAY):
        return "midnight"
    hour, rest = divmod(minute, 60)
    suffix = "am" if hour < 12 else "pm"
    text = str(hour % 12 or 12) + (f":{rest:02d}" if rest else "")
    return f"{text} {suffix}"


def window_words(window: Window) -> str:
    """'Tuesday 5–9 pm' (the suffix once when both ends share it)."""
    start, end = time_words(window.start_minute), time_words(window.end_minute)
    if start.endswith(end[-2:]) and end != "midnight":  # "5 – 9 pm" rather than "5 pm – 9 pm"
        start = start[:-3]
    return f"{DAY_NAMES[window.weekday]} {start}–{end}"
