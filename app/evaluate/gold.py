"""Gold annotation files: one article a line, with any subset of quotes, entities, troop levels.

Three shapes share one reader because they differ only in which lists a line carries:
PolNeAR lines carry `quotes`, GUM lines `entities`, our own figures gold `troop_levels`.
A list that is present (even empty) means "this article is annotated for that task", so
an article with `"quotes": []` counts every predicted quote as wrong, while an article
without the key is simply not part of the quote evaluation.

Every offset is checked against the text up front: a gold file that points outside its
own text would silently skew every figure, so it is refused with `file:line`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.partial_date import InvalidDateError, PartialDate

_DATE_PART = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ].*)?$")


class Task(StrEnum):
    """What can be evaluated; each task reads one list of a gold line."""

    quotes = "quotes"
    entities = "entities"
    figures = "figures"

    @property
    def gold_key(self) -> str:
        return "troop_levels" if self is Task.figures else self.value


class GoldFileError(ValueError):
    """A gold file that cannot be evaluated; the message names `file:line` and the fix."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, strict=True)


class GoldQuote(_Strict):
    """One PolNeAR attribution: content (possibly in several segments), speaker, cue."""

    text: str
    start: int
    end: int
    segments: list[tuple[int, int]] = Field(default_factory=list)
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    quote_type: Literal["direct", "mixed", "indirect"]

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The content's character ranges; the whole start-end when no segments are given."""
        return list(self.segments) or [(self.start, self.end)]

    @property
    def speaker_span(self) -> tuple[int, int] | None:
        if self.speaker is None or self.speaker_start is None or self.speaker_end is None:
            return None
        return (self.speaker_start, self.speaker_end)


class GoldEntity(_Strict):
    """One GUM mention; `named` is GUM's flag for mentions with a Wikipedia identity."""

    start: int
    end: int
    text: str = ""
    type: str
    named: bool = False


class GoldTroopLevel(_Strict):
    """One troop level; the optional fields are only scored when the line gives them."""

    count: int
    status: Literal["reported", "planned"]
    date: str
    force: str | None = None
    location: str | None = None
    qualifier: str | None = None
    date_mod: str | None = None

    @property
    def given_fields(self) -> list[str]:
        """The optional fields this line states, `null` included ("no date_mod" is a claim)."""
        return [
            f for f in ("force", "location", "qualifier", "date_mod") if f in self.model_fields_set
        ]


class GoldArticle(_Strict):
    id: str
    text: str
    published: PartialDate | None = Field(
        default=None, validation_alias=AliasChoices("published", "publication_date")
    )
    quotes: list[GoldQuote] | None = None
    entities: list[GoldEntity] | None = None
    troop_levels: list[GoldTroopLevel] | None = None

    model_config = ConfigDict(
        extra="ignore", frozen=True, strict=True, arbitrary_types_allowed=True
    )

    @field_validator("published", mode="before")
    @classmethod
    def _parse_date(cls, value: object) -> PartialDate | None:
        """Take the date part of a full timestamp: the extractor only anchors on the day."""
        if value is None or isinstance(value, PartialDate):
            return value
        if not isinstance(value, str):
            raise ValueError("the publication date must be a string like 2016-09-12")
        match = _DATE_PART.match(value.strip())
        try:
            return PartialDate.parse(match.group(1) if match else value)
        except InvalidDateError as error:
            raise ValueError(str(error)) from error

    def has(self, task: Task) -> bool:
        return getattr(self, task.gold_key) is not None

    def offset_problem(self) -> str | None:
        """The first annotation whose offsets fall outside the text, described; else None."""
        size = len(self.text)

        def bad(start: int | None, end: int | None) -> bool:
            return start is not None and end is not None and not 0 <= start <= end <= size

        for number, quote in enumerate(self.quotes or []):
            ranges = {
                "start/end": (quote.start, quote.end),
                "speaker_start/speaker_end": (quote.speaker_start, quote.speaker_end),
                "cue_start/cue_end": (quote.cue_start, quote.cue_end),
            }
            ranges |= {f"segments[{i}]": s for i, s in enumerate(quote.segments)}
            for name, (start, end) in ranges.items():
                if bad(start, end):
                    return f"quotes[{number}].{name} ({start}, {end}) is outside the text ({size} characters)"
        for number, entity in enumerate(self.entities or []):
            if bad(entity.start, entity.end):
                return f"entities[{number}] ({entity.start}, {entity.end}) is outside the text ({size} characters)"
        return None


@dataclass(frozen=True)
class GoldSummary:
    articles: int
    tasks: frozenset[Task]


def read_gold(path: Path, limit: int | None = None) -> Iterator[GoldArticle]:
    """Articles of a gold JSONL file in order (blank lines skipped), at most `limit` of them.

    Raises GoldFileError naming `file:line` for the first line that is not a usable article.
    """
    if not path.is_file():
        raise GoldFileError(f"{path}: no such file: give the path of a gold .jsonl file")
    count = 0
    with path.open("rb") as lines:
        for number, line in enumerate(lines, start=1):
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            yield _parse_line(line, f"{path}:{number}")
            count += 1


def summarise_gold(path: Path, limit: int | None = None) -> GoldSummary:
    """Check every line (so a bad one fails before any extraction) and list the tasks present."""
    articles = 0
    tasks: set[Task] = set()
    for article in read_gold(path, limit):
        articles += 1
        tasks.update(task for task in Task if article.has(task))
    return GoldSummary(articles, frozenset(tasks))


def _parse_line(line: bytes, origin: str) -> GoldArticle:
    try:
        article = GoldArticle.model_validate_json(line)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        if first["type"] == "json_invalid":
            raise GoldFileError(
                f"{origin}: not JSON ({first['msg']}): write one JSON object per line"
            ) from error
        where = ".".join(str(part) for part in first["loc"]) or "the line"
        raise GoldFileError(f"{origin}: {where}: {first['msg']}") from error
    problem = article.offset_problem()
    if problem is not None:
        raise GoldFileError(f"{origin}: {problem}")
    return article
