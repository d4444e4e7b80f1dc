"""Loosely typed metadata (YAML front matter, JSON, HTML meta tags) to a validated RawArticle.

Every reader goes through `build_article`, so ids, dates and empty texts are judged
by one set of rules whatever the file format.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime

from app.config import get_settings
from app.ingest.article import RawArticle, content_hash
from app.ingest.errors import UnreadableInput
from app.ingest.text_files import normalise_line_ends
from app.partial_date import InvalidDateError, PartialDate

ARTICLE_KEYS = ("id", "title", "source", "url", "language", "published")
MAX_ID_LENGTH = 80
DEFAULT_LANGUAGE = "en"

_NOT_ID_CHARACTERS = re.compile(r"[^a-z0-9_-]+")
_REPEATED_DASHES = re.compile(r"-{2,}")
_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_DATE_SHAPE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_LANGUAGE_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$")


def slugify_id(raw: str) -> str:
    """Ids end up in URLs and file names, so they are lowercase ASCII slugs.

    Accents are folded first ('Café' -> 'cafe') so ids stay readable; may return ''.
    """
    folded = unicodedata.normalize("NFKD", raw)
    ascii_text = "".join(char for char in folded if not unicodedata.combining(char)).lower()
    slug = _REPEATED_DASHES.sub("-", _NOT_ID_CHARACTERS.sub("-", ascii_text)).strip("-")
    return slug[:MAX_ID_LENGTH].rstrip("-")


def parse_published(value: object) -> PartialDate | None:
    """A publication date as YAML, JSON or HTML may give it.

    Accepts 'YYYY', 'YYYY-MM', 'YYYY-MM-DD', an ISO timestamp (only its date part is
    kept: the day the outlet printed, not converted to UTC), a bare year as an int, or
    a `date`/`datetime` in case a YAML loader produced one.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
    else:
        raise UnreadableInput(
            f"published {value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        )
    timestamp = _TIMESTAMP.match(text)
    if timestamp:
        text = timestamp.group(1)
    try:
        return PartialDate.parse(text)
    except InvalidDateError as error:
        # A well-formed but impossible date (2021-02-30) says which part is wrong.
        reason = "" if _DATE_SHAPE.match(text) is None else f" ({error})"
        raise UnreadableInput(
            f"published '{value}' is not a date{reason}: write YYYY, YYYY-MM or YYYY-MM-DD"
        ) from error


def clean_body(text: str) -> str:
    """Strip only the ends: inner whitespace is the author's and offsets point into it."""
    return normalise_line_ends(text).strip()


def content_id(text: str) -> str:
    """An id for an article that came without one: the same text always gets the same id."""
    return f"article-{content_hash(clean_body(text))[:12]}"


def build_article(
    *, fields: Mapping[str, object], text: str, default_id: str, origin: str
) -> RawArticle:
    """Validate `fields` (keys from ARTICLE_KEYS, others ignored) and the body into a RawArticle."""
    body = clean_body(text)
    if not body:
        raise UnreadableInput(
            "the article text is empty: nothing to ingest; write the article in it or leave it out"
        )
    _check_characters("the article text", body)
    _check_size(body)
    raw_id = _optional_text("id", fields.get("id")) or default_id
    article_id = slugify_id(raw_id)
    if not article_id:
        raise UnreadableInput(
            f"id {raw_id!r} has no letters or digits: give an id made of a-z, 0-9, '-' or '_'"
        )
    return RawArticle(
        id=article_id,
        text=body,
        title=_optional_text("title", fields.get("title")),
        source=_optional_text("source", fields.get("source")),
        url=_optional_text("url", fields.get("url")),
        language=_language(fields.get("language")),
        published=parse_published(fields.get("published")),
        origin=origin,
    )


def _check_characters(name: str, value: str) -> None:
    """JSON escapes let in what no UTF-8 file holds: a lone surrogate ('\\ud800') is not a
    character and cannot be stored or hashed, and PostgreSQL refuses NUL in text."""
    nul = value.find("\x00")
    if nul >= 0:
        raise UnreadableInput(
            f"{name} holds a NUL character (\\u0000) at character {nul}: remove it"
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise UnreadableInput(
            f"{name} holds a lone surrogate ({value[error.start]!a}) at character "
            f"{error.start}, which is not a character: escape characters beyond U+FFFF as "
            "a pair (\\ud83d\\ude00) or write them as UTF-8"
        ) from error


def _check_size(body: str) -> None:
    """Refuse what the parser cannot take: spaCy stops at 1,000,000 characters, and an
    input that long is a whole archive or a dump more often than one article."""
    limit_mb = get_settings().max_article_mb
    size = len(body.encode("utf-8"))
    if size > limit_mb * 1_000_000:
        raise UnreadableInput(
            f"the article text is {size / 1_000_000:.3g} MB, over the {limit_mb:g} MB limit "
            "(MAX_ARTICLE_MB): split it into separate articles, one a file or JSONL line"
        )


def _optional_text(key: str, value: object) -> str | None:
    """One-line metadata: whitespace collapsed, blank means absent, numbers allowed."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise UnreadableInput(
            f"{key} must be text, not {type(value).__name__}: write it as a quoted string"
        )
    text = " ".join(str(value).split()) or None
    if text is not None:
        _check_characters(key, text)
    return text


def _language(value: object) -> str:
    text = _optional_text("language", value)
    if text is None:
        return DEFAULT_LANGUAGE
    match = _LANGUAGE_CODE.match(text.lower())
    if not match:
        raise UnreadableInput(f"language {text!r} is not a language code: write a code like 'en'")
    return match.group(1)
