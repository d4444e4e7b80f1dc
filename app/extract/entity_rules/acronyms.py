"""Acronyms: one the text defines ('Maritime Security Initiative (MSI)') names what its
expansion names, and one left unlabelled is an organisation."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from app.extract.entity_rules.headings import Layout
from app.extract.entity_rules.spans import with_label
from app.extract.entity_rules.vocabulary import NAME_LABELS, person_nouns
from app.extract.patterns import role_heads

ACRONYM_CONNECTORS = {"of", "for", "and", "the", "on", "de", "in", "&"}


def _acronym_definitions(doc: Doc) -> list[tuple[Span, Token]]:
    """'Maritime Security Initiative (MSI)': the words whose initials spell the acronym."""
    found = []
    for token in doc[2:-1]:
        text = token.text
        if not (2 <= len(text) <= 8 and text.isupper() and text.isalpha()):
            continue
        if doc[token.i - 1].text != "(" or doc[token.i + 1].text != ")":
            continue
        letters = list(text)
        i = token.i - 2
        while i >= 0 and letters:
            word = doc[i]
            if word.lower_ in ACRONYM_CONNECTORS and not word.text.isupper():
                if word.text[0].upper() == letters[-1] and word.text[0].isupper():
                    letters.pop()
                i -= 1
                continue
            if not word.text[:1].isupper() or word.text[0] != letters[-1]:
                break
            letters.pop()
            i -= 1
        if letters:
            continue
        start = i + 1
        while doc[start].lower_ in ACRONYM_CONNECTORS:
            start += 1
        found.append((Span(doc, start, token.i - 1), token))
    return found


def _is_role(span: Span) -> bool:
    return any(t.lower_ in role_heads() for t in span) and not any(
        t.ent_type_ == "ORG" and t.lower_ not in role_heads() for t in span
    )


def with_defined_acronyms(doc: Doc, spans: list[Span]) -> tuple[list[Span], dict]:
    """'Maritime Security Initiative (MSI)': the expansion and the acronym as one name (or
    neither, when the words are a position: 'Chief of Naval Operations (CNO)'). The acronym
    elsewhere is what its expansion is: 'KSC employees' after 'Kennedy Space Center (KSC)'
    is a place."""
    acronyms: dict[tuple[int, int], str] = {}
    labels: dict[str, str] = {}
    for expansion, acronym in _acronym_definitions(doc):
        if _is_role(expansion):
            spans = [s for s in spans if not (s.start <= acronym.i < s.end)]
            continue
        overlapping = [s for s in spans if s.start < expansion.end and expansion.start < s.end]
        label = next((s.label_ for s in overlapping if s.label_ in NAME_LABELS), "ORG")
        spans = [s for s in spans if s not in overlapping and not s.start <= acronym.i < s.end]
        spans.append(Span(doc, expansion.start, expansion.end, label=label))
        spans.append(Span(doc, acronym.i, acronym.i + 1, label=label))
        acronyms[(expansion.start_char, expansion.end_char)] = acronym.text
        labels[acronym.text] = label
    spans = [
        with_label(s, labels[s.text]) if len(s) == 1 and s.text in labels else s for s in spans
    ]
    spans += [
        Span(doc, token.i, token.i + 1, label=labels[token.text])
        for token in doc
        if token.text in labels and not token.ent_type_ and not _in_any(token.i, spans)
    ]
    return spans, acronyms


def _in_any(index: int, spans: list[Span]) -> bool:
    return any(s.start <= index < s.end for s in spans)


def bare_acronyms(doc: Doc, spans: list[Span], layout: Layout) -> list[Span]:
    """An all-capital proper noun the model left unlabelled ('GCHQ') is an organisation,
    unless it is a position ('MP', 'QC')."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    return [
        Span(doc, token.i, token.i + 1, label="ORG")
        for token in doc
        if token.i not in covered
        and 2 <= len(token.text) <= 6
        and token.text.isupper()
        and token.text.isalpha()
        and token.pos_ == "PROPN"
        and token.lower_ not in person_nouns()
        and not layout.in_headline(token.i)
        and not (token.i > 0 and doc[token.i - 1].text == "(")
    ]
