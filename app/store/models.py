"""SQLModel tables: one article, its entities and every fact extracted from it.

Layers follow the template: `XBase` holds the fields the API shows as they are,
`X(XBase, table=True)` adds keys and storage-only columns. The API's `XPublic`
classes live in `app.api.public`.

Every fact row carries `article_id` and `start`/`end` character offsets into
`article.text` (Python str indices), so `article.text[start:end] == text`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Index, String, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from app.extract.schema import DateMod, DatePrecision, EntityKind, Qualifier, QuoteKind, TroopStatus

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# Set before any table is declared: names are derived when a constraint joins its table.
SQLModel.metadata.naming_convention = NAMING_CONVENTION
metadata = SQLModel.metadata


def utc_now() -> datetime:
    return datetime.now(UTC)


class ArticleBase(SQLModel):
    id: str = Field(primary_key=True, description="Stable slug given at ingest.")
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    published_date: str | None = Field(
        default=None, description="Publication date as YYYY, YYYY-MM or YYYY-MM-DD."
    )
    published_precision: DatePrecision | None = Field(default=None, sa_type=String)


UNDATED = date.min
"""Sort key of an article without a publication date: before every dated one."""
UNDATED_SQL = "'0001-01-01'"
"""`UNDATED` as SQL: a literal, so the index on it can match."""
PUBLISHED_KEY_SQL = f"coalesce(published_start, {UNDATED_SQL})"
NO_LOCATION_SQL = "''"
"""A troop level's series key for no location, as SQL (a literal, as `UNDATED_SQL`)."""
LOCATION_KEY_SQL = f"coalesce(location, {NO_LOCATION_SQL})"


class Article(ArticleBase, table=True):
    __table_args__ = (
        Index("ix_article_published_key_seq", text(PUBLISHED_KEY_SQL), "seq"),
        Index("ix_article_published_end", "published_end"),
        Index("ix_article_lower_source", text("lower(source)")),
    )

    seq: int = Field(
        unique=True, description="Ingest order; the stable integer key of the full-text index."
    )
    content_hash: str = Field(unique=True, description="sha256 of the text.")
    text: str = Field(sa_type=Text)
    ingested_at: datetime = Field(default_factory=utc_now)
    published_start: date | None = Field(default=None, index=True)
    """First day `published_date` can mean: what date filters and sorting compare."""
    published_end: date | None = None


class EntityBase(SQLModel):
    id: str = Field(primary_key=True, description="Slug of the first name seen; never changes.")
    name: str = Field(description="Longest full name seen so far.")
    mention_count: int = Field(default=0, description="Mentions across all articles.")
    article_count: int = Field(default=0, description="Articles that name the entity.")


class Entity(EntityBase, table=True):
    """A person, organisation or place, shared by every article that names it."""

    __table_args__ = (
        CheckConstraint("kind IN ('person', 'organisation', 'place')", name="kind"),
        Index("ix_entity_kind_id", "kind", "id"),
        Index("ix_entity_kind_name_key_id", "kind", "name_key", "id"),
        Index("ix_entity_kind_mention_count_id", "kind", "mention_count", "id"),
        Index("ix_entity_kind_article_count_id", "kind", "article_count", "id"),
        Index("ix_entity_kind_surname_key", "kind", "surname_key"),
    )

    kind: EntityKind = Field(sa_type=String)
    name_key: str = Field(description="Normalised name used to match and filter.")
    surname_key: str | None = Field(default=None, description="Normalised last name of a person.")


class EntityAlias(SQLModel, table=True):
    """Another form of an entity's name ("Gen Lopez", "UN")."""

    __tablename__ = "entity_alias"
    __table_args__ = (UniqueConstraint("entity_id", "alias"),)

    id: int | None = Field(default=None, primary_key=True)
    entity_id: str = Field(foreign_key="entity.id")
    alias: str
    alias_key: str = Field(index=True, description="Normalised alias used to match and filter.")


class EntityArticle(SQLModel, table=True):
    """An entity appearing in an article; makes `article_count` and the `article` filter exact.

    Carries the article's sort keys (copied at ingest: an article never changes), so an
    entity's articles are read newest first, or a page at a time by `/articles?entity=`,
    from an index, not by sorting every article that names a busy entity."""

    __tablename__ = "entity_article"
    __table_args__ = (
        Index("ix_entity_article_entity_id_article_seq", "entity_id", "article_seq"),
        Index(
            "ix_entity_article_entity_id_published_key_article_seq",
            "entity_id",
            "published_key",
            "article_seq",
        ),
    )

    entity_id: str = Field(foreign_key="entity.id", primary_key=True)
    article_id: str = Field(foreign_key="article.id", primary_key=True, index=True)
    mention_count: int = 0
    article_seq: int = Field(description="The article's `seq`.")
    published_key: date = Field(
        description="The article's `published_start`, 0001-01-01 when undated."
    )


class SpanBase(SQLModel):
    start: int
    end: int
    text: str = Field(sa_type=Text)


class Mention(SpanBase, table=True):
    __table_args__ = (Index("ix_mention_entity_id_article_id", "entity_id", "article_id"),)

    id: int | None = Field(default=None, primary_key=True)
    entity_id: str = Field(foreign_key="entity.id")
    article_id: str = Field(foreign_key="article.id", index=True)


