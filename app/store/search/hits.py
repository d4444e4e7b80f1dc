"""What a search finds, the same on every database: hits, and their HTML-safe snippets."""

from __future__ import annotations

import html
from dataclasses import dataclass

from app.store.search.query import SearchKind

SNIPPET_TOKENS = 24
MARK_OPEN, MARK_CLOSE = "\ufdd0", "\ufdd1"
"""Unicode noncharacters (reserved for internal use): the database puts them around
matched terms raw, so they survive HTML-escaping and then become `<mark>` tags."""
ELLIPSIS = "…"


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
    """More negative is a better match: bm25 on SQLite, minus ts_rank_cd on PostgreSQL."""
    snippet: str
    """HTML-safe: the text is escaped, matched terms are wrapped in `<mark>`. Always from
    the text (title and speaker are fields of their own), so a title-only match has no
    mark on SQLite (PostgreSQL marks the word wherever it is in the text)."""


@dataclass(frozen=True)
class ArticleMatch:
    """An article row of a page of hits, as each backend reads it."""

    seq: int
    id: str
    title: str | None
    length: int
    """Of the text, in characters as Python counts them."""
    snippet: str
    """With the private markers around matched terms, not yet escaped."""

    def hit(self, rank: float) -> SearchHit:
        return SearchHit(
            kind="article",
            article_id=self.id,
            article_title=self.title,
            quote_id=None,
            speaker=None,
            start=0,
            end=self.length,
            rank=rank,
            snippet=safe_snippet(self.snippet),
        )


@dataclass(frozen=True)
class QuoteMatch:
    id: int
    article_id: str
    title: str | None
    speaker: str | None
    start: int
    end: int
    snippet: str

    def hit(self, rank: float) -> SearchHit:
        return SearchHit(
            kind="quote",
            article_id=self.article_id,
            article_title=self.title,
            quote_id=self.id,
            speaker=self.speaker,
            start=self.start,
            end=self.end,
            rank=rank,
            snippet=safe_snippet(self.snippet),
        )


def safe_snippet(raw: str | None) -> str:
    """Escape the snippet for HTML, then turn the private markers into `<mark>` tags."""
    escaped = html.escape(raw or "", quote=True)
    return escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")
