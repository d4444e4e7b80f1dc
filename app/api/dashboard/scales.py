"""Axis scales for the chart: "nice" count ticks and calendar-month time ticks.

Pure functions over numbers and dates, kept apart from the SVG so they are easy to test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""English month abbreviations, fixed so the output never depends on the server's locale."""

_TICK_MONTHS = (1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200)
"""Month intervals a time axis may use: each is a whole number of months or years."""


def count_ticks(maximum: float, target: int = 5) -> list[int]:
    """Ticks from 0 up to at least `maximum`, about `target` of them, steps of 1, 2 or 5 x 10^k.

    Counts are whole troops, so a step is never below 1; an all-zero series still
    gets an axis (0..1).
    """
    maximum = max(maximum, 1)
    raw_step = maximum / target
    magnitude = 10 ** math.floor(math.log10(raw_step)) if raw_step >= 1 else 1
    step = next((m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw_step), 10 * magnitude)
    step = max(int(step), 1)
    top = math.ceil(maximum / step) * step
    return list(range(0, top + 1, step))


@dataclass(frozen=True)
class TimeTicks:
    dates: list[date]
    months: int
    """Months between ticks: 12 or more labels years only."""

    def label(self, day: date) -> str:
        if self.months >= 12:
            return str(day.year)
        return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _from_month_index(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def time_ticks(first: date, last: date, max_ticks: int = 8) -> TimeTicks:
    """First days of months in [first, last], at the smallest interval giving at most `max_ticks`.

    Ticks fall on month (or year) boundaries a reader recognises, never on arbitrary days.
    """
    start = _month_index(first) + (0 if first.day == 1 else 1)
    end = _month_index(last)
    for months in _TICK_MONTHS:
        aligned = math.ceil(start / months) * months
        indexes = list(range(aligned, end + 1, months))
        if len(indexes) <= max_ticks:
            return TimeTicks([_from_month_index(index) for index in indexes], months)
    months = _TICK_MONTHS[-1]
    aligned = math.ceil(start / months) * months
    return TimeTicks([_from_month_index(i) for i in range(aligned, end + 1, months)], months)
