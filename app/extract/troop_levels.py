"""Troop levels: how many soldiers of which force are (or will be) where, and when.

A level is a count tied to a troop noun (troops, soldiers, forces, military presence,
contingent ...): directly ('3,200 troops', 'a 1,100-strong contingent', 'a force of 900'),
through the verb ('the number of X fell to N', 'cut the presence to N', 'the contingent
numbered N'), or through an earlier level ('that number will rise to N', 'it now has N').
'All (remaining) X ... leave/withdraw' is a level of 0.

Not levels: changes ('cut 2,000 troops', '200 more soldiers'), casualties ('45 soldiers were
killed'), and the old value of a change ('down from 5,100') unless the text dates it. A range
('between 8,000 and 9,000') is its low end, at least.

A level is `planned` when a modal, a plan/order/expectation word or a future date governs it,
`reported` otherwise. Its date is the date phrase attached to it in the parse, else the
publication date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from app.extract.date_facts import date_span
from app.extract.dates import Direction, NormalisedDate, normalise_date, parse_duration
from app.extract.entities import EntityIndex
from app.extract.figures import (
    COUNT_OF,
    NumberPhrase,
    counted_noun,
    number_phrases,
    tokens_where,
)
from app.extract.patterns import _load, demonyms
from app.extract.schema import Mention, TroopLevel
from app.partial_date import PartialDate

TROOP_NOUNS = {
    "troop",
    "soldier",
    "force",
    "presence",
    "personnel",
    "marine",
    "paratrooper",
    "contingent",
    "servicemember",
    "serviceman",
    "boot",
    "deployment",
    "garrison",
    "battalion",
    "brigade",
    "battlegroup",
    "peacekeeper",
    "trooper",
    "sailor",
    "airman",
}
MILITARY_UNITS = {
    "unit",
    "detachment",
    "squadron",
    "regiment",
    "division",
    "corps",
    "platoon",
    "company",
    "team",
    "mission",
    "task",
    "operation",
}
"""Bodies of troops when a size says so: 'a 250-member unit', 'the unit was 350-strong'."""
SIZE_WORDS = {"strong", "member", "man", "person", "soldier", "troop"}
DEPARTURE_VERBS = {"leave", "withdraw", "exit", "depart", "go", "pull", "return", "quit", "remove"}
DEPARTURE_PARTICLES = {"home", "out"}
"""'be home by May', 'rotate out', 'pull out'."""
DEPARTURE_NOUNS = {"withdrawal", "departure", "pullout", "exit", "evacuation", "repatriation"}
"""'the withdrawal of its last 80 troops'."""
NOW_WORDS = {"now", "today", "currently"}
"""'up from 30,000 now': dated by the publication."""
DESTINATION_VERBS = {"leave", "depart", "head", "sail", "fly", "set"}
"""'left for the Golan Heights'."""
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
    "approve",
    "authorize",
    "authorise",
    "set",
    "goal",
    "ready",
    "poised",
    "likely",
    "hope",
    "prepare",
    "decision",
}
"""Words that make what they govern a plan: 'plans to keep', 'is expected to reach'."""
CONDITION_WORDS = (
    "conditions-based",
    "condition-based",
    "conditions based",
    "condition based",
    "conditional on",
    "subject to",
    "depending on",
)
HOLDING_VERBS = {
    "have",
    "keep",
    "deploy",
    "station",
    "maintain",
    "field",
    "base",
    "retain",
    "contribute",
    "commit",
    "count",
    "number",
}
"""'It now has 600': a bare count held by a force is troops when a level came just before."""
HOSTING_VERBS = {"host", "receive", "welcome", "accept", "house"}
"""Their subject is where the troops are, not whose they are."""
REFERRING_WORDS = {"that", "it", "this", "those", "them", "they", "figure", "ceiling", "cap"}
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
ADDITION_WORDS = {"more", "additional", "extra", "further", "another"}
"""'200 more soldiers', 'an additional 3,000 troops': a change, not a level."""
CASUALTY_VERBS = {
    "kill",
    "wound",
    "injure",
    "hurt",
    "die",
    "capture",
    "abduct",
    "kidnap",
    "lose",
    "evacuate",
    "rescue",
    "execute",
    "detain",
    "arrest",
    "seize",
    "release",
    "free",
}
PARTITIVE_WORDS = {
    "half",
    "third",
    "quarter",
    "most",
    "some",
    "many",
    "part",
    "majority",
    "minority",
    "few",
    "several",
    "none",
    "rest",
    "bulk",
}
"""'half of the 1,400 troops ... would rotate out': what happens is the half's; 1,400 is now."""
CASUALTY_NOUNS = {
    "death",
    "killing",
    "loss",
    "casualty",
    "funeral",
    "body",
    "remains",
    "murder",
    "capture",
    "wounding",
}
"""'the death of six soldiers'."""
CIVILIAN_MODIFIERS = {"police", "civilian", "medical", "rescue", "emergency", "relief", "aid"}
"""'police personnel', 'rescue forces' are not troops."""
PROPOSAL_VERBS = {"call", "ask", "push", "press", "argue", "lobby"}
"""'called for 20,000 troops': a proposal is a planned level."""
LEAVING_QUANTIFIERS = {"all", "remaining", "last", "final"}
"""'All 2,000 troops will leave': 2,000 now, none later."""
PLACE_NOUNS = {"country", "region", "province", "territory", "area", "island", "state"}
"""'in the country' refers back to the last location."""
SOIL_NOUNS = {"soil", "territory", "land"}
"""'on its soil' is the subject's place."""
LOCATION_PREPOSITIONS = {
    "in",
    "to",
    "into",
    "inside",
    "from",
    "at",
    "on",
    "across",
    "throughout",
    "through",
    "near",
    "outside",
    "around",
    "along",
    "off",
    "within",
}
UNBOUNDED_DATE_PREPOSITIONS = {"since", "until", "till", "for", "over"}
"""'since 2013' does not date a level: it is where a span of time starts."""
FOREIGN_WORDS = {"foreign", "international", "coalition", "allied", "western"}
MODAL_OF_ABILITY = {"can"}


