"""Save one article and its facts: the only code that writes to the database."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update
from sqlmodel import Session, SQLModel

from app.extract import schema
from app.extract.schema import ArticleFacts, EntityKind
from app.ingest.article import RawArticle
from app.partial_date import InvalidDateError, PartialDate
from app.store.entity_resolution import ArticleEntities, NameRequest
from app.store.models import (
    UNDATED,
    Article,
    DataVersion,
    DateFact,
    Entity,
    EntityRole,
    EntityRoleCount,
    Figure,
    Mention,
    PersonOrganisation,
    Quote,
    TroopLevel,
    utc_now,
)
from app.store.names import normalise_name

ARTICLE = Article.__table__
ROLE_COUNT = EntityRoleCount.__table__
DATA_VERSION = DataVersion.__table__
_LOCK_WRITES = (
    update(DATA_VERSION).where(DATA_VERSION.c.id == 1).values(version=DATA_VERSION.c.version)
)


class ArticleConflictError(Exception):
    """An article id already stored with a different text."""


class InvalidFactError(ValueError):
    """Facts that cannot belong to the article they came with (offsets outside its text)."""


def save_article(session: Session, article: RawArticle, facts: ArticleFacts) -> bool:
    """Store an article with its facts; True if stored, False if this text is already stored.

    One article's `save_articles`: raises ArticleConflictError when the id holds
    another text, InvalidFactError when a fact does not fit the text. The caller commits.
    """
    return save_articles(session, [(article, facts)])[0]


def save_articles(session: Session, batch: Sequence[tuple[RawArticle, ArticleFacts]]) -> list[bool]:
    """Store articles with their facts, as saving them one by one in this order would; for
    each, True if stored, False if its text was already stored (or came earlier in the batch).

    A batch costs the statements of one article (a few dozen, one per table), not of
    each, which is what lets ingest keep up with several extraction processes. All its
    rows are written inside one SAVEPOINT: on any error none of them remain and the
    session is still usable. The caller commits. Raises ArticleConflictError when an id
    holds another text, InvalidFactError when a fact does not fit its text, for the
    first such article, before anything is written.

    Writers take turns (`lock_writes`), so several ingest processes may save the
    same article or create the same person at the same moment: the second sees the
    first's committed rows and finds the article stored, or the person to merge with.
    """
    for article, facts in batch:
        if facts.id != article.id:
            raise ValueError(f"facts are for article {facts.id!r}, not {article.id!r}")
    lock_writes(session)
    new = _new_articles(session, batch)
    if any(new):
        with session.begin_nested():
            fresh = [pair for pair, is_new in zip(batch, new, strict=True) if is_new]
            changed = _ArticleWriter(session.connection()).write(fresh)
            bump_data_version(session)
        for instance in list(session.identity_map.values()):  # rows written past the ORM
            if isinstance(instance, Entity) and instance.id in changed:
                session.expire(instance)
    return new


def _new_articles(session: Session, batch: Sequence[tuple[RawArticle, ArticleFacts]]) -> list[bool]:
    """Which articles of the batch are not stored yet; raises for a conflict or a bad fact."""
    connection = session.connection()
    ids = {article.id for article, _facts in batch}
    hashes = {article.content_hash for article, _facts in batch}
    held = {
        row.id: row.content_hash
        for row in connection.execute(
            select(ARTICLE.c.id, ARTICLE.c.content_hash).where(ARTICLE.c.id.in_(ids))
        )
    }
    stored = set(
        connection.execute(
            select(ARTICLE.c.content_hash).where(ARTICLE.c.content_hash.in_(hashes))
        ).scalars()
    )
    new = []
    for article, facts in batch:
        text_held = held.get(article.id)
        if text_held is not None and text_held != article.content_hash:
            raise ArticleConflictError(
                f"article id {article.id!r} already holds different text; "
                "give this article another id"
            )
        if text_held is not None or article.content_hash in stored:
            new.append(False)
            continue
        check_facts(article, facts)
        held[article.id] = article.content_hash
        stored.add(article.content_hash)
        new.append(True)
    return new


def lock_writes(session: Session) -> None:
    """Wait for the other writers' transactions to end, then hold the lock until commit.

    One writer at a time: entity resolution reads what is stored and decides what to
    merge, which only stays right if no one else writes in between. A no-op UPDATE of
    the single `data_version` row does it on both backends: on PostgreSQL it locks the
    row (and each later statement of a READ COMMITTED transaction sees every commit
    made before it got the lock); on SQLite it takes the database's write lock, waiting
    up to the busy timeout. It must be the transaction's first statement on SQLite,
    where a transaction that has read an older snapshot can no longer start writing.
    Writing is a few milliseconds an article, parsing it a hundred: workers hardly wait.
    """
    session.connection().execute(_LOCK_WRITES)


def bump_data_version(session: Session) -> None:
    """Tell readers the data changed: cached responses and ETags from before are stale."""
    session.connection().execute(
        update(DATA_VERSION)
        .where(DATA_VERSION.c.id == 1)
        .values(version=DATA_VERSION.c.version + 1, changed_at=utc_now())
    )


def check_facts(article: RawArticle, facts: ArticleFacts) -> None:
    """Raise InvalidFactError unless every span lies within the article text."""
    length = len(article.text)

    def check(what: str, span: schema.Span | None) -> None:
        if span is not None and not 0 <= span.start <= span.end <= length:
            raise InvalidFactError(
                f"article {article.id!r}: {what} at {span.start}-{span.end} lies outside "
                f"its text ({length} characters); extract the facts again from this text"
            )

    for entity in [*facts.people, *facts.organisations, *facts.places]:
        if not entity.name.strip():
            raise InvalidFactError(f"article {article.id!r}: an entity has an empty name")
        for mention in [*entity.mentions, *entity.role_mentions]:
            check(f"mention {mention.text!r} of {entity.name!r}", mention)
    for quote in facts.quotes:
        for span in [quote, *quote.segments, quote.speaker_mention, quote.cue_mention]:
            check("quote", span)
    for figure in facts.figures:
        check(f"figure {figure.text!r}", figure)
    for date in facts.dates:
        check(f"date {date.text!r}", date)
    for level in facts.troop_levels:
        check(f"troop level {level.text!r}", level)
        check("troop level sentence", level.sentence)
        try:
            PartialDate.parse(level.date)
        except InvalidDateError as error:
            raise InvalidFactError(f"article {article.id!r}: troop level date: {error}") from error


def _entity_kinds(facts: ArticleFacts) -> list[tuple[EntityKind, list[schema.Entity]]]:
    return [
        ("person", facts.people),
        ("organisation", facts.organisations),
        ("place", facts.places),
    ]


def _name_requests(facts: ArticleFacts) -> list[NameRequest]:
    """Every name the article gives an entity, in the order the writer resolves them."""
    requests = [
        NameRequest(kind, extracted.name, tuple(extracted.aliases))
        for kind, extracted_entities in _entity_kinds(facts)
        for extracted in extracted_entities
    ]
    requests += [
        NameRequest("organisation", name)
        for person in facts.people
        for name in person.organisations
    ]
    return requests


def _article_row(article: RawArticle, seq: int) -> dict[str, Any]:
    published = article.published
    return {
        "id": article.id,
        "seq": seq,
        "content_hash": article.content_hash,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "language": article.language,
        "published_date": published.value if published else None,
        "published_precision": published.precision if published else None,
        "published_start": published.first_day() if published else None,
        "published_end": published.last_day() if published else None,
        "text": article.text,
        "ingested_at": utc_now(),
    }


class _ArticleWriter:
    """Writes a batch of new articles with Core statements, one per table: entities are
    resolved in memory (`ArticleEntities`), so nothing needs flushing between rows."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.article_id = ""
        self.entity_ids: dict[tuple[EntityKind, str], str] = {}
        """This article's names (and aliases) by kind: whom its quotes and roles name."""
        self.person_organisations: set[tuple[str, str]] = set()
        self.fact_rows: dict[type[SQLModel], list[dict[str, Any]]] = {}

    def write(self, batch: Sequence[tuple[RawArticle, ArticleFacts]]) -> set[str]:
        """Insert every row of the articles; returns the ids of the entities they touched."""
        last_seq = self.connection.execute(select(func.max(ARTICLE.c.seq))).scalar() or 0
        articles = [
            _article_row(article, seq) for seq, (article, _f) in enumerate(batch, last_seq + 1)
        ]
        self.connection.execute(insert(ARTICLE), articles)
        self.entities = ArticleEntities(
            self.connection, [request for _a, facts in batch for request in _name_requests(facts)]
        )
        for row, (_article, facts) in zip(articles, batch, strict=True):
            self.article_id = row["id"]
            self.entity_ids = {}
            self.person_organisations = set()
            self.entities.start_article(
                row["id"], seq=row["seq"], published_key=row["published_start"] or UNDATED
            )
            self._write_facts(facts)
        self.entities.save()
        self._save_role_counts()
        for table, rows in self.fact_rows.items():
            self.connection.execute(insert(table.__table__), rows)  # type: ignore[attr-defined]
        return set(self.entities.by_id)

    def _write_facts(self, facts: ArticleFacts) -> None:
        for kind, extracted_entities in _entity_kinds(facts):
            for extracted in extracted_entities:
                self._save_entity(kind, extracted)
        for person in facts.people:
            self._save_person_organisations(person)
        self._save_quotes(facts.quotes)
        self._save_figures(facts.figures)
        self._save_dates(facts.dates)
        self._save_troop_levels(facts.troop_levels)

    def _save_role_counts(self) -> None:
        """Add the batch's role mentions to each entity's distinct roles and their counts."""
        added = Counter(
            (row["entity_id"], row["role"]) for row in self.fact_rows.get(EntityRole, [])
        )
        if not added:
            return
        entity_ids = {entity_id for entity_id, _role in added}
        stored = {
            (row.entity_id, row.role)
            for row in self.connection.execute(
                select(ROLE_COUNT.c.entity_id, ROLE_COUNT.c.role).where(
                    ROLE_COUNT.c.entity_id.in_(entity_ids)
                )
            )
        }
        counted = [
            {"b_entity_id": entity_id, "b_role": role, "mentions": count}
            for (entity_id, role), count in added.items()
            if (entity_id, role) in stored
        ]
        if counted:
            self.connection.execute(
                update(ROLE_COUNT)
                .where(
                    ROLE_COUNT.c.entity_id == bindparam("b_entity_id"),
                    ROLE_COUNT.c.role == bindparam("b_role"),
                )
                .values(mention_count=ROLE_COUNT.c.mention_count + bindparam("mentions")),
                counted,
            )
        new = [
            {"entity_id": entity_id, "role": role, "mention_count": count}
            for (entity_id, role), count in added.items()
            if (entity_id, role) not in stored
        ]
        if new:
            self.connection.execute(insert(ROLE_COUNT), new)

    def _add_row(self, table: type[SQLModel], **row: Any) -> None:
        self.fact_rows.setdefault(table, []).append(row)

    def _save_entity(self, kind: EntityKind, extracted: schema.Entity) -> None:
        entity = self.entities.resolve(NameRequest(kind, extracted.name, tuple(extracted.aliases)))
        self.entity_ids[(kind, normalise_name(extracted.name))] = entity.id
        for alias in extracted.aliases:  # a quote may name its speaker by an alias
            self.entity_ids.setdefault((kind, normalise_name(alias)), entity.id)
        self.entities.appear(entity, len(extracted.mentions))
        for mention in extracted.mentions:
            self._add_row(
                Mention,
                entity_id=entity.id,
                article_id=self.article_id,
                start=mention.start,
                end=mention.end,
                text=mention.text,
            )
        for role in extracted.role_mentions:
            self._add_row(
                EntityRole,
                entity_id=entity.id,
                article_id=self.article_id,
                role=role.role,
                start=role.start,
                end=role.end,
                text=role.text,
            )

    def _organisation_id(self, name: str) -> str:
        """An organisation a person serves, even if the article never mentions it by itself."""
        known = self.entity_ids.get(("organisation", normalise_name(name)))
        if known is not None:
            return known
        entity = self.entities.resolve(NameRequest("organisation", name))
        self.entities.appear(entity, 0)
        self.entity_ids[("organisation", normalise_name(name))] = entity.id
        return entity.id

    def _save_person_organisations(self, person: schema.Entity) -> None:
        person_id = self.entity_ids[("person", normalise_name(person.name))]
        for name in person.organisations:
            pair = (person_id, self._organisation_id(name))
            if pair not in self.person_organisations:
                self.person_organisations.add(pair)
                self._add_row(
                    PersonOrganisation,
                    person_id=pair[0],
                    organisation_id=pair[1],
                    article_id=self.article_id,
                )

    def _speaker_id(self, quote: schema.Quote) -> str | None:
        if quote.speaker is None:
            return None
        kinds: list[EntityKind] = (
            [quote.speaker_kind] if quote.speaker_kind else ["person", "organisation", "place"]
        )
        key = normalise_name(quote.speaker)
        return next((self.entity_ids[(k, key)] for k in kinds if (k, key) in self.entity_ids), None)

    def _save_quotes(self, quotes: list[schema.Quote]) -> None:
        for quote in quotes:
            speaker_mention, cue_mention = quote.speaker_mention, quote.cue_mention
            self._add_row(
                Quote,
                article_id=self.article_id,
                start=quote.start,
                end=quote.end,
                text=quote.text,
                segments=[segment.model_dump() for segment in quote.segments],
                kind=quote.kind,
                speaker=quote.speaker,
                speaker_kind=quote.speaker_kind,
                speaker_entity_id=self._speaker_id(quote),
                speaker_mention_start=speaker_mention.start if speaker_mention else None,
                speaker_mention_end=speaker_mention.end if speaker_mention else None,
                speaker_mention_text=speaker_mention.text if speaker_mention else None,
                cue=quote.cue,
                cue_start=cue_mention.start if cue_mention else None,
                cue_end=cue_mention.end if cue_mention else None,
                cue_text=cue_mention.text if cue_mention else None,
            )

    def _save_figures(self, figures: list[schema.Figure]) -> None:
        for figure in figures:
            self._add_row(Figure, article_id=self.article_id, **figure.model_dump())

    def _save_dates(self, dates: list[schema.DateFact]) -> None:
        for date in dates:
            self._add_row(DateFact, article_id=self.article_id, **date.model_dump())

    def _save_troop_levels(self, levels: list[schema.TroopLevel]) -> None:
        for level in levels:
            sentence, date = level.sentence, PartialDate.parse(level.date)
            self._add_row(
                TroopLevel,
                article_id=self.article_id,
                **level.model_dump(exclude={"sentence"}),
                date_start=date.first_day(),
                date_end=date.last_day(),
                sentence_start=sentence.start,
                sentence_end=sentence.end,
                sentence_text=sentence.text,
            )
