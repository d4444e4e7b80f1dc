"""Full-text search over articles and quotes, on SQLite (FTS5) or PostgreSQL (tsvector).

One query language for both (see `query`): the input is parsed and checked here,
before any page is read, and each database gets the parsed query in its own
syntax. A search ranks hits from articles and from quotes together (lower rank is
better) and pages them by (rank, kind, id) with the shared keyset helper. SQLite's
bm25 depends on the whole index, so a cursor taken before an ingest may skip or
repeat a hit there (good enough for reading results); PostgreSQL's ts_rank_cd
looks at one row only.

Ranking costs each match a score, and a common word matches a third of an archive:
a search ranks at most `RANKED_MATCHES` matches, the newest, so its first page costs
about the same however common its words are. The kinds searched share them evenly,
and so do the alternatives of an OR, each bringing its own newest: a rare word keeps
every match beside a common one. A row two alternatives bring scores the sum of
their scores, as bm25 scores the whole OR.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import ColumnElement, func, union_all
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from app.store.models import Article, Quote
from app.store.pagination import Listing, read_rows
from app.store.search import postgres, sqlite
from app.store.search.hits import ArticleMatch, QuoteMatch, SearchHit, safe_snippet
from app.store.search.query import (
    InvalidSearchError,
    Node,
    Or,
    SearchKind,
    parse,
    runnable_kinds,
)

__all__ = [
    "RANKED_MATCHES",
    "InvalidSearchError",
    "Matching",
    "SearchHit",
    "SearchKind",
    "SearchNotSupportedError",
    "article_seqs_matching",
    "quote_ids_matching",
    "safe_snippet",
    "search",
]


class _Backend(Protocol):
    """What a database module offers: the modules `sqlite` and `postgres`."""

    def match_keys(self, kind: SearchKind, query: Node) -> Any: ...

    def matching_ids(self, kind: SearchKind, query: Node) -> SelectOfScalar[int]: ...

    def article_matches(
        self, session: Session, query: Node, seqs: Sequence[int]
    ) -> list[ArticleMatch]: ...

    def quote_matches(
        self, session: Session, query: Node, ids: Sequence[int]
    ) -> list[QuoteMatch]: ...


_BACKENDS: dict[str, _Backend] = {"sqlite": sqlite, "postgresql": postgres}
KINDS: list[SearchKind] = ["article", "quote"]


class SearchNotSupportedError(NotImplementedError):
    """Full-text search on a database that has no index for it (neither SQLite nor PostgreSQL)."""


def _backend(session: Session) -> _Backend:
    dialect = session.get_bind().dialect.name
    backend = _BACKENDS.get(dialect)
    if backend is None:
        raise SearchNotSupportedError(
            f"full-text search needs SQLite or PostgreSQL; this database is {dialect}"
        )
    return backend


def search(session: Session, q: str, *, kind: SearchKind | None = None) -> Listing[SearchHit]:
    """Articles and quotes matching `q` (or only one `kind`), best match first (sort `rank`).

    A column filter limits the search to the kinds that have the column:
    `speaker:lopez` finds quotes only; `title:x` with kind "quote" is an error.
    """
    backend = _backend(session)
    query = parse(q)
    kinds = runnable_kinds(query, [each for each in KINDS if kind is None or each == kind])
    share = RANKED_MATCHES // len(kinds)
    hits = _all([_newest_matches(backend, each, query, share) for each in kinds]).subquery("hits")
    sort_key = [hits.c.rank, hits.c.kind, hits.c.id]
    counted = _all([_newest_matches(backend, each, query, share, ranked=False) for each in kinds])

    def load(session: Session, rows: list[Any]) -> list[SearchHit]:
        found = _load_hits(session, backend, query, rows)
        return [found[key] for row in rows if (key := (row.kind, row.id)) in found]

    return Listing(
        select(*sort_key),
        sorts={"rank": sort_key},
        load=load,
        counted=select(func.count()).select_from(counted.subquery()),
    )


RANKED_MATCHES = 5_000
"""Matches a search ranks at most: the newest. Ranking them costs about 10 ms at 100k
articles; all 133k quotes and 95k articles holding "would" took 160 ms."""


def _newest_matches(
    backend: _Backend, kind: SearchKind, query: Node, ranked_at_most: int, *, ranked: bool = True
) -> Any:
    """(kind, id, rank) of the matches of `kind` that `search` ranks (see the module); with
    `ranked` False, (kind, id) alone, to count them without scoring them."""
    parts = query.children if isinstance(query, Or) else (query,)
    share = ranked_at_most // len(parts)
    newest = []
    for part in parts:
        keys = backend.match_keys(kind, part)
        if not ranked:
            keys = keys.with_only_columns(keys.selected_columns.kind, keys.selected_columns.id)
        part_newest = keys.order_by(keys.selected_columns.id.desc()).limit(share).subquery()
        newest.append(select(*part_newest.c))
    if len(newest) == 1:
        return newest[0]
    each = _all(newest).subquery()
    if not ranked:
        return select(each.c.kind, each.c.id).distinct()
    return select(each.c.kind, each.c.id, func.sum(each.c.rank).label("rank")).group_by(
        each.c.kind, each.c.id
    )


def _all(selects: list[Any]) -> Any:
    """The rows of every select: the one select itself, or their UNION ALL."""
    return selects[0] if len(selects) == 1 else union_all(*selects)


def _load_hits(
    session: Session, backend: _Backend, query: Node, keys: Sequence[Any]
) -> dict[tuple[str, int], SearchHit]:
    """The page's hits with their snippets: computed for this page only, not every match."""
    ranks: dict[tuple[str, int], float] = {(key.kind, key.id): key.rank for key in keys}
    seqs = [key_id for kind, key_id in ranks if kind == "article"]
    quote_ids = [key_id for kind, key_id in ranks if kind == "quote"]
    found: dict[tuple[str, int], SearchHit] = {}
    if seqs:
        for article in backend.article_matches(session, query, seqs):
            found[("article", article.seq)] = article.hit(ranks[("article", article.seq)])
    if quote_ids:
        for quote in backend.quote_matches(session, query, quote_ids):
            found[("quote", quote.id)] = quote.hit(ranks[("quote", quote.id)])
    return found


