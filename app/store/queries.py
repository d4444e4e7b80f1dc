"""Read queries behind the API. Lists are `Listing`s (filters as keyword arguments,
the sort orders they offer); the API pages, counts and streams them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import String, and_, func, literal_column, or_, union, union_all
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from app.extract.schema import EntityKind, QuoteKind, TroopStatus
from app.ingest.article import RawArticle
from app.partial_date import PartialDate
from app.store.entity_resolution import name_key
from app.store.models import (
    NO_LOCATION_SQL,
    UNDATED_SQL,
    Article,
    DateFact,
    Entity,
    EntityAlias,
    EntityArticle,
    EntityRole,
    Figure,
    Mention,
    PersonOrganisation,
    Quote,
    TroopLevel,
)
from app.store.pagination import Listing
from app.store.substring import contains_text, has_trigrams


def count_articles(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Article)).one()


def is_stored(session: Session, article: RawArticle) -> bool:
    """True when this exact text is stored (under any id): saving it again would change nothing.

    Lets the CLI skip extraction for known articles. An id that holds another text
    is not "stored": `save_article` reports that as an ArticleConflictError.
    """
    return article_id_with_hash(session, article.content_hash) is not None


def article_id_with_hash(session: Session, content_hash: str) -> str | None:
    """The id under which this exact text is stored, if it is."""
    statement = select(Article.id).where(Article.content_hash == content_hash)
    return session.exec(statement).first()


# Articles


@dataclass
class ArticleWithFacts:
    article: Article
    entities: list[Entity]
    mentions: dict[str, list[Mention]]
    """Mentions in this article, by entity id."""
    roles: dict[str, list[EntityRole]]
    quotes: list[Quote]
    figures: list[Figure]
    dates: list[DateFact]
    troop_levels: list[TroopLevel]


_UNDATED = dt.date.min
"""Sort key of an article without a publication date: before every dated one."""


def articles(
    *,
    published_after: PartialDate | None = None,
    published_before: PartialDate | None = None,
    source: str | None = None,
    matching: Any = None,
) -> Listing[Article]:
    """Articles without their text. Date bounds are inclusive and compare the days a
    partial date can mean: an article of "2020-12" is published after 2020-12-15.
    `matching` is a subquery of `Article.seq` (full-text search)."""
    statement = select(Article).options(defer(col(Article.text)))
    if published_after is not None:
        statement = statement.where(col(Article.published_end) >= published_after.first_day())
    if published_before is not None:
        statement = statement.where(col(Article.published_start) <= published_before.last_day())
    if source:
        statement = statement.where(func.lower(Article.source) == source.lower())
    if matching is not None:
        statement = statement.where(col(Article.seq).in_(matching))
    # The undated key as a literal, not a parameter: the index on this expression must match.
    undated = literal_column(UNDATED_SQL)
    published = func.coalesce(Article.published_start, undated).label("published_key")
    return Listing(
        statement,
        sorts={
            "id": [Article.id],
            "published": [published, Article.seq],
            "ingested": [Article.seq],
        },
        key_of={"published": lambda row: (row.published_start or _UNDATED, row.seq)},
    )


def get_article_with_facts(session: Session, article_id: str) -> ArticleWithFacts | None:
    article = session.get(Article, article_id)
    if article is None:
        return None
    entities = session.exec(
        select(Entity)
        .join(EntityArticle, col(EntityArticle.entity_id) == Entity.id)
        .where(EntityArticle.article_id == article_id)
        .order_by(Entity.kind, Entity.id)
    ).all()
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for mention in _in_article(session, Mention, article_id):
        mentions[mention.entity_id].append(mention)
    roles: dict[str, list[EntityRole]] = defaultdict(list)
    for role in _in_article(session, EntityRole, article_id):
        roles[role.entity_id].append(role)
    return ArticleWithFacts(
        article=article,
        entities=list(entities),
        mentions=mentions,
        roles=roles,
        quotes=_in_article(session, Quote, article_id),
        figures=_in_article(session, Figure, article_id),
        dates=_in_article(session, DateFact, article_id),
        troop_levels=_in_article(session, TroopLevel, article_id),
    )


Fact = TypeVar("Fact", Mention, EntityRole, Quote, Figure, DateFact, TroopLevel)


def _in_article(session: Session, model: type[Fact], article_id: str) -> list[Fact]:
    statement = select(model).where(model.article_id == article_id).order_by(model.start, model.id)
    return list(session.exec(statement))


# People, organisations, places


@dataclass
class EntityAppearance:
    article: Article
    mention_count: int


@dataclass
class EntityDetail:
    entity: Entity
    aliases: list[str]
    roles: list[EntityRole]
    related: list[Entity]
    """Organisations of a person, people of an organisation; empty for places."""
    quotes: list[Quote]
    appearances: list[EntityAppearance]


def _named(kind: EntityKind, text: str) -> list[Any]:
    """Selects of the ids of entities whose name or an alias contains `text`, ignoring case,
    to union: each a lookup in a trigram index (see `app.store.substring`). A union, not
    `name OR alias` on the listed rows, so neither database reads the list to test each
    row (for one or two characters, which have no trigram, both are read whole)."""
    key = name_key(kind, text)
    return [
        select(Entity.id).where(contains_text(Entity.name_key, key, folded=True)).correlate(None),
        select(EntityAlias.entity_id).where(contains_text(EntityAlias.alias_key, key, folded=True)),
    ]


def _with_name(kind: EntityKind, text: str) -> Any:
    """Entities whose name or an alias contains `text`: the ids `_named` looks up or, for
    one or two characters (nothing to look up), each entity tested in list order until a
    page is full, which finds a common match after a few rows."""
    key = name_key(kind, text)
    if has_trigrams(key):
        return col(Entity.id).in_(union(*_named(kind, text)))
    by_alias = select(EntityAlias.entity_id).where(
        contains_text(EntityAlias.alias_key, key, folded=True)
    )
    return or_(contains_text(Entity.name_key, key, folded=True), col(Entity.id).in_(by_alias))


@dataclass
class EntitySummary:
    entity: Entity
    aliases: list[str]
    roles: list[str]


def entities(
    kind: EntityKind,
    *,
    name: str | None = None,
    article: str | None = None,
    related: str | None = None,
) -> Listing[EntitySummary]:
    """People, organisations or places. `related` (people and organisations only):
    those linked to an organisation or person given by id or part of its name."""
    statement = select(Entity).where(Entity.kind == kind)
    if name:
        statement = statement.where(_with_name(kind, name))
    if article:
        in_article = select(EntityArticle.entity_id).where(EntityArticle.article_id == article)
        statement = statement.where(col(Entity.id).in_(in_article))
    if related and kind != "place":
        statement = statement.where(col(Entity.id).in_(_related_to(kind, related)))
    return Listing(
        statement,
        sorts={
            "id": [Entity.id],
            "name": [Entity.name_key, Entity.id],
            "mention_count": [Entity.mention_count, Entity.id],
            "article_count": [Entity.article_count, Entity.id],
        },
        load=_entity_summaries,
    )


def _related_to(kind: EntityKind, other: str) -> Any:
    """Ids of entities of `kind` linked to the person or organisation named `other`."""
    other_kind: EntityKind = "organisation" if kind == "person" else "person"
    this, that = (
        (PersonOrganisation.person_id, PersonOrganisation.organisation_id)
        if kind == "person"
        else (PersonOrganisation.organisation_id, PersonOrganisation.person_id)
    )
    by_id = select(Entity.id).where(Entity.id == other).correlate(None)
    others = (
        select(Entity.id)
        .where(
            Entity.kind == other_kind,
            col(Entity.id).in_(union(by_id, *_named(other_kind, other))),
        )
        .correlate(None)
    )
    return select(this).where(col(that).in_(others))


def _entity_summaries(session: Session, rows: list[Entity]) -> list[EntitySummary]:
    ids = [entity.id for entity in rows]
    aliases, roles = aliases_by_entity(session, ids), roles_by_entity(session, ids)
    return [EntitySummary(entity, aliases[entity.id], roles[entity.id]) for entity in rows]


def aliases_by_entity(session: Session, entity_ids: list[str]) -> dict[str, list[str]]:
    statement = (
        select(EntityAlias.entity_id, EntityAlias.alias)
        .where(col(EntityAlias.entity_id).in_(entity_ids))
        .order_by(EntityAlias.entity_id, EntityAlias.alias)
    )
    aliases: dict[str, list[str]] = defaultdict(list)
    for entity_id, alias in session.exec(statement):
        aliases[entity_id].append(alias)
    return aliases


def roles_by_entity(session: Session, entity_ids: list[str]) -> dict[str, list[str]]:
    """Distinct roles of each entity, for list pages (one query, not one per row)."""
    statement = (
        select(EntityRole.entity_id, EntityRole.role)
        .where(col(EntityRole.entity_id).in_(entity_ids))
        .distinct()
        .order_by(EntityRole.entity_id, EntityRole.role)
    )
    roles: dict[str, list[str]] = defaultdict(list)
    for entity_id, role in session.exec(statement):
        roles[entity_id].append(role)
    return roles


def get_entity_detail(session: Session, kind: EntityKind, entity_id: str) -> EntityDetail | None:
    entity = session.get(Entity, entity_id)
    if entity is None or entity.kind != kind:
        return None
    roles = session.exec(
        select(EntityRole)
        .where(EntityRole.entity_id == entity_id)
        .order_by(EntityRole.article_id, EntityRole.start)
    ).all()
    quotes = session.exec(
        select(Quote).where(Quote.speaker_entity_id == entity_id).order_by(Quote.id)
    ).all()
    appearances = session.exec(
        select(Article, EntityArticle.mention_count)
        .options(defer(col(Article.text)))
        .join(EntityArticle, col(EntityArticle.article_id) == Article.id)
        .where(EntityArticle.entity_id == entity_id)
        .order_by(Article.id)
    ).all()
    return EntityDetail(
        entity=entity,
        aliases=aliases_by_entity(session, [entity_id]).get(entity_id, []),
        roles=list(roles),
        related=_related_entities(session, entity),
        quotes=list(quotes),
        appearances=[EntityAppearance(article, count) for article, count in appearances],
    )


def _related_entities(session: Session, entity: Entity) -> list[Entity]:
    if entity.kind == "person":
        this, other = PersonOrganisation.person_id, PersonOrganisation.organisation_id
    elif entity.kind == "organisation":
        this, other = PersonOrganisation.organisation_id, PersonOrganisation.person_id
    else:
        return []
    statement = (
        select(Entity)
        .where(col(Entity.id).in_(select(other).where(this == entity.id)))
        .order_by(Entity.id)
    )
    return list(session.exec(statement))


# Quotes and figures

_ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "organisation", "place")


def quotes(
    *,
    speaker: str | None = None,
    article: str | None = None,
    kind: QuoteKind | None = None,
    matching: Any = None,
) -> Listing[Quote]:
    """Quotes; `speaker` is an entity id or part of a name; `matching` a subquery of
    quote ids (full-text search)."""
    statement = select(Quote)
    if speaker:
        statement = statement.where(_spoken_by(speaker))
    if article:
        statement = statement.where(Quote.article_id == article)
    if kind:
        statement = statement.where(Quote.kind == kind)
    if matching is not None:
        statement = statement.where(col(Quote.id).in_(matching))
    return Listing(
        statement,
        sorts={"id": [Quote.id], "article": [Quote.article_id, Quote.start, Quote.id]},
    )


def _spoken_by(speaker: str) -> Any:
    """Quotes whose speaker is the entity with id `speaker`, or one whose name or an alias
    contains `speaker`, or whose unresolved speaker text contains it.

    With trigrams to look up, the quote ids are a union of index lookups. One or two
    characters have none: then each quote is tested in list order until a page is full,
    which finds a common speaker after a few rows (a union would read every quote)."""
    by_id = select(Entity.id).where(Entity.id == speaker)
    keys = {name_key(kind, speaker): kind for kind in _ENTITY_KINDS}  # mostly one key
    speakers = union(by_id, *(named for kind in keys.values() for named in _named(kind, speaker)))
    by_entity = col(Quote.speaker_entity_id).in_(speakers)
    by_text = contains_text(Quote.speaker, speaker)
    if not has_trigrams(speaker):
        return or_(by_entity, by_text)
    by_speaker = union(
        select(Quote.id).where(by_entity).correlate(None),
        select(Quote.id).where(by_text).correlate(None),
    )
    return col(Quote.id).in_(by_speaker)


def figures(*, unit: str | None = None, article: str | None = None) -> Listing[Figure]:
    statement = select(Figure)
    if unit:
        statement = statement.where(Figure.unit == unit)
    if article:
        statement = statement.where(Figure.article_id == article)
    return Listing(
        statement,
        sorts={
            "id": [Figure.id],
            "value": [Figure.value, Figure.id],
            "article": [Figure.article_id, Figure.start, Figure.id],
        },
    )


# Troop-level timelines


@dataclass
class TroopLevelSeries:
    force: str
    location: str | None
    levels: list[TroopLevel]
    """The latest levels (at most the listing's `points`), sorted by date: earliest first;
    START before MID before END of the same period."""
    level_count: int
    """Every level of the series that matches the filters, `levels` being the latest."""


_MOD_ORDER = {"START": 0, None: 1, "MID": 1, "END": 2}


def _chronological(level: TroopLevel) -> tuple[Any, ...]:
    return (level.date_start, _MOD_ORDER[level.date_mod], level.date_end, level.id)


def troop_level_series(
    *,
    force: str | None = None,
    location: str | None = None,
    status: TroopStatus | None = None,
    date_from: PartialDate | None = None,
    date_to: PartialDate | None = None,
    points: int | None = None,
) -> Listing[TroopLevelSeries]:
    """Series of troop levels, one per (force, location). Date bounds are inclusive:
    a point is kept when the days its date can mean overlap [date_from, date_to].
    `points` keeps the latest that many levels of each series (None: every one), so a
    page of series stays small however long the archive's timelines grow."""
    conditions = []
    if force:
        conditions.append(TroopLevel.force == force)
    location_key = _location_key()
    if location:
        conditions.append(location_key.element == location)  # same rows; uses the series index
    if status:
        conditions.append(TroopLevel.status == status)
    if date_from is not None:
        conditions.append(col(TroopLevel.date_end) >= date_from.first_day())
    if date_to is not None:
        conditions.append(col(TroopLevel.date_start) <= date_to.last_day())
    groups = (
        select(TroopLevel.force, location_key, func.count().label("level_count"))
        .where(*conditions)
        .group_by(TroopLevel.force, location_key)
    )
    return Listing(
        groups,
        sorts={
            "force": [col(TroopLevel.force), location_key],
            "location": [location_key, col(TroopLevel.force)],
        },
        load=lambda session, rows: _series_of(session, rows, conditions, points),
    )


def _location_key() -> Any:
    """A troop level's series key: its location, "" for none; spelled as its indexes are."""
    no_location = literal_column(NO_LOCATION_SQL, String)
    return func.coalesce(TroopLevel.location, no_location).label("location_key")


def _series_of(
    session: Session, groups: list[Any], conditions: list[Any], points: int | None
) -> list[TroopLevelSeries]:
    if not groups:
        return []
    location_key = _location_key()
    in_groups = or_(
        *(
            and_(TroopLevel.force == group.force, location_key.element == group.location_key)
            for group in groups
        )
    )
    statement = select(TroopLevel).where(*conditions, in_groups)
    if points is not None and any(group.level_count > points for group in groups):
        latest = [
            select(TroopLevel.id)
            .where(
                *conditions,
                TroopLevel.force == group.force,
                location_key.element == group.location_key,
            )
            .order_by(
                col(TroopLevel.date_start).desc(),
                col(TroopLevel.date_end).desc(),
                col(TroopLevel.id).desc(),
            )
            .limit(points)
            .subquery()
            .select()  # SQLite takes ORDER BY and LIMIT in a union's parts only in subqueries
            for group in groups
        ]
        statement = select(TroopLevel).where(col(TroopLevel.id).in_(union_all(*latest)))
    series: dict[tuple[str, str], list[TroopLevel]] = defaultdict(list)
    for level in session.exec(statement):
        series[(level.force, level.location or "")].append(level)
    items = []
    for group in groups:
        levels = sorted(series[(group.force, group.location_key)], key=_chronological)
        items.append(TroopLevelSeries(group.force, levels[0].location, levels, group.level_count))
    return items
