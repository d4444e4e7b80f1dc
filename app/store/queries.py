"""Read queries behind the API. Lists are `Listing`s (filters as keyword arguments,
the sort orders they offer); the API pages, counts and streams them.

Reads return `StoredRow`s, the selected columns by name, not model instances (see
`app.store.pagination`); the columns each answer needs are listed here."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    String,
    bindparam,
    case,
    column,
    func,
    literal_column,
    or_,
    true,
    union,
    union_all,
    values,
)
from sqlmodel import Session, SQLModel, col, select

from app.extract.schema import EntityKind, QuoteKind, TroopStatus
from app.ingest.article import RawArticle
from app.partial_date import PartialDate
from app.store.entity_resolution import name_key
from app.store.models import (
    NO_LOCATION_SQL,
    UNDATED,
    UNDATED_SQL,
    Article,
    DateFact,
    Entity,
    EntityAlias,
    EntityArticle,
    EntityRole,
    EntityRoleCount,
    Figure,
    Mention,
    PersonOrganisation,
    Quote,
    TroopLevel,
)
from app.store.pagination import Listing, SortKey, StoredRow, read_rows
from app.store.search import Matching, is_dense
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


def columns_of(model: type[SQLModel]) -> list[Any]:
    """Every column of a table model, to select whole rows as `StoredRow`s."""
    return list(model.__table__.columns)  # type: ignore[attr-defined]


ARTICLE_SUMMARY_COLUMNS = [
    column for column in columns_of(Article) if column.key not in ("text", "content_hash")
]
"""An article without its text (`seq` and `published_start` page the list)."""


@dataclass
class ArticleWithFacts:
    article: StoredRow
    """Every column of the article."""
    entities: list[StoredRow]
    """`id`, `name` and `kind` of each entity the article names, by kind and id."""
    mentions: dict[str, list[StoredRow]]
    """Mentions in this article, by entity id."""
    roles: dict[str, list[StoredRow]]
    quotes: list[StoredRow]
    figures: list[StoredRow]
    dates: list[StoredRow]
    troop_levels: list[StoredRow]
    """Facts are whole rows of their tables, in text order."""


def articles(
    *,
    published_after: PartialDate | None = None,
    published_before: PartialDate | None = None,
    source: str | None = None,
    entity: str | None = None,
    matching: Matching | None = None,
) -> Listing[StoredRow]:
    """Articles without their text. Date bounds are inclusive and compare the days a
    partial date can mean: an article of "2020-12" is published after 2020-12-15.
    `entity`: the articles naming the person, organisation or place with this id.
    `matching`: the articles a full-text query matches."""
    statement = select(*ARTICLE_SUMMARY_COLUMNS)
    if published_after is not None:
        statement = statement.where(col(Article.published_end) >= published_after.first_day())
    if published_before is not None:
        statement = statement.where(col(Article.published_start) <= published_before.last_day())
    if source:
        statement = statement.where(func.lower(Article.source) == source.lower())
    if matching is not None:
        statement = statement.where(matching.contains(Article.seq))
    if entity is not None:
        return _articles_naming(statement, entity)
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
        key_of={"published": _published_key},
    )


def _published_key(row: StoredRow) -> SortKey:
    return (row.published_start or UNDATED, row.seq)


def _articles_naming(statement: Any, entity: str) -> Listing[StoredRow]:
    """The articles naming one entity, read through its appearances, which carry each
    article's sort keys: a page is a range of an `entity_article` index, however many
    articles name the entity. Sort keys are read back from the article's own columns."""
    statement = statement.join(EntityArticle, col(EntityArticle.article_id) == Article.id).where(
        EntityArticle.entity_id == entity
    )
    return Listing(
        statement,
        sorts={
            "id": [EntityArticle.article_id],
            "published": [EntityArticle.published_key, EntityArticle.article_seq],
            "ingested": [EntityArticle.article_seq],
        },
        key_of={
            "id": lambda row: (row.id,),
            "published": _published_key,
            "ingested": lambda row: (row.seq,),
        },
    )


