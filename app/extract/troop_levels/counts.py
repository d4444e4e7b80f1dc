"""Which numbers are troop counts: how a number is tied to troops, and when it is a change,
a loss or the size before a change rather than a level."""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.figures import COUNT_OF, SCALE_WORDS, counted_noun
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.nouns import (
    is_troop_body,
    is_troop_noun,
    refers_back,
    serving_nationals,
    sized_unit,
    troop_noun,
    troop_noun_before,
)
from app.extract.troop_levels.parse import (
    clause_verb,
    dependent,
    governing_verb,
    has_number,
    lemma,
    subject_of,
    verb_object,
)
from app.extract.troop_levels.status import is_plan_word
from app.extract.troop_levels.vocabulary import (
    ADDITION_WORDS,
    CASUALTY_NOUNS,
    CASUALTY_VERBS,
    CEILING_WORDS,
    CHANGE_NOUNS,
    CHANGE_VERBS,
    HOLDING_VERBS,
    HOSTING_VERBS,
    LIMIT_NOUNS,
    MOVING_VERBS,
    NOW_WORDS,
    PARTITIVE_WORDS,
    PROPOSAL_VERBS,
    TARGET_NOUNS,
    UNIT_NOUNS,
)

MISREAD_QUALIFIERS = {"around", "about", "over", "under"}
"""'joining around 200': the parser reads the qualifier as a preposition over the number."""


def _some_of_them(number: Token) -> bool:
    """'about 170,000 of them overseas': a part of the troops just counted, somewhere."""
    of = next((c for c in number.children if c.lower_ == "of"), None)
    them = dependent(of, "pobj") if of is not None else None
    placed = any(
        c.lower_ in {"overseas", "abroad", "there", "here"}
        or (c.dep_ == "prep" and c.lower_ in {"in", "at", "on", "across"})
        for c in number.children
    )
    return (
        them is not None
        and them.lower_ == "them"
        and number.dep_ in {"dep", "appos", "npadvmod"}
        and placed
    )


def _over_the_years(verb: Token) -> bool:
    """'over the years', 'over the decades': a total of all who came and went."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "over"):
        period = dependent(prep, "pobj")
        counted = period is not None and any(c.dep_ == "nummod" for c in period.children)
        if period is not None and period.lower_ in {"years", "decades"} and not counted:
            return True  # not 'shrink the garrison to 25,000 over three years'
    return False


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


def _allowed(noun: Token) -> bool:
    """The troops of 'allows 2,000 troops to train', however the parser hangs them."""
    if noun.dep_ == "dobj":
        allowing = noun.head
    elif noun.dep_ == "nsubj" and noun.head.dep_ in {"ccomp", "xcomp"}:
        allowing = noun.head.head
    else:
        return False
    return lemma(allowing) in {"allow", "permit"}


def _troops_named_before(number: Token) -> Token | None:
    """The last troop noun before the number in its sentence."""
    before = number.doc[number.sent.start : number.i]
    return next((t for t in reversed(before) if is_troop_noun(t) and t.pos_ == "NOUN"), None)


def _added_to(node: Token) -> bool:
    """'on top of the 1,200', 'in addition to the 1,200': what a change is added to."""
    if node.dep_ != "pobj":
        return False
    head = node.head
    return (head.lower_ == "of" and head.head.lower_ == "top") or (
        head.lower_ == "to" and head.head.lower_ == "addition"
    )


def _about_troops(word: Token) -> bool:
    """A troop noun in the word's sentence or the two before: what 'the total' counts."""
    doc, start = word.doc, word.sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    return any(is_troop_noun(t) for t in doc[start : word.sent.end])


def is_target(noun: Token) -> bool:
    """'a target of 35,000', 'a requirement of 82,050': a size aimed at."""
    return noun.pos_ == "NOUN" and lemma(noun) in TARGET_NOUNS


def _arrives(verb: Token) -> bool:
    """'arrived last July with 1,000': the count the force came with."""
    return lemma(verb) in {"arrive", "deploy", "enter", "land", "begin", "start"}