@cache
def _country_names() -> frozenset[str]:
    return frozenset(name for names in demonyms().values() for name in names)


@cache
def _metonyms() -> dict[str, str]:
    """'Moscow', 'the Pentagon' -> the demonym of the country they stand for."""
    return _load("metonyms.json")


def _bare(name: str) -> str:
    """'The United States' -> 'United States': how the entity is named, not how it is used."""
    return name[4:] if name[:4].lower() == "the " else name


@dataclass
class _Reading:
    """How a number is tied to troops in the parse."""

    noun: Token | None
    """The troop noun counted; None when the number refers to an earlier level."""
    node: Token
    """The token standing for the number in the clause (the noun, or the number itself)."""
    verb: Token | None


@dataclass
class _Context:
    doc: Doc
    entities: EntityIndex
    published: PartialDate | None
    sentence_index: dict[int, int] = field(default_factory=dict)
    subjects: list[tuple[int, str]] = field(default_factory=list)
    """(token index, name) of places and organisations that are subjects, in text order."""
    places: list[tuple[int, str]] = field(default_factory=list)
    """(token index, name) of every place mention, in text order."""
    date_owner: dict[int, list[Span]] = field(default_factory=dict)
    """Token index of the number or verb date phrases attach to -> the date phrases."""
    date_root: dict[int, Token] = field(default_factory=dict)
    """Token index inside a date phrase -> the phrase's root."""
    emptied: set[int] = field(default_factory=set)
    """Troop nouns already read as leaving ('All the remaining troops': once)."""
    last: TroopLevel | None = None
    last_sentence: int = -10


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _is_troop_noun(token: Token | None) -> bool:
    if token is None or token.pos_ not in {"NOUN", "PROPN"}:
        return False
    if _lemma(token) in {"member", "man", "woman"}:
        # 'service members', 'servicemen'
        return any(c.lower_ == "service" for c in token.lefts)
    if any(c.lower_ in CIVILIAN_MODIFIERS for c in token.lefts):
        return False
    return _lemma(token) in TROOP_NOUNS or token.lower_.removesuffix("s") in TROOP_NOUNS


def _is_troop_body(token: Token) -> bool:
    """Troops, or a unit or operation whose size is given in people."""
    return _is_troop_noun(token) or (token.pos_ == "NOUN" and _lemma(token) in MILITARY_UNITS)


def _is_plan_word(token: Token) -> bool:
    """The small model lemmatises 'hopes' as 'hop': read the word form too."""
    lower = token.lower_
    forms = {_lemma(token), lower, lower.removesuffix("s"), lower.removesuffix("d")}
    forms.add(lower.removesuffix("ing") + "e")
    return not forms.isdisjoint(PLAN_WORDS)


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _governing_verb(token: Token) -> Token | None:
    """The verb over a token; for 'are to be stationed' and 'are ready to leave', the verb
    that says what happens."""
    verb = next((t for t in (token, *token.ancestors) if t.pos_ in {"VERB", "AUX"}), None)
    if verb is not None and _lemma(verb) == "be":
        complement = _child(verb, "xcomp", "acomp")
        complement = (
            _child(complement, "xcomp")
            if complement is not None and complement.pos_ == "ADJ"
            else complement
        )
        if complement is not None and complement.pos_ in {"VERB", "AUX"}:
            return complement
    return verb


def _clause_verb(verb: Token | None) -> Token | None:
    """The finite verb a participle hangs on: 'join' in 'troops numbering 400 will join'."""
    while verb is not None and verb.tag_ in {"VBG", "VBN"} and verb.dep_ in {"acl", "csubj"}:
        verb = _governing_verb(verb.head) if verb.dep_ == "acl" else verb.head
    return verb


