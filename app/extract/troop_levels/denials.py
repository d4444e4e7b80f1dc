"""Counts the text names but does not state as levels: denied ('has not sent 10,000
soldiers'), taken back ('Earlier reports ... were wrong'), cited as a figure ('the 600
figure'), a year heading a count ('2025: 1,500'), room for troops ('can house 3,000'), a cap
('capped ... at 800') and a count on a condition ('could deploy 2,000 if the UN pays')."""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.figures import SCALE_WORDS, NumberPhrase
from app.extract.troop_levels.context import Reading
from app.extract.troop_levels.departures import is_definite
from app.extract.troop_levels.parse import lemma
from app.extract.troop_levels.status import is_plan_word, is_planned
from app.extract.troop_levels.vocabulary import (
    BUILT_FOR_VERBS,
    CAPACITY_NOUNS,
    CAPACITY_VERBS,
    CITED_WORDS,
    HYPOTHETICAL_MODALS,
    LIMITING_VERBS,
    MEASURE_UNITS,
    RETRACTING_WORDS,
)

CONDITIONS = {"if", "unless"}


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
    doc = phrase.span.doc
    while verb is not None:
        for c in verb.children:
            # 'It has not: about 10,000 troops were there', the denial before a colon
            colon = any(t.text in {":", ";"} for t in doc[c.i : start])
            if c.dep_ == "neg" and not colon:
                return True
        verb = verb.head if verb.dep_ == "xcomp" else None
    return False


def is_proportion(phrase: NumberPhrase) -> bool:
    """'12% of its 70,000 troops', 'three times the count in January': a share or a
    multiple, not a count."""
    after = phrase.span.doc[phrase.span.end] if phrase.span.end < len(phrase.span.doc) else None
    words = [*phrase.span, *([after] if after is not None else [])]
    if any(t.text == "%" or t.lower_ in {"percent", "per", "times", "fold"} for t in words):
        return True
    # 'Two-thirds of the 3,000 troops', not 'a quarter of a million' or 'two and a half thousand'
    scaled = any(t.lower_ in SCALE_WORDS for t in phrase.span)
    return not scaled and any(t.lower_ in SHARE_WORDS for t in words)


SHARE_WORDS = {"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths"}
"""'Two-thirds of the 3,000 troops': a share, whatever number it starts with."""


def is_measure(phrase: NumberPhrase) -> bool:
    """'which stretches 180 km', 'a 1,200-mile front': a length or weight, not a count."""
    doc = phrase.span.doc
    after = doc[phrase.span.end : phrase.span.end + 2]
    words = [t for t in (*phrase.span[1:], *after) if t.text not in {"-", "–"}]
    return bool(words) and lemma(words[0]) in MEASURE_UNITS


def is_capacity(reading: Reading) -> bool:
    """'The barracks can house up to 3,000 soldiers', 'a camp built for 600 peacekeepers',
    'room for 800 troops': room for troops, not troops. 'It holds nearly 900' is a level."""
    verb = reading.verb
    if (
        verb is not None
        and lemma(verb) in CAPACITY_VERBS
        and any(c.dep_ == "aux" and c.lower_ in {"can", "could"} for c in verb.children)
    ):
        return True
    counted = reading.noun if reading.noun is not None and _counts(reading) else None
    for node in (counted, reading.node):
        if node is None or node.dep_ != "pobj" or node.head.lower_ not in {"for", "of"}:
            continue
        owner = node.head.head
        if lemma(owner) in CAPACITY_NOUNS:
            return True
        if node.head.lower_ == "for" and owner.tag_ == "VBN" and lemma(owner) in BUILT_FOR_VERBS:
            return True
    return False


def _counts(reading: Reading) -> bool:
    """Whether the number counts the reading's noun, not troops named elsewhere in the
    sentence ('built for 600 peacekeepers but holds nearly 900')."""
    noun, node = reading.noun, reading.node
    return noun is not None and (node.i == noun.i or node.head.i == noun.i)


