"""Full-text search over articles and quotes, on SQLite (FTS5) or PostgreSQL (tsvector).

One query language for both (see `query`): the input is parsed and checked here,
before any page is read, and each database gets the parsed query in its own
syntax. A search ranks hits from articles and from quotes together (lower rank is
better) and pages them by (rank, kind, id) with the shared keyset helper. SQLite's
bm25 depends on the whole index, so a cursor taken before an ingest may skip or
repeat a hit there (good enough for reading results); PostgreSQL's ts_rank_cd
looks at one row only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from app.store.pagination import Listing
from app.store.search import postgres, sqlite
from app.store.search.hits import ArticleMatch, QuoteMatch, SearchHit, safe_snippet
from app.store.search.query import InvalidSearchError, Node, SearchKind, parse, runnable_kinds

__all__ = [
    "InvalidSearchError",
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
    keys = [backend.match_keys(each, query) for each in kinds]
    union = keys[0] if len(keys) == 1 else keys[0].union_all(*keys[1:])
    hits = union.subquery("hits")
    sort_key = [hits.c.rank, hits.c.kind, hits.c.id]

    def load(session: Session, rows: list[Any]) -> list[SearchHit]:
        found = _load_hits(session, backend, query, rows)
        return [found[key] for row in rows if (key := (row.kind, row.id)) in found]

    return Listing(select(*sort_key), sorts={"rank": sort_key}, load=load)


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


def article_seqs_matching(session: Session, q: str) -> SelectOfScalar[int]:
    """`article.seq` of the articles matching `q`, for `col(Article.seq).in_(...)`."""
    return _matching(session, q, "article")


def quote_ids_matching(session: Session, q: str) -> SelectOfScalar[int]:
    """`quote.id` of the quotes matching `q`, for `col(Quote.id).in_(...)`."""
    return _matching(session, q, "quote")


def _matching(session: Session, q: str, kind: SearchKind) -> SelectOfScalar[int]:
    backend = _backend(session)
    query = parse(q)
    runnable_kinds(query, [kind])
    return backend.matching_ids(kind, query)