def _aims(verb: Token) -> bool:
    """'aims for 203,000', 'called for 20,000': the number is the target."""
    return is_plan_word(verb) or lemma(verb) in PROPOSAL_VERBS


def reading_of(ctx: Context, number: Token) -> Reading | None:
    node = number
    if any(c.lower_ == "strong" for c in number.children) or (
        number.dep_ == "nummod"
        and is_troop_noun(number.head)
        and number.head.head.lower_ == "strong"
    ):
        # 'their force in Niger, now 290 strong, could double', 'the contingent, 450
        # soldiers strong, will shrink': an aside on its size now.
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
    if counted is not None and lemma(counted) in LIMIT_NOUNS and counted.dep_ == "pobj":
        # 'would rise to a maximum of 1,500': the limit stands for the number
        node, counted = counted, None
    if counted is not None and lemma(counted) in COUNT_OF and counted.i < node.i:
        # 'reach its full strength of 4,800': the strength of the verb's subject.
        verb = governing_verb(counted)
        noun = troop_noun(subject_of(verb))
        if noun is not None:
            return Reading(noun, node, verb)
    if counted is not None and is_target(counted) and node.head.lower_ == "of":
        # 'had 21,500 active personnel, against a goal of 24,000 by 2025'
        last = ctx.last
        if last is not None and last.sentence.start == node.sent.start_char:
            return Reading(None, node, governing_verb(counted))
    if counted is not None and lemma(counted) in {"member", "man", "woman"}:
        # 'the unit is to be cut to 195 members', 'the army has fewer than 6,000 men',
        # 'reduce its presence to 1,800 men', 'put the strength of the Defence Forces at
        # about 4,200 members'
        verb = governing_verb(counted)
        for whole in (subject_of(verb), verb_object(verb, node)):
            body = troop_noun(whole) or (
                whole if whole is not None and is_troop_body(whole) else None
            )
            if body is not None:
                return Reading(body, node, governing_verb(node))
    if (
        _some_of_them(node)
        and ctx.last is not None
        and ctx.last.sentence.start == node.sent.start_char
    ):
        # '1.3 million Americans serve on active duty, about 170,000 of them overseas'
        return Reading(None, node, governing_verb(node))
    if serving_nationals(counted) and node.head.i == counted.i:
        return Reading(counted, counted, governing_verb(counted))
    noun = troop_noun(counted)
    if noun is None and counted is not None and node.head.lower_ == "of" and is_troop_body(counted):
        noun = counted  # 'a Swedish unit of about 600'
    if noun is not None and node.head.i == noun.i and lemma(noun) in UNIT_NOUNS:
        # 'deploy four battalions': a count of units, not of soldiers
        return None
    if noun is not None:
        # '3,200 troops', 'a 1,100-strong contingent': the number is part of the noun phrase;
        # 'cut the presence to 1,200', 'a force of 900': the number hangs on its own.
        in_phrase = noun.i == counted.i and (node.head.i == noun.i or noun.i > node.i)
        partitive = any(c.lower_ == "of" for c in node.children)  # '60 of its 200 soldiers'
        holder = noun if in_phrase and not partitive else node
        return Reading(noun, holder, governing_verb(holder))
    if (
        counted is None
        and node.dep_ == "attr"
        and any(c.dep_ == "expl" for c in node.head.children)
        and ctx.last is not None
    ):
        # '... there are 14,000 troops. Two years ago there were 8,400.'
        return Reading(None, node, governing_verb(node))
    if counted is None and (
        node.dep_ in {"dobj", "attr", "oprd"}
        or (node.dep_ == "pobj" and node.head.lower_ in {"at", "to"})
        or (node.dep_ == "pobj" and node.head.lower_ in MISREAD_QUALIFIERS)
        or (node.dep_ == "pobj" and node.head.lower_ == "for" and _aims(node.head.head))
        or (node.dep_ == "pobj" and node.head.lower_ == "with" and _arrives(node.head.head))
    ):
        # 'the contingent numbered 90', 'is expected to reach 5,000', 'stood at 3,600'
        measure = governing_verb(node)
        verb = clause_verb(measure)
        subject = subject_of(measure)
        measured = verb_object(measure, node)
        noun = troop_noun(subject) or troop_noun(measured)
        if noun is not None:
            return Reading(noun, node, verb)
        if measured is not None and lemma(measured) in COUNT_OF and _about_troops(measured):
            # 'sending 3,000 more, which will bring the total in the region to 18,000'
            return Reading(measured, node, verb)
        if refers_back(subject) or (subject is not None and subject.pos_ == "PRON"):
            return Reading(None, node, verb)
        if node.dep_ == "dobj" and measure is not None and lemma(measure) in HOLDING_VERBS:
            # 'Ottawa now deploys fewer than 200'
            return Reading(None, node, verb)
        if node.dep_ == "dobj" and measure is not None and measure.dep_ == "advcl":
            # 'would withdraw 300 soldiers, leaving about 700 in the country': the rest
            noun = (
                troop_noun(_what_moves(measure.head, node)) if lemma(measure) == "leave" else None
            )
            if noun is not None:
                return Reading(noun, node, verb)
        if node.dep_ == "pobj" and node.head.lower_ in {"for", "with"}:
            # '... had 183,000 soldiers and aims for 203,000', '... since it arrived with 1,000'
            return Reading(None, node, verb)
        noun = troop_noun_before(number)
        return Reading(noun, node, verb) if noun is not None else None
    partitive = any(c.lower_ == "of" for c in node.children)  # '900 troops, 150 of them women'
    if counted is None and node.dep_ == "appos" and troop_noun(node.head) and not partitive:
        # 'the remaining troops in Chad, about 90, should be home by ...', 'troop numbers
        # (currently 80)'
        return Reading(troop_noun(node.head), node.head, governing_verb(node.head))
    if counted is None and node.dep_ == "appos" and node.head.dep_ == "pobj":
        # "Slovenia's troops in Kosovo, currently 110, ...", "troop numbers in Latvia
        # (currently 60)": the parser hangs the count on the place
        holder = node.head.head.head
        noun = troop_noun(holder)
        if noun is not None:
            return Reading(noun, holder, governing_verb(holder))

    if counted is None and node.dep_ == "pobj" and node.head.lower_ == "of":
        # 'the 1,500 troops in Russia are the first of some 12,000 (it has promised)'
        part = node.head.head
        if lemma(part) in {"first", "vanguard", "advance"} and part.dep_ == "attr":
            noun = troop_noun(subject_of(part.head))
            clause = next((c for c in node.children if c.dep_ == "relcl"), None)
            if noun is not None:
                verb = dependent(clause, "xcomp") or clause if clause is not None else part.head
                return Reading(noun, node, verb)
    if counted is None and node.dep_ == "pobj" and node.head.lower_ == "including":
        # 'a battlegroup of 1,000 soldiers, including 400 from Germany'; '1,200 personnel
        # were deployed, including about 400 in the Middle East'
        whole = node.head.head
        if whole.pos_ in {"VERB", "AUX"}:
            whole = subject_of(whole) or verb_object(whole, node) or whole
        noun = troop_noun(whole) or (whole if is_troop_body(whole) else None)
        return Reading(noun, node, governing_verb(whole)) if noun is not None else None
    if refers_back(counted) and not (partitive and node.dep_ == "appos"):
        if lemma(counted) in COUNT_OF and _about_troops(counted):
            # 'taking the U.S. total there to 9,000' in a sentence about troops
            return Reading(counted, node, governing_verb(node))
        return Reading(None, node, governing_verb(node))
    if counted is None and node.dep_ in {"nsubj", "nsubjpass"}:
        # 'Only 450 remain today'; 'keep Turkish troops at Kabul airport, where about 500
        # are stationed', with no level before: the troops the sentence named
        last = ctx.last
        said = last is not None and last.sentence.start == node.sent.start_char
        named = None if said else _troops_named_before(node)
        return Reading(named, node, governing_verb(node))
    if node.dep_ == "pobj" and node.head.lower_ == "with" and lemma(node.head.head) == "leave":
        # 'lost 3,000 soldiers and recruited 2,100, leaving it with 78,000'
        leaving = node.head.head
        whole = subject_of(leaving.head) if leaving.dep_ == "advcl" else None
        noun = troop_noun(whole) or (whole if whole is not None and is_troop_body(whole) else None)
        if noun is not None:
            return Reading(noun, node, leaving)
    if _added_to(node):
        # 'pledged another 1,000 peacekeepers, on top of the 1,200 already there'
        verb = governing_verb(node)
        noun = troop_noun(verb_object(verb, node)) if verb is not None else None
        if noun is not None:
            return Reading(noun, node, verb)
    placed = next((c for c in node.children if c.dep_ == "acl" and lemma(c) in HOLDING_VERBS), None)
    if counted is None and placed is not None and ctx.last is not None:
        # 'keeps 600 troops there, a far cry from the 4,000 stationed there in 2009'
        return Reading(None, node, placed)
    last = ctx.last
    if (
        counted is None
        and node.dep_ == "conj"
        and last
        and last.sentence.start == node.sent.start_char
    ):
        # 'keeps 12 soldiers in Lebanon and 240 in Kosovo'
        return Reading(None, node, governing_verb(node))
    # 'troops at two bases': a number counting a noun of its own counts that noun
    own_noun = number.dep_ == "nummod" and number.head.pos_ == "NOUN"
    noun = troop_noun_before(number) if not own_noun else None
    if noun is not None:
        return Reading(noun, node, governing_verb(node))
    asked = _asked_for(number) if counted is None else None
    # the question's verb says whose they are: 'how many soldiers Britain has'
    return Reading(asked, node, governing_verb(asked)) if asked is not None else None


