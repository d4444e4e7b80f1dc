"""Schema upgrades lose nothing: a database built at the first migration (0001), filled
with an article and every kind of fact as 0001's schema stored them, upgraded to the
latest migration (whatever "head" is now), on SQLite and PostgreSQL.

Rows are written in plain SQL against 0001's tables, as an old release would have left
them, not through today's models. After the upgrade every value written is still there,
the columns later migrations added are filled, and the application reads the old
article: its facts, its people, full-text search over its text and quotes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import Engine, text

from app.store.db import alembic_config, dispose_engines, make_engine, open_session
from app.store.pagination import PageRequest
from app.store.queries import entities, get_article_with_facts
from app.store.search import search

TEXT = (
    "Defence Minister Ilse Varnholt said on Tuesday that 1,200 troops would stay in Velmora "
    "until March 2025. “We will not leave before the bridge is finished,” Varnholt said."
)


def span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


QUOTE = "We will not leave before the bridge is finished"
ROWS_AT_0001: dict[str, list[dict[str, object]]] = {
    "article": [
        {
            "id": "velmora-garrison",
            "title": "Garrison to stay in Velmora",
            "source": "Kessingport Herald",
            "url": "https://example.org/velmora",
            "language": "en",
            "published_date": "2024-03",
            "published_precision": "month",
            "content_hash": "0" * 64,
            "text": TEXT,
            "ingested_at": dt.datetime(2024, 3, 12, 9, 30, tzinfo=dt.UTC),
        },
        {
            "id": "undated-note",
            "title": None,
            "source": None,
            "url": None,
            "language": "en",
            "published_date": None,
            "published_precision": None,
            "content_hash": "1" * 64,
            "text": "Ferry crews returned to work.",
            "ingested_at": dt.datetime(2024, 3, 13, tzinfo=dt.UTC),
        },
    ],
    "entity": [
        {
            "id": "person-ilse-varnholt",
            "name": "Ilse Varnholt",
            "mention_count": 2,
            "article_count": 1,
            "kind": "person",
            "name_key": "ilse varnholt",
            "surname_key": "varnholt",
        },
        {
            "id": "place-velmora",
            "name": "Velmora",
            "mention_count": 1,
            "article_count": 1,
            "kind": "place",
            "name_key": "velmora",
            "surname_key": None,
        },
        {
            "id": "organisation-defence-ministry",
            "name": "Defence Ministry",
            "mention_count": 0,
            "article_count": 1,
            "kind": "organisation",
            "name_key": "defence ministry",
            "surname_key": None,
        },
    ],
    "entity_alias": [
        {
            "id": 1,
            "entity_id": "person-ilse-varnholt",
            "alias": "Varnholt",
            "alias_key": "varnholt",
        },
    ],
    "entity_article": [
        {"entity_id": "person-ilse-varnholt", "article_id": "velmora-garrison", "mention_count": 2},
        {"entity_id": "place-velmora", "article_id": "velmora-garrison", "mention_count": 1},
        {
            "entity_id": "organisation-defence-ministry",
            "article_id": "velmora-garrison",
            "mention_count": 0,
        },
    ],
    "mention": [
        {
            "id": 1,
            "start": span("Ilse Varnholt")[0],
            "end": span("Ilse Varnholt")[1],
            "text": "Ilse Varnholt",
            "entity_id": "person-ilse-varnholt",
            "article_id": "velmora-garrison",
        },
        {
            "id": 2,
            "start": TEXT.rindex("Varnholt"),
            "end": TEXT.rindex("Varnholt") + len("Varnholt"),
            "text": "Varnholt",
            "entity_id": "person-ilse-varnholt",
            "article_id": "velmora-garrison",
        },
        {
            "id": 3,
            "start": span("Velmora")[0],
            "end": span("Velmora")[1],
            "text": "Velmora",
            "entity_id": "place-velmora",
            "article_id": "velmora-garrison",
        },
    ],
    "entity_role": [
        {
            "id": 1,
            "start": span("Defence Minister")[0],
            "end": span("Defence Minister")[1],
            "text": "Defence Minister",
            "entity_id": "person-ilse-varnholt",
            "article_id": "velmora-garrison",
            "role": "Defence Minister",
        },
    ],
    "person_organisation": [
        {
            "id": 1,
            "person_id": "person-ilse-varnholt",
            "organisation_id": "organisation-defence-ministry",
            "article_id": "velmora-garrison",
        },
    ],
    "quote": [
        {
            "id": 1,
            "start": span(QUOTE)[0],
            "end": span(QUOTE)[1],
            "text": QUOTE,
            "speaker": "Ilse Varnholt",
            "speaker_kind": "person",
            "cue": "said",
            "article_id": "velmora-garrison",
            "kind": "direct",
            "segments": f'[{{"start": {span(QUOTE)[0]}, "end": {span(QUOTE)[1]}}}]',
            "speaker_entity_id": "person-ilse-varnholt",
            "speaker_mention_start": TEXT.rindex("Varnholt"),
            "speaker_mention_end": TEXT.rindex("Varnholt") + len("Varnholt"),
            "speaker_mention_text": "Varnholt",
            "cue_start": TEXT.rindex("said"),
            "cue_end": TEXT.rindex("said") + 4,
            "cue_text": "said",
        },
    ],
    "figure": [
        {
            "id": 1,
            "start": span("1,200")[0],
            "end": span("1,200")[1],
            "text": "1,200",
            "value": 1200.0,
            "object": "troops",
            "duration": None,
            "article_id": "velmora-garrison",
            "unit": "count",
        },
    ],
    "date_fact": [
        {
            "id": 1,
            "start": span("March 2025")[0],
            "end": span("March 2025")[1],
            "text": "March 2025",
            "value": "2025-03",
            "precision": "month",
            "mod": None,
            "article_id": "velmora-garrison",
        },
    ],
    "troop_level": [
        {
            "id": 1,
            "start": span("1,200 troops")[0],
            "end": span("1,200 troops")[1],
            "text": "1,200 troops",
            "force": "Defence Ministry",
            "location": "Velmora",
            "count": 1200,
            "qualifier": "exact",
            "date": "2024-03",
            "date_precision": "month",
            "date_mod": None,
            "condition": None,
            "article_id": "velmora-garrison",
            "status": "planned",
            "sentence_start": 0,
            "sentence_end": TEXT.index("“") - 1,
            "sentence_text": TEXT[: TEXT.index("“") - 1],
        },
    ],
}
"""In insertion order: parents before the rows citing them."""


def insert(engine: Engine, table: str, row: dict[str, object]) -> None:
    columns = ", ".join(f'"{name}"' for name in row)
    values = ", ".join(f":{name}" for name in row)
    with engine.begin() as connection:
        connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)


def read_back(engine: Engine, table: str, columns: list[str]) -> list[dict[str, object]]:
    names = ", ".join(f'"{name}"' for name in columns)
    with engine.connect() as connection:
        rows = connection.execute(text(f"SELECT {names} FROM {table}")).mappings().all()
    return sorted((dict(row) for row in rows), key=repr)


def comparable(table: str, row: dict[str, object]) -> dict[str, object]:
    """What a row should read back as: JSON columns as parsed, times in UTC."""
    values = dict(row)
    if table == "quote":
        segments = values["segments"]
        values["segments"] = json.loads(segments) if isinstance(segments, str) else segments
    if table == "article":
        at = values["ingested_at"]
        if isinstance(at, str):
            at = dt.datetime.fromisoformat(at)
        values["ingested_at"] = at.astimezone(dt.UTC) if at.tzinfo else at.replace(tzinfo=dt.UTC)
    return values


@pytest.fixture
def upgraded(database_url: str) -> Iterator[str]:
    """A database taken back to 0001, filled in 0001's shape, then upgraded to head."""
    config = alembic_config(database_url)
    command.downgrade(config, "base")
    command.upgrade(config, "0001")
    engine = make_engine(database_url)
    try:
        for table, rows in ROWS_AT_0001.items():
            for row in rows:
                insert(engine, table, row)
    finally:
        engine.dispose()
    command.upgrade(config, "head")
    dispose_engines()
    yield database_url


