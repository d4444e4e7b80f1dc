"""Full-text search, a data version for caching, and date ranges for filtering.

- `article.seq`: an integer key in ingest order (the FTS index needs one that
  VACUUM never renumbers, which SQLite's implicit rowid does not promise).
- `article.published_start/_end`, `troop_level.date_start/_end`: the days a
  partial date can mean, so date filters and sorting compare real dates.
- `data_version`: one row, incremented by every ingest commit.
- SQLite only: FTS5 indexes `article_search` and `quote_search` over the stored
  text (external content, so the text is not stored twice), kept in step by
  triggers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

import calendar
import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TOKENIZER = "porter unicode61 remove_diacritics 2"

SQLITE_SEARCH = [
    f"""CREATE VIRTUAL TABLE article_search USING fts5(
        title, text, content='article', content_rowid='seq', tokenize='{TOKENIZER}')""",
    """CREATE TRIGGER article_search_insert AFTER INSERT ON article BEGIN
        INSERT INTO article_search(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TRIGGER article_search_delete AFTER DELETE ON article BEGIN
        INSERT INTO article_search(article_search, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END""",
    f"""CREATE VIRTUAL TABLE quote_search USING fts5(
        text, speaker, content='quote', content_rowid='id', tokenize='{TOKENIZER}')""",
    """CREATE TRIGGER quote_search_insert AFTER INSERT ON quote BEGIN
        INSERT INTO quote_search(rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
    END""",
    """CREATE TRIGGER quote_search_delete AFTER DELETE ON quote BEGIN
        INSERT INTO quote_search(quote_search, rowid, text, speaker)
        VALUES ('delete', old.id, old.text, old.speaker);
    END""",
    "INSERT INTO article_search(article_search) VALUES ('rebuild')",
    "INSERT INTO quote_search(quote_search) VALUES ('rebuild')",
]


def _date_range(value: str) -> tuple[dt.date, dt.date]:
    """First and last day of YYYY, YYYY-MM or YYYY-MM-DD (frozen here: migrations import no app code)."""
    parts = [int(part) for part in value.split("-")]
    year, month, day = [*parts, 0, 0][:3]
    if day:
        return dt.date(year, month, day), dt.date(year, month, day)
    first_month, last_month = (month, month) if month else (1, 12)
    last_day = calendar.monthrange(year, last_month)[1]
    return dt.date(year, first_month, 1), dt.date(year, last_month, last_day)


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("article") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("published_start", sa.Date(), nullable=True))
        batch.add_column(sa.Column("published_end", sa.Date(), nullable=True))
    article = sa.table(
        "article",
        sa.column("id", sa.String()),
        sa.column("seq", sa.Integer()),
        sa.column("ingested_at", sa.DateTime()),
        sa.column("published_date", sa.String()),
        sa.column("published_start", sa.Date()),
        sa.column("published_end", sa.Date()),
    )
    rows = bind.execute(
        sa.select(article.c.id, article.c.published_date).order_by(
            article.c.ingested_at, article.c.id
        )
    ).all()
    for seq, (article_id, published) in enumerate(rows, start=1):
        start, end = _date_range(published) if published else (None, None)
        bind.execute(
            article.update()
            .where(article.c.id == article_id)
            .values(seq=seq, published_start=start, published_end=end)
        )
    with op.batch_alter_table("article") as batch:
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch.create_unique_constraint(op.f("uq_article_seq"), ["seq"])
        batch.create_index(op.f("ix_article_published_start"), ["published_start"])

    with op.batch_alter_table("troop_level") as batch:
        batch.add_column(sa.Column("date_start", sa.Date(), nullable=True))
        batch.add_column(sa.Column("date_end", sa.Date(), nullable=True))
    troop_level = sa.table(
        "troop_level",
        sa.column("id", sa.Integer()),
        sa.column("date", sa.String()),
        sa.column("date_start", sa.Date()),
        sa.column("date_end", sa.Date()),
    )
    for level_id, value in bind.execute(sa.select(troop_level.c.id, troop_level.c.date)).all():
        start, end = _date_range(value)
        bind.execute(
            troop_level.update()
            .where(troop_level.c.id == level_id)
            .values(date_start=start, date_end=end)
        )
    with op.batch_alter_table("troop_level") as batch:
        batch.alter_column("date_start", existing_type=sa.Date(), nullable=False)
        batch.alter_column("date_end", existing_type=sa.Date(), nullable=False)

    data_version = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_data_version_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(
        data_version,
        [{"id": 1, "version": len(rows), "changed_at": dt.datetime.now(dt.UTC)}],
    )

    if bind.dialect.name == "sqlite":
        for statement in SQLITE_SEARCH:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("article_search", "quote_search"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}_insert")
            op.execute(f"DROP TRIGGER IF EXISTS {name}_delete")
            op.execute(f"DROP TABLE IF EXISTS {name}")
    op.drop_table("data_version")
    with op.batch_alter_table("troop_level") as batch:
        batch.drop_column("date_end")
        batch.drop_column("date_start")
    with op.batch_alter_table("article") as batch:
        batch.drop_index(op.f("ix_article_published_start"))
        batch.drop_constraint(op.f("uq_article_seq"), type_="unique")
        batch.drop_column("published_end")
        batch.drop_column("published_start")
        batch.drop_column("seq")
