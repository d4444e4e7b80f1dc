"""Paragraphs and headings: what the parser cannot see in plain text.

A blank line always ends a sentence, and a short paragraph without final
punctuation is a heading ('Ceasefire urgency'): it starts no sentence with the
next paragraph and names nobody.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

_FINAL = (".", "!", "?", "”", '"', "’", "'", ":", ";", ")")
MAX_HEADING_WORDS = 10

if not Span.has_extension("is_heading"):
    Span.set_extension("is_heading", getter=lambda span: is_heading(span))


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Mark the token after a line break as a sentence start, before the parser runs."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def is_heading(sentence: Span) -> bool:
    words = [t for t in sentence if not t.is_space and not t.is_punct]
    text = sentence.text.strip()
    if not words or len(words) > MAX_HEADING_WORDS or text.endswith(_FINAL):
        return False
    doc = sentence.doc
    starts_line = sentence.start == 0 or "\n" in doc[sentence.start - 1].text_with_ws
    ends_line = sentence.end == len(doc) or "\n" in sentence[-1].text_with_ws
    return starts_line and ends_line
