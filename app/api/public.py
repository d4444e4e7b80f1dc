"""What the API returns: the `...Public` models, and their JSON built from store rows.

Fact shapes follow `app.extract.schema` (the `extract --jsonl` output) plus an
`id` and the `article` they come from, so one client parses both.

The models document the answers (OpenAPI) and define them; answers are not built as
model instances. Each model's `dump_...` classmethod makes straight from store rows
the dict its `model_dump(mode="json")` would give: the same keys in the same order,
JSON values only (dates as ISO strings). Validating a model per listed item cost more
than the query behind it; `tests/api/test_public.py` checks every `dump_...` against
its model instead.
"""

from __future__ import annotations

import datetime as dt
from operator import itemgetter
from typing import Any, Literal
from urllib.parse import urlencode

from pydantic import BaseModel, Field, TypeAdapter

from app.api import examples
from app.extract.schema import DateMod, DatePrecision, EntityKind, Qualifier, TroopStatus
from app.store.models import (
    ArticleBase,
    DateFactBase,
    EntityBase,
    FigureBase,
    QuoteBase,
    TroopLevelBase,
)
from app.store.pagination import StoredRow
from app.store.queries import (
    DETAIL_LATEST,
    ArticleWithFacts,
    EntityDetail,
    EntitySummary,
    TroopLevelSeries,
)
from app.store.search import SearchHit, SearchKind

from .pagination import PagePublic

Item = dict[str, Any]
"""A model's JSON as a dict: what `model_dump(mode="json")` gives."""

_DATETIME = TypeAdapter(dt.datetime)


def _json_datetime(value: dt.datetime) -> str:
    """As pydantic writes a datetime (`Z` for UTC, not `+00:00`)."""
    return _DATETIME.dump_python(value, mode="json")


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

    @staticmethod
    def dump_span(start: int, end: int, text: str) -> Item:
        return {"start": start, "end": end, "text": text}

    @staticmethod
    def dump_optional(start: int | None, end: int | None, text: str | None) -> Item | None:
        """A mention stored as three nullable columns; None unless all three are set."""
        if start is None or end is None or text is None:
            return None
        return {"start": start, "end": end, "text": text}


class RoleMentionPublic(MentionPublic):
    model_config = examples.config(examples.ROLE_MENTION)

    role: str = Field(examples=["Harbour Master"])
    article: str

    @staticmethod
    def dump_row(row: StoredRow) -> Item:
        """From an `entity_role` row."""
        return {
            "start": row.start,
            "end": row.end,
            "text": row.text,
            "role": row.role,
            "article": row.article_id,
        }


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

    @staticmethod
    def dump_row(row: StoredRow) -> Item:
        """From a whole `quote` row."""
        return {
            "id": row.id,
            "article": row.article_id,
            "start": row.start,
            "end": row.end,
            "text": row.text,
            "kind": row.kind,
            "speaker": row.speaker,
            "speaker_kind": row.speaker_kind,
            "cue": row.cue,
            "segments": [{"start": part["start"], "end": part["end"]} for part in row.segments],
            "speaker_id": row.speaker_entity_id,
            "speaker_mention": MentionPublic.dump_optional(
                row.speaker_mention_start, row.speaker_mention_end, row.speaker_mention_text
            ),
            "cue_mention": MentionPublic.dump_optional(row.cue_start, row.cue_end, row.cue_text),
        }


class FigurePublic(FigureBase, FactKeyPublic):
    model_config = examples.config(examples.FIGURE)

    @staticmethod
    def dump_row(row: StoredRow) -> Item:
        """From a whole `figure` row."""
        return {
            "id": row.id,
            "article": row.article_id,
            "start": row.start,
            "end": row.end,
            "text": row.text,
            "value": row.value,
            "unit": row.unit,
            "object": row.object,
            "duration": row.duration,
        }


class DateFactPublic(DateFactBase, FactKeyPublic):
    model_config = examples.config(examples.DATE_FACT)

    @staticmethod
    def dump_row(row: StoredRow) -> Item:
        """From a whole `date_fact` row."""
        return {
            "id": row.id,
            "article": row.article_id,
            "start": row.start,
            "end": row.end,
            "text": row.text,
            "value": row.value,
            "precision": row.precision,
            "mod": row.mod,
        }