ANSWER_OPENERS = {":", '"', "\u201c", "-", "\u2013", "\u2014"}


def _asked_for(number: Token) -> Token | None:
    """'Q: How many troops are in Syria? A: About 900.', 'Asked how many soldiers it has,
    she replied: "About 800."': the troops a question asked for, when the number opens the
    answer."""
    doc = number.doc
    sentence = number.sent
    opening = number.i - 1
    while opening >= sentence.start and doc[opening].pos_ in {"ADV", "ADP", "ADJ"}:
        opening -= 1  # 'About', 'Just over', 'Roughly'
    if opening >= sentence.start and doc[opening].text not in ANSWER_OPENERS:
        return None
    start = sentence.start
    for _ in range(2):  # the question, or the question before an 'A:' of its own
        if start > 0:
            start = doc[start - 1].sent.start
    for token in doc[start : number.i]:
        if token.lower_ == "many" and token.i > 0 and doc[token.i - 1].lower_ == "how":
            noun = token.head
            return noun if is_troop_noun(noun) else None
    return None


def is_change_or_loss(number: Token, reading: Reading) -> bool:
    """'cut 2,000 troops', '200 more soldiers', '45 soldiers were killed'."""
    doc = number.doc
    verb = reading.verb
    held = verb is not None and lemma(verb) in {"have", *HOSTING_VERBS}
    after = doc[number.i + 1] if number.i + 1 < len(doc) else None
    if after is not None and after.lower_ in ADDITION_WORDS:
        return True
    if number.i > 0 and doc[number.i - 1].lower_ in ADDITION_WORDS and not held:
        # 'a further 900', 'another 400'; but 'Belarus hosts an additional 30,000' is a level
        return True
    noun = reading.noun
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
    if noun is not None and _allowed(noun):
        return True  # 'a pact allowing up to 1,000 troops to train there': a ceiling
    if any(
        node.dep_ == "pobj"
        and node.head.lower_ == "by"
        and (node.head.head.pos_ in {"VERB", "AUX", "ADJ"} or lemma(node.head.head) in COUNT_OF)
        for node in (number, reading.node)
    ):
        # 'cut its force by about 600', 'was reinforced by 300 troops', 'by 400 next year',
        # 'short of its strength by some 600 personnel'
        return True
    if (
        noun is not None
        and noun.i < number.i
        and number.head.head.i == noun.i
        and any(c.lower_ in ADDITION_WORDS for c in noun.children if c.i < noun.i)
    ):
        return True  # 'an extra brigade of 4,000'
    if noun is not None and noun.i > number.i:
        if not held and any(c.lower_ in ADDITION_WORDS for c in noun.children if c.i < noun.i):
            return True
        if noun.dep_ in {"dobj", "nsubjpass"} and lemma(noun.head) in CHANGE_VERBS:
            # 'cut 2,000 troops', '700 commandos were added'; not 'cut the 34,500 troops to
            # 25,000' (the size now)
            return not (_to_a_number(noun) and is_current_size(reading))
    if verb is not None and lemma(verb) in MOVING_VERBS and _part_of_a_count(number):
        return True  # '11,900 of the 36,000 US troops would be moved'
    if noun is not None and any(
        c.dep_ in {"relcl", "acl"} and lemma(c) in CASUALTY_VERBS for c in noun.children
    ):
        return True  # 'the 13 soldiers who died in the crash'
    if noun is not None and number.head.i == noun.i and _whole_of_a_part(noun):
        return False  # '4,000 of Ukraine's 250,000 service members have tested positive'
    return verb is not None and lemma(verb) in CASUALTY_VERBS


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
    """'cut the 34,500 troops (stationed in Germany) to 25,000': the verb's new size is a
    bare number, not more troops ('adding 5,000 sailors to the 2,000 Marines')."""
    verb = noun.head
    placed = [c for c in noun.children if c.dep_ == "acl"]
    return any(
        prep.lower_ == "to" and any(_a_new_size(obj) for obj in prep.children)
        for prep in (*verb.children, *(p for c in placed for p in c.children))
    )