@dataclass(frozen=True)
class Matching:
    """The rows a full-text query matches, as a filter for a list sorted by other keys."""

    ids: SelectOfScalar[int]
    """`article.seq` or `quote.id` of every match: a subquery."""
    dense: bool
    """So many rows match that a page fills after reading a few rows in the list's own
    order: better than looking up every match and sorting them all."""

    def contains(self, key: ColumnElement[int]) -> ColumnElement[bool]:
        """`key IN ids`. When matches are dense, `key + 0` keeps SQLite from reading the
        list through an index on `key` (one lookup per match, then a sort of all of them):
        it walks the sort order's index instead and stops when the page is full.
        Neither database can tell by itself: SQLite has no estimate of how many rows a
        MATCH finds, and PostgreSQL's can be a thousand times too low (`is_dense`)."""
        return (key + 0).in_(self.ids) if self.dense else col(key).in_(self.ids)


PAGE_FOR_PLANNING = 50
PROBE_COST_OVER_SCAN_COST = 1.4
"""Measured at 100k articles: looking up and sorting one match costs about 1.4 times
reading one row in index order and testing it against the matches."""


def article_seqs_matching(session: Session, q: str) -> Matching:
    """The articles matching `q`, for `queries.articles(matching=...)`."""
    return _matching(session, q, "article", Article.seq)


def quote_ids_matching(session: Session, q: str) -> Matching:
    """The quotes matching `q`, for `queries.quotes(matching=...)`."""
    return _matching(session, q, "quote", Quote.id)


def _matching(session: Session, q: str, kind: SearchKind, key: Any) -> Matching:
    backend = _backend(session)
    query = parse(q)
    runnable_kinds(query, [kind])
    ids = backend.matching_ids(kind, query)
    return Matching(ids, dense=is_dense(session, ids, key))


def is_dense(session: Session, ids: SelectOfScalar[Any], key: Any) -> bool:
    """Whether so many of the list's rows (keyed by the integer `key`) are among `ids` that
    reading the list in order finds a page sooner than looking up every one. Counted on
    PostgreSQL too: its statistics put the quotes of a busy speaker at 32, not 27,000, and
    it then looks up every one (350 ms at 100k articles instead of 6).

    Reading in list order costs rows / density until a page is full; looking matches up
    costs each match: they break even near sqrt(rows * page). Counting stops there."""
    rows = read_rows(session, select(func.max(key)))[0][0] or 0
    break_even = max(1, math.ceil(math.sqrt(rows * PAGE_FOR_PLANNING / PROBE_COST_OVER_SCAN_COST)))
    counted = read_rows(session, select(func.count()).select_from(ids.limit(break_even).subquery()))
    return counted[0][0] >= break_even
