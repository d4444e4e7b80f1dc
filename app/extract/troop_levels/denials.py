"""Counts the text names but does not state as levels: denied ('has not sent 10,000
soldiers'), taken back ('Earlier reports ... were wrong'), cited as a figure ('the 600
figure') or a year heading a count ('2025: 1,500')."""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.figures import NumberPhrase
from app.extract.troop_levels.context import Reading
from app.extract.troop_levels.departures import is_definite
from app.extract.troop_levels.parse import lemma
from app.extract.troop_levels.vocabulary import CITED_WORDS, RETRACTING_WORDS


def is_year_label(number: Token) -> bool:
    """'2025: 1,500; 2026: 2,200': a year heading a count, not a count."""
    following = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    return (
        number.shape_ == "dddd"
        and 1900 <= int(number.text) <= 2100
        and following is not None
        and following.text.startswith(":")
    )


def is_cited(number: Token) -> bool:
    """'the 600 figure given on Friday': a number named, not troops counted."""
    head = number.head
    return (
        number.dep_ in {"nummod", "compound"}
        and head.i > number.i
        and head.pos_ == "NOUN"
        and lemma(head) in CITED_WORDS
    )


def is_retracted(number: Token) -> bool:
    """'Earlier reports that Norway would send 400 troops were wrong', 'The figure of
    10,000 troops ... is false', 'An earlier version of this article said ... 3,500': a
    count the text takes back."""
    for above in number.ancestors:
        if above.dep_ in {"nsubj", "nsubjpass"} and any(
            c.dep_ == "acomp" and c.lower_ in RETRACTING_WORDS for c in above.head.children
        ):
            return True
        subject = next((c for c in above.children if c.dep_ == "nsubj"), None)
        if (
            subject is not None
            and lemma(subject) == "version"
            and any(c.lower_ in {"earlier", "previous", "original"} for c in subject.children)
        ):
            return True
    return False


def is_denied(phrase: NumberPhrase, reading: Reading) -> bool:
    """'Germany has not sent 10,000 soldiers', 'does not intend to keep 1,000', '250
    troops, not 400': a count the text denies. Not 'has not reduced its contingent of
    1,100', whose troops are there."""
    start = phrase.span.start
    if start > 0 and phrase.span.doc[start - 1].lower_ == "not":
        return True
    noun = reading.noun
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of":
        noun = noun.head.head  # 'its contingent of 1,100 soldiers'
    if is_definite(phrase.count_token, reading.noun) or is_definite(phrase.count_token, noun):
        return False
    verb = reading.verb
    while verb is not None:
        if any(c.dep_ == "neg" for c in verb.children):
            return True
        verb = verb.head if verb.dep_ == "xcomp" else None
    return False
