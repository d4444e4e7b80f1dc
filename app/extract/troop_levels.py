"""Troop levels: how many soldiers of which force are (or will be) where, and when.

A level is a count tied to a troop noun (troops, soldiers, forces, military presence,
contingent ...) directly ('3,200 troops'), through 'the number of X ... to N', or
through 'cut X to N'; 'all (remaining) X ... leave/withdraw' is a level of 0. It is
`planned` when it is a target, order or expectation, `reported` otherwise. A level
with no date of its own is dated by the publication date.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from app.extract.dates import Direction, NormalisedDate, normalise_date
from app.extract.entities import EntityIndex
from app.extract.figures import COUNT_OF, counted_noun, number_phrases, split_qualifier
from app.extract.patterns import demonyms
from app.extract.schema import Mention, TroopLevel
from app.partial_date import PartialDate

TROOP_NOUNS = {
    "troop",
    "soldier",
    "force",
    "presence",
    "personnel",
    "marine",
    "contingent",
    "servicemember",
    "serviceman",
    "boot",
    "deployment",
    "garrison",
    "battalion",
    "brigade",
    "peacekeeper",
    "trooper",
}
DEPARTURE_VERBS = {"leave", "withdraw", "exit", "depart", "go", "pull", "return", "quit"}
PLAN_WORDS = {
    "expect",
    "plan",
    "order",
    "aim",
    "target",
    "intend",
    "schedule",
    "due",
    "propose",
    "want",
    "seek",
    "promise",
    "pledge",
    "vow",
    "agree",
    "decide",
    "announce",
    "set",
    "goal",
}
CONDITION_WORDS = (
    "conditions-based",
    "condition-based",
    "conditions based",
    "condition based",
    "conditional on",
    "subject to",
    "depending on",
)
HOLDING_VERBS = {"have", "keep", "deploy", "send", "station", "maintain", "base", "field", "commit"}
REFERRING_PRONOUNS = {"that", "it", "this", "those", "them", "the figure", "the number"}
CHANGE_VERBS = {
    "cut",
    "reduce",
    "withdraw",
    "pull",
    "remove",
    "add",
    "increase",
    "boost",
    "trim",
    "slash",
    "lose",
}
"""'cut 2,000 troops' is a change by 2,000, not a level of 2,000."""
FOREIGN_WORDS = {"foreign", "international", "coalition", "allied", "western"}


@dataclass
class _Context:
    doc: Doc
    entities: EntityIndex
    published: PartialDate | None
    last_force: str | None = None
    last_location: str | None = None


def _governing_verb(noun: Token) -> Token | None:
    token = noun
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return token if token.pos_ in {"VERB", "AUX"} else None


def _is_planned(verb: Token | None, sentence: Span) -> bool:
    if verb is None:
        return False
    chain = [verb, *verb.ancestors]
    for token in chain:
        if token.lemma_.lower() in PLAN_WORDS:
            return True
        if any(c.tag_ == "MD" or (c.dep_ == "aux" and c.lower_ == "to") for c in token.children):
            return True
    return False


def _place_name(ctx: _Context, words: list[str]) -> str | None:
    """The country a demonym names, spelled as this article spells it."""
    places = {c.name for c in ctx.entities.of_kind("place")}
    for word in words:
        options = demonyms().get(word.lower())
        if options:
            return next((o for o in options if o in places), options[0])
    return None


def _force(ctx: _Context, noun: Token) -> str | None:
    """'US troops', 'American soldiers', "the EU's forces", or the holder in 'Britain has 900 soldiers'."""
    holder = noun.head if noun.dep_ in {"dobj", "pobj"} else None
    owned_by_subject = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)
    if holder is not None and (holder.lemma_ in HOLDING_VERBS or owned_by_subject):
        subject = next((c for c in holder.children if c.dep_ == "nsubj"), None)
        cluster = ctx.entities.at(subject.i) if subject is not None else None
        if cluster is not None and cluster.kind in {"place", "organisation"}:
            return cluster.name
    for child in noun.lefts:
        if child.dep_ in {"compound", "nmod", "poss"}:
            cluster = ctx.entities.at(child.i)
            if cluster is not None and cluster.kind in {"place", "organisation"}:
                return cluster.name
        if child.dep_ == "amod":
            if child.lower_ in FOREIGN_WORDS:
                return "foreign"
            named = _place_name(ctx, [child.text])
            if named:
                return named
    return None


def _location(ctx: _Context, tokens: list[Token], sentence: Span) -> str | None:
    for token in tokens:
        for prep in (
            c
            for c in token.children
            if c.dep_ in {"prep", "dative"} and c.lower_ in {"in", "to", "from", "inside"}
        ):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                cluster = ctx.entities.at(obj.i)
                if cluster is not None and cluster.kind == "place":
                    return cluster.name
    for token in sentence:
        if token.lower_ == "in" and token.i + 1 < len(ctx.doc):
            cluster = ctx.entities.at(token.i + 1)
            if cluster is not None and cluster.kind == "place":
                return cluster.name
    return ctx.last_location


def _date(
    ctx: _Context, verb: Token | None, sentence: Span, direction: Direction
) -> NormalisedDate | None:
    if verb is None:
        return None
    for ent in sentence.ents:
        if ent.label_ != "DATE":
            continue
        attached = verb in ent.root.ancestors and all(
            a.i == verb.i or a.pos_ not in {"VERB", "AUX"}
            for a in ent.root.ancestors
            if verb in a.ancestors or a.i == verb.i
        )
        if attached:
            value = normalise_date(ent.text, ctx.published, direction)
            if value is not None:
                return value
    return None


def _condition(doc: Doc, sentence: Span) -> str | None:
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


def _level(
    ctx: _Context,
    *,
    noun: Token,
    count: int,
    qualifier: str,
    evidence: Span,
    verb: Token | None,
    planned: bool,
) -> TroopLevel | None:
    sentence = evidence.sent
    force = _force(ctx, noun) or ctx.last_force
    if force is None:
        return None
    location = _location(ctx, [noun, *(t for t in [verb] if t is not None), noun.head], sentence)
    direction: Direction = "future" if planned else "past"
    date = _date(ctx, verb, sentence, direction)
    if date is None:
        if ctx.published is None:
            return None
        date = NormalisedDate(ctx.published.value, ctx.published.precision)
    ctx.last_force, ctx.last_location = force, location
    return TroopLevel(
        text=evidence.text,
        start=evidence.start_char,
        end=evidence.end_char,
        force=force,
        location=location,
        count=count,
        qualifier=qualifier,  # type: ignore[arg-type]
        date=date.value,
        date_precision=date.precision,
        date_mod=date.mod,
        status="planned" if planned else "reported",
        condition=_condition(ctx.doc, sentence) if planned else None,
        sentence=_sentence_mention(sentence),
    )


def _sentence_mention(sentence: Span) -> Mention:
    text = sentence.text.rstrip()
    return Mention(start=sentence.start_char, end=sentence.start_char + len(text), text=text)


def _troop_noun_before(number: Token) -> Token | None:
    """'cut its forces in Iraq ... to 3,000' when the parse loses the link: the troop noun before 'to N'."""
    if number.i == 0 or number.doc[number.i - 1].lower_ not in {"to", "at"}:
        return None
    sentence = number.sent
    for token in reversed(number.doc[max(sentence.start, number.i - 12) : number.i]):
        if token.like_num:
            continue
        if token.lemma_.lower() in TROOP_NOUNS and token.pos_ == "NOUN":
            return token
    return None


def _troop_noun(noun: Token | None) -> Token | None:
    if noun is None:
        return None
    if noun.lemma_.lower() in COUNT_OF:
        of = next((c for c in noun.children if c.lower_ == "of"), None)
        noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return noun if noun is not None and noun.lemma_.lower() in TROOP_NOUNS else None


def extract_troop_levels(
    doc: Doc, entities: EntityIndex, published: PartialDate | None
) -> list[TroopLevel]:
    ctx = _Context(doc, entities, published)
    levels: list[TroopLevel] = []
    phrases = {p.span[-1].i: p for p in number_phrases(doc)}
    for token in doc:
        phrase = phrases.get(token.i)
        if phrase is not None:
            counted = counted_noun(token)
            noun = _troop_noun(counted) or _troop_noun_before(token)
            if noun is None and counted is not None and counted.lower_ in REFERRING_PRONOUNS:
                noun = counted if ctx.last_force is not None else None
            if noun is None or phrase.value != int(phrase.value):
                continue
            if token.head.i == noun.i and noun.dep_ == "dobj" and noun.head.lemma_ in CHANGE_VERBS:
                continue
            if token.dep_ == "pobj" and token.head.lower_ == "from":
                continue
            verb = token.head.head if token.dep_ == "pobj" else _governing_verb(noun)
            if token.head.i != noun.i and token.dep_ != "pobj":
                verb = _governing_verb(noun)
            level = _level(
                ctx,
                noun=noun,
                count=int(phrase.value),
                qualifier=phrase.qualifier,
                evidence=phrase.span,
                verb=verb,
                planned=_is_planned(verb, token.sent),
            )
        elif token.lemma_.lower() in TROOP_NOUNS and any(c.lower_ == "all" for c in token.lefts):
            verb = _governing_verb(token)
            departing = [
                v
                for v in ([verb, *list(verb.children)] if verb is not None else [])
                if v.lemma_.lower() in DEPARTURE_VERBS
            ]
            if not departing:
                continue
            first = min(c.i for c in token.lefts if c.lower_ == "all")
            evidence = doc[first : token.i + 1]
            level = _level(
                ctx,
                noun=token,
                count=0,
                qualifier="exact",
                evidence=evidence,
                verb=departing[0],
                planned=_is_planned(departing[0], token.sent),
            )
        else:
            continue
        if level is not None:
            levels.append(level)
    return levels


__all__ = ["extract_troop_levels", "split_qualifier"]
