"""Honorifics and ranks before names ('Lt Gen', 'Mr.'): how many tokens they take, and the
person once they are taken off."""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.extract.entity_rules.vocabulary import POSSESSIVE
from app.extract.patterns import titles


def title_length(tokens: list[Token]) -> int:
    """How many leading tokens form an honorific or rank ('Lt Gen', 'General', 'Mr.')."""
    words = [t for t in tokens if t.text != "."]
    for size in (3, 2, 1):
        if len(words) > size - 1:
            phrase = " ".join(t.text.lower().rstrip(".") for t in words[:size])
            if phrase.replace(" - ", "-") in titles() and all(
                t.text[:1].isupper() for t in words[:size]
            ):
                last = words[size - 1]
                used = last.i - tokens[0].i + 1
                if used < len(tokens) and tokens[used].text == ".":
                    used += 1
                return used
    return 0


def person_without_title(span: Span) -> Span | None:
    tokens = list(span)
    skip = title_length(tokens)
    while skip and skip < len(tokens):
        more = title_length(tokens[skip:])
        if not more:
            break
        skip += more
    while tokens and tokens[-1].text in POSSESSIVE:
        tokens.pop()
    tokens = tokens[skip:]
    if not tokens or not any(t.text[:1].isupper() for t in tokens):
        return None
    return Span(span.doc, tokens[0].i, tokens[-1].i + 1, label="PERSON")