class TroopLevelPublic(TroopLevelBase, FactKeyPublic):
    model_config = examples.config(examples.TROOP_LEVEL)

    sentence: MentionPublic

    @staticmethod
    def dump_row(row: StoredRow) -> Item:
        """From a whole `troop_level` row."""
        return {
            "id": row.id,
            "article": row.article_id,
            "start": row.start,
            "end": row.end,
            "text": row.text,
            "force": row.force,
            "location": row.location,
            "count": row.count,
            "qualifier": row.qualifier,
            "date": row.date,
            "date_precision": row.date_precision,
            "date_mod": row.date_mod,
            "status": row.status,
            "condition": row.condition,
            "sentence": MentionPublic.dump_span(
                row.sentence_start, row.sentence_end, row.sentence_text
            ),
        }


# Articles


class ArticleSummaryPublic(ArticleBase):
    model_config = examples.config(examples.ARTICLE_SUMMARY)

    ingested_at: dt.datetime

    @staticmethod
    def dump_row(row: StoredRow) -> Item:
        """From an `article` row (its text is not needed)."""
        return {
            "id": row.id,
            "title": row.title,
            "source": row.source,
            "url": row.url,
            "language": row.language,
            "published_date": row.published_date,
            "published_precision": row.published_precision,
            "ingested_at": _json_datetime(row.ingested_at),
        }


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

    @staticmethod
    def dump_facts(facts: ArticleWithFacts) -> Item:
        by_kind: dict[EntityKind, list[Item]] = {"person": [], "organisation": [], "place": []}
        for entity in facts.entities:
            by_kind[entity.kind].append(
                {
                    "id": entity.id,
                    "name": entity.name,
                    "mentions": [
                        MentionPublic.dump_span(m.start, m.end, m.text)
                        for m in facts.mentions.get(entity.id, [])
                    ],
                    "role_mentions": [
                        RoleMentionPublic.dump_row(r) for r in facts.roles.get(entity.id, [])
                    ],
                }
            )
        return ArticleSummaryPublic.dump_row(facts.article) | {
            "text": facts.article.text,
            "people": by_kind["person"],
            "organisations": by_kind["organisation"],
            "places": by_kind["place"],
            "quotes": [QuotePublic.dump_row(row) for row in facts.quotes],
            "figures": [FigurePublic.dump_row(row) for row in facts.figures],
            "dates": [DateFactPublic.dump_row(row) for row in facts.dates],
            "troop_levels": [TroopLevelPublic.dump_row(row) for row in facts.troop_levels],
        }


# People, organisations, places


class EntitySummaryPublic(EntityBase):
    model_config = examples.config(examples.ENTITY_SUMMARY)

    aliases: list[str] = Field(description="Other forms of the name seen in articles.")
    roles: list[str] = Field(
        description="Distinct titles and positions, e.g. 'Harbour Master'.",
        examples=[["Harbour Master", "Chair"]],
    )

    @staticmethod
    def dump_summary(summary: EntitySummary) -> Item:
        entity = summary.entity
        return {
            "id": entity.id,
            "name": entity.name,
            "mention_count": entity.mention_count,
            "article_count": entity.article_count,
            "aliases": summary.aliases,
            "roles": summary.roles,
        }


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

    role_mentions: list[RoleMentionPublic] = Field(
        description=f"The latest {DETAIL_LATEST} role mentions, newest first; each article's "
        "are in `/articles/{id}`."
    )
    role_mention_count: int = Field(description="Role mentions across all articles.")
    quotes: list[QuotePublic] = Field(
        description=f"The latest {DETAIL_LATEST} quotes attributed to the entity, newest first."
    )
    quote_count: int = Field(description="Quotes attributed to the entity.")
    quotes_url: str = Field(description="Every quote attributed to the entity, newest first.")
    articles: list[EntityArticlePublic] = Field(
        description=f"The latest {DETAIL_LATEST} articles naming the entity, last ingested "
        "first (`article_count` counts them all)."
    )
    articles_url: str = Field(description="Every article naming the entity, last ingested first.")

    @staticmethod
    def dump_detail(detail: EntityDetail) -> Item:
        """A person's, organisation's or place's JSON: the related entities are a
        person's `organisations`, an organisation's `people`; a place has none."""
        entity = detail.entity
        item = {
            "id": entity.id,
            "name": entity.name,
            "mention_count": entity.mention_count,
            "article_count": entity.article_count,
            "aliases": detail.aliases,
            "roles": detail.roles,
            "role_mentions": [RoleMentionPublic.dump_row(role) for role in detail.role_mentions],
            "role_mention_count": detail.role_mention_count,
            "quotes": [QuotePublic.dump_row(row) for row in detail.quotes],
            "quote_count": detail.quote_count,
            "quotes_url": "/quotes?" + urlencode({"speaker": entity.id, "sort": "-id"}),
            "articles": [
                {
                    "id": article.id,
                    "title": article.title,
                    "published_date": article.published_date,
                    "mention_count": article.mention_count,
                }
                for article in detail.appearances
            ],
            "articles_url": "/articles?" + urlencode({"entity": entity.id, "sort": "-ingested"}),
        }
        related = [{"id": other.id, "name": other.name} for other in detail.related]
        if entity.kind == "person":
            item["organisations"] = related
            item["organisation_count"] = detail.related_count
            item["organisations_url"] = "/organisations?" + urlencode({"person": entity.id})
        elif entity.kind == "organisation":
            item["people"] = related
            item["person_count"] = detail.related_count
            item["people_url"] = "/people?" + urlencode({"organisation": entity.id})
        return item


