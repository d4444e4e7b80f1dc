"""What the API returns: the `...Public` models, built from store rows.

Fact shapes follow `app.extract.schema` (the `extract --jsonl` output) plus an
`id` and the `article` they come from, so one client parses both.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field

from app.api import examples
from app.extract.schema import DateMod, DatePrecision, EntityKind, Qualifier, TroopStatus
from app.partial_date import PartialDate
from app.store.models import (
    ArticleBase,
    DateFact,
    DateFactBase,
    Entity,
    EntityBase,
    EntityRole,
    Figure,
    FigureBase,
    Mention,
    Quote,
    QuoteBase,
    TroopLevel,
    TroopLevelBase,
)
from app.store.queries import ArticleWithFacts, EntityDetail, EntitySummary, TroopLevelSeries
from app.store.search import SearchHit, SearchKind

from .pagination import PagePublic

M = TypeVar("M", bound=BaseModel)


class HealthPublic(BaseModel):
    model_config = examples.config(examples.HEALTH)

    status: Literal["ok"] = "ok"
    articles: int = Field(description="Articles stored.")
    database: Literal["ok"] = "ok"


class SpanPublic(BaseModel):
    model_config = examples.config(examples.SPAN)

    start: int
    end: int


class MentionPublic(SpanPublic):
    model_config = examples.config(examples.MENTION)

    text: str = Field(description="Exactly `article.text[start:end]`.")

    @classmethod
    def from_row(cls, row: Mention) -> MentionPublic:
        return cls(start=row.start, end=row.end, text=row.text)


class RoleMentionPublic(MentionPublic):
    model_config = examples.config(examples.ROLE_MENTION)

    role: str = Field(examples=["Harbour Master"])
    article: str

    @classmethod
    def from_role(cls, row: EntityRole) -> RoleMentionPublic:
        return cls(
            start=row.start, end=row.end, text=row.text, role=row.role, article=row.article_id
        )


@cache
def _stored_fields(public: type[BaseModel], stored: type[BaseModel]) -> tuple[str, ...]:
    return tuple(name for name in public.model_fields if name in stored.model_fields)


def _from_stored(public: type[M], row: BaseModel, **update: Any) -> M:
    """`public` from the fields it shares with a stored row, plus `update`.

    The same answer as `public.model_validate(row, update=update)`, which validates from
    the row's attributes through SQLModel at up to twice the cost, for every listed item."""
    values = {name: getattr(row, name) for name in _stored_fields(public, type(row))}
    return public(**(values | update))


def _optional_mention(start: int | None, end: int | None, text: str | None) -> MentionPublic | None:
    if start is None or end is None or text is None:
        return None
    return MentionPublic(start=start, end=end, text=text)


# Facts


class FactKeyPublic(BaseModel):
    """Listed first in every fact: which fact, from which article."""

    id: int
    article: str = Field(description="Id of the article the fact comes from.")


class QuotePublic(QuoteBase, FactKeyPublic):
    model_config = examples.config(examples.QUOTE)

    segments: list[SpanPublic] = Field(description="Where each quoted part is.")
    speaker_id: str | None = Field(description="The speaking entity, if resolved.")
    speaker_mention: MentionPublic | None = Field(
        description="Where the text names the speaker (a name, a pronoun, 'a statement')."
    )
    cue_mention: MentionPublic | None

    @classmethod
    def from_row(cls, row: Quote) -> QuotePublic:
        return _from_stored(
            cls,
            row,
            article=row.article_id,
            speaker_id=row.speaker_entity_id,
            speaker_mention=_optional_mention(
                row.speaker_mention_start, row.speaker_mention_end, row.speaker_mention_text
            ),
            cue_mention=_optional_mention(row.cue_start, row.cue_end, row.cue_text),
        )


class FigurePublic(FigureBase, FactKeyPublic):
    model_config = examples.config(examples.FIGURE)

    @classmethod
    def from_row(cls, row: Figure) -> FigurePublic:
        return _from_stored(cls, row, article=row.article_id)


class DateFactPublic(DateFactBase, FactKeyPublic):
    model_config = examples.config(examples.DATE_FACT)

    @classmethod
    def from_row(cls, row: DateFact) -> DateFactPublic:
        return _from_stored(cls, row, article=row.article_id)


class TroopLevelPublic(TroopLevelBase, FactKeyPublic):
    model_config = examples.config(examples.TROOP_LEVEL)

    sentence: MentionPublic

    @classmethod
    def from_row(cls, row: TroopLevel) -> TroopLevelPublic:
        sentence = MentionPublic(
            start=row.sentence_start, end=row.sentence_end, text=row.sentence_text
        )
        return _from_stored(cls, row, article=row.article_id, sentence=sentence)


