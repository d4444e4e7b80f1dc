"""Paired quotation marks in raw text: curly pairs, and straight quotes paired within a paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"\n\s*\n")
_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“"}


@dataclass(frozen=True)
class QuotedSpan:
    start: int
    """First character inside the opening mark."""
    end: int
    """The closing mark's offset (end-exclusive content)."""


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    spans: list[QuotedSpan] = []
    position = 0
    for paragraph in [*_PARAGRAPH.split(text)]:
        start = text.index(paragraph, position) if paragraph else position
        position = start + len(paragraph)
        spans.extend(_in_paragraph(paragraph, start))
    return spans


def _in_paragraph(paragraph: str, offset: int) -> list[QuotedSpan]:
    found: list[QuotedSpan] = []
    opened: tuple[str, int] | None = None
    for i, char in enumerate(paragraph):
        if opened is None:
            if char in _OPEN_CLOSE or char == '"':
                opened = (char, i)
        elif (char == '"' and opened[0] == '"') or char == _OPEN_CLOSE.get(opened[0]):
            if i > opened[1] + 1:
                found.append(QuotedSpan(offset + opened[1] + 1, offset + i))
            opened = None
    return found