def is_capped(reading: Reading) -> bool:
    """'Congress capped the number of troops in Colombia at 800', 'The treaty limits each
    side to 1,500 troops': a ceiling, not who is there. A force that will cap its own
    presence at 25,000 plans that level."""
    verb = reading.verb
    if _floor(reading.node):
        return True
    return verb is not None and lemma(verb) in LIMITING_VERBS and not is_planned(verb)


FORBIDDING_WORDS = {"bar", "forbid", "prohibit", "prevent", "block", "ban", "stop"}


def _floor(node: Token) -> bool:
    """'bars the Pentagon from reducing the force below 28,500', 'will not drop below 8,000':
    a floor, not a level ('has dropped below 1,000' is one)."""
    if node.dep_ != "pobj" or node.head.lower_ not in {"below", "under"}:
        return False
    verb = node.head.head
    if verb.pos_ != "VERB":
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return any(lemma(a) in FORBIDDING_WORDS for a in verb.ancestors)


def is_hypothetical(phrase: NumberPhrase, reading: Reading) -> bool:
    """'If Washington were to send 20,000 troops', 'could deploy 2,000 soldiers if the UN
    pays': a count on a condition is neither there nor planned. 'If it pulls 12,000 out,
    the 24,000 who remain will be stretched' keeps the troops there, and 'will send 1,000
    if asked' is a plan."""
    if _unfulfilled(reading.verb):
        return True  # 'Germany was to have sent 1,000 soldiers by now': a plan that failed
    if _in_a_crisis(reading.verb):
        return True
    noun, count = reading.noun, phrase.count_token
    inside = noun is not None and noun.left_edge.i <= count.i <= noun.right_edge.i
    if inside and is_definite(count, noun):
        return False  # 'the 24,000 who remain', not 'Their number could rise to 400 if ...'
    # 'a force of up to 30,000 troops that could be sent to Ukraine if a ceasefire is agreed'
    holders = [noun, noun.head.head] if noun is not None and noun.dep_ == "pobj" else [noun]
    relative = [c for h in holders if h is not None for c in h.children if c.dep_ == "relcl"]
    if any(_conditional(c) for c in relative):
        return True
    clause = reading.verb
    while clause is not None:
        if _opens_condition(clause) or _conditional(clause):
            return True
        clause = clause.head if clause.dep_ == "xcomp" else None
    return False


CRISES = {"crisis", "war", "wartime", "emergency", "conflict"}


def _in_a_crisis(verb: Token | None) -> bool:
    """'which could grow to 40,000 in a crisis': a size for a war that has not come."""
    if verb is None or not any(
        c.tag_ == "MD" and c.lower_ in HYPOTHETICAL_MODALS for c in verb.children
    ):
        return False
    return any(
        c.dep_ == "prep" and c.lower_ == "in" and any(lemma(o) in CRISES for o in c.children)
        for c in verb.children
    )


def _unfulfilled(verb: Token | None) -> bool:
    """'was to have sent', 'were to have arrived', 'had planned to bring ... down to
    24,000': what should have happened and did not."""
    if verb is None:
        return False
    plan = verb
    while plan.dep_ == "xcomp" and plan.head.i != plan.i:
        plan = plan.head
        if is_plan_word(plan) and plan.tag_ == "VBN":
            return any(c.dep_ == "aux" and c.lower_ == "had" for c in plan.children)
    if verb.tag_ != "VBN" or verb.head.tag_ != "VBD" or lemma(verb.head) != "be":
        return False
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return {"to", "have"} <= auxiliaries


def _opens_condition(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children)


def _conditional_if(clause: Token) -> bool:
    """An if-clause on the clause, or an 'if' the parser hung on the clause or on one of its
    words ('could reduce that to 40,000 if a ceasefire held', 'could cut that to 1,200 if
    talks held')."""
    near = [c for c in clause.children] + [g for c in clause.children for g in c.children]
    return any(c.dep_ in {"prep", "mark"} and c.lower_ in CONDITIONS for c in near)


def _conditional(clause: Token) -> bool:
    """A clause under a hypothetical modal with an if-clause of its own."""
    modal = any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS for c in clause.children)
    return modal and _conditional_if(clause)
