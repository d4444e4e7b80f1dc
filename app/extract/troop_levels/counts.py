"""Which numbers are troop counts: how a number is tied to troops in the parse (whether it
is a level is `changes.py`'s to say)."""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.figures import COUNT_OF, counted_noun
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.nouns import (
    is_troop_body,
    is_troop_noun,
    last_troop_noun,
    refers_back,
    serving_nationals,
    sized_unit,
    troop_noun,
    troop_noun_before,
    troops_named_before,
)
from app.extract.troop_levels.parse import (
    SAYING_VERBS,
    clause_verb,
    dependent,
    governing_verb,
    lemma,
    sentence_before,
    subject_of,
    verb_object,
)
from app.extract.troop_levels.status import is_plan_word
from app.extract.troop_levels.vocabulary import (
    HOLDING_VERBS,
    LIMIT_NOUNS,
    PROPOSAL_VERBS,
    STAYING_VERBS,
    TARGET_NOUNS,
    UNIT_NOUNS,
)

MISREAD_QUALIFIERS = {"around", "about", "over", "under", "below", "above"}
"""'joining around 200': the parser reads the qualifier as a preposition over the number."""
RELATIVE_PRONOUNS = {"which", "whom"}
"""'of which about 600 are in Lebanon': what the count seems to count stands for troops."""
MISREAD_VERBS = {"remain", "stay", "serve"}
"""'only 300 remain': verbs the tagger takes for a noun the number counts."""
COMPARED = {"many", "more", "fewer"}
"""'twice as many, at around 1,250': a comparison standing for the troops just counted."""


def _across_a_comma(number: Token, counted: Token) -> bool:
    """A count and the noun it is said to count, with a comma and a determiner between."""
    between = number.doc[number.i + 1 : counted.i]
    return (
        number.dep_ == "nummod"
        and any(t.text == "," for t in between)
        and any(t.dep_ == "det" for t in between)
    )


def elsewhere(number: Token) -> bool:
    """'another 100 in Poland': a count placed somewhere of its own."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in {"in", "at", "on"}
        and any(o.ent_type_ in {"GPE", "LOC", "FAC"} for o in c.children)
        for c in number.children
    )


def _some_of_them(number: Token) -> bool:
    """'about 170,000 of them overseas': a part of the troops just counted, somewhere."""
    them = _part_of(number)
    placed = any(
        c.lower_ in {"overseas", "abroad", "there", "here"}
        or (c.dep_ == "prep" and c.lower_ in {"in", "at", "on", "across", "from"})
        for c in number.children
    )
    up_to = number.dep_ == "pobj" and number.head.lower_ == "to" and number.head.head.lower_ == "up"
    return (
        them is not None
        and them.lower_ == "them"
        and (number.dep_ in {"dep", "appos", "npadvmod", "advcl"} or up_to)  # 'up to 650 of them'
        and placed
    )


def _all_of_them(number: Token) -> Token | None:
    """'His soldiers, about 220 of them, guard the airfield', 'There were 160 of them
    then': all the troops just named, counted; not '900 troops, 150 of them women', a part."""
    them = _part_of(number)
    if them is None or them.lower_ != "them" or number.right_edge.i != them.i:
        return None
    doc = number.doc
    closed = them.i + 1 < len(doc) and doc[them.i + 1].is_punct
    if (
        number.dep_ == "appos"
        and closed
        and is_troop_noun(number.head)
        and number.head.pos_ == "NOUN"
    ):
        return number.head
    if number.dep_ == "attr" and any(c.dep_ == "expl" for c in number.head.children):
        before = sentence_before(number)
        return last_troop_noun(doc[before.start if before else 0 : number.i])
    return None


def _body_it_stands_for(ctx: Context, pronoun: Token | None, number: Token) -> Token | None:
    """'It' for the army or force that was the subject of the sentence before, when no
    level read just before gives the troops."""
    if pronoun is None or pronoun.lower_ != "it":
        return None
    if ctx.sentence_index[number.sent.start] - ctx.last_sentence <= 1:
        return None
    before = sentence_before(number)
    subject = dependent(before.root, "nsubj", "nsubjpass") if before is not None else None
    return subject if subject is not None and is_troop_body(subject) else None