def _a_new_size(obj: Token) -> bool:
    """'to 25,000', 'to 500 troops'; not 'to the 2,000 Marines' already there."""
    if obj.like_num:
        return True
    return any(c.dep_ == "nummod" for c in obj.children) and not any(
        c.dep_ in {"det", "poss"} for c in obj.children
    )


def _what_moves(verb: Token, number: Token) -> Token | None:
    """The troops a verb moves: its object, or the subject of a passive ('11,900 of the
    36,000 US troops would be moved'), through the number counting them."""
    moved = verb_object(verb, number) or dependent(verb, "nsubjpass")
    counted = counted_noun(moved) if moved is not None and moved.like_num else None
    return counted or moved


def _part_of_a_count(number: Token) -> bool:
    """'11,900 of the 36,000 troops': a number whose 'of' counts a larger whole."""
    of = next((c for c in number.children if c.lower_ == "of"), None)
    whole = dependent(of, "pobj") if of is not None else None
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
        # 'its contribution to the mission, about 850 soldiers, will be extended'
        return True
    if any(t.lower_ in NOW_WORDS for t in noun.subtree):
        # 'its garrison, currently 700 troops, ...', 'With 1,000 troops already there, ...'
        return True
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i:
        whole = head.head
        if (lemma(whole) in PARTITIVE_WORDS and not _fraction_of_a_scale(whole)) or whole.like_num:
            return True
        if whole.pos_ in {"VERB", "AUX"} and any(
            lemma(part) in PARTITIVE_WORDS for part in (*head.children, *whole.children)
        ):
            # 'Of the 1,200 soldiers deployed there, a third are due to rotate out'
            return True
    if noun.dep_ == "pobj" and head.lower_ == "of" and is_troop_body(head.head):
        noun = head.head  # 'cut its force of 5,100 soldiers by 600': the force is cut
    if noun.dep_ in {"dobj", "nsubj", "nsubjpass"}:
        # 'cut its force to 3,900' or 'by 600' (not 'by 2027'); 'cut the 34,500 troops
        # stationed in Germany to 25,000', where the parser hangs 'to' on 'stationed'
        placed = [c for c in noun.children if c.dep_ == "acl"]
        return any(
            (prep.lower_ == "to" and any(has_number(obj) for obj in prep.children))
            or (
                prep.lower_ == "by"
                and any(_amount(t) for obj in prep.children for t in (obj, *obj.children))
            )
            for prep in (*verb.children, *(p for c in placed for p in c.children))
        )
    return False
