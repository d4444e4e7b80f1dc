"""Full-text search over articles and quotes, on the SQLite FTS5 indexes of migration 0002.

`article_search(title, text)` is keyed by `article.seq`, `quote_search(text, speaker)`
by `quote.id`. A search ranks hits from both by bm25 (lower is better, as FTS5
orders them) and pages them by (rank, kind, id) with the shared keyset helper.
bm25 scores from two indexes are only roughly comparable (each index has its own
term statistics), and they shift when articles are added, so a cursor taken
before an ingest may skip or repeat a hit: good enough for reading results.

User input goes to FTS5 as its query language (phrases, prefixes, AND/OR/NOT,
NEAR, column filters). Anything FTS5 rejects becomes an `InvalidSearchError`
whose message says what to write instead, so no input ends as a server error.
"""

from __future__ import annotations

import html
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from sqlalchemy import Float, Integer, String, column, func, literal, literal_column, table
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.expression import TableClause
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from app.store.models import Article, Quote
from app.store.pagination import Listing

SearchKind = Literal["article", "quote"]

MAX_QUERY_LENGTH = 1000
SNIPPET_TOKENS = 24
MARK_OPEN, MARK_CLOSE = "\ufdd0", "\ufdd1"
"""Unicode noncharacters (reserved for internal use): FTS5 puts them around matched
terms raw, so they survive HTML-escaping and then become `<mark>` tags."""

SYNTAX_HINT = (
    "write words to find all of them, "
    '"exact words" in double quotes for a phrase, a short prefix with a trailing * (negot*), '
    "AND, OR and NOT in capitals between words (NOT cannot come first), "
    "NEAR(word other, 10) for words close together, "
    "and title:, text: or speaker: before a word to search one column"
)


class InvalidSearchError(ValueError):
    """A search the index cannot run; the message says what to write instead."""


class SearchNotSupportedError(NotImplementedError):
    """Full-text search on a database other than SQLite (PostgreSQL comes later)."""


@dataclass(frozen=True)
class SearchHit:
    kind: SearchKind
    article_id: str
    article_title: str | None
    quote_id: int | None
    speaker: str | None
    start: int
    end: int
    """Where the hit is in `article.text`: the quote's span, or the whole article (0, len)."""
    rank: float
    """bm25 from FTS5: more negative is a better match."""
    snippet: str
    """HTML-safe: the text is escaped, matched terms are wrapped in `<mark>`. Always from
    the text (title and speaker are fields of their own), so a title-only match has no mark."""


@dataclass(frozen=True)
class _Index:
    """One FTS5 table: its name, columns, bm25 weights and the column snippets come from."""

    kind: SearchKind
    plural: str
    name: str
    columns: tuple[str, ...]
    weights: tuple[float, ...]
    snippet_column: int

    @cached_property
    def table(self) -> TableClause:
        """The index as a table: its rowid and the hidden column named after it, for MATCH."""
        return table(self.name, column("rowid", Integer), column(self.name))

    def match(self, query: str) -> ColumnElement[bool]:
        return self.table.c[self.name].match(query)

    def rank(self) -> ColumnElement[float]:
        return func.bm25(literal_column(self.name), *self.weights, type_=Float)

    def snippet(self) -> ColumnElement[str]:
        return func.snippet(
            literal_column(self.name),
            self.snippet_column,
            MARK_OPEN,
            MARK_CLOSE,
            "…",
            SNIPPET_TOKENS,
            type_=String,
        )


ARTICLES = _Index("article", "articles", "article_search", ("title", "text"), (10.0, 1.0), 1)
"""A word in the title counts ten times one in the text."""
QUOTES = _Index("quote", "quotes", "quote_search", ("text", "speaker"), (1.0, 1.0), 0)
INDEXES = (ARTICLES, QUOTES)
_ALL_COLUMNS = frozenset(name for index in INDEXES for name in index.columns)


# Searching


