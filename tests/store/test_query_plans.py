"""Every documented filter and sort of every list reads through an index, on both databases.

For each list, each filter (alone) and each sort (ascending and descending, first
page and a page after a real cursor), the exact select `Listing.page` runs is
EXPLAINed and the plan must not read a whole big table: on SQLite no `SCAN <table>`
without an index; on PostgreSQL no `Seq Scan on <table>`. The tables hold a few
thousand rows, bulk inserted (the writer would take minutes), and PostgreSQL is
ANALYZEd first, so its planner chooses as it would over real data; no planner
setting is changed.

Filters that cannot use an index by design are listed in `KNOWN_SCANS` with the
reason, rather than hidden. The substring filters on names ("part of a name") read
the trigram indexes of migration 0005 (FTS5 on SQLite, pg_trgm on PostgreSQL); only
one or two characters, which have no trigram, read the names whole.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import ClauseElement, Executable, insert, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlmodel import Session, SQLModel

from app.partial_date import PartialDate
from app.store import queries
from app.store.db import open_session
from app.store.models import (
    UNDATED,
    Article,
    Entity,
    EntityAlias,
    EntityArticle,
    EntityRole,
    EntityRoleCount,
    Figure,
    PersonOrganisation,
    Quote,
    TroopLevel,
)
from app.store.pagination import Listing, PageRequest
from app.store.search import article_seqs_matching, quote_ids_matching

ARTICLES = 2000
ENTITIES_PER_KIND = 1500
FACTS_PER_ARTICLE = 4
"""Quotes, figures and troop levels per article: 8000 of each."""
SOURCES = [f"Source {number}" for number in range(40)]
UNITS = ["count", "percent", "USD", "EUR", "day", "km", "tonne", "year"]
FORCES = [f"Force {number}" for number in range(30)]
ROLES = [f"Role {number}" for number in range(7)]
LOCATIONS = [None, *(f"Place {number}" for number in range(40))]
KINDS = ("person", "organisation", "place")
PAGE = 20


class Explain(Executable, ClauseElement):
    """`EXPLAIN QUERY PLAN <select>` on SQLite, `EXPLAIN <select>` on PostgreSQL, with the
    select's parameters bound as when it runs (a plan over literals could differ)."""

    inherit_cache = False

    def __init__(self, statement: Any) -> None:
        self.statement = statement


@compiles(Explain, "sqlite")
def _explain_sqlite(element: Explain, compiler: SQLCompiler, **kw: Any) -> str:
    return "EXPLAIN QUERY PLAN " + compiler.process(element.statement, **kw)


@compiles(Explain, "postgresql")
def _explain_postgresql(element: Explain, compiler: SQLCompiler, **kw: Any) -> str:
    return "EXPLAIN " + compiler.process(element.statement, **kw)


def plan_of(
    session: Session, statement: Any, parameters: dict[str, Any] | None = None
) -> list[str]:
    rows = session.connection().execute(Explain(statement), parameters).all()
    if session.get_bind().dialect.name == "postgresql":
        return [row[0] for row in rows]
    details = {row[0]: row[3] for row in rows}  # (id, parent, notused, detail)
    parents = {row[0]: row[1] for row in rows}

    def in_subquery(node: int) -> bool:
        while node := parents.get(node, 0):
            if details[node].startswith(("LIST SUBQUERY", "SCALAR SUBQUERY")):
                return True
        return False

    # A subquery's list is built whole: mark its scans so `full_scans` sees them so.
    return [f"{row[3]} (whole, for a subquery)" if in_subquery(row[0]) else row[3] for row in rows]


def full_scans(session: Session, plan: list[str], *, in_rowid_order: bool = False) -> set[str]:
    """Tables the plan reads whole before returning the first row.

    SQLite: `SCAN t` without an index, or `SCAN t USING [COVERING] INDEX i` when the
    rows must then be sorted or grouped (so the whole index is read, not one page).
    A bare `SCAN t` is the table walked in rowid order; `in_rowid_order` (sorting by
    an INTEGER PRIMARY KEY) says it stops after a page. FTS5 virtual tables are their
    own index. PostgreSQL: `Seq Scan on t`.
    """
    if session.get_bind().dialect.name == "postgresql":
        return {match.group(1) for line in plan if (match := SEQ_SCAN.search(line))}
    sorted_after = any(SORTED_AFTER.match(line) for line in plan)
    scanned = set()
    for line in plan:
        if (match := SCAN.match(line.strip())) is None:
            continue
        table, by_index = match.group(1), match.group(2)
        whole = line.endswith("(whole, for a subquery)")
        if by_index is None:
            whole = whole or not in_rowid_order or sorted_after
        if whole or sorted_after:
            scanned.add(table)
    return scanned


SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")
SCAN = re.compile(r"^SCAN (\w+)\b(?!.*VIRTUAL TABLE)( USING (?:COVERING )?INDEX)?")
SORTED_AFTER = re.compile(r"^\s*USE TEMP B-TREE FOR (?:ORDER|GROUP) BY")
"""Not `RIGHT PART OF ORDER BY`: that sorts ties of an index's prefix, page by page."""


# Data


def fill(session: Session) -> None:
    """A few thousand rows in every listed table, spread like real extractions."""
    start = dt.date(2015, 1, 1)
    articles = []
    for number in range(ARTICLES):
        published = None if number % 10 == 0 else start + dt.timedelta(days=number)
        articles.append(
            {
                "id": f"article-{number:05d}",
                "seq": number + 1,
                "title": f"Report {number}",
                "source": SOURCES[number % len(SOURCES)],
                "language": "en",
                "published_date": published.isoformat() if published else None,
                "published_precision": "day" if published else None,
                "published_start": published,
                "published_end": published,
                "content_hash": f"hash-{number}",
                "text": f"Harbour pilots walked out, report {number}.",
                "ingested_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
            }
        )
    session.execute(insert(Article), articles)
    entities = [
        {
            "id": f"{kind}-{number:05d}",
            "kind": kind,
            "name": f"{kind.title()} {number}",
            "name_key": f"{kind} {number}",
            "surname_key": f"{number}" if kind == "person" else None,
            "mention_count": number % 97,
            "article_count": number % 31,
        }
        for kind in KINDS
        for number in range(ENTITIES_PER_KIND)
    ]
    session.execute(insert(Entity), entities)
    session.execute(
        insert(EntityAlias),
        [
            {
                "entity_id": row["id"],
                "alias": f"Alias {row['id']}",
                "alias_key": f"alias {row['id']}",
            }
            for row in entities
        ],
    )
    session.execute(
        insert(EntityArticle),
        [
            {
                "entity_id": entities[(number * 7 + offset) % len(entities)]["id"],
                "article_id": f"article-{number:05d}",
                "mention_count": 1 + offset,
                "article_seq": articles[number]["seq"],
                "published_key": articles[number]["published_start"] or UNDATED,
            }
            for number in range(ARTICLES)
            for offset in range(FACTS_PER_ARTICLE)
        ],
    )
    people = [row["id"] for row in entities if row["kind"] == "person"]
    organisations = [row["id"] for row in entities if row["kind"] == "organisation"]
    session.execute(
        insert(PersonOrganisation),
        [
            {
                "person_id": people[number % len(people)],
                "organisation_id": organisations[(number * 13) % len(organisations)],
                "article_id": f"article-{number:05d}",
            }
            for number in range(ARTICLES)
        ],
    )
    facts = [(number, offset) for number in range(ARTICLES) for offset in range(FACTS_PER_ARTICLE)]
    span = {"start": 0, "end": 5, "text": "x"}
    roles = [
        {
            **span,
            "start": offset * 10,
            "article_id": f"article-{number:05d}",
            "entity_id": people[(number + offset) % len(people)],
            "role": ROLES[(number * 3 + offset) % len(ROLES)],
        }
        for number, offset in facts
    ]
    session.execute(insert(EntityRole), roles)
    role_counts = Counter((row["entity_id"], row["role"]) for row in roles)
    session.execute(
        insert(EntityRoleCount),
        [
            {"entity_id": entity_id, "role": role, "mention_count": count}
            for (entity_id, role), count in role_counts.items()
        ],
    )
    session.execute(
        insert(Quote),
        [
            {
                **span,
                "start": offset * 10,
                "article_id": f"article-{number:05d}",
                "kind": ("direct", "partial", "indirect")[(number + offset) % 3],
                "segments": [],
                "speaker": f"Person {number % ENTITIES_PER_KIND}" if offset else None,
                "speaker_kind": "person" if offset else None,
                "speaker_entity_id": people[number % len(people)] if offset else None,
            }
            for number, offset in facts
        ],
    )
    session.execute(
        insert(Figure),
        [
            {
                **span,
                "start": offset * 10,
                "article_id": f"article-{number:05d}",
                "value": float((number * 37 + offset) % 5000),
                "unit": UNITS[(number + offset) % len(UNITS)] if offset else None,
            }
            for number, offset in facts
        ],
    )
    session.execute(
        insert(TroopLevel),
        [
            {
                **span,
                "start": offset * 10,
                "article_id": f"article-{number:05d}",
                "force": FORCES[(number + offset) % len(FORCES)],
                "location": LOCATIONS[(number * 3 + offset) % len(LOCATIONS)],
                "count": 100 + number,
                "qualifier": "exact",
                "date": (start + dt.timedelta(days=number)).isoformat(),
                "date_precision": "day",
                "status": ("reported", "planned")[offset % 2],
                "date_start": start + dt.timedelta(days=number),
                "date_end": start + dt.timedelta(days=number),
                "sentence_start": 0,
                "sentence_end": 5,
                "sentence_text": "x",
            }
            for number, offset in facts
        ],
    )
    session.commit()
    if session.get_bind().dialect.name == "postgresql":
        # Autovacuum would soon; SQLite stays without statistics, as the app leaves it.
        # VACUUM also moves the rows just added to the trigram (GIN) indexes out of their
        # pending lists: until then the planner prices those indexes far too high.
        autocommit = {"isolation_level": "AUTOCOMMIT"}
        with session.get_bind().connect().execution_options(**autocommit) as connection:
            connection.execute(text("VACUUM ANALYZE"))


