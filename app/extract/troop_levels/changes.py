"""When a count tied to troops is no level: a change, a loss, a ceiling, a total over the
years or what some of them are; and when it is the size now beside a change."""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.figures import COUNT_OF, SCALE_WORDS, counted_noun
from app.extract.troop_levels.context import Reading
from app.extract.troop_levels.counts import MISREAD_VERBS, elsewhere
from app.extract.troop_levels.departures import is_definite
from app.extract.troop_levels.nouns import is_troop_body, is_troop_noun
from app.extract.troop_levels.parse import dependent, has_number, lemma, subject_of
from app.extract.troop_levels.vocabulary import (
    ADDITION_WORDS,
    CASUALTY_NOUNS,
    CASUALTY_VERBS,
    CEILING_WORDS,
    CHANGE_NOUNS,
    CHANGE_VERBS,
    HOLDING_VERBS,
    HOSTING_VERBS,
    MOVING_VERBS,
    NOW_WORDS,
    PARTITIVE_WORDS,
)

TOTALLING_VERBS = {"bring", "take", "raise", "push", "lift", "swell"}
SENDING_VERBS = MOVING_VERBS | {"send", "deploy", "dispatch", "fly", "ship", "add"}
"""What a verb of sending moves, when it brings a total up, is added to it; what a verb of
having holds is not ('has 3,000 there, bringing the alliance's total to 10,000')."""


def _brings_a_total(verb: Token) -> bool:
    """'..., bringing the total there to 60,000': what the verb moved is added to a total,
    also when the parser hangs the participle on the verb of saying ('..., officials said,
    bringing')."""
    said = verb.head if verb.dep_ == "ccomp" else None
    return any(
        c.dep_ == "advcl"
        and c.tag_ == "VBG"
        and lemma(c) in TOTALLING_VERBS
        and any(
            p.dep_ == "prep" and p.lower_ == "to" and any(t.like_num for t in p.subtree)
            for p in c.children
        )
        for word in (verb, said)
        if word is not None
        for c in word.children
    )