def _held_by(noun: Token) -> Token | None:
    """'the 1,500 troops Canada is to station in Latvia', 'the 450-strong battalion Germany
    keeps in Lithuania': a relative clause whose subject holds the troops says whose they
    are and when, whatever the sentence compares them with."""
    clause = next((c for c in noun.children if c.dep_ == "relcl"), None)
    subject = dependent(clause, "nsubj") if clause is not None else None
    if subject is None or subject.pos_ != "PROPN":
        return None
    verb = dependent(clause, "xcomp") if lemma(clause) == "be" else clause
    return verb if verb is not None and lemma(verb) in HOLDING_VERBS else None


def _unit_that_numbers(subject: Token | None, verb: Token | None) -> bool:
    """A unit whose verb gives its size in people: 'the rotation numbered 1,900'."""
    if subject is None or verb is None or not is_troop_body(subject):
        return False
    return lemma(verb) in {"number", "total", "count"}


def _troops_named_in_sentence_before(number: Token) -> Token | None:
    """The last troop noun of the sentence before the number's."""
    before = sentence_before(number)
    return last_troop_noun(before) if before is not None else None


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
    doc = word.doc
    return any(is_troop_noun(t) for t in doc[_two_sentences_before(word) : word.sent.end])


def _two_sentences_before(token: Token) -> int:
    """Where the sentence two before the token's starts (or the first sentence's start)."""
    doc, start = token.doc, token.sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    return start


def is_target(noun: Token) -> bool:
    """'a target of 35,000', 'a requirement of 82,050': a size aimed at."""
    return noun.pos_ == "NOUN" and lemma(noun) in TARGET_NOUNS


def _arrives(verb: Token) -> bool:
    """'arrived last July with 1,000': the count the force came with."""
    return lemma(verb) in {"arrive", "deploy", "enter", "land", "begin", "start"}


def _aims(verb: Token) -> bool:
    """'aims for 203,000', 'called for 20,000': the number is the target."""
    return is_plan_word(verb) or lemma(verb) in PROPOSAL_VERBS


def _of_something_else(number: Token) -> bool:
    """'Abrams tanks, of which the army has 250': a count of what the relative clause is
    on, however the parser hangs 'of which'."""
    clause = next((a for a in number.ancestors if a.dep_ == "relcl"), None)
    if clause is None:
        return False
    partitive = any(
        t.lower_ in RELATIVE_PRONOUNS and t.dep_ == "pobj" and t.head.lower_ == "of"
        for t in clause.subtree
    )
    whole = clause.head
    return partitive and troop_noun(whole) is None and not is_troop_body(whole)


