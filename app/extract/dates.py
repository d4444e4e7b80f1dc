"""Date expressions -> TIMEX3-style values, anchored on the publication date.

A month with no year resolves to the occurrence nearest the anchor, ties broken by
tense ('by late March' in a November article is next March). Durations
('20-day', 'three weeks') are not dates: `parse_duration` turns them into ISO 8601.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from app.extract.numbers import parse_number
from app.partial_date import InvalidDateError, PartialDate

Direction = Literal["past", "future"] | None
Mod = Literal["START", "MID", "END"] | None

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MODS = {
    "early": "START",
    "beginning of": "START",
    "start of": "START",
    "the beginning of": "START",
    "the start of": "START",
    "mid": "MID",
    "middle of": "MID",
    "the middle of": "MID",
    "late": "END",
    "end of": "END",
    "the end of": "END",
    "start": "START",
    "end": "END",
}
SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
"""A season is placed by a month inside it, then given as its year: 'last summer' in a March
2024 article is 2023, 'by spring' in November 2018 is 2019 (TIMEX3 would say 2023-SU)."""
HOLIDAYS = {
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "new year's eve": (12, 31),
    "new year's day": (1, 1),
}
"""Holidays on a fixed day, placed like a month and day: 'by Christmas' in October is that
December 25th."""
_MOD = (
    r"(?:(?P<mod>" + "|".join(sorted(map(re.escape, _MODS), key=len, reverse=True)) + r")[\s-]*)?"
)
_YEAR = r"(?P<year>(?:1[89]|2\d)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_RELATIVE_UNIT = {"year": "year", "month": "month"}
_MONTH_DIRECTION: dict[str | None, Direction] = {"last": "past", "next": "future"}
"""'last December' is the December before the article, 'next March' the one after."""

_FORMS = [
    re.compile(rf"^{_MOD}{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),
    re.compile(rf"^{_MOD}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$"),
    re.compile(rf"^{_MOD}{_MONTH}\s+{_DAY}$"),
    re.compile(rf"^{_MOD}{_DAY}\s+(?:of\s+)?{_MONTH}$"),
    re.compile(rf"^{_MOD}{_MONTH},?\s+(?:of\s+)?{_YEAR}$"),
    re.compile(rf"^{_MOD}{_MONTH}$"),
    re.compile(rf"^{_MOD}{_YEAR}$"),
    re.compile(
        rf"^{_MOD}(?P<rel>next|last|this|the coming|the past|the previous|the following)\s+(?P<unit>year|month)$"
    ),
    re.compile(rf"^{_MOD}the\s+(?P<unit>year|month)$"),
    re.compile(rf"^{_MOD}(?:the|this)\s+(?P<decade>decade)$"),
    re.compile(rf"^{_MOD}(?P<month_rel>last|next|this)\s+{_MONTH}$"),
    re.compile(r"^(?:the\s+)?(?P<unit>year|month)(?:'s|’s|-)\s*(?P<mod>end|start)$"),
    re.compile(r"^(?:the\s+)?(?P<new_year>new year)$"),
    re.compile(rf"^(?P<holiday>{'|'.join(map(re.escape, HOLIDAYS))})(?:\s+{_YEAR})?$"),
    re.compile(
        rf"^{_MOD}(?:(?P<month_rel>last|next|this)\s+|the\s+)?(?P<season>{'|'.join(SEASONS)})"
        rf"(?:\s+(?:of\s+)?{_YEAR})?$"
    ),
]
_LEADING = re.compile(
    r"^(?:(?:earlier|later)\s+)?"  # 'earlier this year', 'later in June': the same calendar span
    r"(?:(?:by|in|on|at|until|till|since|from|before|after|during|as of|through)\s+)?",
    re.I,
)
_AGO = re.compile(r"^(?P<number>[\w-]+)\s+(?P<unit>year|month|decade|week|day)s?\s+ago$")
_AHEAD = (
    re.compile(r"^within\s+(?P<number>[\w-]+)\s+(?P<unit>year|month|decade)s?$"),
    re.compile(r"^(?P<number>[\w-]+)\s+(?P<unit>year|month)s?'s?(?:\s+time)?$"),
)
"""'within five years', '(in) two years' time': that long after the anchor. A bare 'five
years' is a length of time, not a date."""
_DURATION = re.compile(
    r"^(?P<number>[\w,.-]+?)[\s-](?P<unit>day|week|month|year|hour|minute|decade)s?(?:[\s-]long)?$",
    re.I,
)
_DURATION_CODES = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "Y"}


@dataclass(frozen=True)
class NormalisedDate:
    value: str
    precision: Literal["year", "month", "day"]
    mod: Mod = None

    @property
    def partial(self) -> PartialDate:
        return PartialDate.parse(self.value)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _nearest_year(
    month: int, anchor: PartialDate, direction: Direction, *, strict: bool = False, span: int = 0
) -> int:
    """Year that puts `month` nearest the anchor month, honouring tense when it is known;
    `strict` (said with 'last' or 'next') never gives the anchor's own month, nor one within
    `span` months of it for a season: 'last July' written in July, and 'last summer' written
    in August, are a year before."""
    if anchor.month is None:
        return anchor.year
    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    anchor_index = anchor.year * 12 + anchor.month

    def distance(year: int) -> tuple[int, int]:
        offset = year * 12 + month - anchor_index
        if strict and abs(offset) <= span:
            return (1, 0)
        wrong_way = (direction == "future" and offset < 0) or (direction == "past" and offset > 0)
        return (int(wrong_way), abs(offset))

    return min(candidates, key=distance)


