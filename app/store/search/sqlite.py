"""Search on SQLite: the FTS5 indexes of migration 0002, ranked by bm25.

`article_search(title, text)` is keyed by `article.seq`, `quote_search(text, speaker)`
by `quote.id`. bm25 is lower for a better match, as FTS5 orders hits; scores from
the two indexes are only roughly comparable (each has its own term statistics).

FTS5 gets the parsed query written back in its own syntax, every word quoted, so
it never sees user input it could read differently than our parser did.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import Float, Integer, String, column, func, literal, literal_column, table
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.expression import TableClause
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from app.store.models import Article, Quote
from app.store.pagination import read_rows
from app.store.search.hits import (
    ELLIPSIS,
    MARK_CLOSE,
    MARK_OPEN,
    SNIPPET_TOKENS,
    ArticleMatch,
    QuoteMatch,
)
from app.store.search.query import And, Column, Near, Node, Not, Or, Phrase, SearchKind


@dataclass(frozen=True)
class _Index:
    """One FTS5 table: its name, columns, bm25 weights and the column snippets come from."""

    name: str
    columns: tuple[str, ...]
    weights: tuple[float, ...]
    snippet_column: int

    @cached_property
    def table(self) -> TableClause:
        """The index as a table: its rowid and the hidden column named after it, for MATCH."""
        return table(self.name, column("rowid", Integer), column(self.name))

    def match(self, query: Node) -> ColumnElement[bool]:
        return self.table.c[self.name].match(fts5_query(query))

    def rank(self) -> ColumnElement[float]:
        return func.bm25(literal_column(self.name), *self.weights, type_=Float)

    def snippet(self) -> ColumnElement[str]:
        return func.snippet(
            literal_column(self.name),
            self.snippet_column,
            MARK_OPEN,
            MARK_CLOSE,
            ELLIPSIS,
            SNIPPET_TOKENS,
            type_=String,
        )


INDEXES: dict[SearchKind, _Index] = {
    "article": _Index("article_search", ("title", "text"), (10.0, 1.0), 1),
    "quote": _Index("quote_search", ("text", "speaker"), (1.0, 1.0), 0),
}
"""A word in an article's title counts ten times one in its text."""


def match_keys(kind: SearchKind, query: Node) -> Select[Any]:
    """(kind, id, rank) of every row of `kind` matching `query`."""
    index = INDEXES[kind]
    return select(
        literal(kind, String).label("kind"),
        index.table.c.rowid.label("id"),
        index.rank().label("rank"),
    ).where(index.match(query))


def matching_ids(kind: SearchKind, query: Node) -> SelectOfScalar[int]:
    """`article.seq` or `quote.id` of the rows matching `query`."""
    index = INDEXES[kind]
    return select(index.table.c.rowid).where(index.match(query))


def article_matches(session: Session, query: Node, seqs: Sequence[int]) -> list[ArticleMatch]:
    index = INDEXES["article"]
    statement = (
        select(
            Article.seq,
            Article.id,
            Article.title,
            func.length(Article.text).label("length"),  # in characters, as Python counts
            index.snippet().label("snippet"),
        )
        .select_from(index.table)
        .join(Article, col(Article.seq) == index.table.c.rowid)
        .where(index.match(query), col(index.table.c.rowid).in_(seqs))
    )
    return [ArticleMatch(**row._mapping) for row in read_rows(session, statement)]


def quote_matches(session: Session, query: Node, ids: Sequence[int]) -> list[QuoteMatch]:
    index = INDEXES["quote"]
    statement = (
        select(
            Quote.id,
            Quote.article_id,
            Article.title,
            Quote.speaker,
            Quote.start,
            Quote.end,
            index.snippet().label("snippet"),
        )
        .select_from(index.table)
        .join(Quote, col(Quote.id) == index.table.c.rowid)
        .join(Article, col(Article.id) == Quote.article_id)
        .where(index.match(query), col(index.table.c.rowid).in_(ids))
    )
    return [QuoteMatch(**row._mapping) for row in read_rows(session, statement)]


# The query in FTS5's syntax

_PRECEDENCE = {Or: 1, And: 2, Not: 3}


def fts5_query(node: Node) -> str:
    """`node` in FTS5's query syntax, every word in a quoted string."""
    if isinstance(node, Phrase):
        return _string(node)
    if isinstance(node, Near):
        phrases = " ".join(_string(phrase) for phrase in node.phrases)
        return f"NEAR({phrases}, {node.distance})"
    if isinstance(node, Column):
        child = fts5_query(node.child)
        if not isinstance(node.child, Phrase | Near):
            child = f"({child})"
        return f"{node.name} : {child}"
    if isinstance(node, Not):
        return f"{_operand(node.left, node, left=True)} NOT {_operand(node.right, node)}"
    operator = " OR " if isinstance(node, Or) else " AND "
    return operator.join(_operand(child, node, left=True) for child in node.children)


def _operand(child: Node, parent: And | Or | Not, *, left: bool = False) -> str:
    """`child` in brackets unless precedence already binds it to `parent`: NOT chains
    stay flat, so a long `a NOT b NOT c ...` does not nest FTS5's parser deeply."""
    written = fts5_query(child)
    binds = _PRECEDENCE.get(type(child), 4)
    needed = _PRECEDENCE[type(parent)]
    if binds > needed or (left and binds == needed):
        return written
    return f"({written})"


def _string(phrase: Phrase) -> str:
    return '"' + phrase.text.replace('"', '""') + '"' + ("*" if phrase.prefix else "")
