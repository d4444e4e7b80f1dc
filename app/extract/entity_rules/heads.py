"""A name is what its head word says ('Toronto Star' an organisation, 'Johnson Space Center'
a place): relabel the model's names by it, and find the names the model left unlabelled."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from app.extract.entity_rules.spans import (
    capitalised_run_end,
    is_locative,
    name_tokens,
    with_label,
)
from app.extract.entity_rules.vocabulary import NAME_LABELS, POSSESSIVE, WEAK_LABELS, name_heads


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
only where the model says so, the text goes to it ('at the Kennedy Space Center') or the
word before it names a site ('Space Center', 'Convention Centre')."""


def _is_institution(span: Span, head: Token) -> bool:
    if head.lower_ not in INSTITUTION_HEADS:
        return False
    after = span.doc[head.i + 1] if head.i + 1 < span.end else None
    if after is not None and after.lower_ in {"for", "of"}:
        return True
    before = span.doc[head.i - 1] if head.i > span.start else None
    if before is not None and before.lower_ in name_heads()["site_modifiers"]:
        return False
    return span.label_ != "FAC" and not is_locative(span)


def label_from_head(span: Span) -> str:
    """A multi-word name is what its head word says: 'Edmonton Sun' tagged PERSON is an
    organisation, 'Johnson Space Center' tagged ORG a place, 'Space Shuttle Columbia' no
    person, 'Space Shuttle Program' no organisation. A one-word 'organisation' that modifies
    a thing noun is a brand or a system ('the Polaroid camera', 'the ICI system').

    A place keeps its label where it is used as one ('in the West Bank'); a title headed by
    a facility word ('The Museum of Flight' as WORK_OF_ART) is a place too."""
    heads = name_heads()
    if span.label_ == "WORK_OF_ART" and len(name_tokens(span)) >= 2:
        return _building(span) or span.label_
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


def _building(span: Span) -> str | None:
    """'The Museum of Flight' read as a title: a name headed by a facility word is a place
    whatever the model called it; a show ('Meet the Press') or a slogan ('Hillary for
    Prison') keeps its title label."""
    head = head_word(span)
    joined = all(t.text[:1].isupper() or t.lower_ in {"of", "the"} for t in span)
    if joined and head.lower_ in name_heads()["facility"] and not _is_institution(span, head):
        return "FAC"
    return None


def names_by_head_word(doc: Doc, spans: list[Span]) -> list[Span]:
    """Capitalised proper-noun runs the model left unlabelled, named by their head word:
    'Shandao Station' is a place, 'Toronto Star' and 'Municipality of Livorno'
    organisations. A weak label on part of the run gives way ('Launch' read as a people in
    'Launch Pad')."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    heads = name_heads()
    found = []
    i = 0
    while i < len(doc):
        end = capitalised_run_end(doc, i)
        inside = [taken[j] for j in range(i, end) if j in taken]
        if end - i >= 2 and all(
            s.label_ in WEAK_LABELS | {"NORP"} and i <= s.start and s.end <= end for s in inside
        ):
            run = doc[i:end]
            head = head_word(run).lower_
            label = "FAC" if head in heads["facility"] else None
            label = "ORG" if head in heads["organisation"] else label
            if label:
                found.append(Span(doc, i, end, label=label))
        i = max(end, i + 1)
    return found


THING_DETERMINERS = {"the", "a", "an", "own", "its", "his", "her", "their", "our", "my", "your"}


def _used_as_thing(token: Token) -> bool:
    """'the Polaroid camera', 'the cruise ship, Freewinds': a name modifying a thing noun,
    or named by one ('the ship Freewinds', also in apposition)."""
    heads = name_heads()
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and after.text.islower() and after.lower_ in heads["thing"]:
        return True
    before = doc[token.i - 1] if token.i > 0 else None
    kinds = heads["thing"] | heads["not_person"]
    if before is not None and before.text.islower() and before.lower_ in kinds:
        return True
    return token.dep_ == "appos" and token.head.lower_ in kinds


def _never_bare(token: Token) -> bool:
    """Used as a common noun or a modifier: after an article or owner ('the Polaroid's flash',
    'their own Polaroid'), or beside another word of its phrase ('the Polaroid-room',
    'Warhol Polaroid exhibits')."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return (
        (before is not None and (before.lower_ in THING_DETERMINERS or before.pos_ == "PROPN"))
        or (after is not None and (after.text == "-" or after.pos_ in {"NOUN", "PROPN"}))
        or _used_as_thing(token)
    )


def things_named_again(doc: Doc, spans: list[Span]) -> list[Span]:
    """Brands and vessels: a one-word name the text uses as a thing twice or more ('the
    Polaroid camera', 'the cruise ship, Freewinds') and never as a bare name is a thing in
    every mention. 'Google' stays an organisation in an article that also says 'at Google';
    an acronym ('the GOP platform', 'the GOP nominee') is taken for an organisation."""
    words = {s.text for s in spans if len(s) == 1 and s.label_ == "ORG"}
    uses: dict[str, list[Token]] = {}
    for token in doc:
        if token.text in words:
            uses.setdefault(token.text, []).append(token)
    things = {
        word
        for word, tokens in uses.items()
        if not word.isupper()
        and sum(_used_as_thing(t) for t in tokens) >= 2
        and all(_never_bare(t) for t in tokens)
    }
    return [
        with_label(s, "PRODUCT") if s.label_ == "ORG" and s.text in things else s for s in spans
    ]