@pytest.fixture(scope="module")
def filled_database(module_database_url: str) -> str:
    """Filled once per backend: the tests only EXPLAIN and read."""
    with open_session(module_database_url) as session:
        fill(session)
    return module_database_url


@pytest.fixture
def filled(filled_database: str) -> Iterator[Session]:
    with open_session(filled_database) as session:
        yield session


# Cases


@dataclass(frozen=True)
class Case:
    route: str
    filter: str
    make: Callable[[Session], Listing[Any]]
    sorts: tuple[str, ...]


def _date(value: str) -> PartialDate:
    return PartialDate.parse(value)


ARTICLE_SORTS = ("id", "published", "ingested")
ENTITY_SORTS = ("id", "name", "mention_count", "article_count")
QUOTE_SORTS = ("id", "article")
FIGURE_SORTS = ("id", "value", "article")
TIMELINE_SORTS = ("force", "location")


def _cases() -> Iterator[Case]:
    article_filters: dict[str, Callable[[Session], Listing[Any]]] = {
        "none": lambda _: queries.articles(),
        "published_after": lambda _: queries.articles(published_after=_date("2019-06")),
        "published_before": lambda _: queries.articles(published_before=_date("2015-03")),
        "source": lambda _: queries.articles(source="source 7"),
        "entity": lambda _: queries.articles(entity="person-00007"),
        "q": lambda session: queries.articles(matching=article_seqs_matching(session, "pilots")),
    }
    for name, make in article_filters.items():
        yield Case("/articles", name, make, ARTICLE_SORTS)
    for kind in KINDS:
        route = {"person": "/people", "organisation": "/organisations", "place": "/places"}[kind]
        entity_filters: dict[str, Callable[[Session], Listing[Any]]] = {
            "none": lambda _, kind=kind: queries.entities(kind),
            "name": lambda _, kind=kind: queries.entities(kind, name="120"),
            "name (1-2 characters)": lambda _, kind=kind: queries.entities(kind, name="12"),
            "article": lambda _, kind=kind: queries.entities(kind, article="article-00042"),
        }
        if kind != "place":
            other = "organisation-00013" if kind == "person" else "person-00001"
            entity_filters["related (id)"] = lambda _, kind=kind, other=other: queries.entities(
                kind, related=other
            )
            entity_filters["related (name)"] = lambda _, kind=kind: queries.entities(
                kind, related="130"
            )
            entity_filters["related (1-2 characters)"] = lambda _, kind=kind: queries.entities(
                kind, related="13"
            )
        for name, make in entity_filters.items():
            yield Case(route, name, make, ENTITY_SORTS)
    quote_filters: dict[str, Callable[[Session], Listing[Any]]] = {
        "none": lambda _: queries.quotes(),
        "speaker (id)": lambda _: queries.quotes(speaker="person-00007"),
        "speaker (name)": lambda _: queries.quotes(speaker="person 120"),
        "speaker (1-2 characters)": lambda _: queries.quotes(speaker="7"),
        "article": lambda _: queries.quotes(article="article-00042"),
        "kind": lambda _: queries.quotes(kind="partial"),
        "q": lambda session: queries.quotes(matching=quote_ids_matching(session, "x")),
    }
    for name, make in quote_filters.items():
        yield Case("/quotes", name, make, QUOTE_SORTS)
    figure_filters: dict[str, Callable[[Session], Listing[Any]]] = {
        "none": lambda _: queries.figures(),
        "unit": lambda _: queries.figures(unit="USD"),
        "article": lambda _: queries.figures(article="article-00042"),
    }
    for name, make in figure_filters.items():
        yield Case("/figures", name, make, FIGURE_SORTS)
    timeline_filters: dict[str, Callable[[Session], Listing[Any]]] = {
        "none": lambda _: queries.troop_level_series(),
        "force": lambda _: queries.troop_level_series(force="Force 3"),
        "location": lambda _: queries.troop_level_series(location="Place 5"),
        "status": lambda _: queries.troop_level_series(status="planned"),
        "from": lambda _: queries.troop_level_series(date_from=_date("2020-01")),
        "to": lambda _: queries.troop_level_series(date_to=_date("2015-02")),
    }
    for name, make in timeline_filters.items():
        yield Case("/timelines/troop-levels", name, make, TIMELINE_SORTS)