def is_change_or_loss(number: Token, reading: Reading) -> bool:
    """'cut 2,000 troops', '200 more soldiers', '45 soldiers were killed'."""
    doc = number.doc
    verb = reading.verb
    held = verb is not None and lemma(verb) in {"have", *HOSTING_VERBS}
    after = doc[number.i + 1] if number.i + 1 < len(doc) else None
    if after is not None and after.lower_ in ADDITION_WORDS | {"short"}:
        return True  # '200 more soldiers', '13,000 short of its authorised size'
    if after is not None and after.i + 2 < len(doc) and is_troop_noun(after):
        compared = doc[after.i + 1].lower_ in {"fewer", "more", "less"}
        if compared and doc[after.i + 2].lower_ == "than":
            return True  # 'about 3,000 troops fewer than its ceiling': a difference
    if number.i > 0 and doc[number.i - 1].lower_ in ADDITION_WORDS and not held:
        # 'a further 900', 'another 400'; but 'Belarus hosts an additional 30,000' is a
        # level, and so is 'with another 100 in Poland' beside a level elsewhere
        # 'are in Kosovo'; 'serve in the Golan Heights', with the verb taken for a noun
        misread = number.head.lower_ in MISREAD_VERBS
        here = (number.dep_ == "nsubj" and (number.head.tag_ in {"VBZ", "VBP"} or misread)) or (
            number.dep_ == "nummod" and misread
        )
        return not (
            (number.head.lower_ == "with" and elsewhere(number))
            or (here and elsewhere(number.head))  # '...; another 150 are in Kosovo'
        )
    noun = reading.noun
    if noun is not None and noun.sent.start != number.sent.start:
        noun = None  # troops named in the sentence before: what befell them there is theirs
    if noun is not None and noun.dep_ == "pobj" and lemma(noun.head.head) in CASUALTY_NOUNS:
        return True
    if _counts_a_change(number):
        return True
    if verb is not None and lemma(verb) == "exceed" and any(c.dep_ == "neg" for c in verb.children):
        return True  # 'shall not exceed 460': a ceiling
    measured = [t for t in (noun, counted_noun(number), subject_of(verb)) if t is not None]
    if any(c.lower_ in CEILING_WORDS for t in measured for c in t.children if c.dep_ == "amod"):
        return True  # 'its authorised strength is 15,000': a ceiling, not who is there
    if (
        verb is not None
        and lemma(verb) in CHANGE_VERBS
        and reading.node.like_num
        and reading.node.dep_ == "dobj"
        and reading.node.head.i == verb.i
    ):
        return True  # 'lost 3,000 soldiers and recruited 2,100'
    if _composition(number):
        return True  # '150 of them are women'
    clauses = [c for c in noun.children if c.dep_ in {"acl", "relcl"}] if noun is not None else []
    if any(_over_the_years(v) for v in (verb, *clauses) if v is not None):
        return True  # '8,000 troops served in the mission over the years': all who served
    if _rotated_through(verb, noun):
        return True  # 'had rotated more than 600 troops through the mission': all who served
    if _allowed(reading):
        return True  # a ceiling, not who is there
    if any(
        node.dep_ == "pobj"
        and node.head.lower_ == "by"
        and (node.head.dep_ != "agent" or _grows(node.head.head))
        and (node.head.head.pos_ in {"VERB", "AUX", "ADJ"} or lemma(node.head.head) in COUNT_OF)
        for node in (number, reading.node)
    ):
        # 'cut its force by about 600', 'was reinforced by 300 troops', 'by 400 next year',
        # 'short of its strength by some 600 personnel'
        return True
    if noun is not None and noun.i < number.i and number.head.head.i == noun.i:
        if any(c.lower_ in ADDITION_WORDS for c in noun.children if c.i < noun.i):
            return True  # 'an extra brigade of 4,000'
        if (
            noun.dep_ == "dobj"
            and lemma(noun.head) in CHANGE_VERBS
            and not is_definite(number, noun)
        ):
            return True  # 'plans to add a brigade of 3,000'
    if noun is not None and noun.i > number.i:
        if not held and any(c.lower_ in ADDITION_WORDS for c in noun.children if c.i < noun.i):
            return True
        if noun.dep_ in {"dobj", "nsubjpass"} and lemma(noun.head) in CHANGE_VERBS:
            # 'cut 2,000 troops', '700 commandos were added'; not 'cut the 31,000 troops to
            # 25,000' nor 'bars it from reducing the 28,000 troops stationed there' (the size
            # now)
            return not (_to_a_number(noun) and is_current_size(reading)) and not is_definite(
                number, noun
            )
    moved = noun is not None and noun.dep_ == "dobj" and not is_definite(number, noun)
    if moved and lemma(noun.head) in SENDING_VERBS and _brings_a_total(noun.head):
        return True  # 'moved 10,000 troops to the border, bringing the total to 60,000'
    if verb is not None and lemma(verb) in MOVING_VERBS and _part_of_a_count(number):
        return True  # '11,900 of the 36,000 US troops would be moved'
    if verb is not None and reading.node.dep_ in SUBJECT_OR_OBJECT and _moved_nowhere(verb):
        return True  # '12,000 soldiers are to be moved, some back home and some to Italy'
    if noun is not None and any(
        c.dep_ in {"relcl", "acl"} and lemma(c) in CASUALTY_VERBS for c in noun.children
    ):
        return True  # 'the 13 soldiers who died in the crash'
    if noun is not None and number.head.i == noun.i and _whole_of_a_part(noun):
        return False  # '4,000 of Ukraine's 250,000 service members have tested positive'
    if verb is not None and _listed_as_lost(verb):
        return True  # '40,000 servicemen are listed as missing', '300 soldiers remain missing'
    return verb is not None and lemma(verb) in CASUALTY_VERBS


SUBJECT_OR_OBJECT = {"nsubj", "nsubjpass", "dobj"}
"""What a verb moves ('of the 36,000 troops' is the whole some of which move)."""


LOST_STATES = {"missing", "dead", "captive", "unaccounted"}


def _listed_as_lost(verb: Token) -> bool:
    """A state of loss the verb gives its troops: 'are listed as missing', 'remain missing'."""
    states = [c for c in verb.children if c.dep_ in {"acomp", "oprd"}]
    states += [g for c in verb.children if c.lower_ == "as" for g in c.children]
    return any(s.lower_ in LOST_STATES for s in states)


def _moved_nowhere(verb: Token) -> bool:
    """A move with no one destination of its own: the troops moved are a change to where
    they were, not a level anywhere ('moved 15,000 troops to the area' is one)."""
    if lemma(verb) not in MOVING_VERBS - {"rotate"}:
        return False
    return not any(c.dep_ == "prep" and c.lower_ in {"to", "into"} for c in verb.children)