def get_article_with_facts(session: Session, article_id: str) -> ArticleWithFacts | None:
    found = read_rows(session, select(*columns_of(Article)).where(Article.id == article_id))
    if not found:
        return None
    entities = read_rows(
        session,
        select(Entity.id, Entity.name, Entity.kind)
        .join(EntityArticle, col(EntityArticle.entity_id) == Entity.id)
        .where(EntityArticle.article_id == article_id)
        .order_by(Entity.kind, Entity.id),
    )
    mentions: dict[str, list[StoredRow]] = defaultdict(list)
    for mention in _in_article(session, Mention, article_id):
        mentions[mention.entity_id].append(mention)
    roles: dict[str, list[StoredRow]] = defaultdict(list)
    for role in _in_article(session, EntityRole, article_id):
        roles[role.entity_id].append(role)
    return ArticleWithFacts(
        article=found[0],
        entities=entities,
        mentions=mentions,
        roles=roles,
        quotes=_in_article(session, Quote, article_id),
        figures=_in_article(session, Figure, article_id),
        dates=_in_article(session, DateFact, article_id),
        troop_levels=_in_article(session, TroopLevel, article_id),
    )


Fact = TypeVar("Fact", Mention, EntityRole, Quote, Figure, DateFact, TroopLevel)


def _in_article(session: Session, model: type[Fact], article_id: str) -> list[StoredRow]:
    statement = (
        select(*columns_of(model))
        .where(model.article_id == article_id)
        .order_by(model.start, model.id)
    )
    return read_rows(session, statement)


# People, organisations, places


DETAIL_LATEST = 50
"""Quotes, articles and role mentions an entity's detail holds at most, the latest: a
busy entity has tens of thousands of each; the list routes page through them all."""


@dataclass
class EntityDetail:
    entity: StoredRow
    """`id`, `name`, `mention_count`, `article_count` and `kind`."""
    aliases: list[str]
    roles: list[str]
    """Distinct roles, sorted."""
    role_mentions: list[StoredRow]
    """The latest `DETAIL_LATEST` role mentions (whole `entity_role` rows), newest first."""
    role_mention_count: int
    related: list[StoredRow]
    """`id` and `name` of the first `DETAIL_LATEST` (by id) organisations of a person, or
    people of an organisation; empty for places."""
    related_count: int
    quotes: list[StoredRow]
    """The latest `DETAIL_LATEST` quotes attributed to the entity, newest first."""
    quote_count: int
    appearances: list[StoredRow]
    """`id`, `title` and `published_date` of the latest `DETAIL_LATEST` articles naming
    the entity (last ingested first), and the entity's `mention_count` in each."""


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
    entity: StoredRow
    """`id`, `name`, `mention_count` and `article_count` (and `name_key`, a sort key)."""
    aliases: list[str]
    roles: list[str]


ENTITY_SUMMARY_COLUMNS = [
    Entity.id,
    Entity.name,
    Entity.mention_count,
    Entity.article_count,
    Entity.name_key,
]


def entities(
    kind: EntityKind,
    *,
    name: str | None = None,
    article: str | None = None,
    related: str | None = None,
) -> Listing[EntitySummary]:
    """People, organisations or places. `related` (people and organisations only):
    those linked to an organisation or person given by id or part of its name."""
    statement = select(*ENTITY_SUMMARY_COLUMNS).where(Entity.kind == kind)
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


def _entity_summaries(session: Session, rows: list[StoredRow]) -> list[EntitySummary]:
    aliases, roles = aliases_and_roles(session, [entity.id for entity in rows])
    return [EntitySummary(entity, aliases[entity.id], roles[entity.id]) for entity in rows]


def _aliases_and_roles_statement() -> Any:
    ids = bindparam("entity_ids", expanding=True)
    aliases = select(
        EntityAlias.entity_id,
        literal_column("'alias'", String).label("name_kind"),
        col(EntityAlias.alias).label("name"),
    ).where(col(EntityAlias.entity_id).in_(ids))
    roles = select(
        EntityRoleCount.entity_id, literal_column("'role'", String), EntityRoleCount.role
    ).where(col(EntityRoleCount.entity_id).in_(ids))
    names = union_all(aliases, roles).subquery()
    return select(names).order_by(names.c.entity_id, names.c.name_kind, names.c.name)


