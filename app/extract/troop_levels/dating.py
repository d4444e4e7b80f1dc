"""Dates of levels: which number or verb each date phrase belongs to, and the date a level
takes from them."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from app.extract.date_facts import date_span
from app.extract.dates import (
    MONTHS,
    SEASONS,
    Direction,
    NormalisedDate,
    normalise_date,
    parse_duration,
)
from app.extract.figures import NumberPhrase
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.nouns import QUALIFIER_WORDS
from app.extract.troop_levels.parse import (
    SAYING_VERBS,
    dependent,
    lemma,
    reported_clause,
    sentence_before,
)
from app.extract.troop_levels.status import is_plan_word, sizes_what_is_planned
from app.extract.troop_levels.vocabulary import (
    DEPARTURE_NOUNS,
    TARGET_NOUNS,
    TIME_MARKS,
    UNBOUNDED_DATE_PREPOSITIONS,
)
from app.partial_date import PartialDate


def attached_date(ctx: Context, owners: list[Token], direction: Direction) -> NormalisedDate | None:
    for owner in owners:
        for found in ctx.date_owner.get(owner.i, []):
            end = found.end - 1 if ctx.doc[found.end - 1].lower_ in {"'s", "\u2019s"} else found.end
            # the model sometimes takes in words before the date: 'a quarter this spring'; and
            # the possessive of "Last year's rotation"
            for start in range(found.start, end):
                value = normalise_date(ctx.doc[start:end].text, ctx.published, direction)
                if value is not None:
                    return value
    return None


def line_date(ctx: Context, at: int, direction: Direction) -> NormalisedDate | None:
    """The date heading the line with character `at`, in a list of key dates."""
    for start, end, label in ctx.line_dates:
        if start <= at < end:
            return normalise_date(label, ctx.published, direction)
    return None


_LINE_LABEL = re.compile(r"^[ \t]*([^\n:]{1,30}?)[ \t]*[:\u2013\u2014-][ \t]", re.MULTILINE)
"""A short phrase that heads its line before a colon or a dash: '2011: The force ...'."""


def _label_lines(ctx: Context) -> None:
    """Note the lines headed by a date ('March 2014 - ...'), whatever the model made of it."""
    text = ctx.doc.text
    for found in _LINE_LABEL.finditer(text):
        label = found.group(1)
        if not any(c.isdigit() for c in label) or normalise_date(label, None, "past") is None:
            continue
        line_end = text.find("\n", found.end())
        ctx.line_dates.append((found.end(), line_end if line_end >= 0 else len(text), label))


def is_later(date: NormalisedDate, published: PartialDate | None) -> bool:
    return published is not None and date.partial.first_day() > published.last_day()


def noun_clauses(noun: Token | None) -> list[Token]:
    """Clauses on a troop noun that may date it: 'the first 1,000 soldiers arriving in April',
    'the 1,800 soldiers it sent in 2003'."""
    return [
        c
        for c in (noun.children if noun is not None else ())
        if c.dep_ in {"acl", "relcl"} or (c.dep_ == "amod" and is_plan_word(c))
    ]


def possible_date_owners(
    ctx: Context, reading: Reading, verb: Token | None, *, own_clauses: bool = True
) -> list[Token]:
    """Where a level's date may hang: a clause on the noun (`noun_clauses`; not when the
    level is about something else happening to them, `own_clauses`), the verb, a purpose it
    serves, the verb a participle depends on ('will send ... in September, bringing it to
    1,200'), the noun, or a deadline on the plan ('By 2030, the army hopes to have ...')."""
    noun = reading.noun
    clauses = noun_clauses(noun) if own_clauses else []
    outside = noun is not None and not noun.left_edge.i <= reading.node.i <= noun.right_edge.i
    if outside:
        # 'Its army, which peaked at 300,000 in 2009, will be cut to 100,000 by 2030': the
        # clause dates the noun's own past, the verb the count it is given; 'The contingent,
        # which arrived in January, numbers about 350': a present tense is now
        present = verb is not None and verb.tag_ in {"VBZ", "VBP", "NNS"}  # 'numbers' as a noun
        # nor does 'due' date what some of them did ('Of the troops due by October, 300 ...')
        clauses = [] if present else [c for c in clauses if c.dep_ != "amod"]
        owners = [t for t in (verb, noun) if t is not None] + clauses
    else:
        owners = clauses + [t for t in (verb, noun) if t is not None]
    # 'will rise to 1,200 when a second squadron arrives next year': the time clause the
    # parser hangs on the number as if it were a relative clause; 'a brigade of as many as
    # 5,000 to be based there by 2027': an infinitive it hangs there
    owners += [
        c for c in reading.node.children if c.dep_ == "relcl" and (_says_when(c) or _infinitive(c))
    ]
    if verb is not None:
        # 'When the accords were signed in 1995, NATO sent 60,000 troops': the time clause's
        owners += [c for c in verb.children if c.dep_ == "advcl" and _says_when(c)]
        # 'deployed 300 personnel to help rebuild Haiti in May': the purpose's date
        for clause in (c for c in verb.children if c.dep_ in {"xcomp", "advcl"} and _purpose(c)):
            while clause is not None:  # 'to help evacuate ... in August'
                owners.append(clause)
                clause = next((c for c in clause.children if c.dep_ == "xcomp"), None)
    if (
        verb is not None
        and verb.dep_ == "conj"
        and verb.tag_ == "VB"
        and dependent(verb, "aux") is None
    ):
        # 'will take command in May next year and raise its contribution to about 285': the
        # verb sharing the modal shares its date
        owners.append(verb.head)
    if verb is not None:
        # 'Each will number 800 soldiers and should be in place early next year': the force
        # has its size when it is in place
        owners += [
            c
            for c in verb.children
            if c.dep_ == "conj" and _in_place(c) and dependent(c, "nsubj", "nsubjpass") is None
        ]
    subject = dependent(verb, "nsubj") if verb is not None else None
    if subject is not None and lemma(subject) in DEPARTURE_NOUNS:
        # 'The withdrawal, due to be complete by September, will leave about 150 troops'
        owners += [t for t in subject.subtree if t.pos_ in {"VERB", "AUX"}]
    if verb is not None and _says_then(verb):
        # 'The first soldiers came in 2017. There were 160 of them then.', '... will command
        # the contingent from November. By then it is expected to number about 200.'
        owners += _dated_before(ctx, verb)
    if verb is not None and verb.dep_ == "advcl" and verb.tag_ in {"VBG", "VBN"}:
        head = verb.head
        owners.append(head)
        reported = reported_clause(head)
        if reported is not None:
            owners.append(reported)  # '... deployed in the summer, the MoD said, bringing'
        while head.dep_ == "conj":  # 'In 2016 it lost 3,000 and recruited 2,100, leaving ...'
            head = head.head
            owners.append(head)
    below = dependent(verb, "xcomp") if verb is not None else None
    while below is not None:  # 'is expected to be fully deployed by August'
        owners.append(below)
        below = dependent(below, "xcomp")
    if verb is not None and sizes_what_is_planned(verb):
        # 'Two battalions totalling about 1,600 soldiers will be on standby next year'
        owners.append(verb.head.head)
    if verb is not None and verb.dep_ == "ccomp" and verb.i > verb.head.i and _cleft(verb.head):
        owners.append(verb.head)  # 'It was in 2014 that the first 600 soldiers reached Poland'

    reported = verb is not None and verb.tag_ == "VBD" and verb.dep_ == "ccomp"
    if reported and lemma(verb.head) in SAYING_VERBS:
        # 'The ministry said in March that about 700 soldiers were in Estonia': a report in
        # the past tense holds when it was made
        owners.append(verb.head)
    clause = verb
    while clause is not None and clause.dep_ == "xcomp":
        clause = clause.head
    saying = clause.head if clause is not None and clause.dep_ == "ccomp" else None
    if saying is not None and lemma(saying) in SAYING_VERBS and deadline_on(ctx, saying):
        # '570 troops are to be stationed there ..., by March next year, the ministry said':
        # a deadline hung on the saying is the plan's
        owners.append(saying)

    plan = verb
    # 'By 2030 it wants that figure to reach 1,500', with the infinitive parsed as a ccomp
    while plan is not None and (
        plan.dep_ == "xcomp" or (plan.dep_ == "ccomp" and is_plan_word(plan.head))
    ):
        plan = plan.head
        if deadline_on(ctx, plan):
            owners.append(plan)
    return owners


def attach_dates(ctx: Context, phrases: list[NumberPhrase]) -> None:
    """Each date phrase belongs to the nearest number or verb above it in the parse: in
    'remain in X, down from 5,100 at the start of the year' the date is the 5,100's (the
    parser hangs it on 'from'), in 'fell from 500 to 300 in May' the change's."""
    _label_lines(ctx)
    number_tokens = {p.count_token.i for p in phrases}
    old_phrases = [p for p in phrases if p.role == "from" and p.partner is None]
    old_values = [p.count_token for p in old_phrases]
    from_values = [p.count_token for p in phrases if p.role == "from"]
    between_values = [
        (phrase.span.end, new.span.start, phrase.count_token)
        for index, phrase in enumerate(phrases)
        if phrase.role == "from" and (new := new_value(phrases, index)) is not None
    ]
    dateline = _DATELINE.match(ctx.doc.text)
    for span in _date_phrases(ctx.doc):
        if dateline is not None and span.start_char == dateline.end():
            continue  # 'WARSAW, Feb 2 (Reuters) -': when the story was filed, not a level's date
        if any(_part_of(span, p.span) for p in phrases):
            continue  # 'a quarter' of 'a quarter of a million', which the model calls a date
        root = span.root
        ctx.date_root.update((t.i, root) for t in span)
        clause = next((c for c in root.children if c.dep_ == "relcl"), None) or _when_clause(root)
        while clause is not None:
            # 'until the spring, when a unit of 600 is due to take over'
            ctx.date_owner.setdefault(clause.i, []).append(span)
            clause = next((c for c in clause.children if c.dep_ in {"acomp", "xcomp"}), None)
        event = root.dep_ in EVENT_DATES and root.head.dep_ == "pobj"
        preposition = root.head.head if event else root.head
        if preposition.lower_ in UNBOUNDED_DATE_PREPOSITIONS and not (
            _within_one(root) or _until_then(preposition)
        ):
            continue  # 'since 2013', 'the largest since the 2013 typhoon'
        as_at = root.head.lower_ == "at" and root.head.head.head.pos_ in {"VERB", "AUX"}
        # 'numbered about 1,100 as recently as last year' dates the count
        as_recently = span.start >= 2 and ctx.doc[span.start - 2].lower_ in AS_RECENTLY
        compared = root.head.lower_ in {"as", "than"} or (
            root.head.lower_ != "of" and root.head.head.lower_ in {"as", "than"} and not as_at
        )
        if compared and not as_recently:
            continue  # 'twice as many as in November' dates the comparison ('as of' and
            # 'As at 1 January, strength stood at' date)
        if _dates_a_multiple(root):
            continue
        number = next((c for c in root.children if c.i in number_tokens), None)
        if number is None:
            # 'up from 22,000 five years ago', however the parser hangs the date
            number = next((p.count_token for p in old_phrases if p.span.end == span.start), None)
        if number is None:
            # 'grown from 3,000 soldiers in 2014 to 5,100': the date between is the first's
            number = next((n for a, b, n in between_values if a <= span.start < b), None)
        if number is None and root.head.dep_ == "prep" and root.head.i == span.start - 1:
            # 'has fallen to roughly 1,000 from 30,000 in February': the old value's, said
            # right before it
            number = next((n for n in from_values if n.right_edge.i + 1 == root.head.i), None)
        if number is not None:
            # 'up from 500 today'
            ctx.date_owner.setdefault(number.i, []).append(span)
            continue
        token = root
        while token.head.i != token.i:
            token = token.head
            number = _old_value_below(token, old_values) if old_values else None
            if token.pos_ in {"ADP", "NOUN"} and number is not None and number.dep_ == "pobj":
                # 'down from 5,100 at the start of the year'; 'a far cry from the 170,000
                # there in 2007', where the parser hangs the date on the noun
                token = number
            due = token.pos_ == "ADJ" and token.dep_ == "amod" and is_plan_word(token)
            if token.i in number_tokens or token.pos_ in {"VERB", "AUX"} or due:
                # 'the 1,000 troops due in the country by December': the plan's date
                ctx.date_owner.setdefault(token.i, []).append(span)
                break
            target = _target_beside(token, number_tokens)
            if target is not None:
                # 'has 181,000 active soldiers, short of its target of 203,000 by 2031'
                ctx.date_owner.setdefault(target.i, []).append(span)
                break
            counted = next((c for c in token.children if c.i in number_tokens), None)
            if token.pos_ == "NOUN" and counted is not None and token.dep_ != "pobj":
                # a headline with no verb: '5,000 troops by 2027'
                ctx.date_owner.setdefault(counted.i, []).append(span)
                break
            sized = _size_of(token, number_tokens)
            if sized is not None:
                # 'against a goal of 24,000 by 2025', 'a brigade of 5,000 by 2027'
                ctx.date_owner.setdefault(sized.i, []).append(span)
                break


EVENT_DATES = {"nummod", "compound", "amod", "poss"}
"""How a date names when an event was: 'the 2013 typhoon', 'the March offensive', 'last
month's offensive'."""


def _when_clause(root: Token) -> Token | None:
    """'the 2013 typhoon, when 13,000 troops helped': a when-clause on the dated event."""
    if root.dep_ not in EVENT_DATES:
        return None
    return next(
        (
            c
            for c in root.head.children
            if c.dep_ == "relcl" and any(w.lower_ == "when" for w in c.children)
        ),
        None,
    )


MULTIPLES = {"double", "twice", "triple", "treble", "half", "times"}


def _dates_a_multiple(root: Token) -> bool:
    """'number about 7,000, double the figure in February': the date is the compared
    figure's."""
    held = root.head.head if root.head.dep_ == "prep" else None
    if held is None or held.pos_ in {"VERB", "AUX"}:
        return False  # not 'will double its contingent to 1,400 in 2025'
    return held.lower_ in MULTIPLES or (
        held.pos_ == "NOUN" and any(t.lower_ in MULTIPLES for t in held.lefts)
    )


def _target_beside(token: Token, number_tokens: set[int]) -> Token | None:
    """The number of a target the date's word also governs: 'short of its target of 203,000
    by 2031', where the parser hangs 'by 2031' on 'short'."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        goal = dependent(prep, "pobj")
        if goal is not None and lemma(goal) in TARGET_NOUNS:
            return _size_of(goal, number_tokens)
    return None


def _size_of(noun: Token, number_tokens: set[int]) -> Token | None:
    """The number in 'a goal of 24,000', hung on the noun through 'of'."""
    if noun.pos_ != "NOUN":
        return None
    of = next((c for c in noun.children if c.lower_ == "of"), None)
    return next((c for c in of.children if c.i in number_tokens), None) if of is not None else None


def _within_one(root: Token) -> bool:
    """'over the summer', 'over March': during one season or month, not across a span of
    time ('over the past decade')."""
    return root.head.lower_ == "over" and (root.lower_ in SEASONS or root.lower_ in MONTHS)


AS_RECENTLY = {"recently", "late", "early"}
"""'as recently as last year', 'as late as 2019': a date, not a comparison."""


def deadline_on(ctx: Context, token: Token) -> bool:
    """Whether a 'by ...' date hangs on the token."""
    return any(d.root.head.lower_ == "by" for d in ctx.date_owner.get(token.i, []))


def _until_then(preposition: Token) -> bool:
    """'will not deploy until next year' happens then, and 'hosted about 75 soldiers until
    April' held then ('will keep 450 until the end of the year' is a level from now)."""
    verb = preposition.head
    return preposition.lower_ in {"until", "till"} and (
        verb.tag_ == "VBD" or any(c.dep_ == "neg" for c in verb.children)
    )


def _part_of(span: Span, number: Span) -> bool:
    """Whether `span` overlaps the number and the number goes on past it."""
    overlaps = span.start < number.end and number.start < span.end
    return overlaps and (number.start < span.start or number.end > span.end)


def new_value(phrases: list[NumberPhrase], index: int) -> NumberPhrase | None:
    """The value a change goes to from `phrases[index]`: its partner, or the next number of
    the sentence after 'to' ('from 5,000 troops in May to 3,000')."""
    old = phrases[index]
    if old.partner is not None:
        return phrases[old.partner]
    doc = old.span.doc
    for new in phrases[index + 1 :]:
        if new.span.sent.start != old.span.sent.start:
            return None
        before = new.span.start - 1
        while before > old.span.end and doc[before].lower_ in QUALIFIER_WORDS:
            before -= 1  # 'to about 3,000'
        if doc[before].lower_ == "to":
            return new
    return None


_DATELINE = re.compile(r"\s*[A-Z][A-Z .'-]+,\s*")
"""The place in capitals that opens a wire story, up to its date."""
YEAR_PREPOSITIONS = {"by", "in", "until", "before", "after", "since", "through"}
SEASON_DETERMINERS = {"this", "next", "last", "the"}


def _date_phrases(doc: Doc) -> list[Span]:
    """The model's dates, and the years it missed after a preposition ('18,000 troops by
    2026' in a headline, where it often finds no entity at all)."""
    found = []
    for ent in doc.ents:
        span = date_span(ent) if ent.label_ == "DATE" else None
        if span is None:
            continue
        if len(span) == 1 and span.root.lower_ in SEASONS and span.root.dep_ == "compound":
            continue  # 'for winter training' names a kind of training, not a time
        if span.root.lower_ in {"fewer", "more", "less"} and span.root.dep_ == "amod":
            continue  # '25,000 personnel, a third fewer than a decade ago': the compared time
        if parse_duration(span.text) is None:
            found.append(span)
        elif span.start > 0 and doc[span.start - 1].lower_ == "within":
            found.append(doc[span.start - 1 : span.end])  # 'within five years': a date ahead
    for token in doc:
        if token.ent_type_ not in {"", "DATE"} and token.lower_ in {"year", "month"}:
            # 'in the Sahel early next year', taken into the place's entity by the model
            first = next((c for c in token.lefts if c.lower_ in {"next", "last", "this"}), None)
            if first is not None:
                early = first.i > 0 and doc[first.i - 1].lower_ in {"early", "late"}
                found.append(doc[first.i - 1 if early else first.i : token.i + 1])
        if token.ent_type_:
            continue
        if (
            token.shape_ == "dddd"
            and 1900 <= int(token.text) <= 2100
            and token.dep_ == "pobj"
            and token.head.lower_ in YEAR_PREPOSITIONS
        ):
            found.append(doc[token.i : token.i + 1])
        elif token.lower_ in SEASONS and token.pos_ == "NOUN":
            # 'this autumn', 'next spring'
            first = next((c for c in token.lefts if c.lower_ in SEASON_DETERMINERS), None)
            if first is not None:
                found.append(doc[first.i : token.i + 1])
    return found


def _old_value_below(token: Token, old_values: list[Token]) -> Token | None:
    """The old value hanging below `token` through prepositions only ('from 5,100', 'from a
    peak of 170,000'), if any."""
    for number in old_values:
        if number.head.i == token.i and number.i != token.i:
            return number
        step = number
        while step.i != token.i and step.dep_ in {"pobj", "prep"} and step.head.i != step.i:
            step = step.head
        if step.i == token.i and number.i != token.i:
            return number
    return None


def _cleft(verb: Token) -> bool:
    """'It was in 2014 that ...': a 'be' with 'it' for subject, whose date is the clause's."""
    return verb.lemma_.lower() == "be" and any(
        c.dep_ == "nsubj" and c.lower_ == "it" for c in verb.children
    )


def _says_then(verb: Token) -> bool:
    """'then' or 'by then' on the verb or on the verb it completes ('By then it is expected
    to number ...')."""
    while True:
        for child in verb.children:
            if child.lower_ == "then" or (
                child.dep_ == "prep" and any(c.lower_ == "then" for c in child.children)
            ):
                return True
        if verb.dep_ != "xcomp":
            return False
        verb = verb.head


def _dated_before(ctx: Context, token: Token) -> list[Token]:
    """The words of the sentence before that own a date: what 'then' points back to."""
    before = sentence_before(token)
    if before is None:
        return []
    return [ctx.doc[i] for i in ctx.date_owner if before.start <= i < before.end]


def _says_when(clause: Token) -> bool:
    """A clause introduced by 'when', 'as' or 'once': the time of what the main clause says."""
    return any(c.dep_ in {"mark", "advmod"} and c.lower_ in TIME_MARKS for c in clause.children)


READY_WORDS = {"place", "ready", "operational", "deployed", "complete"}
"""'be in place', 'be fully operational': a force ready, at its size."""


def _in_place(clause: Token) -> bool:
    if lemma(clause) in {"arrive", "deploy"}:
        return True
    if lemma(clause) != "be":
        return False
    return any(
        t.lower_ in READY_WORDS for c in clause.children if c.dep_ != "nsubj" for t in c.subtree
    )


def _infinitive(clause: Token) -> bool:
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in clause.children)


def _purpose(clause: Token) -> bool:
    """An infinitive of purpose: 'to help ...', 'to evacuate ...'."""
    return clause.tag_ == "VB" and _infinitive(clause)
