"""Levels of 0: all the troops counted leave ('All 2,000 troops will leave by May'), or a
force holds none ('Finland has no foreign troops on its soil')."""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.extract.schema import TroopLevel
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.dating import attached_date, is_later, possible_date_owners
from app.extract.troop_levels.levels import build_level, keep
from app.extract.troop_levels.names import demonym_place, place_of
from app.extract.troop_levels.nouns import (
    is_troop_body,
    is_troop_noun,
    troops_named_before,
    unit_of,
)
from app.extract.troop_levels.parse import dependent, governing_verb, lemma
from app.extract.troop_levels.status import is_planned
from app.extract.troop_levels.vocabulary import (
    DEPARTURE_NOUNS,
    DEPARTURE_PARTICLES,
    DEPARTURE_VERBS,
    HOLDING_VERBS,
    HOSTING_VERBS,
    LEAVING_QUANTIFIERS,
    STAYING_VERBS,
)


def departure_noun(noun: Token | None) -> Token | None:
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    nominal = noun.head.head
    return nominal if lemma(nominal) in DEPARTURE_NOUNS else None


def none_held(ctx: Context, determiner: Token) -> list[TroopLevel]:
    """'Finland has no foreign troops on its soil', '... today it has none': a level of 0."""
    if determiner.lower_ == "none":
        return _none_left(ctx, determiner)
    noun = determiner.head
    if determiner.dep_ != "det" or not is_troop_noun(noun):
        return []
    if determiner.nbor().lower_ in {"fewer", "more", "less"}:
        return []  # 'no fewer than 1,000 soldiers' is a qualifier
    verb = governing_verb(noun)
    if verb is None or lemma(verb) not in STAYING_VERBS | HOSTING_VERBS:
        return []  # 'No Swedish troops will remain in Mali by the end of the year' is 0 too
    return _held_zero(ctx, Reading(noun, noun, verb), ctx.doc[determiner.i : noun.i + 1])


def _none_left(ctx: Context, none: Token) -> list[TroopLevel]:
    """'France had 3,000 soldiers in Mali; today it has none': 0 of the troops of the level
    just read."""
    verb = none.head
    if none.dep_ != "dobj" or lemma(verb) not in HOLDING_VERBS:
        return []
    # '..., which once had 1,000 soldiers there, now has none': troops named, not a level
    named = None if ctx.read_in(none) else troops_named_before(none)
    # 'At its peak it had 3,600 troops there. It has had none since 2008.'
    just_before = (
        ctx.last is not None and ctx.sentence_index[none.sent.start] - ctx.last_sentence == 1
    )
    if named is None and not (ctx.read_in(none) or just_before):
        return []
    return _held_zero(ctx, Reading(named, none, verb), ctx.doc[none.i : none.i + 1])


def _held_zero(ctx: Context, reading: Reading, evidence: Span) -> list[TroopLevel]:
    """A level of 0 that a holding verb states ('has no troops', 'has none')."""
    return keep(
        build_level(
            ctx,
            reading=reading,
            count=0,
            qualifier="exact",
            evidence=evidence,
            date_owners=possible_date_owners(ctx, reading, reading.verb),
        )
    )


def is_definite(number: Token, noun: Token | None) -> bool:
    """'All 2,000 troops', 'the remaining 900 soldiers', 'its final 25 soldiers', 'the
    5,100-strong force': the whole of a force, not some of it."""
    words = [c for c in number.children]
    if any(w.lower_ == "of" for w in words):
        # 'bring home 60 of its 200 peacekeepers': a part leaves; 'all 900 of its soldiers'
        # is the whole
        return any(w.lower_ == "all" for w in words)
    if noun is not None:
        words += [c for c in noun.children if c.i < noun.i]
        body = unit_of(noun)
        if body is not None:
            # 'its entire contingent of 830 soldiers'
            words += [c for c in body.children if c.i < body.i]
    return any(
        w.lower_ in LEAVING_QUANTIFIERS
        or w.dep_ == "poss"
        or (w.dep_ == "det" and w.lower_ in {"the", "these", "those"})
        for w in words
    )


def departure_verb(verb: Token | None) -> Token | None:
    """'leave' in 'will leave', 'are expected to leave', 'plans to withdraw', 'be home'."""
    while verb is not None and not _leaves(verb):
        verb = dependent(verb, "xcomp")
    return verb


def _leaves(verb: Token) -> bool:
    if lemma(verb) in DEPARTURE_VERBS:
        return True
    if any(_up_to(c) for c in verb.children):
        return False  # 'would bring its contingent back up to 1,500': a size, not leaving
    due = [c for c in verb.children if c.dep_ == "acomp"]  # 'are due back in May'
    if lemma(verb) == "be" and any(c.dep_ == "prep" and c.lower_ == "out" for c in verb.children):
        return True  # 'will be out of the northeast by the end of November'
    return any(
        c.lower_ in DEPARTURE_PARTICLES
        for word in (verb, *due)
        for c in word.children
        if c.dep_ in {"advmod", "prt"}
    ) or any(_misread_home(c) for c in _prepositions_on(verb))