def search(session: Session, q: str, *, kind: SearchKind | None = None) -> Listing[SearchHit]:
    """Articles and quotes matching `q` (or only one `kind`), best match first (sort `rank`).

    A column filter limits the search to the indexes that have the column:
    `speaker:lopez` finds quotes only; `title:x` with kind "quote" is an error.
    The query is checked here, before any page is read.
    """
    wanted = [index for index in INDEXES if kind is None or index.kind == kind]
    indexes = _runnable_indexes(session, q, wanted)
    keys = [
        select(
            literal(index.kind, String).label("kind"),
            index.table.c.rowid.label("id"),
            index.rank().label("rank"),
        ).where(index.match(q))
        for index in indexes
    ]
    union = keys[0] if len(keys) == 1 else keys[0].union_all(*keys[1:])
    hits = union.subquery("hits")
    sort_key = [hits.c.rank, hits.c.kind, hits.c.id]

    def load(session: Session, rows: list[Any]) -> list[SearchHit]:
        found = _load_hits(session, q, rows)
        return [found[key] for row in rows if (key := (row.kind, row.id)) in found]

    return Listing(select(*sort_key), sorts={"rank": sort_key}, load=load)


def _load_hits(session: Session, q: str, keys: Sequence[Any]) -> dict[tuple[str, int], SearchHit]:
    """The page's hits with their snippets: computed for this page only, not every match."""
    ranks: dict[tuple[str, int], float] = {(key.kind, key.id): key.rank for key in keys}
    seqs = [key_id for kind, key_id in ranks if kind == "article"]
    quote_ids = [key_id for kind, key_id in ranks if kind == "quote"]
    found: dict[tuple[str, int], SearchHit] = {}
    for row in _article_rows(session, q, seqs):
        found[("article", row.seq)] = _article_hit(row, ranks[("article", row.seq)])
    for row in _quote_rows(session, q, quote_ids):
        found[("quote", row.id)] = _quote_hit(row, ranks[("quote", row.id)])
    return found


def _article_rows(session: Session, q: str, seqs: list[int]) -> Iterable[Any]:
    if not seqs:
        return []
    index = ARTICLES.table
    statement = (
        select(
            Article.seq,
            Article.id,
            Article.title,
            func.length(Article.text).label("length"),  # in characters, as Python counts
            ARTICLES.snippet().label("snippet"),
        )
        .select_from(index)
        .join(Article, col(Article.seq) == index.c.rowid)
        .where(ARTICLES.match(q), col(index.c.rowid).in_(seqs))
    )
    return session.exec(statement)


def _article_hit(row: Any, rank: float) -> SearchHit:
    return SearchHit(
        kind="article",
        article_id=row.id,
        article_title=row.title,
        quote_id=None,
        speaker=None,
        start=0,
        end=row.length,
        rank=rank,
        snippet=safe_snippet(row.snippet),
    )


def _quote_rows(session: Session, q: str, quote_ids: list[int]) -> Iterable[Any]:
    if not quote_ids:
        return []
    index = QUOTES.table
    statement = (
        select(
            Quote.id,
            Quote.article_id,
            Article.title,
            Quote.speaker,
            Quote.start,
            Quote.end,
            QUOTES.snippet().label("snippet"),
        )
        .select_from(index)
        .join(Quote, col(Quote.id) == index.c.rowid)
        .join(Article, col(Article.id) == Quote.article_id)
        .where(QUOTES.match(q), col(index.c.rowid).in_(quote_ids))
    )
    return session.exec(statement)


def _quote_hit(row: Any, rank: float) -> SearchHit:
    return SearchHit(
        kind="quote",
        article_id=row.article_id,
        article_title=row.title,
        quote_id=row.id,
        speaker=row.speaker,
        start=row.start,
        end=row.end,
        rank=rank,
        snippet=safe_snippet(row.snippet),
    )


def safe_snippet(raw: str | None) -> str:
    """Escape the snippet for HTML, then turn the private markers into `<mark>` tags."""
    escaped = html.escape(raw or "", quote=True)
    return escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


# Filters for the list routes


def article_seqs_matching(session: Session, q: str) -> SelectOfScalar[int]:
    """`article.seq` of the articles matching `q`, for `col(Article.seq).in_(...)`."""
    _runnable_indexes(session, q, [ARTICLES])
    return select(ARTICLES.table.c.rowid).where(ARTICLES.match(q))


def quote_ids_matching(session: Session, q: str) -> SelectOfScalar[int]:
    """`quote.id` of the quotes matching `q`, for `col(Quote.id).in_(...)`."""
    _runnable_indexes(session, q, [QUOTES])
    return select(QUOTES.table.c.rowid).where(QUOTES.match(q))


# Checking a query