CASES = list(_cases())
ROWID_ROUTES = {"/quotes", "/figures"}
"""Lists whose `id` is an INTEGER PRIMARY KEY: SQLite's rowid, so `SCAN t` walks it in order."""

SHORT_SUBSTRING = (
    "part of a name is a substring, looked up by its trigrams (migration 0005); one or two "
    "characters have none, so the names and aliases are read whole (LIKE '%x%')"
)
BACKENDS = {"sqlite", "postgresql"}
KNOWN_SCANS: dict[tuple[str, str], tuple[set[str], set[str], str]] = {
    **{
        (route, "name (1-2 characters)"): ({"entity", "entity_alias"}, BACKENDS, SHORT_SUBSTRING)
        for route in ("/people", "/organisations", "/places")
    },
    **{
        (route, "related (1-2 characters)"): (
            {"entity", "entity_alias", "person_organisation"},
            BACKENDS,
            f"{SHORT_SUBSTRING}; PostgreSQL, expecting many matching entities, then hashes "
            "all of person_organisation",
        )
        for route in ("/people", "/organisations")
    },
    ("/quotes", "speaker (1-2 characters)"): (
        {"entity", "entity_alias"},
        BACKENDS,
        SHORT_SUBSTRING,
    ),
    ("/people", "related (id)"): (
        {"entity", "entity_alias"},
        {"postgresql"},
        "`related` takes an id or part of a name, so an id is looked up as a name too; "
        "'organisation-00013' has 16 trigrams, and for a few thousand rows PostgreSQL prices "
        "reading the table below 16 index lookups (with 30,000 entities it looks them up)",
    ),
}
"""(route, filter) -> (tables it may read whole, on which databases, why): known gaps."""


def plans_of(session: Session, case: Case) -> Iterator[tuple[str, list[str]]]:
    """(label, plan) for each sort, both directions, first page and a page after a cursor."""
    for name in case.sorts:
        for sort in (name, f"-{name}"):
            listing = case.make(session)
            first = listing.page(session, sort, PageRequest(limit=PAGE))
            yield sort, plan_of(session, listing.statement_for(sort, PageRequest(limit=PAGE)))
            if first.next_key is not None:
                after = PageRequest(limit=PAGE, after=first.next_key)
                yield f"{sort} after a cursor", plan_of(session, listing.statement_for(sort, after))