def _sent_somewhere(verb: Token) -> bool:
    """'ordered to Romania', 'will be fully in place by 2027': the plan moves the unit."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        if prep.lower_ == "to" and any(o.ent_type_ in {"GPE", "LOC"} for o in objects):
            return True
        if prep.lower_ == "in" and any(o.lower_ == "place" for o in objects):
            return True
    return False


def is_current_size(reading: Reading) -> bool:
    """What the verb does is not to the number: 'half of the 1,400 troops would rotate out',
    'double its 100-strong contingent to 200', 'its 600-strong contingent would be trimmed
    to 500', 'the force — about 900 troops today — would fall to 500'. The number is the size
    now."""
    noun, verb = reading.noun, reading.verb
    if noun is None or verb is None:
        return False
    node = reading.node
    if node.i != noun.i and not (node.dep_ == "pobj" and node.head.head.i == noun.i):
        # the number stands for the noun, or measures it: 'its army of 280,000 will grow'
        return False
    if noun.dep_ == "appos":
        # 'its contribution to the mission, about 850 soldiers, will be extended'; not 'The
        # division (about 4,700 soldiers) has been ordered to Romania', a move planned
        return not _sent_somewhere(verb)
    if any(t.lower_ in NOW_WORDS for t in noun.subtree):
        # 'its garrison, currently 700 troops, ...', 'With 1,000 troops already there, ...'
        return True
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        whole = head.head
        if lemma(whole) in PARTITIVE_WORDS and not _fraction_of_a_scale(whole):
            return True
        if whole.like_num and not (whole.lower_ == "one" and whole.dep_ == "attr"):
            # 'two of the 900 soldiers will leave'; but in 'she was one of 2,300 troops
            # sent there in 1994' the count is of that time
            return True
        if whole.pos_ in {"VERB", "AUX"} and any(
            lemma(part) in PARTITIVE_WORDS
            or (part.dep_ in {"nsubj", "nsubjpass"} and _amount(part))
            for part in (*head.children, *whole.children, *_asides(noun))
        ):
            # 'Of the 1,200 soldiers deployed there, a third are due to rotate out', 'Of
            # the 35,000 US troops in Germany, about 12,000 will be moved'
            return True
    if noun.dep_ == "pobj" and head.lower_ == "of" and is_troop_body(head.head):
        noun = head.head  # 'cut its force of 5,100 soldiers by 600': the force is cut
    if noun.dep_ in {"dobj", "nsubj", "nsubjpass"}:
        # 'cut its force to 3,900' or 'by 600' (not 'by 2027')
        return any(
            (prep.lower_ == "to" and any(has_number(obj) for obj in prep.children))
            or (
                prep.lower_ == "by"
                and any(_amount(t) for obj in prep.children for t in (obj, *obj.children))
            )
            for prep in _changing_words(verb, noun)
        )
    return False


def _over_the_years(verb: Token) -> bool:
    """'over the years', 'over the decades': a total of all who came and went."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "over"):
        period = dependent(prep, "pobj")
        counted = period is not None and any(c.dep_ == "nummod" for c in period.children)
        if period is not None and period.lower_ in {"years", "decades"} and not counted:
            return True  # not 'shrink the garrison to 25,000 over three years'
    return False


def _grows(verb: Token) -> bool:
    """'will be reinforced by 300 troops' is a change; 'is defended by 40,000 troops' is
    who defends it."""
    return lemma(verb) in CHANGE_VERBS or lemma(verb) in {"reinforce", "bolster", "strengthen"}


def _rotated_through(verb: Token | None, noun: Token | None) -> bool:
    """'Vilnius had rotated 600 troops through the mission': all who served in turn. Not
    '4,000 soldiers will rotate through the Philippines', who are there."""
    return (
        verb is not None
        and noun is not None
        and noun.dep_ == "dobj"
        and noun.head.i == verb.i
        and lemma(verb) == "rotate"
        and any(c.lower_ == "through" for c in verb.children)
    )


def _composition(number: Token) -> bool:
    """'150 of them are women': what some of the troops are, not where they are."""
    if number.dep_ != "nsubj" or not any(c.lower_ == "of" for c in number.children):
        return False
    verb = number.head
    attribute = dependent(verb, "attr", "acomp")
    return (
        lemma(verb) == "be"
        and attribute is not None
        and not is_troop_noun(attribute)
        and not any(c.dep_ == "prep" for c in verb.children)
    )


PERMITTING_VERBS = {"allow", "permit"}
ALLOWING_VERBS = PERMITTING_VERBS | {"authorize", "authorise"}


