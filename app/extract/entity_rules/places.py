"""Places as a reader sees them: named by a place noun ('the town of X'), not a stance
('pro-Beijing'), and a country that acts read as its government or team."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from app.extract.entity_rules.spans import capitalised_run_end, name_tokens, with_label
from app.extract.entity_rules.vocabulary import MISREAD_NAME_LABELS, POSSESSIVE
from app.extract.patterns import demonyms


def places_named_by_kind(doc: Doc, spans: list[Span]) -> list[Span]:
    """'the town of Yeoncheon', 'the province of Helmand', 'the Lombardy region': the name
    after a place noun and 'of', or between 'the' and such a noun, is a place, whatever the
    model called it."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    names = []
    for token in doc[2:]:
        if doc[token.i - 1].lower_ == "of" and doc[token.i - 2].lower_ in PLACE_NOUNS:
            names.append(doc[token.i : capitalised_run_end(doc, token.i)])
        if token.lower_ in PLACE_NOUNS and token.text.islower():
            start = token.i
            while (
                start > 0
                and doc[start - 1].pos_ in {"PROPN", "ADJ"}
                and doc[start - 1].is_title
                and doc[start - 1].lower_ not in demonyms()
            ):
                start -= 1
            if start < token.i and start > 0 and doc[start - 1].lower_ == "the":
                names.append(doc[start : token.i])
    places = []
    for name in names:
        covering = {id(taken[i]): taken[i] for i in range(name.start, name.end) if i in taken}
        if len(name) and all(
            s.label_ in MISREAD_NAME_LABELS - {"GPE", "NORP"}
            and name.start <= s.start
            and s.end <= name.end
            for s in covering.values()
        ):
            places.append(Span(doc, name.start, name.end, label="GPE"))
    return places


PLACE_NOUNS = {
    "town",
    "city",
    "village",
    "province",
    "region",
    "district",
    "county",
    "island",
    "islands",
    "state",
    "capital",
    "port",
    "municipality",
    "republic",
    "kingdom",
    "emirate",
}
"""Lowercase nouns that name a place by the name after 'of' ('the town of X')."""


def is_attitude(span: Span) -> bool:
    """'anti-Pyongyang propaganda', 'pro-Beijing candidates': a stance, not a place."""
    doc = span.doc
    if span.text.lower().startswith(("pro-", "anti-")):
        return True
    return (
        span.start >= 2
        and doc[span.start - 1].text == "-"
        and doc[span.start - 2].lower_ in {"pro", "anti"}
    )


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _acts(span: Span) -> bool:
    """Subject of an action. A dateline ('WASHINGTON —', all capitals) only says where."""
    subject = _first_conjunct(span.root)
    verb = subject.head
    return (
        not (span.text.isupper() and len(span.text) > 3)
        and subject.dep_ == "nsubj"
        and verb.pos_ == "VERB"
        and verb.lemma_ != "be"
        and span[-1].text not in POSSESSIVE
    )


def places_acting_as_organisations(spans: list[Span]) -> list[Span]:
    """'North Korea fired artillery', 'Sweden defeated South Korea': a country or city as the
    subject of an action is its government or team, an organisation (GUM's convention).
    One sense per article: a name that acts in most of its mentions is an organisation
    in all of them ('a loudspeaker in South Korea'), otherwise a place in all of them
    ('Thailand has cracked down' in an article about Thailand as a place)."""
    uses: dict[str, Counter[bool]] = {}
    for span in spans:
        if span.label_ == "GPE":
            key = " ".join(t.text for t in name_tokens(span))
            uses.setdefault(key, Counter())[_acts(span)] += 1
    relabelled = []
    for span in spans:
        if span.label_ == "GPE":
            counts = uses[" ".join(t.text for t in name_tokens(span))]
            if counts[True] * 2 > counts.total():
                span = with_label(span, "ORG")
        relabelled.append(span)
    return relabelled


HOME_NOUNS = PLACE_NOUNS | {"home", "hometown", "birthplace"}


def _next_is_boundary(span: Span) -> bool:
    doc = span.doc
    return span.end >= len(doc) or doc[span.end].is_punct or doc[span.end].is_space


def places_by_apposition(doc: Doc, spans: list[Span]) -> list[Span]:
    """'from Herat, their home,' and 'in Livorno, Tuscany,': a name in apposition to a place
    noun, or set off by commas after a place it narrows, is a place. A word the article
    also gives a person ('Paris, Smith said') is left alone."""
    places = {i for s in spans if s.label_ in {"GPE", "LOC"} for i in range(s.start, s.end)}
    person_words = {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s}
    found = []
    for span in spans:
        if span.label_ not in MISREAD_NAME_LABELS - {"GPE", "LOC"} | {"PERSON"} or len(span) > 3:
            continue
        root = span.root
        described = any(
            c.dep_ == "appos" and c.text.islower() and c.lower_ in HOME_NOUNS for c in root.children
        )
        narrows = (
            root.dep_ == "appos"
            and root.head.i in places
            and doc[span.start - 1].text == ","
            and _next_is_boundary(span)
            and not any(t.text in person_words for t in span)
        )
        if described or narrows:
            found.append(with_label(span, "GPE"))
    return found
