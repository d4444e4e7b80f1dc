"""Full-text search on PostgreSQL: a stored tsvector per article and quote, GIN-indexed.

- `article_facts_english`: a text search configuration matching SQLite's
  `porter unicode61 remove_diacritics 2` as closely as PostgreSQL allows:
  accents removed (the `unaccent` extension, as a filtering dictionary), then
  English snowball stems, with no stop-word list (FTS5 has none, so "the" and
  phrases with it are searchable on both).
- `article.search_vector`: title at weight A, text at D; `quote.search_vector`:
  text at D, speaker at B. Column filters (`title:`) become weight filters.
  Generated columns (to_tsvector with a named configuration is immutable), so
  no trigger keeps them in step; GIN indexes for `@@`.
- If `unaccent` is not installed on the server, or this role may not create it,
  the configuration stems without removing accents (a warning says so); run
  `CREATE EXTENSION unaccent` as a superuser and migrate down and up to add it.
- Downgrade leaves the `unaccent` extension in place: other schemas may use it.
- SQLite: nothing (its FTS5 indexes come from 0002).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

logger = logging.getLogger("alembic.runtime.migration")

CONFIG = "article_facts_english"
STEMMER = "article_facts_english_stem"
COLUMN = "search_vector"
WORD_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"
"""The parser's token types for words; numbers and the rest keep `english`'s `simple`."""

VECTORS = {
    "article": (
        f"setweight(to_tsvector('{CONFIG}', coalesce(title, '')), 'A')"
        f" || setweight(to_tsvector('{CONFIG}', text), 'D')"
    ),
    "quote": (
        f"setweight(to_tsvector('{CONFIG}', text), 'D')"
        f" || setweight(to_tsvector('{CONFIG}', coalesce(speaker, '')), 'B')"
    ),
}


def _install_unaccent() -> bool:
    """Whether `unaccent` is usable, creating it if the server has it and we may."""
    bind = op.get_bind()
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'")
    ).first()
    if available is None:
        logger.warning("unaccent is not installed on this server: searches will need accents")
        return False
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except sa.exc.DBAPIError as error:
        logger.warning(
            "cannot create the unaccent extension (%s): searches will need accents", error
        )
        return False
    return True


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    dictionaries = f"unaccent, {STEMMER}" if _install_unaccent() else STEMMER
    op.execute(f"CREATE TEXT SEARCH DICTIONARY {STEMMER} (TEMPLATE = snowball, Language = english)")
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english)")
    op.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {WORD_TOKENS} WITH {dictionaries}"
    )
    for table, vector in VECTORS.items():
        op.add_column(table, sa.Column(COLUMN, TSVECTOR(), sa.Computed(vector, persisted=True)))
        op.create_index(f"ix_{table}_{COLUMN}", table, [COLUMN], postgresql_using="gin")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in VECTORS:
        op.drop_index(f"ix_{table}_{COLUMN}", table_name=table)
        op.drop_column(table, COLUMN)
    op.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
    op.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS {STEMMER}")