def _object(verb: Token | None, number: Token) -> Token | None:
    """What 'keep at 17,000' keeps, even when it is the object of the verb above ('which
    the council wants to keep at 17,000')."""
    while verb is not None:
        found = next((c for c in verb.children if c.dep_ == "dobj" and c.i != number.i), None)
        if found is not None or verb.dep_ != "xcomp":
            return found
        verb = verb.head
    return None


def _subject(verb: Token | None) -> Token | None:
    """The subject of a verb, or of the verb it depends on ('X is expected to reach', 'X ...
    and will grow')."""
    while verb is not None:
        subject = _child(verb, "nsubj", "nsubjpass")
        if subject is not None:
            return subject
        if verb.dep_ == "acl":
            # 'a number expected to fall'
            return verb.head
        if verb.dep_ not in {"xcomp", "conj", "advcl", "acomp"} or verb.head.i == verb.i:
            return None
        if verb.dep_ == "xcomp" and _child(verb.head, "dobj") is not None:
            # 'expects the brigade to reach ...': the object does the reaching.
            return _child(verb.head, "dobj")
        verb = verb.head
    return None


# --- Which noun a number counts -------------------------------------------------------


def _troop_noun(noun: Token | None) -> Token | None:
    """'soldiers', or the troops in 'the number of troops' and 'troop levels', or what
    'which' stands for in 'the force, which the council wants to keep at 17,000'."""
    if noun is None:
        return None
    if noun.tag_ in {"WDT", "WP"}:
        clause = noun.head
        while clause.dep_ in {"xcomp", "ccomp", "conj"}:
            clause = clause.head
        noun = clause.head if clause.dep_ == "relcl" else noun
    if _lemma(noun) in COUNT_OF:
        of = next((c for c in noun.children if c.lower_ == "of"), None)
        inner = _child(of, "pobj") if of is not None else _child(noun, "compound")
        return inner if _is_troop_noun(inner) else None
    return noun if _is_troop_noun(noun) else None


def _refers_back(noun: Token | None) -> bool:
    """'that number', 'the total', 'it', 'them': a word standing for an earlier level."""
    if noun is None:
        return False
    if _lemma(noun) in COUNT_OF:
        return not any(c.lower_ == "of" for c in noun.children)
    return noun.lower_ in REFERRING_WORDS or _lemma(noun) in REFERRING_WORDS


def _reading(ctx: _Context, number: Token) -> _Reading | None:
    node = number
    if any(c.lower_ == "strong" for c in number.children):
        # 'their force in Niger, now 290 strong, could double': an aside on its size now.
        noun = next((a for a in number.ancestors if _is_troop_body(a)), None)
        if noun is not None:
            return _Reading(noun, noun, None)
    if number.head.i in ctx.date_root and number.i not in ctx.date_root:
        # 'at about 7,000 next year': the parser hangs the number on the date.
        node = ctx.date_root[number.head.i]
    unit = _sized_unit(number)
    if unit is not None:
        return _Reading(unit, unit, _governing_verb(unit))
    counted = counted_noun(node)
    if counted is not None and _lemma(counted) in COUNT_OF and counted.i < node.i:
        # 'reach its full strength of 4,800': the strength of the verb's subject.
        verb = _governing_verb(counted)
        noun = _troop_noun(_subject(verb))
        if noun is not None:
            return _Reading(noun, node, verb)
    if counted is not None and _lemma(counted) == "member":
        # 'the unit is to be cut to 195 members'
        subject = _subject(_governing_verb(counted))
        if subject is not None and _is_troop_body(subject):
            return _Reading(subject, node, _governing_verb(node))
    noun = _troop_noun(counted)
    if noun is not None:
        # '3,200 troops', 'a 1,100-strong contingent': the number is part of the noun phrase;
        # 'cut the presence to 1,200', 'a force of 900': the number hangs on its own.
        in_phrase = noun.i == counted.i and (node.head.i == noun.i or noun.i > node.i)
        holder = noun if in_phrase else node
        return _Reading(noun, holder, _governing_verb(holder))
    if counted is None and (
        node.dep_ in {"dobj", "attr", "oprd"}
        or (node.dep_ == "pobj" and node.head.lower_ in {"at", "to"})
    ):
        # 'the contingent numbered 90', 'is expected to reach 5,000', 'stood at 3,600'
        measure = _governing_verb(node)
        verb = _clause_verb(measure)
        subject = _subject(measure)
        noun = _troop_noun(subject) or _troop_noun(_object(measure, node))
        if noun is not None:
            return _Reading(noun, node, verb)
        if _refers_back(subject) or (subject is not None and subject.pos_ == "PRON"):
            return _Reading(None, node, verb)
        if node.dep_ == "dobj" and measure is not None and _lemma(measure) in HOLDING_VERBS:
            # 'Ottawa now deploys fewer than 200'
            return _Reading(None, node, verb)
        noun = _troop_noun_before(number)
        return _Reading(noun, node, verb) if noun is not None else None
    if _refers_back(counted):
        if _lemma(counted) in COUNT_OF and any(_is_troop_noun(t) for t in counted.sent):
            # 'taking the U.S. total there to 9,000' in a sentence about troops
            return _Reading(counted, node, _governing_verb(node))
        return _Reading(None, node, _governing_verb(node))
    if counted is None and node.dep_ in {"nsubj", "nsubjpass"}:
        # 'Only 450 remain today'
        return _Reading(None, node, _governing_verb(node))
    last = ctx.last
    if (
        counted is None
        and node.dep_ == "conj"
        and last
        and last.sentence.start == node.sent.start_char
    ):
        # 'keeps 12 soldiers in Lebanon and 240 in Kosovo'
        return _Reading(None, node, _governing_verb(node))
    noun = _troop_noun_before(number)
    return _Reading(noun, node, _governing_verb(node)) if noun is not None else None