def reading_of(ctx: Context, number: Token) -> Reading | None:
    if _of_something_else(number):
        return None
    node = number
    hyphened = number.i + 1 < len(number.doc) and number.doc[number.i + 1].text == "-"
    if not hyphened and (
        any(c.lower_ == "strong" for c in number.children)
        or (number.head.lower_ == "strong" and number.dep_ == "npadvmod")  # 'some 400 strong'
        or (
            number.dep_ == "nummod"
            and is_troop_noun(number.head)
            and number.head.head.lower_ == "strong"
        )
    ):
        # 'their force in Niger, now 290 strong, could double', 'the contingent, 450
        # soldiers strong, will shrink': an aside on its size now ('the 400-strong
        # contingent left' is the noun's own size, `sized_unit`).
        noun = next((a for a in number.ancestors if is_troop_body(a)), None) or next(
            (
                s
                for s in number.head.children
                if s.dep_ in {"nsubj", "nsubjpass"} and s.i < number.i and is_troop_body(s)
            ),
            None,
        )  # 'Ghana's contingent, 2,160 strong, will ...' with the count as a second subject
        if noun is not None:
            return Reading(noun, noun, None)
    if number.head.i in ctx.date_root and number.i not in ctx.date_root:
        # 'at about 7,000 next year': the parser hangs the number on the date.
        node = ctx.date_root[number.head.i]
    # 'It has about 164,000 today': the parser took the day for what the number counts; the
    # number is the verb's object
    misdated = node.dep_ == "npadvmod" and node.head.pos_ == "VERB" and number.dep_ == "nummod"
    if misdated:
        node = number
    unit = sized_unit(number)
    if unit is not None:
        size = number.head
        if size.dep_ == "acomp":
            return Reading(unit, unit, size.head)  # 'KFOR, which was 50,000 strong when ...'
        return Reading(unit, unit, _held_by(unit) or governing_verb(unit))
    counted = counted_noun(node)
    if counted is not None and _across_a_comma(node, counted):
        # 'forces in Japan total approximately 54,000, the largest American deployment
        # abroad': the parser hung the count on the aside after it; it is the verb's object
        noun = troop_noun(subject_of(counted.head))
        if noun is not None and counted.dep_ == "dobj":
            return Reading(noun, node, clause_verb(counted.head))
    if counted is not None and counted.pos_ == "NOUN" and counted.lower_ in MISREAD_VERBS:
        # 'only 300 remain' with the verb taken for a noun the number counts; 'Another 75
        # serve in X' after the troops of the sentence before
        named = troops_named_before(number) or (
            None if ctx.read_in(node) else _troops_named_in_sentence_before(number)
        )
        return Reading(named, node, counted)
    if misdated:
        counted = None
    if counted is not None and counted.lower_ in COMPARED and node.head.lower_ == "at":
        # 'Italy has more than twice as many, at around 1,250': as many as just counted
        return Reading(None, node, governing_verb(node))
    if counted is not None and counted.lower_ in RELATIVE_PRONOUNS:
        counted = None  # 'of which about 600 are in Lebanon': the troops the sentence named
    if counted is not None and lemma(counted) in LIMIT_NOUNS and counted.dep_ == "pobj":
        # 'would rise to a maximum of 1,500': the limit stands for the number
        node, counted = counted, None
    if counted is not None and lemma(counted) in COUNT_OF and counted.i < node.i:
        # 'reach its full strength of 4,800': the strength of the verb's subject.
        verb = governing_verb(counted)
        noun = troop_noun(subject_of(verb))
        if noun is not None:
            return Reading(noun, node, verb)
    target = counted is not None and is_target(counted) and node.head.lower_ == "of"
    if target and ctx.read_in(node):
        # 'had 21,500 active personnel, against a goal of 24,000 by 2025'
        return Reading(None, node, governing_verb(counted))
    part = any(c.lower_ == "of" for c in node.children)  # '40 of them women': what some are
    if counted is not None and lemma(counted) in {"member", "man", "woman"} and not part:
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
    if _some_of_them(node) and ctx.read_in(node):
        # '1.3 million Americans serve on active duty, about 170,000 of them overseas'; 'is
        # expected to number about 2,100 troops by June, up to 650 of them from the Czech
        # Republic, officials said', hung on the saying: the verb of the troops counted
        named = troops_named_before(node)
        verb = governing_verb(named) if named is not None else None
        return Reading(None, node, verb or governing_verb(node))
    if serving_nationals(counted) and node.head.i == counted.i:
        return Reading(counted, counted, governing_verb(counted))
    noun = troop_noun(counted)
    if noun is None and counted is not None and node.head.lower_ in {"of", "to"}:
        # 'a Swedish unit of about 600', 'double its 90-strong detachment to 180'
        noun = counted if is_troop_body(counted) else None
    if noun is not None and node.head.i == noun.i and lemma(noun) in UNIT_NOUNS:
        # 'deploy four battalions': a count of units, not of soldiers
        return None
    if noun is not None:
        # '3,200 troops', 'a 1,100-strong contingent': the number is part of the noun phrase;
        # 'cut the presence to 1,200', 'a force of 900': the number hangs on its own.
        in_phrase = noun.i == counted.i and (node.head.i == noun.i or noun.i > node.i)
        partitive = any(c.lower_ == "of" for c in node.children)  # '60 of its 200 soldiers'
        holder = noun if in_phrase and not partitive else node
        return Reading(noun, holder, _held_by(noun) or governing_verb(holder))
    if (
        counted is None
        and node.dep_ == "attr"
        and any(c.dep_ == "expl" for c in node.head.children)
        and ctx.last is not None
    ):
        # '... there are 14,000 troops. Two years ago there were 8,400.'
        return Reading(None, node, governing_verb(node))
    # 'deploys under 200' and 'of which around 4,200 are in Lebanon' with the qualifier
    # parsed as a preposition: the count is the verb's object, or its subject before it
    misread = node.dep_ == "pobj" and node.head.lower_ in MISREAD_QUALIFIERS
    misread_subject = (
        misread and node.head.head.pos_ in {"VERB", "AUX"} and node.head.i < node.head.head.i
    )
    if counted is None and node.dep_ == "npadvmod" and node.head.pos_ == "VERB":
        # 'troop numbers have hovered around 500', the count hung on the verb as a measure
        noun = troop_noun(subject_of(node.head))
        if noun is not None:
            return Reading(noun, node, clause_verb(node.head))
    posted = next((c for c in node.children if c.dep_ == "acl" and lemma(c) in HOLDING_VERBS), None)
    if counted is None and posted is not None and node.head.lower_ == "to" and ctx.read_in(node):
        return Reading(None, node, posted)  # '..., adding to the 160 already posted on Yonaguni'
    from_somewhere = any(c.lower_ == "from" for c in node.children)
    hung = node.dep_ == "npadvmod" or (node.dep_ == "nummod" and node.head.pos_ == "VERB")
    if counted is None and hung and from_somewhere and ctx.read_in(node):
        # 'Of those, 600 come from the Czech Republic, 200 from Germany and ...'
        return Reading(None, node, governing_verb(node))
    absolute = next((c for c in node.children if c.dep_ == "acl" and c.tag_ == "VBG"), None)
    if counted is None and node.dep_ == "pobj" and node.head.lower_ == "with" and absolute:
        # 'will send 180 troops, with the first 60 arriving in March'
        noun = troops_named_before(number)
        if noun is not None:
            return Reading(noun, node, absolute)
    if counted is None and (
        node.dep_ in {"dobj", "attr", "oprd", "acomp"}  # 'is roughly 10,000' as a complement
        or misdated
        or (node.dep_ == "pobj" and node.head.lower_ in {"at", "to"})
        or (misread and not misread_subject)
        or (node.dep_ == "pobj" and node.head.lower_ == "for" and _aims(node.head.head))
        or (node.dep_ == "pobj" and node.head.lower_ == "with" and _arrives(node.head.head))
    ):
        # 'the contingent numbered 90', 'is expected to reach 5,000', 'stood at 3,600'
        measure = governing_verb(node)
        verb = clause_verb(measure)
        subject = subject_of(measure)
        measured = verb_object(measure, node)
        noun = troop_noun(subject) or troop_noun(measured)
        if noun is None and _unit_that_numbers(subject, measure):
            noun = subject  # "This year's Marine rotation will number about 2,200"
        if noun is not None:
            return Reading(noun, node, verb)
        if measured is not None and lemma(measured) in COUNT_OF and _about_troops(measured):
            # 'sending 3,000 more, which will bring the total in the region to 18,000'
            return Reading(measured, node, verb)
        body = _body_it_stands_for(ctx, subject, node)
        if body is not None:
            # 'Nigeria's army has been deployed in 30 states. It numbers about 230,000'
            return Reading(body, node, verb)
        if refers_back(subject) or (subject is not None and subject.pos_ == "PRON"):
            # 'How many U.S. troops does South Korea host? The official figure is 28,500'
            asked = None if ctx.read_in(node) else _troops_asked_about(number)
            return Reading(asked, node, verb)
        if misread and measure is None and is_troop_noun(node.head.head):
            # 'Key figures: Italian troops in Lebanon, about 1,100; ...'
            return Reading(node.head.head, node, None)
        if (
            (node.dep_ == "dobj" or misread)
            and measure is not None
            and lemma(measure) in HOLDING_VERBS
        ):
            # 'Ottawa now deploys fewer than 200', 'deploys under 200' (as a preposition)
            return Reading(None, node, verb)
        if node.dep_ == "dobj" and measure is not None and measure.dep_ == "advcl":
            # 'would withdraw 300 soldiers, leaving about 700 in the country': the rest;
            # 'will send about 150 marines, joining 250 already on Curacao': more of them
            moves = lemma(measure) in {"leave", "join"}
            moved = _what_moves(measure.head, node) if moves else None
            # 'will cut its 200-strong training mission by 50 soldiers, leaving about 150'
            noun = troop_noun(moved) or (
                moved if moved is not None and is_troop_body(moved) else None
            )
            if noun is not None:
                return Reading(noun, node, verb)
        if node.dep_ == "pobj" and node.head.lower_ in {"for", "with"}:
            # '... had 183,000 soldiers and aims for 203,000', '... since it arrived with 1,000'
            return Reading(None, node, verb)
        noun = troop_noun_before(number)
        if noun is not None:
            return Reading(noun, node, verb)
        return _answer(number, node)  # 'replied: "About 1,600 at the moment"'
    partitive = any(c.lower_ == "of" for c in node.children)  # '900 troops, 150 of them women'
    if counted is None and node.dep_ == "appos" and troop_noun(node.head) and not partitive:
        # 'the remaining troops in Chad, about 90, should be home by ...', 'troop numbers
        # (currently 80)'
        return Reading(troop_noun(node.head), node.head, governing_verb(node.head))
    target = node.head
    if (
        counted is None
        and node.dep_ == "appos"
        and target.dep_ == "pobj"
        and target.head.lower_ == "to"
    ):
        # 'will grow to a division, roughly 20,000': the count the unit stands for
        measure = governing_verb(target)
        noun = troop_noun(subject_of(measure))
        if noun is not None:
            return Reading(noun, node, clause_verb(measure))
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
    whole = _all_of_them(node)
    if whole is not None:
        return Reading(whole, node, governing_verb(node))
    if refers_back(counted) and not (partitive and node.dep_ == "appos"):
        if lemma(counted) in COUNT_OF and _about_troops(counted):
            # 'taking the U.S. total there to 9,000' in a sentence about troops
            return Reading(counted, node, governing_verb(node))
        asked = None if ctx.read_in(node) else _troops_asked_about(number)
        # 'How many ... remain? Most analysts put the figure at between 4,000 and 5,000'
        return Reading(asked, node, governing_verb(node))
    if counted is None and (node.dep_ in {"nsubj", "nsubjpass"} or misread_subject):
        # 'Only 450 remain today'; 'keep Turkish troops at Kabul airport, where about 500
        # are stationed', with no level before: the troops the sentence named
        named = None if ctx.read_in(node) else troops_named_before(node)
        verb = governing_verb(node)
        if (
            named is None
            and not ctx.read_in(node)
            and verb is not None
            and lemma(verb) in STAYING_VERBS
        ):
            # 'the mandate allows up to 1,300 German soldiers to serve in Mali. Some 1,000 are
            # deployed there today': the troops the sentence before named
            named = _troops_named_in_sentence_before(node)
        answer = _answer(number, node) if named is None and not ctx.read_in(node) else None
        if answer is not None:
            # 'How many British troops are in Estonia? About 900, most of them at Tapa,
            # officials said'; 'About 150 will stay on at al-Tanf' with its own verb
            own = verb is not None and lemma(verb) not in SAYING_VERBS  # not 'officials said'
            return Reading(answer.noun, node, verb) if own else answer
        return Reading(named, node, verb)
    if node.dep_ == "pobj" and node.head.lower_ == "with" and lemma(node.head.head) == "leave":
        # 'lost 3,000 soldiers and recruited 2,100, leaving it with 78,000'
        leaving = node.head.head
        whole = subject_of(leaving.head) if leaving.dep_ == "advcl" else None
        noun = troop_noun(whole) or (whole if whole is not None and is_troop_body(whole) else None)
        if noun is not None:
            return Reading(noun, node, leaving)
    if (
        counted is None
        and node.dep_ == "pobj"
        and node.head.lower_ in {"alongside", "with"}
        and any(c.lower_ == "from" for c in node.children)
        and ctx.read_in(node)
    ):
        # 'About 900 German troops are in Lithuania, along with 300 from the Netherlands'
        return Reading(None, node, governing_verb(node))
    beside = counted is None and node.dep_ == "pobj" and node.head.lower_ == "with"
    if beside and ctx.read_in(node) and elsewhere(node):
        # 'has about 700 members deployed to Latvia, with another 100 in Poland'
        return Reading(None, node, governing_verb(node))
    if (
        counted is None
        and node.dep_ == "pobj"
        and node.head.head.lower_ == "out"
        and ctx.read_in(node)
    ):
        # 'About 9,500 American troops are in Bavaria alone, out of 35,000 in the country'
        return Reading(None, node, governing_verb(node))
    if _added_to(node):
        # 'pledged another 1,000 peacekeepers, on top of the 1,200 already there'
        verb = governing_verb(node)
        noun = troop_noun(verb_object(verb, node)) if verb is not None else None
        if noun is not None:
            return Reading(noun, node, verb)
    placed = next((c for c in node.children if c.dep_ == "acl" and lemma(c) in HOLDING_VERBS), None)
    if placed is None and ctx.read_in(node):
        # '..., rather than the 2,000 it had there in the spring'
        placed = next(
            (c for c in node.children if c.dep_ == "relcl" and lemma(c) in HOLDING_VERBS), None
        )
    if counted is None and placed is not None and ctx.last is not None:
        # 'keeps 600 troops there, a far cry from the 4,000 stationed there in 2009'
        return Reading(None, node, placed)
    if counted is None and node.dep_ == "conj" and ctx.read_in(node):
        # 'keeps 12 soldiers in Lebanon and 240 in Kosovo'
        return Reading(None, node, governing_verb(node))
    # 'troops at two bases': a number counting a noun of its own counts that noun
    own_noun = number.dep_ == "nummod" and number.head.pos_ == "NOUN"
    noun = troop_noun_before(number) if not own_noun else None
    if noun is not None:
        return Reading(noun, node, governing_verb(node))
    return _answer(number, node) if counted is None else None