def _runnable_indexes(session: Session, q: str, indexes: Sequence[_Index]) -> list[_Index]:
    """The indexes among `indexes` that can run `q`; InvalidSearchError if none can.

    FTS5 parses the query when it runs, so each index is asked to find one row:
    that is where syntax errors and unknown columns show up.
    """
    _require_sqlite(session)
    _check_text(q)
    runnable, missing = [], []
    for index in indexes:
        absent = _absent_column(session, index, q)
        if absent is None:
            runnable.append(index)
        elif absent in _ALL_COLUMNS:
            missing.append(f"{index.plural} have no column `{absent}`")
        else:
            raise _unknown_column(absent, q)
    if not runnable:
        searchable = "; ".join(f"{index.plural} have {_columns(index)}" for index in indexes)
        raise InvalidSearchError(
            f"{' and '.join(missing)}, so nothing can match ({searchable}); "
            "drop the column filter or search another kind"
        )
    return runnable


def _unknown_column(name: str, q: str) -> InvalidSearchError:
    return InvalidSearchError(
        f"`{name}` is read as a column to search in (a word before : or after -), "
        f"but articles have only {_columns(ARTICLES)} and quotes {_columns(QUOTES)}; "
        f"to leave a word out, write: this NOT that; {_literal_hint(q)}"
    )


def _require_sqlite(session: Session) -> None:
    dialect = session.get_bind().dialect.name
    if dialect != "sqlite":
        raise SearchNotSupportedError(
            f"full-text search needs SQLite for now; this database is {dialect}"
        )


def _check_text(q: str) -> None:
    """Refuse what FTS5 would misread rather than reject: NUL ends its query early."""
    if not q.strip():
        raise InvalidSearchError(f"the search is empty; {SYNTAX_HINT}")
    if len(q) > MAX_QUERY_LENGTH:
        raise InvalidSearchError(
            f"the search is {len(q)} characters long; "
            f"search with at most {MAX_QUERY_LENGTH}, the words that matter most"
        )
    if any(unicodedata.category(char) == "Cc" and not char.isspace() for char in q):
        raise InvalidSearchError("the search contains control characters; remove them")
    if q.startswith("*"):  # FTS5 reads "*word" as a debugging command, not a search
        raise InvalidSearchError(
            f"a search cannot start with *; put * after a word to find words "
            f"starting with it (negot*); {_literal_hint(q)}"
        )


_NO_SUCH_COLUMN = re.compile(r"no such column: (.*)")
_SYNTAX_ERROR = re.compile(r'fts5: syntax error near "(.*)"', re.DOTALL)


def _absent_column(session: Session, index: _Index, q: str) -> str | None:
    """The column `q` names that `index` lacks (lower case), or None if `index` can run `q`."""
    probe = select(index.table.c.rowid).where(index.match(q)).limit(1)
    try:
        session.exec(probe).all()
    except OperationalError as error:
        message = _query_error_message(error)
        if message is None:
            raise
        if found := _NO_SUCH_COLUMN.fullmatch(message):
            return found.group(1).lower()
        raise InvalidSearchError(_explain(message, q)) from error
    return None


def _query_error_message(error: OperationalError) -> str | None:
    """SQLite's message if the query text caused `error`, None for a database problem.

    The probe is fixed SQL on a table that exists once prepared, so a plain
    SQLITE_ERROR from it comes from the bound query, unless the table is missing.
    """
    original = error.orig
    if not isinstance(original, sqlite3.Error):
        return None
    message = str(original)
    if original.sqlite_errorcode != sqlite3.SQLITE_ERROR or message.startswith("no such table"):
        return None
    return message


def _explain(message: str, q: str) -> str:
    if message == "unterminated string":
        problem = "a double quote is not closed"
    elif found := _SYNTAX_ERROR.fullmatch(message):
        near = found.group(1)
        problem = f"the search is not valid near `{near}`" if near else "the search ends too soon"
    elif "stack overflow" in message or "too large" in message:
        problem = "the search nests too deeply; use fewer brackets"
    elif message.startswith("expected integer"):
        problem = "NEAR takes a whole number of words as its distance: NEAR(word other, 10)"
    else:
        problem = f"the search is not valid ({message})"
    return f"{problem}; {SYNTAX_HINT}; {_literal_hint(q)}"


def _literal_hint(q: str) -> str:
    """How to search the input as it is: one phrase in double quotes (quotes inside doubled)."""
    literal_query = '"' + q.replace('"', '""') + '"'
    if len(literal_query) > 80:
        return "or put the whole input in double quotes to search it literally"
    return f"or put the whole input in double quotes to search it literally: {literal_query}"


def _columns(index: _Index) -> str:
    return " and ".join(index.columns)