def _sized_unit(number: Token) -> Token | None:
    """The body a personnel size describes: 'a 250-member unit', 'the unit was 350-strong'."""
    size = number.head
    if size.lower_ not in SIZE_WORDS or size.i != number.i + 2:
        return None
    if size.dep_ == "acomp":
        unit = _subject(size.head)
    elif size.dep_ in {"amod", "compound", "nmod"}:
        unit = size.head
    else:
        return None
    return unit if unit is not None and _is_troop_body(unit) else None


def _troop_noun_before(number: Token) -> Token | None:
    """'cut its forces in Iraq ... to 3,000' when the parse loses the link: the troop noun before 'to N'."""
    if number.i == 0 or number.doc[number.i - 1].lower_ not in {"to", "at"}:
        return None
    sentence = number.sent
    for token in reversed(number.doc[max(sentence.start, number.i - 12) : number.i]):
        if token.like_num:
            continue
        if _is_troop_noun(token) and token.pos_ == "NOUN":
            return token
    return None


def _is_change_or_loss(number: Token, reading: _Reading) -> bool:
    """'cut 2,000 troops', '200 more soldiers', '45 soldiers were killed'."""
    doc = number.doc
    after = doc[number.i + 1] if number.i + 1 < len(doc) else None
    if after is not None and after.lower_ in ADDITION_WORDS:
        return True
    if number.i > 0 and doc[number.i - 1].lower_ in ADDITION_WORDS:
        # 'a further 900', 'another 400'
        return True
    noun = reading.noun
    if noun is not None and noun.dep_ == "pobj" and _lemma(noun.head.head) in CASUALTY_NOUNS:
        return True
    if noun is not None and noun.i > number.i:
        if any(c.lower_ in ADDITION_WORDS for c in noun.children if c.i < noun.i):
            return True
        if noun.dep_ == "dobj" and _lemma(noun.head) in CHANGE_VERBS:
            return True
    verb = reading.verb
    return verb is not None and _lemma(verb) in CASUALTY_VERBS


# --- Status, date, force, location ----------------------------------------------------


def _is_planned(verb: Token | None) -> bool:
    """A modal, a plan word over the verb ('plans to keep', 'ordered X to cut', 'is to be
    stationed'), or a plan noun as its subject ('the target is 5,000')."""
    token = verb
    while token is not None:
        if _is_plan_word(token):
            return True
        for child in token.children:
            if child.tag_ == "MD" and child.lower_ not in MODAL_OF_ABILITY:
                return True
            if child.dep_ in {"nsubj", "nsubjpass"} and _is_plan_word(child):
                return True
            if child.lower_ == "for" and _lemma(token) in PROPOSAL_VERBS:
                return True
        head = token.head
        if token.dep_ == "xcomp" and _lemma(head) == "be":
            return True
        participle = token.dep_ == "advcl" and token.tag_ in {"VBG", "VBN"}
        if token.dep_ in {"xcomp", "acomp"} or participle:
            token = head
        elif token.dep_ in {"ccomp", "acl"}:
            # 'ordered that ...', 'orders to cut', 'a plan to withdraw'
            return head.i < token.i and _is_plan_word(head)
        else:
            return False
    return False


def _date(ctx: _Context, owners: list[Token], direction: Direction) -> NormalisedDate | None:
    for owner in owners:
        for found in ctx.date_owner.get(owner.i, []):
            value = normalise_date(found.text, ctx.published, direction)
            if value is not None:
                return value
    return None


def _is_later(date: NormalisedDate, published: PartialDate | None) -> bool:
    return published is not None and date.partial.first_day() > published.last_day()


def _named(ctx: _Context, token: Token) -> str | None:
    """The force a place or organisation name stands for: 'Moscow' and 'the Kremlin' are
    Russia; countries the model misreads as people count too."""
    cluster = ctx.entities.at(token.i)
    name = None
    if cluster is not None and (cluster.kind != "person" or cluster.name in _country_names()):
        name = _bare(cluster.name)
    elif token.text in _country_names():
        name = token.text
    if name is not None and name in _metonyms():
        return _demonym_place(ctx, _metonyms()[name]) or name
    return name