_ALIASES_AND_ROLES = _aliases_and_roles_statement()
"""Built once, the ids bound per page: every list page of entities runs it."""


def aliases_and_roles(
    session: Session, entity_ids: list[str]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Aliases and distinct roles of each entity, sorted, for a page: one query, not one
    per row or per kind of name. Both are distinct as stored: roles are counted at ingest
    (`entity_role_count`), so a busy entity's thousands of role mentions are not read."""
    rows = read_rows(session, _ALIASES_AND_ROLES, {"entity_ids": entity_ids})
    by_kind: dict[str, dict[str, list[str]]] = {
        "alias": defaultdict(list),
        "role": defaultdict(list),
    }
    for entity_id, name_kind, name in rows:
        by_kind[name_kind][entity_id].append(name)
    return by_kind["alias"], by_kind["role"]


def get_entity_detail(session: Session, kind: EntityKind, entity_id: str) -> EntityDetail | None:
    """The entity with its names, counts and the latest `DETAIL_LATEST` of its quotes,
    articles and role mentions, each read from an index on (entity, newest first)."""
    found = read_rows(
        session,
        select(
            Entity.id, Entity.name, Entity.mention_count, Entity.article_count, Entity.kind
        ).where(Entity.id == entity_id, Entity.kind == kind),
    )
    if not found:
        return None
    aliases, roles = aliases_and_roles(session, [entity_id])
    related, related_total = [], 0
    if kind != "place":
        related = read_rows(session, first_related(kind, entity_id))
        related_total = _one(session, related_count(kind, entity_id))
    return EntityDetail(
        entity=found[0],
        aliases=aliases[entity_id],
        roles=roles[entity_id],
        role_mentions=read_rows(session, latest_role_mentions(entity_id)),
        role_mention_count=_one(session, role_mention_count(entity_id)),
        related=related,
        related_count=related_total,
        quotes=read_rows(session, latest_quotes(entity_id)),
        quote_count=_one(session, quote_count(entity_id)),
        appearances=read_rows(session, latest_appearances(entity_id)),
    )


def latest_role_mentions(entity_id: str) -> Any:
    return (
        select(*columns_of(EntityRole))
        .where(EntityRole.entity_id == entity_id)
        .order_by(col(EntityRole.id).desc())
        .limit(DETAIL_LATEST)
    )


def role_mention_count(entity_id: str) -> Any:
    """Summed from the distinct roles' counts: a few rows, not every role mention."""
    return select(func.coalesce(func.sum(EntityRoleCount.mention_count), 0)).where(
        EntityRoleCount.entity_id == entity_id
    )


def latest_quotes(entity_id: str) -> Any:
    return (
        select(*columns_of(Quote))
        .where(Quote.speaker_entity_id == entity_id)
        .order_by(col(Quote.id).desc())
        .limit(DETAIL_LATEST)
    )


def quote_count(entity_id: str) -> Any:
    """Counted in the (speaker_entity_id, id) index: about a millisecond for 30,000."""
    return select(func.count()).where(Quote.speaker_entity_id == entity_id)


def latest_appearances(entity_id: str) -> Any:
    return (
        select(Article.id, Article.title, Article.published_date, EntityArticle.mention_count)
        .join(EntityArticle, col(EntityArticle.article_id) == Article.id)
        .where(EntityArticle.entity_id == entity_id)
        .order_by(col(EntityArticle.article_seq).desc())
        .limit(DETAIL_LATEST)
    )


def _one(session: Session, statement: Any) -> Any:
    return session.connection().execute(statement).scalar_one()


def _related_ids(kind: EntityKind, entity_id: str) -> Any:
    """Ids of the organisations of a person or the people of an organisation, each once,
    in id order: read in order from an index starting (this, other)."""
    this, other = (
        (PersonOrganisation.person_id, PersonOrganisation.organisation_id)
        if kind == "person"
        else (PersonOrganisation.organisation_id, PersonOrganisation.person_id)
    )
    return select(col(other).label("id")).where(this == entity_id).distinct().order_by(other)


def first_related(kind: EntityKind, entity_id: str) -> Any:
    """`id` and `name` of the first `DETAIL_LATEST` related entities (see `_related_ids`)."""
    ids = _related_ids(kind, entity_id).limit(DETAIL_LATEST).subquery()
    return select(Entity.id, Entity.name).join(ids, ids.c.id == Entity.id).order_by(Entity.id)


def related_count(kind: EntityKind, entity_id: str) -> Any:
    return select(func.count()).select_from(_related_ids(kind, entity_id).subquery())


# Quotes and figures

_ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "organisation", "place")


