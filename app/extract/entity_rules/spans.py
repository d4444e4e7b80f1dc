"""Small questions every rule asks of a span or token (its words, whether an article or a
preposition of place stands before it, where its capitalised run ends), and the two ways
rules change a list of spans (relabel one, prefer some over those they overlap)."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from app.extract.entity_rules.vocabulary import (
    ARTICLES,
    DETERMINERS,
    LOCATIVE_PREPOSITIONS,
    POSSESSIVE,
)


def name_tokens(span: Span) -> list[Token]:
    """The words of a name, without 'the', 'this' or a possessive ("the EU's" -> EU)."""
    return [t for t in span if t.lower_ not in DETERMINERS and t.text not in POSSESSIVE]


def is_locative(span: Span) -> bool:
    """'in the West Bank', 'at Kennedy Space Center': a preposition of place before it."""
    before = span.start - 1
    if before > 0 and span.doc[before].lower_ == "the":
        before -= 1
    return before >= 0 and span.doc[before].lower_ in LOCATIVE_PREPOSITIONS


def after_article(token: Token) -> bool:
    """'the Hajj', 'a Booker': an article before a lone name; not 'the Obama administration',
    where the name modifies a noun."""
    return (
        token.i > 0
        and token.doc[token.i - 1].lower_ in ARTICLES
        and token.dep_ not in {"compound", "nmod", "poss"}
    )


def capitalised_run_end(doc: Doc, start: int) -> int:
    """End of the proper-noun run from `start`, through 'of' ('Municipality of Livorno')."""
    end = start
    while end < len(doc):
        token = doc[end]
        capitalised = token.pos_ == "PROPN" and token.text[:1].isupper()
        joins = (
            token.lower_ == "of"
            and end > start
            and end + 1 < len(doc)
            and doc[end + 1].pos_ == "PROPN"
            and doc[end + 1].text[:1].isupper()
        )
        if not (capitalised or joins):
            break
        end += 1
    return end


def with_label(span: Span, label: str) -> Span:
    return span if label == span.label_ else Span(span.doc, span.start, span.end, label=label)


def prefer(spans: list[Span], preferred: list[Span]) -> list[Span]:
    """`spans` without those that overlap a preferred span, plus the preferred spans."""
    covered = {i for p in preferred for i in range(p.start, p.end)}
    kept = [s for s in spans if not any(i in covered for i in range(s.start, s.end))]
    return kept + preferred