def _place(ctx: _Context, token: Token) -> str | None:
    cluster = ctx.entities.at(token.i)
    if cluster is not None and (cluster.kind == "place" or cluster.name in _country_names()):
        return _bare(cluster.name)
    if token.text in _country_names():
        return token.text
    for child in token.children:
        # 'in the Lake Chad basin'
        if child.dep_ == "compound" and child.i < token.i:
            cluster = ctx.entities.at(child.i)
            if cluster is not None and cluster.kind == "place":
                return _bare(cluster.name)
    return None


def _place_before(ctx: _Context, token: Token, force: str | None) -> str | None:
    """'there', 'the country': the last place named before, other than the force itself
    ('Rwanda has 2,000 troops in the province')."""
    earlier = [name for index, name in ctx.places if index < token.i and name != force]
    if earlier:
        return earlier[-1]
    return ctx.last.location if ctx.last is not None else None


def _demonym_place(ctx: _Context, word: str) -> str | None:
    """The country a demonym names, spelled as this article spells it."""
    options = demonyms().get(word.lower())
    if not options:
        return None
    places = {_bare(c.name) for c in ctx.entities.of_kind("place")}
    return next((o for o in options if o in places), options[0])


def _antecedent(ctx: _Context, pronoun: Token) -> str | None:
    """'It' and 'its' stand for the last place or organisation that was a subject."""
    earlier = [name for index, name in ctx.subjects if index < pronoun.i]
    return earlier[-1] if earlier else None


def _own_force(ctx: _Context, noun: Token) -> str | None:
    """'US troops', 'American soldiers', "the EU's mission", 'the Nigerian army'."""
    if noun.pos_ == "PRON":
        return _antecedent(ctx, noun) if noun.lower_ in {"it", "its", "they", "their"} else None
    named = _named(ctx, noun)
    if named is not None and noun.pos_ == "PROPN" and not _is_troop_noun(noun):
        return named
    for child in noun.lefts:
        if _is_troop_noun(child):
            continue
        if child.dep_ in {"compound", "nmod", "poss"}:
            named = _named(ctx, child)
            if named is not None:
                return named
        if child.dep_ in {"amod", "compound"}:
            if child.lower_ in FOREIGN_WORDS:
                return "foreign"
            named = _demonym_place(ctx, child.text)
            if named:
                return named
    return None


def _holder(ctx: _Context, verb: Token | None) -> str | None:
    """The force that holds what the verb's object counts: 'Britain has 900 soldiers'."""
    if verb is None or _lemma(verb) in HOSTING_VERBS:
        return None
    subject = _subject(verb)
    return _own_force(ctx, subject) if subject is not None else None


def _force(ctx: _Context, reading: _Reading) -> str | None:
    noun = reading.noun
    if noun is None:
        return ctx.last.force if ctx.last is not None else None
    force = _own_force(ctx, noun)
    container = _container(noun)
    if force is None and container is not None:
        force = _own_force(ctx, container)
    if force is None and noun.dep_ not in {"nsubj", "nsubjpass"}:
        force = _holder(ctx, reading.verb)
    if force is None:
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ == "PRON":
            force = _antecedent(ctx, owner)
    if force is None:
        force = _force_in_sentence(ctx, noun)
    if force is None and ctx.last is not None:
        force = ctx.last.force
    return force


def _force_in_sentence(ctx: _Context, noun: Token) -> str | None:
    """Whose troops, when the words around them do not say: another troop noun of the
    sentence that does ('contribute 16,500 troops to the UN force'), or who is speaking
    ('..., a NATO spokeswoman said'; 'Oslo announced')."""
    sentence = noun.sent
    for other in sentence:
        if other.i != noun.i and _is_troop_noun(other):
            force = _own_force(ctx, other)
            if force is not None:
                return force
    speaker = _child(sentence.root, "nsubj")
    return _own_force(ctx, speaker) if speaker is not None and speaker.i != noun.i else None


def _container(noun: Token) -> Token | None:
    """The unit a troop noun belongs to: 'a NATO battlegroup of 2,000 personnel', 'the
    force in Kosovo, 3,800 troops'."""
    if noun.dep_ == "appos" and _is_troop_noun(noun.head):
        return noun.head
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and _is_troop_noun(head.head):
        return head.head
    return None