class EntityRole(SpanBase, table=True):
    """A title or apposition naming what an entity is, where the article says it."""

    __tablename__ = "entity_role"
    __table_args__ = (Index("ix_entity_role_entity_id_id", "entity_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    entity_id: str = Field(foreign_key="entity.id")
    article_id: str = Field(foreign_key="article.id", index=True)
    role: str


class EntityRoleCount(SQLModel, table=True):
    """A distinct role of an entity and how many role mentions give it, kept at ingest and
    deletion: list pages show each entity's roles without reading all its mentions."""

    __tablename__ = "entity_role_count"

    entity_id: str = Field(foreign_key="entity.id", primary_key=True)
    role: str = Field(primary_key=True)
    mention_count: int = Field(description="Role mentions (`entity_role` rows) giving it.")


class PersonOrganisation(SQLModel, table=True):
    """An article says the person leads or serves the organisation."""

    __tablename__ = "person_organisation"
    __table_args__ = (
        UniqueConstraint("person_id", "organisation_id", "article_id"),
        Index("ix_person_organisation_organisation_id_person_id", "organisation_id", "person_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: str = Field(foreign_key="entity.id")
    organisation_id: str = Field(foreign_key="entity.id")
    article_id: str = Field(foreign_key="article.id", index=True)


class QuoteBase(SpanBase):
    kind: QuoteKind = Field(sa_type=String)
    speaker: str | None = Field(
        default=None, description="Canonical name of the speaking entity, if resolved."
    )
    speaker_kind: EntityKind | None = Field(default=None, sa_type=String)
    cue: str | None = Field(default=None, description="The reporting verb or phrase.")


class Quote(QuoteBase, table=True):
    __table_args__ = (
        CheckConstraint("kind IN ('direct', 'partial', 'indirect')", name="kind"),
        Index("ix_quote_article_id_start_id", "article_id", "start", "id"),
        Index("ix_quote_kind_id", "kind", "id"),
        Index("ix_quote_speaker_entity_id_id", "speaker_entity_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: str = Field(foreign_key="article.id")
    segments: list[dict[str, Any]] = Field(
        default_factory=list, sa_type=JSON, description="[{start, end}] of each quoted part."
    )
    speaker_entity_id: str | None = Field(default=None, foreign_key="entity.id")
    speaker_mention_start: int | None = None
    speaker_mention_end: int | None = None
    speaker_mention_text: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    cue_text: str | None = None


class FigureBase(SpanBase):
    value: float
    unit: str | None = Field(default=None, description="'count', 'percent', 'USD', 'day', ...")
    object: str | None = Field(default=None, description="What is counted or measured.")
    duration: str | None = Field(default=None, description="ISO 8601 duration, e.g. P20D.")


class Figure(FigureBase, table=True):
    __table_args__ = (
        Index("ix_figure_article_id_start_id", "article_id", "start", "id"),
        Index("ix_figure_unit_id", "unit", "id"),
        Index("ix_figure_unit_value_id", "unit", "value", "id"),
        Index("ix_figure_value_id", "value", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: str = Field(foreign_key="article.id")


class DateFactBase(SpanBase):
    value: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    precision: DatePrecision | None = Field(default=None, sa_type=String)
    mod: DateMod | None = Field(default=None, sa_type=String)


class DateFact(DateFactBase, table=True):
    __tablename__ = "date_fact"

    id: int | None = Field(default=None, primary_key=True)
    article_id: str = Field(foreign_key="article.id", index=True)


class TroopLevelBase(SpanBase):
    force: str
    location: str | None = None
    count: int
    qualifier: Qualifier = Field(sa_type=String)
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD.")
    date_precision: DatePrecision = Field(sa_type=String)
    date_mod: DateMod | None = Field(default=None, sa_type=String)
    status: TroopStatus = Field(sa_type=String)
    condition: str | None = None


SERIES_DATES = ("date_start", "date_end", "id", "status")
"""After a series key in its indexes: a series' latest levels read in order, and its levels
grouped and filtered by status and dates, all from the index."""


class TroopLevel(TroopLevelBase, table=True):
    __tablename__ = "troop_level"
    __table_args__ = (
        *(
            Index(f"ix_troop_level_{name}_dates", *series, *SERIES_DATES)
            for name, series in [
                ("force_location_key", ("force", text(LOCATION_KEY_SQL))),
                ("location_key_force", (text(LOCATION_KEY_SQL), "force")),
            ]
        ),
        Index("ix_troop_level_date_start", "date_start"),
        Index("ix_troop_level_date_end", "date_end"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: str = Field(foreign_key="article.id", index=True)
    date_start: date = Field(description="First day `date` can mean.")
    date_end: date = Field(description="Last day `date` can mean.")
    sentence_start: int
    sentence_end: int
    sentence_text: str = Field(sa_type=Text)


class DataVersion(SQLModel, table=True):
    """One row counting committed ingests: ETags and response caches are keyed by it."""

    __tablename__ = "data_version"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: int = Field(default=1, primary_key=True)
    version: int = 0
    changed_at: datetime = Field(default_factory=utc_now)


FULL_TEXT_INDEXES = (
    "article_search",
    "quote_search",
    "entity_name_trigram",
    "entity_alias_trigram",
    "quote_speaker_trigram",
)
"""SQLite FTS5 tables made by migrations 0002 (search) and 0005 (trigrams for the "part of
a name" filters); not models: SQLAlchemy cannot declare them."""
TRIGRAM_INDEX_SUFFIX = "_trigram"
"""PostgreSQL's `gin_trgm_ops` indexes of migration 0005 end with this (not in the models:
they need the `pg_trgm` extension, which the migration may be unable to install)."""


def is_full_text_table(name: str) -> bool:
    """The FTS5 tables and the shadow tables SQLite keeps for them."""
    return name.startswith(FULL_TEXT_INDEXES)
