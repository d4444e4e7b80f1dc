"""Search on PostgreSQL: the `search_vector` tsvector columns of migration 0003, ranked
by ts_rank_cd.

Each vector holds an article's title (weight A) and text (D), or a quote's text (D)
and speaker (B), through the text search configuration `article_facts_english`
(accents removed, English snowball stems, no stop words), so column filters are
weight filters: `title:accord` is `'accord':A`.

The parsed query is written as tsquery text, every word a quoted operand that
`to_tsquery` stems like the stored text, and sent as one bound parameter. The
rank is minus ts_rank_cd, so that lower is better as with bm25 on SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

from sqlalchemy import Float, String, cast, func, literal, literal_column
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from app.store.db import SEARCH_VECTOR_COLUMN
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
from app.store.search.query import (
    Column,
    InvalidSearchError,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    SearchKind,
)

CONFIG = "article_facts_english"
"""Made by migration 0003; the same name is frozen there."""

WEIGHT_OF_COLUMN: dict[SearchKind, dict[str, str]] = {
    "article": {"title": "A", "text": "D"},
    "quote": {"text": "D", "speaker": "B"},
}
RANK_WEIGHTS: dict[SearchKind, str] = {
    "article": "{0.1, 0, 0, 1.0}",
    "quote": "{0.1, 0, 0.1, 0}",
}
"""ts_rank_cd's weights for D, C, B, A: a word in an article's title counts ten times
one in its text, as on SQLite; a quote's text and speaker count like an article's text."""
RANK_NORMALIZATION = 1
"""Divide by 1 + log(length): a longer text needs more matches, gently, as bm25 does."""

MAX_OPERANDS = 5000
"""NEAR expands to one alternative per distance and order; beyond this the tsquery
gets slow to build and match, so the search is refused instead."""

LESS_THAN = "\ufdd2"
"""Stands in for `<` while ts_headline reads the text: its parser drops anything that
looks like an HTML tag, and the snippet must show the text as it is."""
HEADLINE_OPTIONS = (
    f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, "
    f"MaxWords={SNIPPET_TOKENS}, MinWords={SNIPPET_TOKENS // 2}"
)


def _vector(kind: SearchKind) -> ColumnElement[Any]:
    return literal_column(f"{kind}.{SEARCH_VECTOR_COLUMN}", TSVECTOR)


def _config() -> ColumnElement[Any]:
    return literal_column(f"'{CONFIG}'::regconfig")


def _tsquery(kind: SearchKind, query: Node) -> ColumnElement[Any]:
    return func.to_tsquery(_config(), literal(tsquery_text(query, kind), String), type_=TSQUERY)


def _matches(kind: SearchKind, query: Node) -> ColumnElement[bool]:
    return _vector(kind).bool_op("@@")(_tsquery(kind, query))


def _rank(kind: SearchKind, query: Node) -> ColumnElement[float]:
    weights = literal_column(f"'{RANK_WEIGHTS[kind]}'::real[]")
    score = func.ts_rank_cd(weights, _vector(kind), _tsquery(kind, query), RANK_NORMALIZATION)
    return -cast(score, Float)


def _keys_of(kind: SearchKind) -> ColumnElement[int]:
    return col(Article.seq) if kind == "article" else col(Quote.id)


def match_keys(kind: SearchKind, query: Node) -> Select[Any]:
    """(kind, id, rank) of every row of `kind` matching `query`."""
    return select(
        literal(kind, String).label("kind"),
        _keys_of(kind).label("id"),
        _rank(kind, query).label("rank"),
    ).where(_matches(kind, query))


def matching_ids(kind: SearchKind, query: Node) -> SelectOfScalar[int]:
    """`article.seq` or `quote.id` of the rows matching `query`; never correlated with an
    enclosing query on the same table, so it runs once, on the GIN index."""
    return select(_keys_of(kind)).where(_matches(kind, query)).correlate(None)


def _headline(kind: SearchKind, query: Node, text: Any) -> ColumnElement[str]:
    return func.ts_headline(
        _config(),
        func.replace(text, "<", LESS_THAN),
        _tsquery(kind, query),
        HEADLINE_OPTIONS,
        type_=String,
    )


def article_matches(session: Session, query: Node, seqs: Sequence[int]) -> list[ArticleMatch]:
    statement = select(
        Article.seq,
        Article.id,
        Article.title,
        Article.text,
        _headline("article", query, Article.text).label("headline"),
    ).where(col(Article.seq).in_(seqs))
    return [
        ArticleMatch(
            seq=row.seq,
            id=row.id,
            title=row.title,
            length=len(row.text),
            snippet=_snippet(row.headline, row.text),
        )
        for row in read_rows(session, statement)
    ]


def quote_matches(session: Session, query: Node, ids: Sequence[int]) -> list[QuoteMatch]:
    statement = (
        select(
            Quote.id,
            Quote.article_id,
            Article.title,
            Quote.speaker,
            Quote.start,
            Quote.end,
            Quote.text,
            _headline("quote", query, Quote.text).label("headline"),
        )
        .join(Article, col(Article.id) == Quote.article_id)
        .where(col(Quote.id).in_(ids))
    )
    return [
        QuoteMatch(
            id=row.id,
            article_id=row.article_id,
            title=row.title,
            speaker=row.speaker,
            start=row.start,
            end=row.end,
            snippet=_snippet(row.headline, row.text),
        )
        for row in read_rows(session, statement)
    ]


def _snippet(headline: str, text: str) -> str:
    """ts_headline's excerpt with `<` restored and an ellipsis where it cuts the text,
    as FTS5's snippet() marks a cut."""
    excerpt = headline.replace(LESS_THAN, "<")
    plain = excerpt.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    before = "" if text.startswith(plain) else ELLIPSIS
    after = "" if text.endswith(plain) else ELLIPSIS
    return f"{before}{excerpt}{after}"