def _location(ctx: _Context, reading: _Reading, sentence: Span, force: str) -> str | None:
    verb = reading.verb
    anchors = [t for t in (reading.noun, reading.node, verb) if t is not None]
    if verb is not None:
        anchors += [c for c in verb.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"}]
    if reading.noun is not None:
        # 'peacekeepers left for the Golan Heights' read as a modifier of the noun
        anchors += [c for c in reading.noun.children if c.dep_ == "acl"]
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ not in {"prep", "dative", "agent"}:
                continue
            destination = prep.lower_ == "for" and _lemma(anchor) in DESTINATION_VERBS
            if prep.lower_ not in LOCATION_PREPOSITIONS and not destination:
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                place = _place(ctx, obj) or _place_inside(ctx, obj)
                if place is not None:
                    return place
                if _lemma(obj) in SOIL_NOUNS and any(c.dep_ == "poss" for c in obj.children):
                    subject = _subject(verb)
                    if subject is not None:
                        return _place(ctx, subject) or _antecedent(ctx, subject)
                if _lemma(obj) in PLACE_NOUNS:
                    return _place_before(ctx, obj, force)
        there = next((c for c in anchor.children if c.lower_ == "there"), None)
        if there is not None:
            return _place_before(ctx, there, force)
    if verb is not None and _lemma(verb) in DEPARTURE_VERBS:
        left = _child(verb, "dobj")
        if left is not None and not _is_troop_noun(left) and left.pos_ != "PRON":
            # 'leave Somalia', 'leave the country'
            place = _place(ctx, left) or (
                _place_before(ctx, left, force) if _lemma(left) in PLACE_NOUNS else None
            )
            if place is not None:
                return place
    if reading.noun is not None:
        for child in reading.noun.lefts:
            # 'its Lebanon contingent'
            place = _place(ctx, child) if child.dep_ == "compound" else None
            if place is not None and place != force:
                return place
    if verb is not None and _lemma(verb) in HOSTING_VERBS:
        subject = _subject(verb)
        if subject is not None and _place(ctx, subject):
            return _place(ctx, subject)
    for token in sentence:
        if token.lower_ == "in" and token.i + 1 < len(ctx.doc):
            place = _place(ctx, ctx.doc[token.i + 1])
            if place is not None:
                return place
    return ctx.last.location if ctx.last is not None else None


def _place_inside(ctx: _Context, noun: Token) -> str | None:
    """'at its base in Djibouti', 'to the mission in Haiti'."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "inside"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and _place(ctx, obj):
                    return _place(ctx, obj)
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


def _sentence_mention(sentence: Span) -> Mention:
    text = sentence.text.rstrip()
    return Mention(start=sentence.start_char, end=sentence.start_char + len(text), text=text)


# --- Assembling levels -------------------------------------------------------------------


def _level(
    ctx: _Context,
    *,
    reading: _Reading,
    count: int,
    qualifier: str,
    evidence: Span,
    date_owners: list[Token],
    planned: bool | None = None,
) -> TroopLevel | None:
    sentence = evidence.sent
    if reading.noun is None and ctx.sentence_index[sentence.start] - ctx.last_sentence > 1:
        return None
    force = _force(ctx, reading)
    if force is None:
        return None
    location = _location(ctx, reading, sentence, force)
    decided = planned is not None
    if planned is None:
        planned = _is_planned(reading.verb)
    date = _date(ctx, date_owners, "future" if planned else "past")
    if date is not None and not decided and not planned and _is_later(date, ctx.published):
        # 'rotates in next month' in the present tense is still a plan.
        planned = True
    if date is None:
        if ctx.published is None:
            return None
        date = NormalisedDate(ctx.published.value, ctx.published.precision)
    level = TroopLevel(
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
    ctx.last, ctx.last_sentence = level, ctx.sentence_index[sentence.start]
    return level


def _owners(ctx: _Context, reading: _Reading, verb: Token | None) -> list[Token]:
    """Where a level's date may hang: the verb, the verb a participle depends on ('will send
    ... in September, bringing it to 1,200'), the noun, or a deadline on the plan ('By 2030,
    the army hopes to have ...')."""
    owners = [t for t in (verb, reading.noun) if t is not None]
    if verb is not None and verb.dep_ == "advcl" and verb.tag_ in {"VBG", "VBN"}:
        owners.append(verb.head)
    plan = verb
    while plan is not None and plan.dep_ == "xcomp":
        plan = plan.head
        if any(d.root.head.lower_ == "by" for d in ctx.date_owner.get(plan.i, [])):
            owners.append(plan)
    return owners


def _departure_noun(noun: Token | None) -> Token | None:
    if noun is None or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    nominal = noun.head.head
    return nominal if _lemma(nominal) in DEPARTURE_NOUNS else None


def _none_held(ctx: _Context, determiner: Token) -> list[TroopLevel]:
    """'Finland has no foreign troops on its soil': a level of 0."""
    noun = determiner.head
    if determiner.dep_ != "det" or not _is_troop_noun(noun):
        return []
    verb = _governing_verb(noun)
    if verb is None or _lemma(verb) not in HOLDING_VERBS | {"be"}:
        return []
    reading = _Reading(noun, noun, verb)
    return _keep(
        _level(
            ctx,
            reading=reading,
            count=0,
            qualifier="exact",
            evidence=ctx.doc[determiner.i : noun.i + 1],
            date_owners=_owners(ctx, reading, verb),
        )
    )


def _is_definite(number: Token, noun: Token | None) -> bool:
    """'All 2,000 troops', 'the remaining 900 soldiers', 'its final 25 soldiers', 'the
    5,100-strong force': the whole of a force, not some of it."""
    words = [c for c in number.children]
    if noun is not None:
        words += [c for c in noun.children if c.i < noun.i]
    return any(
        w.lower_ in LEAVING_QUANTIFIERS
        or w.dep_ == "poss"
        or (w.dep_ == "det" and w.lower_ in {"the", "these", "those"})
        for w in words
    )


def _departure(verb: Token | None) -> Token | None:
    """'leave' in 'will leave', 'are expected to leave', 'plans to withdraw', 'be home'."""
    while verb is not None and not _leaves(verb):
        verb = _child(verb, "xcomp")
    return verb


def _leaves(verb: Token) -> bool:
    if _lemma(verb) in DEPARTURE_VERBS:
        return True
    return any(
        c.lower_ in DEPARTURE_PARTICLES for c in verb.children if c.dep_ in {"advmod", "prt"}
    )


def _departs(verb: Token | None, node: Token) -> bool:
    """The troops counted are the ones leaving: subject or object of 'leave', 'withdraw'..."""
    if _departure(verb) is None:
        return False
    return node.dep_ in {"nsubj", "nsubjpass", "dobj"} or node.head.i == verb.i


def _number_level(ctx: _Context, phrases: list[NumberPhrase], index: int) -> list[TroopLevel]:
    phrase = phrases[index]
    if phrase.role == "high" or phrase.value != int(phrase.value):
        return []
    if phrase.value == 1 or phrase.value > 5_000_000:
        # One soldier is a person, not a level ('one of the biggest forces').
        return []
    number = phrase.span[-1]
    partner = phrases[phrase.partner] if phrase.partner is not None else None
    anchor = partner.span[-1] if phrase.role == "low" and partner is not None else number
    reading = _reading(ctx, anchor) or _reading(ctx, number)
    if reading is None and phrase.role == "from":
        if partner is not None:
            reading = _reading(ctx, partner.span[-1])
        elif ctx.last is not None and ctx.last.sentence.start == number.sent.start_char:
            # 'remain in X, down from 5,100 in 2019': the old value of the level just read.
            reading = _Reading(None, number, _governing_verb(number))
    if reading is None:
        return []
    evidence = phrase.span
    if phrase.role == "low" and partner is not None:
        evidence = ctx.doc[phrase.span.start : partner.span.end]
    verb = reading.verb
    planned: bool | None = None
    owners = [anchor, *_owners(ctx, reading, verb)]
    departure = _departure(verb) if _departs(verb, reading.node) else None
    nominal = _departure_noun(reading.noun)
    if nominal is not None and _is_definite(anchor, reading.noun):
        # 'ended the mission with the withdrawal of its last 80 troops in June'
        nominal_verb = _governing_verb(nominal)
        reading = _Reading(reading.noun, reading.node, nominal_verb)
        if not _is_planned(nominal_verb):
            return _emptied(ctx, reading, nominal_verb, evidence) if nominal_verb else []
        departure = nominal_verb
    if departure is not None:
        if not (_is_definite(anchor, reading.noun) and _is_planned(departure)):
            return []
        # 'All 2,000 troops will leave by May', 'withdraw its final 25 soldiers': 2,000 now,
        # none later.
        level = _level(
            ctx,
            reading=reading,
            count=int(phrase.value),
            qualifier=phrase.qualifier,
            evidence=evidence,
            date_owners=[anchor],
            planned=False,
        )
        return _keep(level) + _emptied(ctx, reading, departure, evidence)
    if _is_change_or_loss(anchor, reading):
        return []
    if phrase.role == "from":
        # The old value of a change is a level only when the text dates it.
        said_now = any(t.lower_ in NOW_WORDS for t in ctx.doc[number.i + 1 : number.i + 2])
        if number.i not in ctx.date_owner and not said_now:
            return []
        planned, owners = False, [number]
    elif _is_current_size(reading):
        planned, owners = False, [anchor]
    return _keep(
        _level(
            ctx,
            reading=reading,
            count=int(phrase.value),
            qualifier=phrase.qualifier,
            evidence=evidence,
            date_owners=owners,
            planned=planned,
        )
    )


def _is_current_size(reading: _Reading) -> bool:
    """What the verb does is not to the number: 'half of the 1,400 troops would rotate out',
    'double its 100-strong contingent to 200'. The number is the size now."""
    noun, verb = reading.noun, reading.verb
    if noun is None or reading.node.i != noun.i or verb is None:
        return False
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        whole = head.head
        if _lemma(whole) in PARTITIVE_WORDS or whole.like_num:
            return True
    if noun.dep_ == "dobj":
        return any(
            prep.lower_ == "to" and any(_has_number(obj) for obj in prep.children)
            for prep in verb.children
        )
    return False


def _has_number(token: Token) -> bool:
    return token.like_num or any(c.like_num for c in token.children)


def _keep(level: TroopLevel | None) -> list[TroopLevel]:
    return [level] if level is not None else []


def _zero_level(ctx: _Context, quantifier: Token) -> list[TroopLevel]:
    """'All (the remaining) foreign soldiers are to leave', 'withdraw all of its forces',
    'withdraw them all', 'all will return home'."""
    target = quantifier.head
    while target.like_num and target.head.i != target.i:
        target = target.head
    of = next((c for c in quantifier.children if c.lower_ == "of"), None)
    if of is not None:
        target = _child(of, "pobj") or target
    elif quantifier.dep_ in {"nsubj", "nsubjpass"}:
        target = quantifier
    elif target.i == quantifier.i:
        return []
    noun = target if _is_troop_noun(target) else None
    if noun is None and target.pos_ not in {"PRON", "DET"}:
        return []
    node = quantifier if of is not None or target.i == quantifier.i else target
    verb = _departure(_governing_verb(node))
    if verb is None:
        return []
    first = min([quantifier.i, *(c.i for c in target.lefts)])
    last = max(quantifier.i, target.i)
    return _emptied(ctx, _Reading(noun, node, verb), verb, ctx.doc[first : last + 1])


def _emptied(
    ctx: _Context, reading: _Reading, departure: Token, evidence: Span
) -> list[TroopLevel]:
    """A level of 0 when the troops counted leave, once per troop noun."""
    key = (reading.noun or reading.node).i
    if key in ctx.emptied:
        return []
    ctx.emptied.add(key)
    reading = _Reading(reading.noun, reading.node, departure)
    return _keep(
        _level(
            ctx,
            reading=reading,
            count=0,
            qualifier="exact",
            evidence=evidence,
            date_owners=_owners(ctx, reading, departure),
        )
    )


def _attach_dates(ctx: _Context, phrases: list[NumberPhrase]) -> None:
    """Each date phrase belongs to the nearest number or verb above it in the parse: in
    'remain in X, down from 5,100 at the start of the year' the date is the 5,100's (the
    parser hangs it on 'from'), in 'fell from 500 to 300 in May' the change's."""
    number_tokens = {p.span[-1].i for p in phrases}
    old_values = {p.span[-1].i for p in phrases if p.role == "from" and p.partner is None}
    for ent in ctx.doc.ents:
        if ent.label_ != "DATE":
            continue
        span = date_span(ent)
        if span is None or parse_duration(span.text) is not None:
            continue
        root = span.root
        ctx.date_root.update((t.i, root) for t in span)
        if root.head.lower_ in UNBOUNDED_DATE_PREPOSITIONS:
            continue
        number = next((c for c in root.children if c.i in number_tokens), None)
        if number is not None:
            # 'up from 500 today'
            ctx.date_owner.setdefault(number.i, []).append(span)
            continue
        token = root
        while token.head.i != token.i:
            token = token.head
            number = next((c for c in token.children if c.i in old_values), None)
            if token.pos_ == "ADP" and number is not None and number.dep_ == "pobj":
                token = number
            if token.i in number_tokens or token.pos_ in {"VERB", "AUX"}:
                ctx.date_owner.setdefault(token.i, []).append(span)
                break


def extract_troop_levels(
    doc: Doc, entities: EntityIndex, published: PartialDate | None
) -> list[TroopLevel]:
    ctx = _Context(doc, entities, published)
    ctx.sentence_index = {s.start: i for i, s in enumerate(doc.sents)}
    for cluster in entities.clusters:
        if cluster.kind == "person" and cluster.name not in _country_names():
            continue
        for mention in cluster.mentions:
            if mention.root.dep_ in {"nsubj", "nsubjpass"} or mention.root.head.dep_ in {
                "nsubj",
                "nsubjpass",
            }:
                name = _named(ctx, mention.root)
                if name is not None:
                    ctx.subjects.append((mention.start, name))
        if cluster.kind == "place" or cluster.name in _country_names():
            ctx.places += [(m.start, _bare(cluster.name)) for m in cluster.mentions]
    ctx.subjects.sort()
    ctx.places.sort()
    phrases = number_phrases(doc)
    _attach_dates(ctx, phrases)
    words = [doc.vocab.strings.add(w) for w in (*LEAVING_QUANTIFIERS, "no")]
    quantifiers = [doc[i] for i in tokens_where(doc, LOWER, words) if doc[i].pos_ != "VERB"]
    events = sorted(
        [(p.span.start, 0, i) for i, p in enumerate(phrases)] + [(q.i, 1, q.i) for q in quantifiers]
    )
    levels: list[TroopLevel] = []
    for _, kind, key in events:
        if kind == 0:
            levels += _number_level(ctx, phrases, key)
        elif doc[key].lower_ == "no":
            levels += _none_held(ctx, doc[key])
        else:
            levels += _zero_level(ctx, doc[key])
    return levels