def _up_to(word: Token) -> bool:
    """'up to 1,500', however the parser hangs it."""
    if word.lower_ == "up" or (word.lower_ == "to" and any(t.like_num for t in word.subtree)):
        return True
    return word.like_num and any(c.lower_ in {"up", "to"} for c in word.children)


def _prepositions_on(verb: Token) -> list[Token]:
    """The verb's prepositions and those in its object: 'in Estonia home' hangs on either,
    'all 130 of its troops serving on the Golan Heights home' deep in the object."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    inside = [t for o in objects for t in o.subtree if t.dep_ == "prep"]
    return [c for c in verb.children if c.dep_ == "prep"] + inside


def _misread_home(preposition: Token) -> bool:
    """'bring all 650 troops in Estonia home': the parser makes 'Estonia home' a place."""
    place = dependent(preposition, "pobj")
    if place is None or place.lower_ != "home":
        return False
    named = [c for c in place.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    rest = [c for c in place.children if not (c.dep_ == "compound" and c.pos_ == "PROPN")]
    return bool(named) and all(c.dep_ == "det" for c in rest)  # 'the Golan Heights home'


def departs(verb: Token | None, node: Token) -> bool:
    """The troops counted are the ones leaving: subject or object of 'leave', 'withdraw'...
    Not 'leaving 24,000 in the country' (those stay) nor 'would go to Slovakia' (a
    destination: they arrive)."""
    departure = departure_verb(verb)
    if departure is None:
        return False
    if lemma(departure) == "go" and any(
        c.dep_ == "prep" and c.lower_ in {"to", "into"} for c in departure.children
    ):
        return False
    node = unit_of(node) or node  # 'its entire contingent of 830 soldiers would be home'
    if lemma(departure) == "leave" and node.dep_ == "dobj" and node.head.i == departure.i:
        return False  # not 'ordered the 1,500 troops to leave', 'leaving a force of 200'
    if lemma(departure) == "leave" and node.dep_ == "nsubjpass" and departure.tag_ == "VBN":
        return False  # 'fewer than 1,000 soldiers are left in the region': those who remain
    if (
        node.dep_ == "pobj"
        and node.head.lower_ == "of"
        and node.head.head.lower_ in LEAVING_QUANTIFIERS
    ):
        node = node.head.head  # 'the last of its 1,100 soldiers left': all of them
    return node.dep_ in {"nsubj", "nsubjpass", "dobj"} or node.head.i == verb.i


def leaving_clause(noun: Token | None) -> Token | None:
    """'the 200 Dutch troops who leave next month': a relative clause that says the troops
    counted leave."""
    for clause in (c for c in noun.children if c.dep_ == "relcl") if noun is not None else ():
        relative = any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ in {"WP", "WDT"} for c in clause.children
        )
        departure = departure_verb(clause) if relative else None
        if departure is not None:
            return departure
    return None


def leaves_later(ctx: Context, reading: Reading, departure: Token) -> bool:
    """A present tense with a date after publication ('who leave next month'): planned."""
    if departure.tag_ not in {"VBP", "VBZ"}:
        return False
    owners = possible_date_owners(ctx, reading, departure, own_clauses=False)
    date = attached_date(ctx, owners, "future")
    return date is not None and ctx.published is not None and is_later(date, ctx.published)


def whole_gone(node: Token) -> bool:
    """'Most of the 1,100 soldiers have been flown home', 'has flown 900 of its 1,100
    soldiers home': the whole as it was before part of it left, no size now."""
    if node.dep_ != "pobj" or node.head.lower_ != "of":
        return False
    part = node.head.head
    holder = part.head
    if holder.dep_ in {"csubj", "csubjpass"}:
        part, holder = holder, holder.head  # 'Most of the soldiers sent ... have been flown'
    if part.dep_ not in {"nsubj", "nsubjpass", "dobj", "csubj", "csubjpass"}:
        return False
    departure = departure_verb(holder)
    return departure is not None and departure.tag_ in {"VBD", "VBN"} and not is_planned(departure)


def zero_level(ctx: Context, quantifier: Token) -> list[TroopLevel]:
    """'All (the remaining) foreign soldiers are to leave', 'withdraw all of its forces',
    'withdraw them all', 'all will return home'."""
    doc = quantifier.doc
    if quantifier.i + 1 < len(doc) and doc[quantifier.i + 1].lower_ == "but":
        return []  # 'all but a few hundred had come home': some stay
    if quantifier.lower_ == "every" and quantifier.head.lower_ == "one":
        quantifier = quantifier.head  # 'bring every one of them home'
    target = quantifier.head
    while target.like_num and target.head.i != target.i:
        target = target.head
    of = next((c for c in quantifier.children if c.lower_ == "of"), None)
    if of is not None:
        target = dependent(of, "pobj") or target
    elif quantifier.dep_ in {"nsubj", "nsubjpass"}:
        target = quantifier
    elif target.i == quantifier.i:
        return []
    noun = target if is_troop_body(target) else None  # 'the last French units leave'
    if noun is None and target.pos_ not in {"PRON", "DET"}:
        return []
    node = quantifier if of is not None or target.i == quantifier.i else target
    verb = departure_verb(governing_verb(node))
    if verb is None:
        return []
    first = min([quantifier.i, *(c.i for c in target.lefts)])
    last = max(quantifier.i, target.i)
    return emptied_level(ctx, Reading(noun, node, verb), verb, ctx.doc[first : last + 1])


