"""The shape of extracted facts: the `extract --jsonl` output and what the store saves.

Pure pydantic, no spaCy, so the store and the API can import it. Every fact carries
character offsets into the article text exactly as given (Python str indices).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

EntityKind = Literal["person", "organisation", "place"]
QuoteKind = Literal["direct", "partial", "indirect"]
Qualifier = Literal["exact", "approx", "at_least", "at_most"]
DatePrecision = Literal["year", "month", "day"]
DateMod = Literal["START", "MID", "END"]
TroopStatus = Literal["reported", "planned"]


class Span(BaseModel):
    start: int
    end: int


class Mention(Span):
    text: str


class RoleMention(Mention):
    """A title or apposition naming what an entity is ("Harbour Master")."""

    role: str


class Entity(BaseModel):
    name: str
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    role_mentions: list[RoleMention] = Field(default_factory=list)
    organisations: list[str] = Field(
        default_factory=list,
        description="Canonical names of organisations the person leads or serves.",
    )


class Quote(Span):
    text: str
    segments: list[Span]
    kind: QuoteKind
    speaker: str | None = Field(description="Canonical name of the speaking entity, if resolved.")
    speaker_mention: Mention | None = Field(
        description="Where the text names the speaker (a name, a pronoun, 'an official statement')."
    )
    speaker_kind: EntityKind | None = None
    cue: str | None = Field(description="The reporting verb or phrase ('said', 'according to').")
    cue_mention: Mention | None = None


class Figure(Span):
    value: float
    unit: str | None = Field(description="'count', 'percent', 'USD', 'day', 'week', ...")
    object: str | None = Field(description="What is counted or measured ('troops', 'break').")
    text: str
    duration: str | None = Field(default=None, description="ISO 8601 duration, e.g. P20D.")


class DateFact(Span):
    text: str
    value: str | None = Field(description="TIMEX3-style value: YYYY, YYYY-MM or YYYY-MM-DD.")
    precision: DatePrecision | None
    mod: DateMod | None = None


class TroopLevel(Span):
    text: str = Field(description="The words stating the level ('cut ... to 1,200').")
    force: str
    location: str | None
    count: int
    qualifier: Qualifier
    date: str
    date_precision: DatePrecision
    date_mod: DateMod | None
    status: TroopStatus
    condition: str | None
    sentence: Mention


class ArticleFacts(BaseModel):
    id: str
    people: list[Entity] = Field(default_factory=list)
    organisations: list[Entity] = Field(default_factory=list)
    places: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[DateFact] = Field(default_factory=list)
    troop_levels: list[TroopLevel] = Field(default_factory=list)
