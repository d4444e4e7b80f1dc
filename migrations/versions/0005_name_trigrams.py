"""Trigram indexes for the "part of a name" filters (`/people?name=`, `/quotes?speaker=`, ...).

Those filters are substring matches, which no B-tree can serve. A trigram index
holds every three-character run of a value, so a substring of three or more
characters is found by looking up its trigrams.

- SQLite: FTS5 tables with the `trigram` tokenizer over `entity.name_key`,
  `entity_alias.alias_key` and `quote.speaker` (external content, so nothing is
  stored twice), kept in step by triggers, including on UPDATE: an entity's
  name key changes when a fuller name is seen. `entity` has no integer key, so
  its index is keyed by the implicit rowid; VACUUM keeps it (the table has
  indexes), but a migration that rebuilds `entity` (batch_alter_table) must
  recreate the triggers and rebuild `entity_name_trigram` afterwards, as one
  rebuilding `article` or `quote` must for the indexes of 0002.
- PostgreSQL: GIN indexes with `gin_trgm_ops` (the `pg_trgm` extension) on the
  same columns, which serve `LIKE` and `ILIKE '%x%'`. Without the extension (not
  installed on the server, or this role may not create it) the filters still
  work, by reading the tables; a warning says so. Run `CREATE EXTENSION pg_trgm`
  as a superuser and migrate down to 0004 and up again to add the indexes.
- Downgrade leaves the `pg_trgm` extension in place: other schemas may use it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-19
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

logger = logging.getLogger("alembic.runtime.migration")

INDEXED = [
    # (SQLite FTS5 table, content table, its integer key, column, PostgreSQL index)
    ("entity_name_trigram", "entity", "rowid", "name_key", "ix_entity_name_key_trigram"),
    (
        "entity_alias_trigram",
        "entity_alias",
        "id",
        "alias_key",
        "ix_entity_alias_alias_key_trigram",
    ),
    ("quote_speaker_trigram", "quote", "id", "speaker", "ix_quote_speaker_trigram"),
]


def _sqlite_statements(fts: str, table: str, key: str, column: str) -> list[str]:
    insert = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.{key}, new.{column});"
    delete = (
        f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.{key}, old.{column});"
    )
    return [
        f"""CREATE VIRTUAL TABLE {fts} USING fts5(
            {column}, content='{table}', content_rowid='{key}', tokenize='trigram')""",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {column} ON {table} BEGIN"
        f" {delete} {insert} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _install_pg_trgm() -> bool:
    """Whether `pg_trgm` is usable, creating it if the server has it and we may."""
    bind = op.get_bind()
    available = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    ).first()
    if available is None:
        logger.warning("pg_trgm is not installed on this server: name filters will read tables")
        return False
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError as error:
        logger.warning(
            "cannot create the pg_trgm extension (%s): name filters will read tables", error
        )
        return False
    return True


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for fts, table, key, column, _index in INDEXED:
            for statement in _sqlite_statements(fts, table, key, column):
                op.execute(statement)
    elif dialect == "postgresql" and _install_pg_trgm():
        for _fts, table, _key, column, index in INDEXED:
            op.create_index(
                index,
                table,
                [column],
                postgresql_using="gin",
                postgresql_ops={column: "gin_trgm_ops"},
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for fts, _table, _key, _column, _index in INDEXED:
            for trigger in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{trigger}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    elif dialect == "postgresql":
        for *_names, index in INDEXED:
            op.execute(f"DROP INDEX IF EXISTS {index}")
