"""Indexes that let every list filter and sort read a page, not the table.

A page is `WHERE (sort key) > (cursor) ORDER BY sort key LIMIT n`: an index on the
list's fixed filter then the sort key answers it by reading about n entries.

- entity: every list is of one kind, so (kind, <sort column>, id) for each sort;
  (kind, name_key, id) replaces (kind, name_key), which it serves too.
- quote and figure: (article_id, start, id) for the `article` sort and filter,
  replacing (article_id); (kind, id), (unit, id), (speaker_entity_id, id)
  replace the single-column ones (PostgreSQL cannot order by id from those);
  (value, id) and (unit, value, id) for the `value` sort.
- article: `published` sorts by coalesce(published_start, '0001-01-01') then seq
  (an expression index: the query spells the expression the same way, with the
  date as a literal); lower(source) for the source filter; published_end for
  `published_after`.
- troop_level: series are grouped by (force, coalesce(location, '')), so both
  orders of that pair as expression indexes, replacing (force, location); and
  date_start, date_end for the date filters.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-12
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PUBLISHED_KEY = "coalesce(published_start, '0001-01-01')"
LOCATION_KEY = "coalesce(location, '')"

REPLACED = [
    ("entity", "ix_entity_kind_name_key", ["kind", "name_key"]),
    ("quote", "ix_quote_article_id", ["article_id"]),
    ("quote", "ix_quote_kind", ["kind"]),
    ("quote", "ix_quote_speaker_entity_id", ["speaker_entity_id"]),
    ("figure", "ix_figure_article_id", ["article_id"]),
    ("figure", "ix_figure_unit", ["unit"]),
    ("troop_level", "ix_troop_level_force_location", ["force", "location"]),
]
"""(table, index, columns) of the indexes from 0001 that the new ones make redundant."""

ADDED: list[tuple[str, str, list[str | sa.TextClause]]] = [
    ("article", "ix_article_published_key_seq", [sa.text(PUBLISHED_KEY), "seq"]),
    ("article", "ix_article_published_end", ["published_end"]),
    ("article", "ix_article_lower_source", [sa.text("lower(source)")]),
    ("entity", "ix_entity_kind_id", ["kind", "id"]),
    ("entity", "ix_entity_kind_name_key_id", ["kind", "name_key", "id"]),
    ("entity", "ix_entity_kind_mention_count_id", ["kind", "mention_count", "id"]),
    ("entity", "ix_entity_kind_article_count_id", ["kind", "article_count", "id"]),
    ("quote", "ix_quote_article_id_start_id", ["article_id", "start", "id"]),
    ("quote", "ix_quote_kind_id", ["kind", "id"]),
    ("quote", "ix_quote_speaker_entity_id_id", ["speaker_entity_id", "id"]),
    ("figure", "ix_figure_article_id_start_id", ["article_id", "start", "id"]),
    ("figure", "ix_figure_unit_id", ["unit", "id"]),
    ("figure", "ix_figure_unit_value_id", ["unit", "value", "id"]),
    ("figure", "ix_figure_value_id", ["value", "id"]),
    ("troop_level", "ix_troop_level_force_location_key", ["force", sa.text(LOCATION_KEY)]),
    ("troop_level", "ix_troop_level_location_key_force", [sa.text(LOCATION_KEY), "force"]),
    ("troop_level", "ix_troop_level_date_start", ["date_start"]),
    ("troop_level", "ix_troop_level_date_end", ["date_end"]),
]


def upgrade() -> None:
    for table, name, columns in ADDED:
        op.create_index(name, table, columns)
    for table, name, _columns in REPLACED:
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for table, name, columns in REPLACED:
        op.create_index(name, table, columns)
    for table, name, _columns in ADDED:
        op.drop_index(name, table_name=table)