def quotes(
    *,
    speaker: str | None = None,
    many_by_speaker: bool = False,
    article: str | None = None,
    kind: QuoteKind | None = None,
    matching: Matching | None = None,
) -> Listing[StoredRow]:
    """Quotes, whole rows; `speaker` is an entity id or part of a name (`many_by_speaker`:
    `speaker_matches_many` said so); `matching`: the quotes a full-text query matches."""
    statement = select(*columns_of(Quote))
    if speaker:
        statement = statement.where(_spoken_by(speaker, walk=many_by_speaker))
    if article:
        statement = statement.where(Quote.article_id == article)
    if kind:
        statement = statement.where(Quote.kind == kind)
    if matching is not None:
        statement = statement.where(matching.contains(Quote.id))
    return Listing(
        statement,
        sorts={"id": [Quote.id], "article": [Quote.article_id, Quote.start, Quote.id]},
    )


def speaker_matches_many(session: Session, speaker: str) -> bool:
    """Whether the entities `speaker` names have so many quotes that testing quotes in
    list order fills a page sooner than collecting every id (`is_dense`); counted from
    the speaker index, which stops at the break-even count."""
    if not has_trigrams(speaker) or not speaker.isascii():
        # Short fragments are always tested in list order. Row by row, SQLite's LIKE
        # ignores the case of ASCII letters only: other fragments use the trigram index.
        return False
    by_entity = select(Quote.id).where(col(Quote.speaker_entity_id).in_(_speakers(speaker)))
    return is_dense(session, by_entity, Quote.id)


def _speakers(speaker: str) -> Any:
    """Ids of the entity with id `speaker` and of those whose name or an alias contains it."""
    by_id = select(Entity.id).where(Entity.id == speaker)
    keys = {name_key(kind, speaker): kind for kind in _ENTITY_KINDS}  # mostly one key
    return union(by_id, *(named for kind in keys.values() for named in _named(kind, speaker)))


def _spoken_by(speaker: str, *, walk: bool = False) -> Any:
    """Quotes whose speaker is the entity with id `speaker`, or one whose name or an alias
    contains `speaker`, or whose unresolved speaker text contains it.

    With trigrams to look up, the quote ids are a union of index lookups, unless `walk`.
    One or two characters have none: then, or when `walk`, each quote is tested in list
    order until a page is full, which finds a common speaker after a few rows (a union
    would collect every one of its quotes first; `|| ''` keeps SQLite from looking them up
    through the speaker index instead)."""
    speakers = _speakers(speaker)
    by_entity = col(Quote.speaker_entity_id).in_(speakers)
    by_text = contains_text(Quote.speaker, speaker)
    if not has_trigrams(speaker):
        return or_(by_entity, by_text)
    if walk:
        return or_(
            col(Quote.speaker_entity_id).concat("").in_(speakers),
            contains_text(Quote.speaker, speaker, row_by_row=True),
        )
    by_speaker = union(
        select(Quote.id).where(by_entity).correlate(None),
        select(Quote.id).where(by_text).correlate(None),
    )
    return col(Quote.id).in_(by_speaker)


def figures(*, unit: str | None = None, article: str | None = None) -> Listing[StoredRow]:
    """Figures, whole rows."""
    statement = select(*columns_of(Figure))
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
    levels: list[StoredRow]
    """The latest levels (whole rows, at most the listing's `points`), sorted by date:
    earliest first; START before MID before END of the same period."""
    level_count: int
    """Every level of the series that matches the filters, `levels` being the latest."""


