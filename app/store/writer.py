"""Save one article and its facts: the only code that writes to the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, update
from sqlmodel import Session, SQLModel, select

from app.extract import schema
from app.extract.schema import ArticleFacts, EntityKind
from app.ingest.article import RawArticle
from app.partial_date import InvalidDateError, PartialDate
from app.store.entity_resolution import resolve_entity
from app.store.models import (
    Article,
    DataVersion,
    DateFact,
    Entity,
    EntityArticle,
    EntityRole,
    Figure,
    Mention,
    PersonOrganisation,
    Quote,
    TroopLevel,
    utc_now,
)
from app.store.names import normalise_name
from app.store.queries import is_stored


class ArticleConflictError(Exception):
    """An article id already stored with a different text."""


class InvalidFactError(ValueError):
    """Facts that cannot belong to the article they came with (offsets outside its text)."""


def save_article(session: Session, article: RawArticle, facts: ArticleFacts) -> bool:
    """Store an article with its facts; True if stored, False if this text is already stored.

    All rows for the article are written inside a SAVEPOINT: on any error none of
    them remain and the session is still usable. The caller commits.
    Raises ArticleConflictError when the id holds another text, InvalidFactError
    when a fact does not fit the text.
    """
    if facts.id != article.id:
        raise ValueError(f"facts are for article {facts.id!r}, not {article.id!r}")
    stored = session.get(Article, article.id)
    if stored is not None:
        if stored.content_hash == article.content_hash:
            return False
        raise ArticleConflictError(
            f"article id {article.id!r} already holds different text; give this article another id"
        )
    if is_stored(session, article):
        return False
    check_facts(article, facts)
    with session.begin_nested():
        _ArticleWriter(session, article.id).write(article, facts)
        bump_data_version(session)
    return True


def bump_data_version(session: Session) -> None:
    """Tell readers the data changed: cached responses and ETags from before are stale."""
    session.execute(
        update(DataVersion)
        .where(DataVersion.id == 1)
        .values(version=DataVersion.version + 1, changed_at=utc_now())
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


class _ArticleWriter:
    """Writes one article; remembers which stored entity each extracted name became."""

    def __init__(self, session: Session, article_id: str) -> None:
        self.session = session
        self.article_id = article_id
        self.entity_ids: dict[tuple[EntityKind, str], str] = {}
        self.appearances: dict[str, EntityArticle] = {}
        self.person_organisations: set[tuple[str, str]] = set()
        self.fact_rows: dict[type[SQLModel], list[dict[str, Any]]] = {}
        """Fact rows, inserted in one statement per table once the entities are resolved:
        each entity lookup autoflushes, and flushing fact objects one by one was most
        of the cost of saving an article."""

    def write(self, article: RawArticle, facts: ArticleFacts) -> None:
        published = article.published
        last_seq = self.session.exec(select(func.max(Article.seq))).one()
        self.session.add(
            Article(
                id=article.id,
                seq=(last_seq or 0) + 1,
                content_hash=article.content_hash,
                title=article.title,
                source=article.source,
                url=article.url,
                language=article.language,
                published_date=published.value if published else None,
                published_precision=published.precision if published else None,
                published_start=published.first_day() if published else None,
                published_end=published.last_day() if published else None,
                text=article.text,
            )
        )
        self.session.flush()
        kinds: list[tuple[EntityKind, list[schema.Entity]]] = [
            ("person", facts.people),
            ("organisation", facts.organisations),
            ("place", facts.places),
        ]
        for kind, extracted_entities in kinds:
            for extracted in extracted_entities:
                self._save_entity(kind, extracted)
        for person in facts.people:
            self._save_person_organisations(person)
        self._save_quotes(facts.quotes)
        self._save_figures(facts.figures)
        self._save_dates(facts.dates)
        self._save_troop_levels(facts.troop_levels)
        for table, rows in self.fact_rows.items():
            self.session.execute(insert(table), rows)
        self.session.flush()

    def _add_row(self, table: type[SQLModel], **row: Any) -> None:
        self.fact_rows.setdefault(table, []).append(row)

    def _appear(self, entity: Entity, mention_count: int) -> None:
        appearance = self.appearances.get(entity.id)
        if appearance is None:
            appearance = EntityArticle(entity_id=entity.id, article_id=self.article_id)
            self.appearances[entity.id] = appearance
            self.session.add(appearance)
            entity.article_count += 1
        appearance.mention_count += mention_count
        entity.mention_count += mention_count

    def _save_entity(self, kind: EntityKind, extracted: schema.Entity) -> None:
        entity = resolve_entity(self.session, kind, extracted.name, extracted.aliases)
        self.entity_ids[(kind, normalise_name(extracted.name))] = entity.id
        for alias in extracted.aliases:  # a quote may name its speaker by an alias
            self.entity_ids.setdefault((kind, normalise_name(alias)), entity.id)
        self._appear(entity, len(extracted.mentions))
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
        entity = resolve_entity(self.session, "organisation", name)
        self._appear(entity, 0)
        self.entity_ids[("organisation", normalise_name(name))] = entity.id
        return entity.id

    def _save_person_organisations(self, person: schema.Entity) -> None:
        person_id = self.entity_ids[("person", normalise_name(person.name))]
        for name in person.organisations:
            pair = (person_id, self._organisation_id(name))
            if pair not in self.person_organisations:
                self.person_organisations.add(pair)
                self.session.add(
                    PersonOrganisation(
                        person_id=pair[0], organisation_id=pair[1], article_id=self.article_id
                    )
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
