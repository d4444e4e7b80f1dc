"""Feeds and exports: one JSON article object per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from app.ingest.article import RawArticle
from app.ingest.article_fields import build_article, content_id
from app.ingest.errors import IngestProblem, UnreadableInput
from app.ingest.text_files import (
    clear_windows_1252,
    decode_utf8,
    read_input_bytes,
    warn_about_encoding,
)


def read_jsonl(path: Path) -> Iterator[RawArticle | IngestProblem]:
    """Each bad line is its own problem; the lines around it still come through.

    Only `text` is required; `id` defaults to '<file stem>-<line number>'. Keys other
    than the article fields are ignored, since exports usually carry extra columns.
    Lines are split on '\\n' only: str.splitlines() would also split on U+2028 and
    friends, which JSON allows raw inside strings. A file that is plainly Windows-1252
    as a whole is read as such, with a warning; otherwise each line that is not UTF-8
    is its own problem.
    """
    data = read_input_bytes(path)
    if not _is_utf8(data):
        legacy = clear_windows_1252(data)
        if legacy is not None:
            warn_about_encoding(path, "Windows-1252 / Latin-1 (it is not UTF-8)")
            data = legacy.encode("utf-8")
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        origin = f"{path}:{number}"
        try:
            yield article_from_json(line, default_id=f"{path.stem}-{number}", origin=origin)
        except UnreadableInput as problem:
            yield IngestProblem(origin=origin, message=str(problem))


def article_from_json(line: bytes, *, default_id: str | None, origin: str) -> RawArticle:
    """One JSON article object; without an `id`, `default_id` (None: its content) names it."""
    try:
        record = json.loads(decode_utf8(line))
    except json.JSONDecodeError as error:
        at = "" if error.msg.endswith(" at") else " at"  # 'Unterminated string starting at'
        raise UnreadableInput(
            f"not valid JSON ({error.msg}{at} column {error.colno}): "
            'write one object per line, like {"id": "...", "text": "..."}'
        ) from error
    if not isinstance(record, dict):
        raise UnreadableInput(
            f"is a JSON {type(record).__name__}, not an object: "
            'write one object per line, like {"id": "...", "text": "..."}'
        )
    text = record.get("text")
    if text is None:
        raise UnreadableInput('has no "text": every line needs the article text')
    if not isinstance(text, str):
        raise UnreadableInput(
            f'"text" is a {type(text).__name__}: give the article text as a string'
        )
    return build_article(
        fields=record, text=text, default_id=default_id or content_id(text), origin=origin
    )


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
