"""Levels in a list of short items after a heading, as wire factboxes write them:
'Deployments at a glance: Poland (US, c. 10,000 troops); Romania (France, approx. 800)',
'NATO troop strength (May 2023): Lithuania battlegroup 1,600; Latvia battlegroup 1,700'.
The parser makes little of these, so each item is read from its words: the place that
opens it, the force in it or in the heading, its one count."""

from __future__ import annotations

from spacy.tokens import Span

from app.extract.date_facts import date_span
from app.extract.figures import NumberPhrase
from app.extract.schema import TroopLevel
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.levels import build_level
from app.extract.troop_levels.names import force_named, place_of
from app.extract.troop_levels.nouns import is_troop_body
from app.extract.troop_levels.parse import lemma
from app.extract.troop_levels.vocabulary import ADDITION_WORDS

HEADING_WORDS = {"deployment", "strength", "presence", "troop", "force"}
ITEM_SEPARATORS = {";", ":"}
"""What ends a heading or an item; the tokenizer may glue them to a bracket ('):')."""


def factbox_level(
    ctx: Context, phrase: NumberPhrase, phrases: list[NumberPhrase]
) -> TroopLevel | None:
    number = phrase.count_token
    doc, sentence = ctx.doc, number.sent
    colon = next((t for t in sentence if t.is_punct and ":" in t.text), None)
    if colon is None or colon.i > number.i:
        return None
    heading = doc[sentence.start : colon.i]
    troops = next((t for t in heading if is_troop_body(t) or lemma(t) in HEADING_WORDS), None)
    if troops is None:
        return None
    item = _item(doc[colon.i : sentence.end], number.i)
    if item is None or sum(1 for p in phrases if _inside(p.span, item)) != 1:
        return None
    if any(t.lower_ in ADDITION_WORDS for t in item):
        return None  # 'Poland (US, 1,000 more)': a change
    place = next((name for t in item[:3] if (name := place_of(ctx, t)) is not None), None)
    if place is None:
        return None
    named = (force_named(ctx, t) for t in item if t.i > item.start)
    force = next((f for f in named if f is not None and f != place), None)
    force = force or next((f for t in heading if (f := force_named(ctx, t)) is not None), None)
    if force is None:
        return None
    dated = ctx.date_owner.setdefault(troops.i, [])
    for ent in heading.ents:
        span = date_span(ent) if ent.label_ == "DATE" else None
        if span is not None and span not in dated:
            dated.append(span)  # 'NATO troop strength (May 2023):' dates every item
    return build_level(
        ctx,
        reading=Reading(troops, number, None),
        count=int(phrase.value),
        qualifier=phrase.qualifier,
        evidence=phrase.span,
        date_owners=[troops],
        planned=False,
        force=force,
        location=place,
    )


def _item(listing: Span, at: int) -> Span | None:
    """The item of a ';'-separated list holding token `at`, when the list has two or more."""
    cuts = [t.i for t in listing if t.is_punct and not ITEM_SEPARATORS.isdisjoint(t.text)]
    if len(cuts) < 2:
        return None
    start = max(i for i in cuts if i < at) + 1
    end = min([i for i in cuts if i > at] or [listing.end])
    doc = listing.doc
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def _inside(span: Span, item: Span) -> bool:
    return item.start <= span.start and span.end <= item.end