def test_every_row_and_value_survives_the_upgrade(upgraded: str) -> None:
    engine = make_engine(upgraded)
    try:
        for table, rows in ROWS_AT_0001.items():
            found = [comparable(table, row) for row in read_back(engine, table, list(rows[0]))]
            expected = sorted((comparable(table, row) for row in rows), key=repr)
            assert sorted(found, key=repr) == expected, table
    finally:
        engine.dispose()


def test_new_columns_are_filled_from_the_old_values(upgraded: str) -> None:
    engine = make_engine(upgraded)
    try:
        with engine.connect() as connection:
            articles = connection.execute(
                text("SELECT id, seq, published_start, published_end FROM article ORDER BY seq")
            ).all()
            level = connection.execute(text("SELECT date_start, date_end FROM troop_level")).one()
            appearance_keys = connection.execute(
                text("SELECT DISTINCT article_seq, published_key FROM entity_article")
            ).all()
            role_counts = connection.execute(
                text("SELECT entity_id, role, mention_count FROM entity_role_count")
            ).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in role_counts] == [("person-ilse-varnholt", "Defence Minister", 1)]
    assert [(seq, str(day)) for seq, day in appearance_keys] == [(1, "2024-03-01")]
    as_text = [tuple(str(value) if value else value for value in row) for row in articles]
    assert as_text == [
        ("velmora-garrison", "1", "2024-03-01", "2024-03-31"),
        ("undated-note", "2", None, None),
    ]
    assert tuple(str(value) for value in level) == ("2024-03-01", "2024-03-31")


def test_the_application_reads_the_upgraded_data(upgraded: str) -> None:
    with open_session(upgraded) as session:
        stored = get_article_with_facts(session, "velmora-garrison")
        assert stored is not None
        assert stored.article.text == TEXT
        assert [quote.text for quote in stored.quotes] == [QUOTE]
        assert [level.count for level in stored.troop_levels] == [1200]
        assert [mention.text for mention in stored.mentions["person-ilse-varnholt"]] == [
            "Ilse Varnholt",
            "Varnholt",
        ]
        people = entities("person", name="varnholt").page(session, "id", PageRequest())
        [person] = people.items
        assert (person.entity.name, person.aliases, person.roles) == (
            "Ilse Varnholt",
            ["Varnholt"],
            ["Defence Minister"],
        )


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("garrison", [("article", "velmora-garrison")]),  # a title word
        ("troops", [("article", "velmora-garrison")]),
        ("bridge", [("article", "velmora-garrison"), ("quote", "velmora-garrison")]),
        ("ferry", [("article", "undated-note")]),  # stemmed: 'Ferry'
        ("speaker:varnholt", [("quote", "velmora-garrison")]),
    ],
)
def test_search_finds_what_was_stored_before_the_upgrade(
    upgraded: str, q: str, expected: list[tuple[str, str]]
) -> None:
    with open_session(upgraded) as session:
        hits = search(session, q).page(session, "rank", PageRequest()).items
    assert sorted((hit.kind, hit.article_id) for hit in hits) == expected


def test_downgrade_and_upgrade_again_on_an_empty_database(database_url: str) -> None:
    """Every migration's downgrade works, so a bad release can be rolled back."""
    config = alembic_config(database_url)
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    with open_session(database_url) as session:
        assert session.execute(text("SELECT count(*) FROM article")).scalar_one() == 0