DEFINITE = {"the", "these", "those", "its", "their"}


def the_troops_leave(ctx: Context, noun: Token) -> list[TroopLevel]:
    """'... sent 2,000 troops to the border. The soldiers were withdrawn in January', 'The
    Marines are due to leave by mid-February': the troops just counted all leave, on a date
    the text gives (without one, 'the soldiers left the base' may be some of them)."""
    if noun.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    if not is_troop_noun(noun) and not _nationals_of_last(ctx, noun):
        return []
    words = list(noun.children)
    if not any(w.lower_ in DEFINITE and w.dep_ in {"det", "poss"} for w in words):
        return []
    if any(w.like_num or w.lower_ in LEAVING_QUANTIFIERS for w in words):
        return []  # counted
    if ctx.last is None or ctx.sentence_index[noun.sent.start] - ctx.last_sentence > 1:
        return []
    places = [place_of(ctx, o) for w in words if w.dep_ == "prep" for o in w.children]
    if any(place != ctx.last.location for place in places):
        return []  # 'the soldiers in Gao': some of them; 'its soldiers in Mali': all there
    verb = departure_verb(governing_verb(noun))
    if verb is None or any(c.dep_ == "prep" and c.lower_ in {"to", "from"} for c in verb.children):
        return []  # 'withdrawn from the front line', 'moved to the north': not gone
    evidence = ctx.doc[noun.left_edge.i : noun.i + 1]
    return gone_on_a_date(ctx, Reading(noun, noun, verb), verb, evidence)


def _nationals_of_last(ctx: Context, noun: Token) -> bool:
    """'... its roughly 75 soldiers. The Americans are expected to be gone by ...': the
    nationals of the force just counted stand for its troops."""
    if ctx.last is None or noun.pos_ != "PROPN" or not noun.lower_.endswith("s"):
        return False
    return demonym_place(ctx, noun.lower_.removesuffix("s")) == ctx.last.force


ENDING_VERBS = {"complete", "finish", "end", "conclude"}


def withdrawal_completed(ctx: Context, nominal: Token) -> list[TroopLevel]:
    """'Germany will complete its withdrawal by the end of the year', after a level: none
    left then."""
    verb = nominal.head
    if nominal.dep_ != "dobj" or lemma(nominal) not in DEPARTURE_NOUNS:
        return []
    if lemma(verb) not in ENDING_VERBS:
        return []
    evidence = ctx.doc[nominal.left_edge.i : nominal.i + 1]
    of = next((c for c in nominal.children if c.lower_ == "of"), None)
    troops = dependent(of, "pobj") if of is not None else None
    if (
        troops is not None
        and is_troop_noun(troops)
        and any(c.lower_ == "all" for c in troops.children)
    ):
        # 'will complete the withdrawal of all U.S. troops from Niger by Sept. 15'
        return gone_on_a_date(ctx, Reading(troops, troops, verb), verb, evidence)
    if ctx.last is None or ctx.sentence_index[nominal.sent.start] - ctx.last_sentence > 1:
        return []
    return gone_on_a_date(ctx, Reading(None, nominal, verb), verb, evidence)


def gone_on_a_date(
    ctx: Context, reading: Reading, departure: Token, evidence: Span
) -> list[TroopLevel]:
    """A level of 0 when the troops leave on a date the text gives."""
    owners = possible_date_owners(ctx, reading, departure, own_clauses=False)
    # any date phrase will do: 'returned home on Friday' is dated by publication
    if not any(ctx.date_owner.get(owner.i) for owner in owners):
        return []
    return emptied_level(ctx, reading, departure, evidence)


def emptied_level(
    ctx: Context,
    reading: Reading,
    departure: Token,
    evidence: Span,
    deadlines: list[Token] | None = None,
) -> list[TroopLevel]:
    """A level of 0 when the troops counted leave, once per troop noun; `deadlines` are
    clauses whose 'by ...' date the departure's."""
    key = (reading.noun or reading.node).i
    if key in ctx.emptied:
        return []
    ctx.emptied.add(key)
    reading = Reading(reading.noun, reading.node, departure)
    return keep(
        build_level(
            ctx,
            reading=reading,
            count=0,
            qualifier="exact",
            evidence=evidence,
            # 'withdraw the 1,200 soldiers it sent last month': the date is of the sending
            date_owners=possible_date_owners(ctx, reading, departure, own_clauses=False)
            + (deadlines or []),
        )
    )
