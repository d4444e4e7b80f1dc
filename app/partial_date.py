"""Dates known to a year, a month or a day, as news gives them.

Shared by ingest (publication dates), extract (normalised dates) and the API
(`date_start`/`date_end` so a chart can place a month-precision point).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class InvalidDateError(ValueError):
    """A date string that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or names no real day."""


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise InvalidDateError(f"year {self.year} is out of range")
        if self.month is None and self.day is not None:
            raise InvalidDateError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise InvalidDateError(f"month {self.month} does not exist")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month or 1)[1]
            if not 1 <= self.day <= last:
                raise InvalidDateError(f"{self.year}-{self.month:02d} has no day {self.day}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise InvalidDateError otherwise."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise InvalidDateError(
                f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2020-12)"
            )
        year, month, day = (int(part) if part else None for part in match.groups())
        return cls(year, month, day)  # type: ignore[arg-type]

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def value(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day is not None:
            return self.first_day()
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        return self.value
