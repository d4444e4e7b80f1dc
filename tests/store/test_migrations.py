"""Upgrading a database that already holds data keeps every row and fills the new columns."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import SAWarning

from app.store.db import alembic_config, make_engine, migrate

ARTICLE = (
    "INSERT INTO article (id, title, language, published_date, published_precision,"
    " content_hash, text, ingested_at)"
    " VALUES (:id, :title, 'en', :published, 'month', :hash, :text, :at)"
)
TROOP_LEVEL = (
    'INSERT INTO troop_level (start, "end", text, force, location, count, qualifier, date,'
    " date_precision, status, article_id, sentence_start, sentence_end, sentence_text)"
    " VALUES (0, 5, 'x', 'UK', 'Cyprus', 900, 'exact', '2019-02', 'month', 'reported',"
    " 'harbour-talks', 0, 5, 'x')"
)


def test_upgrade_from_the_first_schema_keeps_data_and_fills_new_columns(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    migrate_to_first = alembic_config(url)
    command.upgrade(migrate_to_first, "0001")
    engine = make_engine(url)
    with engine.begin() as connection:
        for index, (article_id, published) in enumerate(
            [("harbour-talks", "2019-02"), ("undated-note", None)]
        ):
            connection.execute(
                text(ARTICLE),
                {
                    "id": article_id,
                    "title": f"Harbour pilots strike {index}",
                    "published": published,
                    "hash": str(index),
                    "text": "Harbour pilots walked out on Tuesday.",
                    "at": dt.datetime(2024, 1, 1 + index, tzinfo=dt.UTC),
                },
            )
        connection.execute(text(TROOP_LEVEL))
    engine.dispose()

    migrate(url)

    engine = make_engine(url)
    with engine.connect() as connection:
        articles = connection.execute(
            text("SELECT id, seq, published_start, published_end FROM article ORDER BY seq")
        ).all()
        level = connection.execute(text("SELECT date_start, date_end FROM troop_level")).one()
        version = connection.execute(text("SELECT version FROM data_version")).scalar_one()
        found = connection.execute(
            text("SELECT rowid FROM article_search WHERE article_search MATCH 'pilots'")
        ).all()
    engine.dispose()
    assert [tuple(row) for row in articles] == [
        ("harbour-talks", 1, "2019-02-01", "2019-02-28"),
        ("undated-note", 2, None, None),
    ]
    assert tuple(level) == ("2019-02-01", "2019-02-28")
    assert version == 2
    assert sorted(row[0] for row in found) == [1, 2]


def test_migrating_a_new_database_warns_about_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        migrate(url)
    assert [str(w.message) for w in caught if issubclass(w.category, SAWarning)] == []