MAX_PAGE_POINTS = 2000
"""Points one page of series holds at most: a page ends before the series that would
pass it (it always holds one), so a page with many long series stays a few hundred
kilobytes and a few tens of milliseconds; `next` goes on from there."""


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
    page of series stays small however long the archive's timelines grow; a page also
    stops before its points pass `MAX_PAGE_POINTS`."""
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
    groups = select(TroopLevel.force, location_key, func.count().label("level_count")).where(
        *conditions
    )
    sorts = {
        "force": [col(TroopLevel.force), location_key],
        "location": [location_key, col(TroopLevel.force)],
    }
    if location and not force:  # the series are counted in the first order: seek one place
        sorts = {"location": sorts["location"], "force": sorts["force"]}
    return Listing(
        groups,
        sorts=sorts,
        load=lambda session, rows: _series_of(session, rows, conditions, points),
        fits=lambda rows: _series_within(rows, points, MAX_PAGE_POINTS),
        hints={  # force and location are never NULL, nor is their key
            "force": [col(TroopLevel.force) >= ""],
            "location": [location_key.element >= ""],
        },
        grouped=True,
    )


def _series_within(groups: list[StoredRow], points: int | None, budget: int) -> int:
    """How many of the leading `groups` a page holds: at least one, and no more than
    `budget` points together (a series shows min(level_count, points) of its points)."""
    total = 0
    for held, group in enumerate(groups):
        total += group.level_count if points is None else min(group.level_count, points)
        if total > budget:
            return max(held, 1)
    return len(groups)


def _location_key() -> Any:
    """A troop level's series key: its location, "" for none; spelled as its indexes are."""
    no_location = literal_column(NO_LOCATION_SQL, String)
    return func.coalesce(TroopLevel.location, no_location).label("location_key")


def _latest_levels(
    keys: list[tuple[str, str]], conditions: list[Any], points: int | None, *, lateral: bool
) -> Any:
    """The latest `points` levels of each series (all when None) matching `conditions`.

    The page's series keys are a VALUES list joined to each one's latest levels, read in
    order from its series index: one short statement, however many series. PostgreSQL
    joins them LATERAL; SQLite has no LATERAL but runs a correlated `IN (... LIMIT n)`
    once per series."""
    page = (
        values(column("force", String), column("location_key", String), name="page_series")
        .data(keys)
        .cte("page_series")
    )
    latest = (
        select(TroopLevel.id)
        .where(
            *conditions,
            TroopLevel.force == page.c.force,
            _location_key().element == page.c.location_key,
        )
        .order_by(
            col(TroopLevel.date_start).desc(),
            col(TroopLevel.date_end).desc(),
            col(TroopLevel.id).desc(),
        )
        .limit(points)
    )
    shown = TroopLevel.__table__.alias("shown")  # type: ignore[attr-defined]
    chronological = (  # earliest first; START before MID (or none) before END of one period
        shown.c.date_start,
        case({"START": 0, "END": 2}, value=shown.c.date_mod, else_=1),
        shown.c.date_end,
        shown.c.id,
    )
    if lateral:
        levels = latest.lateral("latest")
        statement = (
            select(*shown.c)
            .select_from(page)
            .join(levels, true())
            .join(shown, shown.c.id == levels.c.id)
        )
    else:
        statement = (
            select(*shown.c).select_from(page).join(shown, shown.c.id.in_(latest.correlate(page)))
        )
    return statement.order_by(*chronological)


def _series_of(
    session: Session, groups: list[StoredRow], conditions: list[Any], points: int | None
) -> list[TroopLevelSeries]:
    if not groups:
        return []
    statement = _latest_levels(
        [(group.force, group.location_key) for group in groups],
        conditions,
        points,
        lateral=session.get_bind().dialect.name == "postgresql",
    )
    series: dict[tuple[str, str], list[StoredRow]] = defaultdict(list)
    for level in read_rows(session, statement):
        series[(level.force, level.location or "")].append(level)
    items = []
    for group in groups:
        levels = series[(group.force, group.location_key)]
        items.append(TroopLevelSeries(group.force, levels[0].location, levels, group.level_count))
    return items
