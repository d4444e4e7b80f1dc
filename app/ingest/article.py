"""The record every reader produces and the store saves."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from app.partial_date import PartialDate


def content_hash(text: str) -> str:
    """Identity of an article's content: re-ingesting the same text changes nothing."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RawArticle:
    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    published: PartialDate | None = None
    origin: str = ""
    """Where it came from, for messages: 'data/articles/x.txt' or 'feed.jsonl:12'."""

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)
