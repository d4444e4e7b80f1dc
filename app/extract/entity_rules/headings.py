"""Headings and headline-style lines, where capitals mark words rather than names: a name
there counts only if the body of the article writes it too."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Span

from app.extract.entity_rules.casing import Casing
from app.extract.entity_rules.spans import name_tokens
from app.extract.layout import is_heading, is_title_case
from app.extract.patterns import role_heads, titles


@cache
def _capitalised_anywhere() -> frozenset[str]:
    """Words written with a capital in running text too: titles and positions."""
    return frozenset(word for title in titles() for word in title.split()) | role_heads()


class Layout:
    """Which sentences are headings, or a title in headline style on the first line, found
    once per document. (Headline style further down is more often a byline or a caption,
    where names are real: 'Reporting by Will Dunham'.)"""

    def __init__(self, doc: Doc) -> None:
        self.sentence_of: dict[int, int] = {}
        self.headlines: set[int] = set()
        first_line = doc[: next((t.i + 1 for t in doc if "\n" in t.text_with_ws), len(doc))]
        title = is_title_case(first_line, Casing.of(doc).words, _capitalised_anywhere())
        for sentence in doc.sents:
            if is_heading(sentence) or (title and sentence.start < first_line.end):
                self.headlines.add(sentence.start)
            for i in range(sentence.start, sentence.end):
                self.sentence_of[i] = sentence.start

    def in_headline(self, token_index: int) -> bool:
        return self.sentence_of[token_index] in self.headlines


def confirmed_by_the_body(doc: Doc, spans: list[Span], layout: Layout) -> list[Span]:
    """A name in a heading or a headline-style line ('Obama Sees Personal Insult') counts
    only if the body of the article writes it too: capitals there mark words, not names."""
    body_starts: dict[str, list[int]] = {}
    for token in doc:
        if not layout.in_headline(token.i):
            body_starts.setdefault(token.text, []).append(token.i)

    def in_body(words: list[str]) -> bool:
        return any(
            [t.text for t in doc[i : i + len(words)]] == words
            for i in body_starts.get(words[0], ())
        )

    return [
        s
        for s in spans
        if not layout.in_headline(s.start) or in_body([t.text for t in name_tokens(s)] or [s.text])
    ]