@pytest.mark.parametrize("route", sorted({case.route for case in CASES}))
def test_every_filter_and_sort_reads_through_an_index(filled: Session, route: str) -> None:
    problems = []
    for case in CASES:
        if case.route != route:
            continue
        allowed, backends, _reason = KNOWN_SCANS.get((case.route, case.filter), (set(), set(), ""))
        if filled.get_bind().dialect.name not in backends:
            allowed = set()
        for label, plan in plans_of(filled, case):
            in_rowid_order = case.route in ROWID_ROUTES and label.lstrip("-").startswith("id")
            scanned = full_scans(filled, plan, in_rowid_order=in_rowid_order) - allowed
            if scanned:
                problems.append(
                    f"{case.route} {case.filter} sort={label}: scans {sorted(scanned)}\n    "
                    + "\n    ".join(plan)
                )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "case",
    [case for case in CASES if case.route == "/timelines/troop-levels"],
    ids=lambda case: case.filter,
)
def test_series_are_counted_by_seeking_from_one_to_the_next(filled: Session, case: Any) -> None:
    """`total=true` on the timeline: the series are counted a seek each, never by reading
    every level (a hundred thousand of them, in a few hundred series). With a location,
    SQLite 3.40 sorts that one place's levels for the first and the last seek: it does
    not see that its index on the location's expression already holds them in order."""
    plan = plan_of(filled, case.make(filled).count_statement())
    assert "troop_level" not in full_scans(filled, plan), plan
    assert any("troop_level" in line and "INDEX" in line.upper() for line in plan), plan


DETAIL_ENTITY = "person-00007"
DETAIL_QUERIES: dict[str, Any] = {
    "latest role mentions": queries.latest_role_mentions(DETAIL_ENTITY),
    "role mention count": queries.role_mention_count(DETAIL_ENTITY),
    "latest quotes": queries.latest_quotes(DETAIL_ENTITY),
    "quote count": queries.quote_count(DETAIL_ENTITY),
    "latest appearances": queries.latest_appearances(DETAIL_ENTITY),
    "first organisations": queries.first_related("person", DETAIL_ENTITY),
    "organisation count": queries.related_count("person", DETAIL_ENTITY),
    "first people": queries.first_related("organisation", "organisation-00013"),
    "person count": queries.related_count("organisation", "organisation-00013"),
}
"""What `/people/{id}` reads besides the entity itself: the latest few of each, and counts."""


@pytest.mark.parametrize("name", DETAIL_QUERIES)
def test_entity_detail_reads_the_latest_from_an_index(filled: Session, name: str) -> None:
    """A busy entity has tens of thousands of quotes, articles and role mentions: the
    latest must come from an index in order, not from sorting all of them. (The first
    related entities are a subquery of at most `DETAIL_LATEST` ids, read in index order:
    scanning and sorting that is not reading a table.)"""
    plan = plan_of(filled, DETAIL_QUERIES[name])
    assert not {table for table in full_scans(filled, plan) if not table.startswith("anon_")}, plan
    if name.startswith("latest"):
        assert not any(SORTED_AFTER.match(line) for line in plan), plan


def test_a_page_of_series_reads_each_ones_latest_levels_from_its_index(filled: Session) -> None:
    """A long series has thousands of levels: its latest `points` must be the first few
    entries of its series index walked backwards, not all its levels read and sorted.
    (The statement's own ORDER BY puts the points it picked, a page's worth, in date
    order: planned without it, to see how the points are found.)"""
    postgresql = filled.get_bind().dialect.name == "postgresql"
    statement = queries._latest_levels(
        [(f"Force {number}", f"Place {number}") for number in range(PAGE)],
        [TroopLevel.status == "planned"],
        20,
        lateral=postgresql,
    )
    plan = plan_of(filled, statement.order_by(None))
    assert not full_scans(filled, plan) & {"troop_level", "shown"}, plan
    if not postgresql:  # which prices sorting the few levels of these short series lower
        assert not any(SORTED_AFTER.match(line) for line in plan), plan
        assert any("USING INDEX ix_troop_level_" in line for line in plan), plan


def test_list_pages_read_aliases_and_distinct_roles_from_small_tables(filled: Session) -> None:
    """The roles of a page of entities come from `entity_role_count`, never `entity_role`
    (one row per role mention, thousands for a busy entity)."""
    ids = [f"person-{number:05d}" for number in range(PAGE)]
    plan = plan_of(filled, queries._ALIASES_AND_ROLES, {"entity_ids": ids})
    assert not full_scans(filled, plan), plan
    assert not any("entity_role " in f"{line} " for line in plan), plan


def test_every_declared_index_exists(session: Session) -> None:
    """Alembic cannot compare SQLite's expression indexes (it skips them): check their names."""
    if session.get_bind().dialect.name == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'index'"
    else:
        query = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
    present = set(session.connection().execute(text(query)).scalars())
    declared = {
        index.name for table in SQLModel.metadata.tables.values() for index in table.indexes
    }
    assert declared - present == set()
