"""Saving an article costs a fixed handful of indexed statements, however many entities it
names: entity resolution loads its candidates in a few queries, then writes in bulk. A
batch of articles costs the statements of one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlmodel import Session

from app.extract.schema import Entity
from app.store.writer import save_article, save_articles

from .sample import article, entity

PEOPLE = [
    "Maria Lopez",
    "John Smith",
    "Ana Berg",
    "Tomas Berg",
    "Lena Ortiz",
    "Kofi Mensah",
    "Yuki Tanaka",
    "Omar Haddad",
]
ORGANISATIONS = ["United Nations", "World Bank", "Red Cross"]


def people_article(article_id: str, names: list[str], organisations: list[str]) -> tuple:
    text = " and ".join([*names, *organisations]) + f" met ({article_id})."
    found: list[Entity] = [entity(text, name, aliases=(f"Dr {name}",)) for name in names]
    return article(
        article_id,
        text,
        people=found,
        organisations=[entity(text, name) for name in organisations],
    )


@contextmanager
def recorded(session: Session) -> Iterator[list[tuple[str, object]]]:
    statements: list[tuple[str, object]] = []
    engine = session.get_bind()

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_known_entities_cost_no_statement_each(session: Session) -> None:
    save_article(session, *people_article("warm-up", PEOPLE, ORGANISATIONS))
    session.commit()
    with recorded(session) as one:
        save_article(session, *people_article("one", PEOPLE[:1], []))
        session.commit()
    with recorded(session) as all_of_them:
        save_article(session, *people_article("all", PEOPLE, ORGANISATIONS))
        session.commit()
    assert len(all_of_them) <= len(one)
    assert len(all_of_them) <= 20


def test_a_batch_costs_the_statements_of_one_article(session: Session) -> None:
    save_article(session, *people_article("warm-up", PEOPLE, ORGANISATIONS))
    session.commit()
    with recorded(session) as one:
        save_article(session, *people_article("one", PEOPLE[:4], ORGANISATIONS[:1]))
        session.commit()
    batch = [
        people_article(f"batch-{i}", [*PEOPLE[i % 4 :], f"Newcomer Number{i}"], ORGANISATIONS)
        for i in range(8)
    ]
    with recorded(session) as eight:
        assert save_articles(session, batch) == [True] * 8
        session.commit()
    assert len(eight) <= len(one) + 2


@pytest.mark.sqlite_only
def test_entity_lookups_use_indexes(session: Session) -> None:
    save_article(session, *people_article("warm-up", PEOPLE, ORGANISATIONS))
    session.commit()
    with recorded(session) as statements:
        save_article(session, *people_article("again", PEOPLE[::-1], ORGANISATIONS))
    selects = [(sql, params) for sql, params in statements if sql.lstrip().startswith("SELECT")]
    assert selects
    connection = session.connection().connection.dbapi_connection
    assert connection is not None
    for sql, params in selects:
        plan = [row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        scans = [step for step in plan if step.startswith("SCAN")]
        assert scans == [], f"{sql} scans: {scans}"
    session.rollback()