_MID_YEAR = re.compile(r"^mid ?-? ?year$")
_MONTH_OF_YEAR = re.compile(rf"^(?P<head>.*?{_MONTH})\s+(?:of\s+)?(?P<rel>next|last|this)\s+year$")


def normalise_date(
    text: str, anchor: PartialDate | None, direction: Direction = None
) -> NormalisedDate | None:
    """TIMEX3-like value of a date phrase, or None when it names no calendar date we can place."""
    folded = text.lower().replace("–", "-").replace("’", "'")
    phrase = _LEADING.sub("", " ".join(folded.split())).strip(" .,")
    phrase = _MID_YEAR.sub("the middle of the year", phrase)  # 'by mid-year'
    month_of = _MONTH_OF_YEAR.match(phrase)
    if month_of and anchor is not None:
        # 'by March next year': that March of the year named
        shift = {"next": 1, "last": -1, "this": 0}[month_of["rel"]]
        phrase = f"{month_of['head']} {anchor.year + shift}"
    ago = _AGO.match(phrase)
    if ago:
        return _ago(ago["number"], ago["unit"], anchor)
    ahead = next((match for form in _AHEAD if (match := form.match(phrase))), None)
    if ahead:
        return _ago(ahead["number"], ahead["unit"], anchor, later=True)
    for form in _FORMS:
        match = form.match(phrase)
        if match:
            break
    else:
        return None
    parts = match.groupdict()
    if parts.get("new_year"):
        return _new_year(anchor)
    mod = _MODS[parts["mod"].strip()] if parts.get("mod") else None
    if parts.get("decade"):
        # 'by the end of the decade': its last year; a decade's start or middle is too vague
        if anchor is None or mod != "END":
            return None
        return NormalisedDate(f"{anchor.year // 10 * 10 + 9:04d}", "year", mod)
    try:
        if parts.get("unit"):
            return _relative(parts.get("rel") or "this", parts["unit"], anchor, mod, direction)
        year = int(parts["year"]) if parts.get("year") else None
        month = MONTHS[parts["month"]] if parts.get("month") else None
        day = int(parts["day"]) if parts.get("day") else None
        if parts.get("holiday"):
            month, day = HOLIDAYS[parts["holiday"]]
        if parts.get("season"):
            month = SEASONS[parts["season"]]
        if year is None:
            if anchor is None or month is None:
                return None
            relative = parts.get("month_rel")
            if relative == "this":
                year = anchor.year  # 'this summer', 'this July': the article's year
            else:
                year = _nearest_year(
                    month,
                    anchor,
                    _MONTH_DIRECTION.get(relative, direction),
                    strict=relative in _MONTH_DIRECTION,
                    span=1 if parts.get("season") else 0,
                )
        if parts.get("season"):
            return NormalisedDate(f"{year:04d}", "year", mod)
        date = PartialDate(year, month, day)
    except InvalidDateError:
        return None
    return NormalisedDate(date.value, date.precision, mod)


def _new_year(anchor: PartialDate | None) -> NormalisedDate | None:
    """'in the new year': the coming one, unless the year has only just begun."""
    if anchor is None:
        return None
    coming = anchor.year + (1 if anchor.month is None or anchor.month >= 7 else 0)
    return NormalisedDate(f"{coming:04d}", "year")


def _relative(
    rel: str, unit: str, anchor: PartialDate | None, mod: Mod, direction: Direction = None
) -> NormalisedDate | None:
    if anchor is None:
        return None
    step = {
        "next": 1,
        "the coming": 1,
        "the following": 1,
        "last": -1,
        "the past": -1,
        "the previous": -1,
    }.get(rel, 0)
    if unit == "year":
        if rel == "this" and mod == "END" and direction == "past" and (anchor.month or 12) <= 2:
            step = -1  # 'had 1,000 there by year-end' early in January: the year just ended
        return NormalisedDate(f"{anchor.year + step:04d}", "year", mod)
    if anchor.month is None:
        return None
    year, month = _shift_month(anchor.year, anchor.month, step)
    return NormalisedDate(f"{year:04d}-{month:02d}", "month", mod)


def _ago(
    number: str, unit: str, anchor: PartialDate | None, *, later: bool = False
) -> NormalisedDate | None:
    """'five years ago' from a 2023 article is 2018; 'two months ago' from 2019-03 is 2019-01;
    `later`, 'within five years' from 2022 is 2027."""
    amount = 1 if number in {"a", "one"} else parse_number(number)
    if anchor is None or amount is None or amount != int(amount):
        return None
    step = int(amount) if later else -int(amount)
    if unit == "decade":  # 'within a decade', 'two decades ago'
        unit, step = "year", step * 10
    if unit == "year":
        return NormalisedDate(f"{anchor.year + step:04d}", "year")
    if unit in {"week", "day"}:
        # 'a week ago', 'three days ago': a day, when the article's own day is known
        if anchor.day is None:
            return None
        days = step * (7 if unit == "week" else 1)
        return NormalisedDate((anchor.first_day() + timedelta(days=days)).isoformat(), "day")
    if anchor.month is None:
        return None
    year, month = _shift_month(anchor.year, anchor.month, step)
    return NormalisedDate(f"{year:04d}-{month:02d}", "month")


def parse_duration(text: str) -> tuple[float, str, str] | None:
    """('20-day') -> (20, 'day', 'P20D'); None when the phrase is not a length of time."""
    match = _DURATION.match(" ".join(text.split()).strip(" .,"))
    if not match:
        return None
    number = parse_number(match["number"])
    if number is None:
        return None
    unit = match["unit"].lower()
    amount = number * 10 if unit == "decade" else number
    shown = int(amount) if amount == int(amount) else amount
    return number, unit, f"P{shown}{_DURATION_CODES.get(unit, unit[0].upper())}"
