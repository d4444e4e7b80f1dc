"""Quotations in raw text, found by their marks.

Curly marks pair by shape, straight ones ('"', and the two-apostrophe '' of some wire
copy) by alternation within a paragraph; a straight mark also pairs with a curly one,
since copy edited in several tools mixes them. News style opens every paragraph of a long
quotation but closes only the last, so a paragraph left open continues into the next
one that starts with an opening mark: one quotation, several segments. A closing curly mark
opening a line before a word is taken for the opening mark it was meant to be. Marks inside
markup left in the text (`<post author="...">`) quote attribute values, not anybody.
A quoted transcript opens each turn with its speaker's label in capitals ('"SMITH: We
did.'): every turn is a quotation of its own, from after the label to the end of the
paragraph, whatever the speaker quotes inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING_MARKS = {"“", '"', "``", "''"}
CLOSING_MARKS = {"”", '"', "''"}
"""Quotation marks as the tokenizer leaves them, for rules that read tokens."""
_MARK = re.compile(r"''|``|[“”\"«»„]")
_CLOSES = {"“": "”", "«": "»", "„": "“", "``": "''", '"': '"', "''": "''"}
_OPENING = set(_CLOSES)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_TURN_LABEL = re.compile(r"[A-Z][A-Z.'\- ]{0,40}[A-Z]:[ \t\u00a0]+")


@dataclass(frozen=True)
class Quotation:
    segments: tuple[tuple[int, int], ...]
    """Character ranges inside the marks, one per paragraph."""

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _opens_line(text: str, start: int, end: int) -> bool:
    """A closing mark that starts a line and is followed by a word was typed for an opening
    one ('”We will be back.” ― A reader'): no quotation closes before it has begun."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and end < len(text) and text[end].isalnum()


def turn_label(text: str, start: int) -> int:
    """The length of a transcript speaker's label ('SMITH: ') at `start`, or 0."""
    label = _TURN_LABEL.match(text, start)
    return label.end() - start if label else 0


def _turn_label(text: str, paragraph: int, mark_start: int, mark_end: int) -> int:
    """A label right after a mark that opens its paragraph."""
    return 0 if text[paragraph:mark_start].strip() else turn_label(text, mark_end)


def _in_tags(text: str) -> set[int]:
    """Offsets of the marks inside markup tags."""
    if "<" not in text:
        return set()
    return {
        mark.start()
        for tag in _TAG.finditer(text)
        for mark in _MARK.finditer(text, tag.start(), tag.end())
    }


def find_quotations(text: str) -> list[Quotation]:
    found: list[Quotation] = []
    carried: list[tuple[int, int]] = []
    in_tags = _in_tags(text)
    for start, end in _paragraphs(text):
        opened: tuple[str, int] | None = None
        for match in _MARK.finditer(text, start, end):
            if match.start() in in_tags:
                continue
            mark = match.group()
            if opened is None:
                if mark == "”" and _opens_line(text, match.start(), match.end()):
                    mark = "“"
                if mark in _OPENING:
                    label = _turn_label(text, start, match.start(), match.end())
                    if carried and (match.start() > start or label):
                        found.append(Quotation(tuple(carried)))
                        carried = []
                    opened = (mark, match.end() + label)
                    if label:
                        break  # a turn runs to the paragraph's end, whatever it quotes
            elif mark == _CLOSES[opened[0]] or {opened[0], mark} in ({"“", '"'}, {'"', "”"}):
                if match.start() > opened[1]:
                    carried.append((opened[1], match.start()))
                    found.append(Quotation(tuple(carried)))
                carried = []
                opened = None
        if opened is not None:
            tail = text[opened[1] : end].rstrip()
            if tail:
                carried.append((opened[1], opened[1] + len(tail)))
        elif carried:
            found.append(Quotation(tuple(carried)))
            carried = []
    if carried:
        found.append(Quotation(tuple(carried)))
    return found
