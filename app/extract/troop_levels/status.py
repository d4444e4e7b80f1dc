"""Whether a level is planned or reported, and the condition a plan is subject to."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from app.extract.troop_levels.parse import dependent, lemma, reported_clause
from app.extract.troop_levels.vocabulary import (
    CONDITION_WORDS,
    MODAL_OF_ABILITY,
    PLAN_WORDS,
    PROPOSAL_VERBS,
    TIME_MARKS,
)


def is_plan_word(token: Token) -> bool:
    """The small model lemmatises 'hopes' as 'hop': read the word form too."""
    lower = token.lower_
    forms = {lemma(token), lower, lower.removesuffix("s"), lower.removesuffix("d")}
    forms.add(lower.removesuffix("ing") + "e")
    return not forms.isdisjoint(PLAN_WORDS)


SIZE_PARTICIPLES = {"total", "number", "comprise"}


def sizes_what_is_planned(token: Token) -> bool:
    """'Two battalions totalling about 1,600 soldiers will be on standby': a size participle
    on what the clause plans; not one set off by commas ('The contingent, numbering just
    under 400, is commanded ...'), an aside on its size now."""
    if token.dep_ != "acl" or token.tag_ != "VBG" or lemma(token) not in SIZE_PARTICIPLES:
        return False
    before = token.left_edge.i - 1
    return before < 0 or token.doc[before].text != ","


PRESENT_FOR_FUTURE = TIME_MARKS | {"after", "before", "until", "till"}
"""'will keep 300 after the last units leave this month': a present tense that speaks of the
main clause's future."""


def is_planned(verb: Token | None) -> bool:
    """A modal, a plan word over the verb ('plans to keep', 'ordered X to cut', 'is to be
    stationed'), or a plan noun as its subject ('the target is 5,000')."""
    if verb is not None and _readied(verb):
        return False
    if verb is not None and (_headline_infinitive(verb) or _under_way_to(verb)):
        return True
    token = verb
    while token is not None:
        if is_plan_word(token):
            return True
        for child in token.children:
            if child.tag_ == "MD" and child.lower_ not in MODAL_OF_ABILITY:
                return True
            if child.dep_ in {"nsubj", "nsubjpass", "acomp"} and is_plan_word(child):
                # 'the target is 5,000', 'are due home in May'
                return True
            if child.lower_ == "for" and lemma(token) in PROPOSAL_VERBS:
                return True
        head = token.head
        if token.dep_ == "xcomp" and lemma(head) == "be":
            return True
        # 'bringing it to 1,200' shares the main verb's plan; 'Having shrunk to 500' is done
        participle = token.dep_ == "advcl" and token.tag_ in {"VBG", "VBN"}
        participle = participle and not any(c.lower_ == "having" for c in token.children)
        # 'will number 2,400 once the British contingent arrives in April': a present tense
        # in a time clause speaks of the main clause's future
        time_clause = (
            token.dep_ == "advcl"
            and token.tag_ in {"VBZ", "VBP"}
            and any(c.dep_ == "mark" and c.lower_ in PRESENT_FOR_FUTURE for c in token.children)
        )
        # 'is set to buy tanks and grow its forces': 'grow' shares the plan, unless it has a
        # subject of its own
        shared = (
            token.dep_ == "conj"
            and head.pos_ in {"VERB", "AUX"}
            and dependent(token, "nsubj", "nsubjpass") is None
        )
        if token.dep_ in {"xcomp", "acomp"} or shared or time_clause:
            token = head
        elif participle:
            # 'X will deploy 1,000 more, the army said, bringing it to 2,000': the result
            # the clause reported leads to ('..., ending a deployment of 700' is not one)
            results = any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children)
            token = (reported_clause(head) or head) if results else head
        elif (with_word := _absolute_with(token)) is not None:
            # 'X will send 180, the minister said, with the first 60 arriving in March'
            token = reported_clause(with_word.head) or with_word.head
        elif sizes_what_is_planned(token):
            # 'Two battalions totalling about 1,600 soldiers will be on standby': the size
            # of what the clause plans
            token = head.head if head.head.i != head.i else None
        elif token.dep_ in {"ccomp", "acl"}:
            # 'ordered that ...', 'orders to cut', 'a plan to withdraw'
            return head.i < token.i and is_plan_word(head)
        else:
            return False
    return False


READYING_VERBS = {"prepare", "ready", "stand"}


def _readied(verb: Token) -> bool:
    """'ordered about 2,000 troops to prepare for a deployment', 'told 500 soldiers to be
    ready to deploy': the order puts them on standby now; it plans nothing about their
    number."""
    step = dependent(verb, "xcomp")
    if step is None or not is_plan_word(verb) or dependent(verb, "dobj") is None:
        return False
    if lemma(step) in READYING_VERBS:
        return True
    return lemma(step) == "be" and any(c.lower_ == "ready" for c in step.children)


def _under_way_to(verb: Token) -> bool:
    """'is being trimmed to 750', 'are growing to 5,000': a change in progress toward a
    size it has not reached."""
    children = list(verb.children)
    present = any(c.dep_ == "aux" and c.lower_ in {"is", "are", "'s", "'re"} for c in children)
    progressive = verb.tag_ == "VBG" or any(c.lower_ == "being" for c in children)
    towards = any(c.dep_ == "prep" and c.lower_ == "to" for c in children)
    return present and progressive and towards


def _absolute_with(verb: Token) -> Token | None:
    """The 'with' of 'with the first 60 arriving in March', however the parser hangs it."""
    if verb.tag_ != "VBG":
        return None
    head = verb.head
    if verb.dep_ == "pcomp" and head.lower_ == "with":
        return head
    if verb.dep_ == "acl" and head.dep_ == "pobj" and head.head.lower_ == "with":
        return head.head
    return None


def _headline_infinitive(verb: Token) -> bool:
    """'Denmark to send 130 troops', 'Minister to cut force to 900': in a headline, an
    infinitive with no finite verb over it states a plan."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    if verb.dep_ == "ROOT":
        return True
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.dep_ == "ROOT"
        and head.i < verb.i
        and dependent(head, "nsubj", "nsubjpass", "aux", "auxpass") is None
    )


def condition_of(doc: Doc, sentence: Span) -> str | None:
    following = doc[sentence.end].sent if sentence.end < len(doc) else None
    for span in (sentence, following):
        if span is None:
            continue
        lower = span.text.lower()
        for word in CONDITION_WORDS:
            at = lower.find(word)
            if at >= 0:
                return span.text[at : at + len(word)]
    return None
