"""Articles sent to `POST /articles`: the same rules as files, with the request as origin."""

from __future__ import annotations

from app.ingest.article import RawArticle
from app.ingest.article_fields import build_article, content_id
from app.ingest.errors import UnreadableInput
from app.ingest.jsonl import article_from_json
from app.ingest.text_files import decode_utf8
from app.ingest.txt import split_front_matter

ORIGIN = "request body"


def posted_json(body: bytes) -> RawArticle:
    """`{"text": ..., "id"?, "title"?, ...}`, exactly like one line of a .jsonl file."""
    return article_from_json(body, default_id=None, origin=ORIGIN)


def posted_text(body: bytes) -> RawArticle:
    """Plain text, with optional YAML front matter, exactly like a .txt file."""
    if b"\x00" in body:
        raise UnreadableInput("the body looks binary, not text: send UTF-8 text or JSON")
    fields, text = split_front_matter(decode_utf8(body.removeprefix(b"\xef\xbb\xbf")))
    return build_article(fields=fields, text=text, default_id=content_id(text), origin=ORIGIN)
