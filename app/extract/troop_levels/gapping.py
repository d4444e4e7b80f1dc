"""Levels whose verb and noun are left out because a list shares them: 'Britain has 900
troops in Estonia, France 300 and Spain about 350', 'Germany leads in Lithuania with
1,600, Canada in Latvia with 2,000'. The parser makes little of these, so they are read
from the words: a country that opens a list item and the count that closes it."""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.extract.figures import NumberPhrase, counted_noun
from app.extract.schema import TroopLevel
from app.extract.troop_levels.context import Context
from app.extract.troop_levels.names import force_named, place_of
from app.extract.troop_levels.vocabulary import ADDITION_WORDS

ITEM_OPENERS = {",", ";", "and", "while", "whereas"}
MAX_ITEM_TOKENS = 12


def gapped_level(ctx: Context, phrase: NumberPhrase) -> TroopLevel | None:
    """The level a count states in a list item after a level of the same sentence, with
    the item's own force (and place, after 'in'); status and date as the level before."""
    last = ctx.last
    number = phrase.count_token
    if last is None or not ctx.read_in(number):
        return None
    counted = counted_noun(number)
    if counted is not None and counted.pos_ == "NOUN":
        return None  # 'France sent 300 tanks': the count has a noun of its own
    after = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    if after is not None and after.lower_ in ADDITION_WORDS:
        return None  # 'and 300 more'
    item, force = None, None
    for item in _items_before(phrase.span, last.end):
        if any(t.pos_ in {"VERB", "AUX"} for t in item):
            return None  # an item with a verb of its own says something else
        force = next((name for t in item if (name := _country(ctx, t)) is not None), None)
        if force is not None:
            break
    if item is None or force is None or force == last.force:
        return None
    places = (place_of(ctx, t) for t in item if t.i > item.start and t.doc[t.i - 1].lower_ == "in")
    location = next((place for place in places if place is not None), None)
    level = last.model_copy(
        update={
            "text": phrase.span.text,
            "start": phrase.span.start_char,
            "end": phrase.span.end_char,
            "count": int(phrase.value),
            "qualifier": phrase.qualifier,
            "force": force,
            "location": location or last.location,
        }
    )
    ctx.last = level
    return level


def _items_before(span: Span, after_char: int) -> list[Span]:
    """The words of the list item that ends with the count, shortest first: from an opener
    (a comma, a semicolon, 'and') after the level before up to the count. 'Algeria fields
    about 130,000 troops, according to X, and Morocco some 195,000': 'Morocco some'."""
    doc = span.doc
    items = []
    for token in reversed(doc[max(span.sent.start, span.start - MAX_ITEM_TOKENS) : span.start]):
        if token.idx < after_char or token.like_num:
            break
        if token.lower_ in ITEM_OPENERS and token.i + 1 < span.start:
            items.append(doc[token.i + 1 : span.start])
    return items


def _country(ctx: Context, token: Token) -> str | None:
    """A place or organisation that can hold troops, named by the token (capitalised
    inside the sentence, whatever the tagger says: 'and the South fewer than 700')."""
    if token.pos_ != "PROPN" and not (token.is_title and token.i > token.sent.start):
        return None
    return force_named(ctx, token)
