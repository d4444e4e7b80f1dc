"""When a count is the size now, whatever else its sentence plans or dates: 'the force, now
290 strong, could double', 'up from 500 today', 'would keep the 900 soldiers in Latvia',
'any cut to the 35,000 troops based in Germany', 'now number around 15,000, three times the
count in January'."""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.troop_levels.changes import is_current_size
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.departures import is_definite
from app.extract.troop_levels.nouns import QUALIFIER_WORDS, unit_of
from app.extract.troop_levels.parse import lemma
from app.extract.troop_levels.status import is_planned
from app.extract.troop_levels.vocabulary import HOLDING_VERBS, NOW_WORDS


def is_size_now(ctx: Context, number: Token, anchor: Token, reading: Reading) -> bool:
    return (
        is_current_size(reading)
        or _left_over(reading.noun)
        or said_now(number)
        or _verb_says_now(anchor, reading.verb)
        or _kept(ctx, anchor, reading)
        or _stationed_now(ctx, anchor, reading)
        or _joined(anchor, reading)
        or _home_to(reading.noun)
    )


OTHERS_ADDED = {"with", "including", "plus", "besides"}


def _left_over(noun: Token | None) -> bool:
    """'With fewer than 100 soldiers left in Niger, Germany will complete its withdrawal':
    the troops still there, now."""
    children = noun.children if noun is not None else ()
    return any(c.dep_ == "acl" and c.tag_ == "VBN" and lemma(c) == "leave" for c in children)


def said_now(number: Token) -> bool:
    """'up from 500 today', 'double the roughly 500 there now', '300 troops currently in
    Mali', '(currently 60)', 'now at 20,000': the size today. Not past a comma or another number ('from 500
    to 300 now')."""
    before = number.i - 1
    while before > 0 and (
        number.doc[before].lower_ in QUALIFIER_WORDS or number.doc[before].lower_ == "at"
    ):
        before -= 1  # 'its army, now at about 20,000, is to add ...'
    if before >= 0 and number.doc[before].lower_ in NOW_WORDS:
        return True
    for token in number.doc[number.i + 1 : number.i + 4]:
        if token.is_punct or token.like_num or token.lower_ in OTHERS_ADDED:
            return False  # 'a total of 17,000 with those already there': the others are now
        if token.lower_ in NOW_WORDS:
            return True
    return False


def _verb_says_now(number: Token, verb: Token | None) -> bool:
    """'Turkish troops ... now number around 15,000, three times the count in January': a
    level the verb says is now is dated now, whatever other date the clause holds. The
    words between the number and its verb count too, since the parser may take 'number'
    for a noun."""
    if verb is None or is_planned(verb):
        return False
    token = number
    while token.i != verb.i and token.head.i != token.i:
        token = token.head
        if any(c.dep_ == "advmod" and c.lower_ in NOW_WORDS - {"already"} for c in token.children):
            return True  # 'already had 40,000 as of last month' is dated by its date
    return False


def _kept(ctx: Context, number: Token, reading: Reading) -> bool:
    """'would keep the 900 soldiers in Latvia': the troops there now, kept; not 'will keep
    900 troops there' or 'will keep its contingent at 1,200', plans."""
    verb, noun = reading.verb, reading.noun
    if verb is None or noun is None or not noun.left_edge.i <= number.i <= noun.right_edge.i:
        return False
    asked = any(c.dep_ == "mark" and c.lower_ in {"whether", "if"} for c in verb.children)
    if lemma(verb) in {"stay", "remain"} and noun.dep_ == "nsubj" and asked:
        # 'has not said whether its roughly 1,500 troops in Hiraan will stay': there now
        # ('will stay through 2023' plans them for then)
        return is_definite(number, noun) and verb.i not in ctx.date_owner
    return (
        lemma(verb) in {"keep", "retain", "maintain"}
        and noun.dep_ == "dobj"
        and is_definite(number, noun)
    )


def _home_to(noun: Token | None) -> bool:
    """ "Russia's base in Tajikistan, home to about 7,000 servicemen, will be expanded": an
    aside on who is there now."""
    return (
        noun is not None
        and noun.dep_ == "pobj"
        and noun.head.lower_ == "to"
        and noun.head.head.lower_ == "home"
    )


JOINING_VERBS = {"join", "reinforce", "bolster", "strengthen"}


REPLACING_VERBS = {"replace", "relieve", "succeed"}


def _joined(number: Token, reading: Reading) -> bool:
    """'The troops will join the 1,100-strong battlegroup there in March', 'will replace a
    unit of sixty soldiers': the force joined or replaced is there already, at its size
    now; the date is the newcomers'."""
    verb, noun = reading.verb, reading.noun
    if verb is None or noun is None or not noun.left_edge.i <= number.i <= noun.right_edge.i:
        return False
    whole = unit_of(noun) or noun
    if whole.dep_ != "dobj" or whole.head.i != verb.i:
        return False
    if lemma(verb) in REPLACING_VERBS:
        return True
    return lemma(verb) in JOINING_VERBS and whole.i == noun.i and is_definite(number, noun)


def _stationed_now(ctx: Context, number: Token, reading: Reading) -> bool:
    """'would forbid any cut to the 35,000 American troops based in Germany': troops said to
    be where they are, with no date of their own, are there now, whatever the sentence plans."""
    noun = reading.noun
    if noun is None or reading.node.i != noun.i or not is_definite(number, noun):
        return False
    placed = next(
        (
            c
            for c in noun.children
            if c.dep_ == "acl" and c.tag_ == "VBN" and lemma(c) in HOLDING_VERBS
        ),
        None,
    )
    return placed is not None and placed.i not in ctx.date_owner and noun.i not in ctx.date_owner