ANSWER_OPENERS = {":", '"', "'", "\u201c", "\u2018", "-", "\u2013", "\u2014"}


def _answer(number: Token, node: Token) -> Reading | None:
    """A count that answers a question about troops counts those troops; the question's
    verb says whose they are ('how many soldiers Britain has')."""
    asked = _asked_for(number)
    return Reading(asked, node, governing_verb(asked)) if asked is not None else None


def _asked_for(number: Token) -> Token | None:
    """'Q: How many troops are in Syria? A: About 900.', 'Asked how many soldiers it has,
    she replied: "About 800."': the troops a question asked for, when the number opens the
    answer."""
    doc = number.doc
    sentence = number.sent
    opening = number.i - 1
    while opening >= sentence.start and (
        doc[opening].pos_ in {"ADV", "ADP", "ADJ"} or doc[opening].lower_ == "a"
    ):
        opening -= 1  # 'About', 'Just over', 'Roughly', 'Around a hundred'
    if opening >= sentence.start and doc[opening].text not in ANSWER_OPENERS:
        return None
    return _troops_asked_about(number)


def _troops_asked_about(number: Token) -> Token | None:
    """The troop noun of a how-many question in the number's sentence or the two before
    (the question, or the question before an 'A:' of its own)."""
    doc = number.doc
    for token in doc[_two_sentences_before(number) : number.i]:
        if token.lower_ == "many" and token.i > 0 and doc[token.i - 1].lower_ == "how":
            noun = token.head
            return noun if is_troop_noun(noun) else None
    return None


def _what_moves(verb: Token, number: Token) -> Token | None:
    """The troops a verb moves: its object, or the subject of a passive ('11,900 of the
    36,000 US troops would be moved'), through the number counting them."""
    moved = verb_object(verb, number) or dependent(verb, "nsubjpass")
    clause = dependent(verb, "csubjpass")
    if moved is None and clause is not None:
        moved = dependent(clause, "nsubj")  # 'Most of the soldiers sent ... have been flown home'
    counted = counted_noun(moved) if moved is not None and moved.like_num else None
    return counted or _part_of(moved) or moved


def _part_of(part: Token | None) -> Token | None:
    """The whole in 'most of the 1,100 soldiers', '900 of its 1,100 soldiers', '220 of them'."""
    of = next((c for c in part.children if c.lower_ == "of"), None) if part is not None else None
    return dependent(of, "pobj") if of is not None else None