def _allowed(reading: Reading) -> bool:
    """A count a mandate, pact or treaty allows: 'well below the 15,000 allowed by its
    mandate', 'its mandate allows up to 15,000', 'allows Moscow to keep up to 25,000', 'a
    pact allowing up to 1,000 troops to train there'. Not '850 members authorized to
    deploy', a plan."""
    node, noun, verb = reading.node, reading.noun, reading.verb
    if any(
        c.dep_ == "acl" and lemma(c) in ALLOWING_VERBS and dependent(c, "xcomp") is None
        for c in node.children
    ):
        return True
    if verb is not None and node.like_num:
        if lemma(verb) in ALLOWING_VERBS and dependent(verb, "xcomp") is None:
            return True
        kept = verb.dep_ in {"xcomp", "ccomp"} and verb.i > verb.head.i
        if kept and lemma(verb.head) in PERMITTING_VERBS and lemma(verb) in HOLDING_VERBS:
            return True
    if noun is None or node.i != noun.i:
        return False
    if noun.dep_ == "dobj":
        allowing = noun.head
    elif noun.dep_ == "nsubj" and noun.head.dep_ in {"ccomp", "xcomp"} and noun.head.tag_ == "VB":
        allowing = noun.head.head  # not '...; about 500 troops are there', hung on 'allows'
    else:
        return False
    return lemma(allowing) in PERMITTING_VERBS


def _whole_of_a_part(noun: Token) -> bool:
    """The troops a part is taken from, as they stand ('of Ukraine's 250,000 service
    members'); not those 'who served in the mission' over the years."""
    head = noun.head
    return (
        noun.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.like_num
        and not any(c.dep_ == "relcl" for c in noun.children)
    )


def _fraction_of_a_scale(word: Token) -> bool:
    """'quarter' in 'a quarter of a million soldiers': part of the number, not a share."""
    following = [t.lower_ for t in word.doc[word.i + 1 : word.i + 4]]
    return following[:2] in (["of", "a"], ["of", "an"]) and following[2:] in (
        [scale] for scale in SCALE_WORDS
    )


def _to_a_number(noun: Token) -> bool:
    """'cut the 31,000 troops (stationed in Germany) to 25,000': the verb's new size is a
    bare number, not more troops ('adding 5,000 sailors to the 2,000 Marines')."""
    return any(
        prep.lower_ == "to" and any(_a_new_size(obj) for obj in prep.children)
        for prep in _changing_words(noun.head, noun)
    )


def _changing_words(verb: Token, noun: Token) -> list[Token]:
    """The verb's dependents, and those of a clause on its noun: in 'cut the 31,000 troops
    stationed in Germany to 25,000' the parser hangs 'to' on 'stationed'."""
    placed = [c for c in noun.children if c.dep_ == "acl"]
    return [*verb.children, *(p for c in placed for p in c.children)]


def _a_new_size(obj: Token) -> bool:
    """'to 25,000', 'to 500 troops'; not 'to the 2,000 Marines' already there."""
    if obj.like_num:
        return True
    return any(c.dep_ == "nummod" for c in obj.children) and not any(
        c.dep_ in {"det", "poss"} for c in obj.children
    )


def _asides(noun: Token) -> list[Token]:
    """What the parser set beside the noun: the 'a third' of 'Of the 1,200 troops deployed
    there, about a third are due to rotate out', hung on 'troops'."""
    return [c for c in noun.children if c.dep_ == "appos"]


def _part_of_a_count(number: Token) -> bool:
    """'11,900 of the 36,000 troops', 'Of the 35,000 US troops in Germany, about 12,000 will
    be moved': a number whose 'of' counts a larger whole."""
    of = next((c for c in number.children if c.lower_ == "of"), None)
    if of is None and number.dep_ in {"nsubj", "nsubjpass"}:
        of = next((c for c in number.head.children if c.lower_ == "of" and c.i < number.i), None)
    whole = dependent(of, "pobj") if of is not None else None
    if whole is not None and whole.lower_ == "them":
        return True  # 'about 4,000 of them will be moved to Guam'
    return whole is not None and any(_amount(c) for c in (whole, *whole.children))


def _counts_a_change(number: Token) -> bool:
    """'a shortfall of 16,000 members', 'a surge of 30,000 troops'."""
    node = number
    for _ in range(3):
        node = node.head
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i:
            return False
        if node.lower_ == "of" and lemma(node.head) in CHANGE_NOUNS:
            return True
    return False


def _amount(token: Token) -> bool:
    """A number that is no date: '600', not '2027'."""
    return token.like_num and token.ent_type_ != "DATE" and token.shape_ != "dddd"
