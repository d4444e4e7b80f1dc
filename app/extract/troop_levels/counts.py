"""Which numbers are troop counts: how a number is tied to troops, and when it is a change,
a loss or the size before a change rather than a level."""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.figures import COUNT_OF, counted_noun
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.nouns import (
    is_troop_body,
    is_troop_noun,
    refers_back,
    sized_unit,
    troop_noun,
    troop_noun_before,
)
from app.extract.troop_levels.parse import (
    clause_verb,
    governing_verb,
    has_number,
    lemma,
    subject_of,
    verb_object,
)
from app.extract.troop_levels.vocabulary import (
    ADDITION_WORDS,
    CASUALTY_NOUNS,
    CASUALTY_VERBS,
    CHANGE_VERBS,
    HOLDING_VERBS,
    PARTITIVE_WORDS,
)


def reading_of(ctx: Context, number: Token) -> Reading | None:
    node = number
    if any(c.lower_ == "strong" for c in number.children):
        # 'their force in Niger, now 290 strong, could double': an aside on its size now.
        noun = next((a for a in number.ancestors if is_troop_body(a)), None)
        if noun is not None:
            return Reading(noun, noun, None)
    if number.head.i in ctx.date_root and number.i not in ctx.date_root:
        # 'at about 7,000 next year': the parser hangs the number on the date.
        node = ctx.date_root[number.head.i]
    unit = sized_unit(number)
    if unit is not None:
        return Reading(unit, unit, governing_verb(unit))
    counted = counted_noun(node)
    if counted is not None and lemma(counted) in COUNT_OF and counted.i < node.i:
        # 'reach its full strength of 4,800': the strength of the verb's subject.
        verb = governing_verb(counted)
        noun = troop_noun(subject_of(verb))
        if noun is not None:
            return Reading(noun, node, verb)
    if counted is not None and lemma(counted) == "member":
        # 'the unit is to be cut to 195 members'
        subject = subject_of(governing_verb(counted))
        if subject is not None and is_troop_body(subject):
            return Reading(subject, node, governing_verb(node))
    noun = troop_noun(counted)
    if noun is not None:
        # '3,200 troops', 'a 1,100-strong contingent': the number is part of the noun phrase;
        # 'cut the presence to 1,200', 'a force of 900': the number hangs on its own.
        in_phrase = noun.i == counted.i and (node.head.i == noun.i or noun.i > node.i)
        holder = noun if in_phrase else node
        return Reading(noun, holder, governing_verb(holder))
    if counted is None and (
        node.dep_ in {"dobj", "attr", "oprd"}
        or (node.dep_ == "pobj" and node.head.lower_ in {"at", "to"})
    ):
        # 'the contingent numbered 90', 'is expected to reach 5,000', 'stood at 3,600'
        measure = governing_verb(node)
        verb = clause_verb(measure)
        subject = subject_of(measure)
        noun = troop_noun(subject) or troop_noun(verb_object(measure, node))
        if noun is not None:
            return Reading(noun, node, verb)
        if refers_back(subject) or (subject is not None and subject.pos_ == "PRON"):
            return Reading(None, node, verb)
        if node.dep_ == "dobj" and measure is not None and lemma(measure) in HOLDING_VERBS:
            # 'Ottawa now deploys fewer than 200'
            return Reading(None, node, verb)
        noun = troop_noun_before(number)
        return Reading(noun, node, verb) if noun is not None else None
    if refers_back(counted):
        if lemma(counted) in COUNT_OF and any(is_troop_noun(t) for t in counted.sent):
            # 'taking the U.S. total there to 9,000' in a sentence about troops
            return Reading(counted, node, governing_verb(node))
        return Reading(None, node, governing_verb(node))
    if counted is None and node.dep_ in {"nsubj", "nsubjpass"}:
        # 'Only 450 remain today'
        return Reading(None, node, governing_verb(node))
    last = ctx.last
    if (
        counted is None
        and node.dep_ == "conj"
        and last
        and last.sentence.start == node.sent.start_char
    ):
        # 'keeps 12 soldiers in Lebanon and 240 in Kosovo'
        return Reading(None, node, governing_verb(node))
    noun = troop_noun_before(number)
    return Reading(noun, node, governing_verb(node)) if noun is not None else None


def is_change_or_loss(number: Token, reading: Reading) -> bool:
    """'cut 2,000 troops', '200 more soldiers', '45 soldiers were killed'."""
    doc = number.doc
    after = doc[number.i + 1] if number.i + 1 < len(doc) else None
    if after is not None and after.lower_ in ADDITION_WORDS:
        return True
    if number.i > 0 and doc[number.i - 1].lower_ in ADDITION_WORDS:
        # 'a further 900', 'another 400'
        return True
    noun = reading.noun
    if noun is not None and noun.dep_ == "pobj" and lemma(noun.head.head) in CASUALTY_NOUNS:
        return True
    if noun is not None and noun.i > number.i:
        if any(c.lower_ in ADDITION_WORDS for c in noun.children if c.i < noun.i):
            return True
        if noun.dep_ == "dobj" and lemma(noun.head) in CHANGE_VERBS:
            return True
    verb = reading.verb
    return verb is not None and lemma(verb) in CASUALTY_VERBS


def is_current_size(reading: Reading) -> bool:
    """What the verb does is not to the number: 'half of the 1,400 troops would rotate out',
    'double its 100-strong contingent to 200'. The number is the size now."""
    noun, verb = reading.noun, reading.verb
    if noun is None or reading.node.i != noun.i or verb is None:
        return False
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        whole = head.head
        if lemma(whole) in PARTITIVE_WORDS or whole.like_num:
            return True
    if noun.dep_ == "dobj":
        return any(
            prep.lower_ == "to" and any(has_number(obj) for obj in prep.children)
            for prep in verb.children
        )
    return False
