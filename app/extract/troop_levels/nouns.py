"""Troop nouns: which nouns name soldiers or units, and which noun a number counts."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from app.extract.figures import COUNT_OF, QUALIFIERS
from app.extract.patterns import demonyms
from app.extract.troop_levels.names import acronym
from app.extract.troop_levels.parse import dependent, lemma, subject_of
from app.extract.troop_levels.vocabulary import (
    CIVILIAN_MODIFIERS,
    CIVILIAN_NOUNS,
    MILITARY_UNITS,
    REFERRING_WORDS,
    SIZE_WORDS,
    TROOP_NOUNS,
)


def is_troop_noun(token: Token | None) -> bool:
    if token is None or token.pos_ not in {"NOUN", "PROPN"}:
        return False
    if lemma(token) in {"member", "man", "woman", "officer"}:
        # 'service members', 'Armed Forces members', 'members of the Defence Forces',
        # 'Self-Defense Force officers' (not police officers)
        return any(
            c.lower_ == "service" or (c.dep_ == "compound" and is_troop_noun(c))
            for c in token.lefts
        ) or any(c.lower_ == "of" and is_troop_noun(dependent(c, "pobj")) for c in token.rights)
    if any(c.lower_ in CIVILIAN_MODIFIERS for c in token.lefts):
        return False
    if token.text in {"Guard", "Guards"}:
        # 'the National Guard', 'Guard members', 'the Revolutionary Guards'; not a border guard
        return not any(c.lower_ == "border" for c in token.lefts)
    return lemma(token) in TROOP_NOUNS or _singular(token.lower_) in TROOP_NOUNS


def _singular(word: str) -> str:
    """'servicemen' -> 'serviceman', 'troops' -> 'troop': the small model often leaves
    plurals as they are."""
    return word[:-3] + "man" if word.endswith("men") else word.removesuffix("s")


def serving_nationals(token: Token | None) -> bool:
    """'8,400 Americans serve there', '1.3 million Americans serve on active duty', 'troops,
    including about 1,000 Americans': people named by nationality who serve, or who are
    deployed, are troops."""
    if token is None or token.pos_ not in {"NOUN", "PROPN"}:
        return False
    plural = token.text.endswith("s") and token.lower_.removesuffix("s") in demonyms()
    counted = any(c.dep_ == "nummod" for c in token.children)
    if not plural and not (counted and token.lower_ in demonyms()):  # '1,500 French'
        return False
    head = token.head
    if token.dep_ == "appos" and is_troop_noun(head):
        return True  # 'Troops in Niger: roughly 1,100 Americans and 1,500 French'
    if token.dep_ == "conj" and head.i != token.i and serving_nationals(head):
        return True
    if token.dep_ == "pobj" and head.lower_ == "including":
        # '5,000 NATO troops, including about 1,000 Americans'
        return is_troop_body(head.head)
    if any(c.dep_ == "acl" and lemma(c) in {"deploy", "station"} for c in token.children):
        return True  # '600 Italians already deployed at the base'; not 'Britons based in Spain'
    return token.dep_ == "nsubj" and lemma(head) == "serve"


ARMED_WORDS = {"infantry", "battle", "task", "army", "military", "combat", "marine", "naval"}
"""'a 340-strong infantry group': a group that is a unit."""


def is_troop_body(token: Token) -> bool:
    """Troops, or a unit or operation whose size is given in people."""
    if token.pos_ == "NOUN" and lemma(token) in {"group", "party"}:
        # 'a 340-strong infantry group', 'a 54-strong advance party'
        return any(c.lower_ in ARMED_WORDS | {"advance"} for c in token.lefts)
    return is_troop_noun(token) or (token.pos_ == "NOUN" and lemma(token) in MILITARY_UNITS)


def unit_of(noun: Token) -> Token | None:
    """The unit troops are counted in: 'its entire contingent of 830 soldiers', 'a unit of
    sixty soldiers'."""
    whole = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    return whole if whole is not None and is_troop_body(whole) else None


def troop_noun(noun: Token | None) -> Token | None:
    """'soldiers', or the troops in 'the number of troops' and 'troop levels', or what
    'which' stands for in 'the force, which the council wants to keep at 17,000'."""
    if noun is None:
        return None
    if noun.tag_ in {"WDT", "WP"}:
        clause = noun.head
        while clause.dep_ in {"xcomp", "ccomp", "conj"}:
            clause = clause.head
        noun = clause.head if clause.dep_ == "relcl" else noun
        outer = noun.head.head
        if noun.dep_ == "pobj" and not is_troop_noun(noun) and is_troop_noun(outer):
            noun = outer  # 'the contingent in the region, which numbered 2,000'
        elif noun.dep_ == "pobj" and not is_troop_noun(noun) and lemma(outer) in COUNT_OF:
            noun = outer  # 'the number of troops on the border, which peaked at 15,000'
    if lemma(noun) in COUNT_OF:
        of = next((c for c in noun.children if c.lower_ == "of"), None)
        compounds = [c for c in noun.children if c.dep_ == "compound"]  # 'U.S. troop numbers'
        troops = next((c for c in compounds if is_troop_noun(c)), None)
        inner = dependent(of, "pobj") if of is not None else None
        if inner is not None and inner.like_num:
            of = inner = None  # "the mission's current strength of 19,600": the size itself
        if of is None:
            inner = troops or (compounds[0] if compounds else None)
        if inner is None and of is None:
            # "the brigade's strength"
            inner = dependent(noun, "poss")
            return inner if inner is not None and is_troop_body(inner) else None
        if is_troop_noun(inner):
            return inner
        # 'the troop strength of the UN mission': the troops are in the compound, whose
        # they are in the of-phrase
        return inner if troops is not None and inner is not None else troops
    if lemma(noun) == "officer" and not any(c.lower_ == "police" for c in noun.lefts):
        # '184 officers and soldiers': the officers of the troops counted with them
        troops = next((c for c in noun.children if c.dep_ == "conj" and is_troop_noun(c)), None)
        if troops is not None and not any(n.dep_ == "nummod" for n in troops.children):
            return troops
    return noun if is_troop_noun(noun) and not _counted_with_others(noun) else None


