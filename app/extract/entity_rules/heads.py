"""A name is what its head word says ('Toronto Star' an organisation, 'Johnson Space Center'
a place): relabel the model's names by it, and find the names the model left unlabelled."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from app.extract.entity_rules.spans import capitalised_run_end, is_locative, name_tokens
from app.extract.entity_rules.vocabulary import NAME_LABELS, POSSESSIVE, name_heads


def head_word(span: Span) -> Token:
    """The word a name is about: the one before its first 'of' ('Museum of Flight'), else its last."""
    tokens = [t for t in span if t.text not in POSSESSIVE]
    if not tokens:
        return span[-1]
    for token in tokens[1:]:
        if token.lower_ == "of":
            return span.doc[token.i - 1]
    return tokens[-1]


INSTITUTION_HEADS = {"center", "centre"}
"""Facility words that also head institutions ('Tax Policy Center', 'Center for X'): a place
only where the model says so or the text goes to it ('at the Kennedy Space Center')."""


def _is_institution(span: Span, head: Token) -> bool:
    if head.lower_ not in INSTITUTION_HEADS:
        return False
    after = span.doc[head.i + 1] if head.i + 1 < span.end else None
    if after is not None and after.lower_ in {"for", "of"}:
        return True
    return span.label_ != "FAC" and not is_locative(span)


def label_from_head(span: Span) -> str:
    """A multi-word name is what its head word says: 'Edmonton Sun' tagged PERSON is an
    organisation, 'Johnson Space Center' tagged ORG a place, 'Space Shuttle Columbia' no
    person, 'Space Shuttle Program' no organisation. A one-word 'organisation' that modifies
    a thing noun is a brand or a system ('the Polaroid camera', 'the ICI system').

    A place keeps its label where it is used as one ('in the West Bank')."""
    heads = name_heads()
    if span.label_ not in NAME_LABELS:
        return span.label_
    if len(name_tokens(span)) < 2:
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if (
            span.label_ == "ORG"
            and after is not None
            and after.text.islower()
            and after.lower_ in heads["thing"]
        ):
            return "PRODUCT"
        return span.label_
    head_token = head_word(span)
    head = head_token.lower_
    if head in heads["facility"] and not _is_institution(span, head_token):
        return "FAC"
    if head in heads["organisation"] and not (span.label_ in {"GPE", "LOC"} and is_locative(span)):
        return "ORG"
    if head in heads["thing"] and span.label_ == "ORG":
        return "PRODUCT"
    if span.label_ == "PERSON" and any(t.lower_ in heads["not_person"] for t in span):
        return "PRODUCT"
    return span.label_


def names_by_head_word(doc: Doc, spans: list[Span]) -> list[Span]:
    """Capitalised proper-noun runs the model left unlabelled, named by their head word:
    'Shandao Station' is a place, 'Toronto Star' and 'Municipality of Livorno'
    organisations."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    heads = name_heads()
    found = []
    i = 0
    while i < len(doc):
        end = capitalised_run_end(doc, i)
        if end - i >= 2 and not any(j in covered for j in range(i, end)):
            run = doc[i:end]
            head = head_word(run).lower_
            label = "FAC" if head in heads["facility"] else None
            label = "ORG" if head in heads["organisation"] else label
            if label:
                found.append(Span(doc, i, end, label=label))
        i = max(end, i + 1)
    return found
