"""Plain-text articles with optional YAML front matter (`---` ... `---`) for metadata."""

from __future__ import annotations

from pathlib import Path

import yaml
from frontmatter.default_handlers import YAMLHandler

from app.ingest.article import RawArticle
from app.ingest.article_fields import ARTICLE_KEYS, build_article
from app.ingest.errors import UnreadableInput
from app.ingest.text_files import read_text_file

_FRONT_MATTER = YAMLHandler()
_YAML_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _DatesAsTextLoader(yaml.SafeLoader):
    """SafeLoader that leaves `2020-12-03` as a string.

    Otherwise YAML turns an impossible date like 2020-02-30 into a bare ValueError
    before PartialDate can explain what to write instead.
    """


_DatesAsTextLoader.yaml_implicit_resolvers = {
    first_char: [(tag, regexp) for tag, regexp in resolvers if tag != _YAML_TIMESTAMP_TAG]
    for first_char, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_txt(path: Path) -> RawArticle:
    """The body is kept exactly as written, minus leading/trailing blank space."""
    fields, body = split_front_matter(read_text_file(path))
    return build_article(fields=fields, text=body, default_id=path.stem, origin=str(path))


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """Metadata and body; text without a leading `---` line is all body."""
    stripped = text.lstrip()
    if not _FRONT_MATTER.detect(stripped):
        return {}, text
    try:
        front, body = _FRONT_MATTER.split(stripped)
    except ValueError as error:
        raise UnreadableInput(
            "front matter starts with '---' but has no closing '---' line: "
            "add one after the last key"
        ) from error
    try:
        fields = _FRONT_MATTER.load(front, Loader=_DatesAsTextLoader)
    except yaml.YAMLError as error:
        raise UnreadableInput(
            f"front matter is not valid YAML ({_first_line(error)}): write 'key: value' lines"
        ) from error
    if fields is None:
        return {}, body
    if not isinstance(fields, dict):
        raise UnreadableInput("front matter is not a set of 'key: value' lines: write one per key")
    unknown = sorted(str(key) for key in fields if key not in ARTICLE_KEYS)
    if unknown:
        raise UnreadableInput(
            f"unknown front-matter key {', '.join(map(repr, unknown))}: "
            f"use only {', '.join(ARTICLE_KEYS)}"
        )
    return fields, body


def _first_line(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None)
    if isinstance(problem, str):
        return problem
    return (str(error).splitlines() or [type(error).__name__])[0]