# Articles


class ArticleSummaryPublic(ArticleBase):
    model_config = examples.config(examples.ARTICLE_SUMMARY)

    ingested_at: dt.datetime


class ArticleEntityPublic(BaseModel):
    """An entity as one article names it."""

    model_config = examples.config(examples.ARTICLE_PERSON)

    id: str
    name: str = Field(description="The entity's name across all articles.")
    mentions: list[MentionPublic]
    role_mentions: list[RoleMentionPublic]


class ArticlePublic(ArticleSummaryPublic):
    model_config = examples.config(examples.ARTICLE)

    text: str
    people: list[ArticleEntityPublic]
    organisations: list[ArticleEntityPublic]
    places: list[ArticleEntityPublic]
    quotes: list[QuotePublic]
    figures: list[FigurePublic]
    dates: list[DateFactPublic]
    troop_levels: list[TroopLevelPublic]

    @classmethod
    def from_facts(cls, facts: ArticleWithFacts) -> ArticlePublic:
        by_kind: dict[EntityKind, list[ArticleEntityPublic]] = {
            "person": [],
            "organisation": [],
            "place": [],
        }
        for entity in facts.entities:
            by_kind[entity.kind].append(
                ArticleEntityPublic(
                    id=entity.id,
                    name=entity.name,
                    mentions=[MentionPublic.from_row(m) for m in facts.mentions.get(entity.id, [])],
                    role_mentions=[
                        RoleMentionPublic.from_role(r) for r in facts.roles.get(entity.id, [])
                    ],
                )
            )
        return cls.model_validate(
            facts.article,
            update={
                "people": by_kind["person"],
                "organisations": by_kind["organisation"],
                "places": by_kind["place"],
                "quotes": [QuotePublic.from_row(row) for row in facts.quotes],
                "figures": [FigurePublic.from_row(row) for row in facts.figures],
                "dates": [DateFactPublic.from_row(row) for row in facts.dates],
                "troop_levels": [TroopLevelPublic.from_row(row) for row in facts.troop_levels],
            },
        )


# People, organisations, places


class EntitySummaryPublic(EntityBase):
    model_config = examples.config(examples.ENTITY_SUMMARY)

    aliases: list[str] = Field(description="Other forms of the name seen in articles.")
    roles: list[str] = Field(
        description="Distinct titles and positions, e.g. 'Harbour Master'.",
        examples=[["Harbour Master", "Chair"]],
    )

    @classmethod
    def from_summary(cls, summary: EntitySummary) -> EntitySummaryPublic:
        return _from_stored(cls, summary.entity, aliases=summary.aliases, roles=summary.roles)


class EntityRefPublic(BaseModel):
    model_config = examples.config(examples.ENTITY_REF)

    id: str
    name: str


class EntityArticlePublic(BaseModel):
    model_config = examples.config(examples.ENTITY_ARTICLE)

    id: str
    title: str | None
    published_date: str | None
    mention_count: int = Field(description="Mentions of the entity in this article.")


class EntityDetailPublic(EntitySummaryPublic):
    model_config = examples.config(examples.PLACE)  # not the summary's, which lacks fields

    role_mentions: list[RoleMentionPublic]
    quotes: list[QuotePublic] = Field(description="Quotes attributed to the entity.")
    articles: list[EntityArticlePublic]

    @classmethod
    def common_fields(cls, detail: EntityDetail) -> dict[str, object]:
        return {
            "aliases": detail.aliases,
            "roles": sorted({role.role for role in detail.roles}),
            "role_mentions": [RoleMentionPublic.from_role(role) for role in detail.roles],
            "quotes": [QuotePublic.from_row(quote) for quote in detail.quotes],
            "articles": [
                EntityArticlePublic(
                    id=appearance.article.id,
                    title=appearance.article.title,
                    published_date=appearance.article.published_date,
                    mention_count=appearance.mention_count,
                )
                for appearance in detail.appearances
            ],
        }


def _refs(entities: list[Entity]) -> list[EntityRefPublic]:
    return [EntityRefPublic(id=entity.id, name=entity.name) for entity in entities]


class PersonPublic(EntityDetailPublic):
    model_config = examples.config(examples.PERSON)

    organisations: list[EntityRefPublic] = Field(description="Organisations the person serves.")

    @classmethod
    def from_detail(cls, detail: EntityDetail) -> PersonPublic:
        fields = cls.common_fields(detail) | {"organisations": _refs(detail.related)}
        return cls.model_validate(detail.entity, update=fields)