class PersonPublic(EntityDetailPublic):
    model_config = examples.config(examples.PERSON)

    organisations: list[EntityRefPublic] = Field(
        description=f"The first {DETAIL_LATEST} organisations the person serves, by id."
    )
    organisation_count: int = Field(description="Organisations the person serves.")
    organisations_url: str = Field(description="Every organisation the person serves.")


class OrganisationPublic(EntityDetailPublic):
    model_config = examples.config(examples.ORGANISATION)

    people: list[EntityRefPublic] = Field(
        description=f"The first {DETAIL_LATEST} people who lead or serve it, by id."
    )
    person_count: int = Field(description="People who lead or serve it.")
    people_url: str = Field(description="Every person who leads or serves it.")


class PlacePublic(EntityDetailPublic):
    model_config = examples.config(examples.PLACE)


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

    @staticmethod
    def dump_rows(rows: list[StoredRow]) -> list[Item]:
        """From whole `troop_level` rows: `date_start` and `date_end` are stored, made
        from `date` at ingest (`PartialDate.first_day` and `last_day`). Columns are read
        by position: by name costs three times as much, which a page of a thousand
        points feels."""
        if not rows:
            return []
        read = itemgetter(*(rows[0]._fields.index(name) for name in _POINT_COLUMNS))
        return [_point(*read(row)) for row in rows]


_POINT_COLUMNS = (
    "count",
    "qualifier",
    "status",
    "date",
    "date_precision",
    "date_mod",
    "date_start",
    "date_end",
    "condition",
    "start",
    "end",
    "text",
    "article_id",
    "sentence_start",
    "sentence_end",
    "sentence_text",
)


def _point(
    count: int,
    qualifier: str,
    status: str,
    date: str,
    date_precision: str,
    date_mod: str | None,
    date_start: dt.date,
    date_end: dt.date,
    condition: str | None,
    start: int,
    end: int,
    text: str,
    article: str,
    sentence_start: int,
    sentence_end: int,
    sentence_text: str,
) -> Item:
    """A point from its `_POINT_COLUMNS`, in that order."""
    return {
        "count": count,
        "qualifier": qualifier,
        "status": status,
        "date": date,
        "date_precision": date_precision,
        "date_mod": date_mod,
        "date_start": date_start.isoformat(),
        "date_end": date_end.isoformat(),
        "condition": condition,
        "source": {
            "start": start,
            "end": end,
            "text": text,
            "article": article,
            "sentence": MentionPublic.dump_span(sentence_start, sentence_end, sentence_text),
        },
    }


class TroopLevelSeriesPublic(BaseModel):
    model_config = examples.config(examples.TROOP_LEVEL_SERIES)

    force: str
    location: str | None
    point_count: int = Field(
        description="Points of the series matching the filters; `points` holds the latest "
        "of them (at most the `points` parameter)."
    )
    points: list[TroopLevelPointPublic] = Field(description="Earliest first.")

    @staticmethod
    def dump_series(series: TroopLevelSeries) -> Item:
        return {
            "force": series.force,
            "location": series.location,
            "point_count": series.level_count,
            "points": TroopLevelPointPublic.dump_rows(series.levels),
        }


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

    @staticmethod
    def dump_hit(hit: SearchHit) -> Item:
        return {
            "kind": hit.kind,
            "article": hit.article_id,
            "article_title": hit.article_title,
            "quote": hit.quote_id,
            "speaker": hit.speaker,
            "start": hit.start,
            "end": hit.end,
            "rank": hit.rank,
            "snippet": hit.snippet,
        }


class SearchPage(PagePublic[SearchHitPublic]):
    model_config = examples.config(examples.SEARCH_PAGE)
