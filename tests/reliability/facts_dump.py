"""A database's facts as plain values, to compare two databases row for row."""

from __future__ import annotations

from sqlalchemy import text

from app.store.db import make_engine

FACT_COLUMNS = {
    "article": "id, seq, content_hash, title, published_date",
    "entity": "id, kind, name, mention_count, article_count",
    "entity_alias": "entity_id, alias",
    "entity_article": "article_id, entity_id, mention_count",
    "mention": 'article_id, entity_id, start, "end", text',
    "entity_role": 'article_id, entity_id, role, start, "end"',
    "person_organisation": "article_id, person_id, organisation_id",
    "quote": 'article_id, start, "end", kind, speaker, speaker_entity_id, cue',
    "figure": 'article_id, start, "end", value, unit',
    "date_fact": 'article_id, start, "end", value',
    "troop_level": 'article_id, start, "end", force, location, count, status, date',
}
"""Every table of facts, without surrogate ids and times (which differ between runs);
after `article`, `entity` and `entity_alias`, each starts with the article it cites."""

SHARED_TABLES = ("article", "entity", "entity_alias")


def dump_facts(url: str) -> dict[str, list[tuple]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                table: sorted(
                    tuple(row) for row in connection.execute(text(f"SELECT {columns} FROM {table}"))
                )
                for table, columns in FACT_COLUMNS.items()
            }
    finally:
        engine.dispose()


def facts_per_article(dump: dict[str, list[tuple]]) -> dict[str, dict[str, int]]:
    """For each stored article, how many rows of each fact table cite it."""
    counts = {row[0]: dict.fromkeys(FACT_COLUMNS, 0) for row in dump["article"]}
    for table, rows in dump.items():
        if table not in SHARED_TABLES:
            for row in rows:
                counts[row[0]][table] += 1
    return counts