# The query as tsquery text


def tsquery_text(query: Node, kind: SearchKind) -> str:
    """`query` in to_tsquery's syntax for the vectors of `kind`; column filters become
    weights. InvalidSearchError if NEAR would expand it beyond MAX_OPERANDS."""
    return _TsqueryWriter(WEIGHT_OF_COLUMN[kind]).write(query, weight="")


class _TsqueryWriter:
    def __init__(self, weights: dict[str, str]) -> None:
        self.weights = weights
        self.operands = 0

    def spend(self, operands: int) -> None:
        """Count operands before writing them, so a huge NEAR is refused, not built."""
        self.operands += operands
        if self.operands > MAX_OPERANDS:
            raise InvalidSearchError(
                "the search is too large for PostgreSQL: each NEAR is matched as every order "
                "and distance of its words; use fewer words in NEAR or a shorter distance"
            )

    def write(self, node: Node, weight: str) -> str:
        if isinstance(node, Phrase):
            return self.phrase(node, weight)
        if isinstance(node, Near):
            return self.near(node, weight)
        if isinstance(node, Column):
            return self.write(node.child, self.weights[node.name])
        if isinstance(node, Not):
            left = self.write(node.left, weight)
            if isinstance(node.left, Or):
                left = f"({left})"
            return f"{left} & !({self.write(node.right, weight)})"
        operator = " | " if isinstance(node, Or) else " & "
        return operator.join(f"({self.write(child, weight)})" for child in node.children)

    def phrase(self, phrase: Phrase, weight: str) -> str:
        self.spend(1)
        return self.operand(phrase, weight)

    @staticmethod
    def operand(phrase: Phrase, weight: str) -> str:
        """One quoted operand: to_tsquery splits it into words joined by <-> (a phrase),
        stems them, and drops what is no word at all (an empty operand is a syntax error,
        so an empty phrase is sent as a space). A prefix applies to each of its words."""
        text = phrase.text if phrase.text.strip() else " "
        quoted = "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
        suffix = ("*" if phrase.prefix else "") + weight
        return f"{quoted}:{suffix}" if suffix else quoted

    def near(self, near: Near, weight: str) -> str:
        """Every pair of phrases at most `distance` words apart, in either order.

        tsquery's `a <N> b` means exactly N positions on, in that order, so each
        allowed distance and order is one alternative. Exact for two phrases; with
        more, each pair must be close somewhere, not necessarily all in one place.
        """
        if len(near.phrases) == 1:
            return self.phrase(near.phrases[0], weight)
        pair_count = len(near.phrases) * (len(near.phrases) - 1) // 2
        self.spend(pair_count * 4 * (near.distance + 1))
        pairs = []
        for first, second in combinations(near.phrases, 2):
            alternatives = [
                f"{self.operand(a, weight)} <{gap}> {self.operand(b, weight)}"
                for gap in range(1, near.distance + 2)
                for a, b in ((first, second), (second, first))
            ]
            pairs.append("(" + " | ".join(alternatives) + ")")
        return " & ".join(pairs)