def _counted_with_others(noun: Token) -> bool:
    """'Some 5,000 Greek soldiers and police', '12,000 US troops and family members': the
    count is of both together; not '13,000
    troops and 1,900 police officers', each with a count of its own."""
    return any(
        c.dep_ == "conj"
        and not any(n.dep_ == "nummod" for n in c.children)
        and any(_singular(lemma(t)) in CIVILIAN_NOUNS for t in (c, *c.lefts))  # 'family members'
        for c in noun.children
    ) or any(  # '2,000 personnel, including 300 civilians' (counted civilians among them)
        c.lower_ == "including"
        and any(
            _singular(lemma(t)) in CIVILIAN_NOUNS and any(n.like_num for n in t.children)
            for t in c.subtree
        )
        for c in noun.children
    )


def refers_back(noun: Token | None) -> bool:
    """'that number', 'the total', 'it', 'them': a word standing for an earlier level."""
    if noun is None:
        return False
    if lemma(noun) in COUNT_OF:
        return not any(c.lower_ == "of" for c in noun.children)
    return noun.lower_ in REFERRING_WORDS or lemma(noun) in REFERRING_WORDS


def sized_unit(number: Token) -> Token | None:
    """The body a personnel size describes: 'a 250-member unit', 'the unit was 350-strong'."""
    size = number.head
    if number.dep_ == "nummod" and is_troop_body(size):
        # 'The 1,000-strong Russian garrison', where the parser hangs 'strong' on the noun
        strong = [c for c in size.children if c.i in {number.i + 1, number.i + 2}]
        if any(c.lower_ in SIZE_WORDS and c.dep_ == "amod" for c in strong):
            return size
    if size.lower_ not in SIZE_WORDS or size.i not in {number.i + 1, number.i + 2}:
        return None  # '250-member', '460 strong'
    if size.dep_ == "acomp":
        unit = subject_of(size.head)
    elif size.dep_ in {"amod", "compound", "nmod"}:
        unit = size.head
    else:
        return None
    if unit is not None and unit.tag_ in {"WDT", "WP"} and unit.head.dep_ == "relcl":
        unit = unit.head.head  # 'KFOR, which was about 50,000 strong when it deployed'
    if unit is None:
        return None
    named = size.dep_ == "acomp" and (
        unit.ent_type_ == "ORG" or acronym(unit) or (unit.pos_ == "PROPN" and not unit.ent_type_)
    )  # 'KFOR was about 50,000 strong'
    return unit if is_troop_body(unit) or named else None


MEASURE_WORDS = {"to", "at", "number", "numbers", "numbered", "total", "totals", "totalled"}
"""'cut its forces ... to 3,000', "Russia's forces in Ukraine number about 470,000"."""
_ONE_WORD = {word for word in QUALIFIERS if " " not in word}
QUALIFIER_WORDS = _ONE_WORD | {
    first for first, _, second in (q.partition(" ") for q in QUALIFIERS) if second in _ONE_WORD
}
"""'about', 'roughly', 'nearly', 'well over': a qualifier of one word, or of two whose
second is one ('just over'), may stand between ('number about N')."""


def last_troop_noun(tokens: Iterable[Token]) -> Token | None:
    return next((t for t in reversed(list(tokens)) if is_troop_noun(t) and t.pos_ == "NOUN"), None)


def troops_named_before(token: Token) -> Token | None:
    """The last troop noun before the token in its sentence."""
    return last_troop_noun(token.doc[token.sent.start : token.i])


def troop_noun_before(number: Token) -> Token | None:
    """'cut its forces in Iraq ... to 3,000', "forces in Ukraine number about 470,000", when
    the parse loses the link: the troop noun before the measuring word."""
    doc, sentence = number.doc, number.sent
    before = number.i - 1
    while before > sentence.start and (
        doc[before].lower_ in QUALIFIER_WORDS
        or doc[before].like_num  # 'just under two hundred'
        or doc[before].lower_ == "between"  # 'numbers between 8,000 and 10,000'
    ):
        before -= 1
    if before < sentence.start or doc[before].lower_ not in MEASURE_WORDS:
        return None
    # further back only over an aside ('Greek forces on Evros, a 400-km river frontier
    # with Turkey, number about 14,000'), not into another clause
    for token in reversed(doc[max(sentence.start, number.i - 20) : before]):
        if token.i < number.i - 12 and token.pos_ in {"VERB", "AUX"}:
            return None
        if token.like_num:
            continue
        if is_troop_noun(token) and token.pos_ == "NOUN":
            return token
    return None
