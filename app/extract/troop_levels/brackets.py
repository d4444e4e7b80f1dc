"""Counts in brackets after the force they belong to: 'The largest contingents come from
Germany (1,100), France (800) and Italy (600)', 'Troops from Germany (1,100 soldiers) ...'."""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.figures import NumberPhrase
from app.extract.schema import TroopLevel
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.levels import build_level
from app.extract.troop_levels.names import force_named
from app.extract.troop_levels.nouns import is_troop_body, is_troop_noun
from app.extract.troop_levels.parse import governing_verb, subject_of


def bracketed_level(ctx: Context, phrase: NumberPhrase) -> TroopLevel | None:
    number = phrase.count_token
    node = number.head if number.dep_ == "nummod" and is_troop_noun(number.head) else number
    if node.dep_ != "appos" or not _in_brackets(node):
        return None
    force = force_named(ctx, node.head)
    troops = _troops_from(node.head)
    if force is None or troops is None:
        return None
    return build_level(
        ctx,
        reading=Reading(troops, troops, governing_verb(troops)),
        count=int(phrase.value),
        qualifier=phrase.qualifier,
        evidence=phrase.span,
        date_owners=[number],
        force=force,
    )


def _in_brackets(node: Token) -> bool:
    doc = node.doc
    start, end = node.left_edge.i, node.right_edge.i
    return (
        start > 0 and doc[start - 1].text == "(" and end + 1 < len(doc) and doc[end + 1].text == ")"
    )


def _troops_from(name: Token) -> Token | None:
    """The troops the names are sources of: 'contingents come from Germany (...), France
    (...)', 'Troops from Germany (...)'."""
    while name.dep_ == "conj" and name.head.i != name.i:
        name = name.head
    if name.dep_ != "pobj" or name.head.lower_ != "from":
        return None
    owner = name.head.head
    if is_troop_body(owner):
        return owner
    subject = subject_of(owner) if owner.pos_ in {"VERB", "AUX"} else None
    return subject if subject is not None and is_troop_body(subject) else None
