"""Organisations as a reader sees them: without 'the' or an owner ("the EU's X"), not a word
of a title ('Chief of Navy Staff'), and named by the people who work for or belong to them."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from app.extract.entity_rules.spans import with_label
from app.extract.entity_rules.titles import title_length
from app.extract.entity_rules.vocabulary import PLACE_LABELS, POSSESSIVE, WEAK_LABELS, person_nouns
from app.extract.patterns import role_heads

DASHES = {"–", "—", "-"}


def organisation_pieces(span: Span) -> list[Span]:
    """Drop 'the', 'X-led' and an owner ("the EU's X" -> EU, X); extend 'UN Forces – Cyprus'.
    A piece that does not start with a capital ("Trump's 1995") is no name."""
    doc = span.doc
    start, end = span.start, span.end
    pieces: list[Span] = []
    if doc[start].lower_ == "the":
        start += 1
    for token in doc[start:end]:
        if token.text in POSSESSIVE and token.i + 1 < end and token.i > start:
            pieces.append(Span(doc, start, token.i, label="ORG"))
            start = token.i + 1
        elif token.lower_ == "led" and token.i > start and doc[token.i - 1].text in DASHES:
            pieces.append(Span(doc, start, token.i - 1, label="ORG"))
            start = token.i + 1
    while end > start and doc[end - 1].text in POSSESSIVE:
        end -= 1
    if (
        end + 2 <= len(doc)
        and doc[end].text in DASHES
        and doc[end + 1].ent_type_ in PLACE_LABELS
        and (end + 2 == len(doc) or doc[end + 2].is_punct or doc[end + 2].lower_ in {"and", "or"})
    ):
        end += 2
    if end > start:
        pieces.append(Span(doc, start, end, label="ORG"))
    return [p for p in pieces if p.text[:1].isupper() or p.text[:1] == "@"]


def is_modifier_of_proper_name(span: Span) -> bool:
    """'Navy' in 'Chief of Navy Staff' or "Kenya's Navy Commander": part of a title, not an org
    ('the Refugee Council Enver Solomon' is still one)."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        after is not None
        and after.pos_ == "PROPN"
        and after.text[:1].isupper()
        and not after.ent_type_
        and (after.lower_ in role_heads() or after.lower_ == "staff" or title_length([after]) > 0)
    )


def organisations_before_roles(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Facebook creator Mark Zuckerberg', 'Environment Canada spokesperson Julie Hahn': the
    proper name before a lowercase role noun that stands before a person is the person's
    organisation; so is an unlabelled name before a noun for an organisation's people
    ('Scientology officials'). A country, a people or a person keeps its label ('US envoy',
    'Trump adviser')."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    found = []
    for token in doc[1:-1]:
        if not token.text.islower() or token.lemma_.lower() not in person_nouns():
            continue
        after = taken.get(token.i + 1)
        before_person = after is not None and after.label_ == "PERSON"
        if not before_person and token.lemma_.lower() not in MEMBER_NOUNS:
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        if start == token.i or title_length(list(doc[start : token.i])):
            continue
        covering = {id(taken[i]): taken[i] for i in range(start, token.i) if i in taken}.values()
        if not before_person and covering:
            continue
        if all(
            start <= s.start
            and s.end <= token.i
            and s.label_ not in {"PERSON", "NORP"}
            and not (s.label_ in PLACE_LABELS and (s.start, s.end) == (start, token.i))
            for s in covering
        ):
            found.append(Span(doc, start, token.i, label="ORG"))
    return found


MEMBER_NOUNS = {
    "official",
    "employee",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "attorney",
    "lawyer",
    "executive",
    "staff",
    "member",
    "officer",
}
"""People who speak or act for an organisation: 'Scientology officials', 'Acme spokesman'."""


def organisations_people_belong_to(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Nathan Law of Demosisto', 'Nick Rhodes of Duran Duran': a name right after
    'PERSON of' is the person's party, band or employer, an organisation, unless the
    model calls it a place ('Ali of Kuwait')."""
    in_person = {i for s in spans if s.label_ == "PERSON" for i in range(s.start, s.end)}
    relabelled = []
    for span in spans:
        owner = doc[span.start - 2] if span.start >= 2 else None
        if (
            span.label_ in {"PERSON", "NORP", "FAC"} | WEAK_LABELS
            and owner is not None
            and doc[span.start - 1].lower_ == "of"
            and owner.i in in_person
        ):
            span = with_label(span, "ORG")
        relabelled.append(span)
    return relabelled