class OrganisationPublic(EntityDetailPublic):
    model_config = examples.config(examples.ORGANISATION)

    people: list[EntityRefPublic] = Field(description="People who lead or serve it.")

    @classmethod
    def from_detail(cls, detail: EntityDetail) -> OrganisationPublic:
        fields = cls.common_fields(detail) | {"people": _refs(detail.related)}
        return cls.model_validate(detail.entity, update=fields)


class PlacePublic(EntityDetailPublic):
    model_config = examples.config(examples.PLACE)

    @classmethod
    def from_detail(cls, detail: EntityDetail) -> PlacePublic:
        return cls.model_validate(detail.entity, update=cls.common_fields(detail))


# Troop-level timelines


class TroopLevelSourcePublic(MentionPublic):
    model_config = examples.config(examples.TROOP_LEVEL_SOURCE)

    article: str
    sentence: MentionPublic


class TroopLevelPointPublic(BaseModel):
    model_config = examples.config(examples.TROOP_LEVEL_POINT)

    count: int
    qualifier: Qualifier
    status: TroopStatus
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD.", examples=["2023-11"])
    date_precision: DatePrecision
    date_mod: DateMod | None
    date_start: dt.date = Field(description="First day the date can mean.")
    date_end: dt.date = Field(description="Last day the date can mean.")
    condition: str | None
    source: TroopLevelSourcePublic

    @classmethod
    def from_row(cls, row: TroopLevel) -> TroopLevelPointPublic:
        partial_date = PartialDate.parse(row.date)
        return cls(
            count=row.count,
            qualifier=row.qualifier,
            status=row.status,
            date=row.date,
            date_precision=row.date_precision,
            date_mod=row.date_mod,
            date_start=partial_date.first_day(),
            date_end=partial_date.last_day(),
            condition=row.condition,
            source=TroopLevelSourcePublic(
                article=row.article_id,
                start=row.start,
                end=row.end,
                text=row.text,
                sentence=MentionPublic(
                    start=row.sentence_start, end=row.sentence_end, text=row.sentence_text
                ),
            ),
        )


class TroopLevelSeriesPublic(BaseModel):
    model_config = examples.config(examples.TROOP_LEVEL_SERIES)

    force: str
    location: str | None
    point_count: int = Field(
        description="Points of the series matching the filters; `points` holds the latest "
        "of them (at most the `points` parameter)."
    )
    points: list[TroopLevelPointPublic] = Field(description="Earliest first.")

    @classmethod
    def from_series(cls, series: TroopLevelSeries) -> TroopLevelSeriesPublic:
        return cls(
            force=series.force,
            location=series.location,
            point_count=series.level_count,
            points=[TroopLevelPointPublic.from_row(level) for level in series.levels],
        )


# Pages


class ArticlePage(PagePublic[ArticleSummaryPublic]):
    model_config = examples.config(examples.ARTICLE_PAGE)


class EntityPage(PagePublic[EntitySummaryPublic]):
    model_config = examples.config(examples.ENTITY_PAGE)


class QuotePage(PagePublic[QuotePublic]):
    model_config = examples.config(examples.QUOTE_PAGE)


class FigurePage(PagePublic[FigurePublic]):
    model_config = examples.config(examples.FIGURE_PAGE)


class TroopLevelSeriesPage(PagePublic[TroopLevelSeriesPublic]):
    model_config = examples.config(examples.TROOP_LEVEL_SERIES_PAGE)


# Search


class SearchHitPublic(BaseModel):
    """An article or a quote matching a search, with where it is and why it matched."""

    model_config = examples.config(examples.SEARCH_HIT)

    kind: SearchKind
    article: str = Field(description="Id of the article (of the quote's article for a quote).")
    article_title: str | None
    quote: int | None = Field(description="Id of the quote; null for an article hit.")
    speaker: str | None = Field(description="The quote's speaker; null for an article hit.")
    start: int = Field(description="`article.text[start:end]` is the quote, or the whole article.")
    end: int
    rank: float = Field(
        description="bm25 relevance from SQLite FTS5: more negative is a better match."
    )
    snippet: str = Field(
        description="Safe to insert as HTML: escaped text, matched words in <mark>...</mark>.",
        examples=["…troops left <mark>Northbridge</mark> in May…"],
    )

    @classmethod
    def from_hit(cls, hit: SearchHit) -> SearchHitPublic:
        return cls(
            kind=hit.kind,
            article=hit.article_id,
            article_title=hit.article_title,
            quote=hit.quote_id,
            speaker=hit.speaker,
            start=hit.start,
            end=hit.end,
            rank=hit.rank,
            snippet=hit.snippet,
        )


class SearchPage(PagePublic[SearchHitPublic]):
    model_config = examples.config(examples.SEARCH_PAGE)
