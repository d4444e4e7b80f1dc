"""Whose troops a level counts."""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.extract.figures import COUNT_OF
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.names import acronym, antecedent, demonym_place, force_named
from app.extract.troop_levels.nouns import is_troop_body, is_troop_noun, serving_nationals
from app.extract.troop_levels.parse import dependent, lemma, sentence_before, subject_of
from app.extract.troop_levels.vocabulary import FOREIGN_WORDS, HOSTING_VERBS


def own_force(ctx: Context, noun: Token) -> str | None:
    """'US troops', 'American soldiers', "the EU's mission", 'the Nigerian army'."""
    if noun.pos_ == "PRON":
        return antecedent(ctx, noun) if noun.lower_ in {"it", "its", "they", "their"} else None
    if noun.pos_ == "NOUN" and noun.lower_ in FOREIGN_WORDS:
        return "foreign"  # 'the coalition assembled 700,000 troops'
    if serving_nationals(noun):
        return demonym_place(ctx, noun.text.removesuffix("s"))  # '8,400 Americans serve'
    if any(c.lower_ == "the" for c in noun.lefts) and noun.text[:1].isupper():
        # 'The Dutch will keep 150 soldiers', 'the Americans have ...': a people for its state
        people = demonym_place(ctx, noun.text) or demonym_place(ctx, noun.text.removesuffix("s"))
        if people is not None:
            return people
    named = force_named(ctx, noun)
    named_word = noun.pos_ in {"PROPN", "VERB"} or noun.ent_type_ == "ORG" or acronym(noun)
    if named is not None and not is_troop_noun(noun) and named_word:
        # 'Denmark to send ...' in a headline, where the tagger takes the name for a verb
        return named
    for child in noun.lefts:
        if is_troop_noun(child):
            continue
        if child.dep_ in {"compound", "nmod", "poss"}:
            named = force_named(ctx, child)
            if named is not None:
                return named
        if child.dep_ in {"amod", "compound", "nmod"} and acronym(child):
            return child.text  # 'an ECOWAS standby force', an acronym the model missed
        if child.dep_ in {"amod", "compound"}:
            if child.lower_ in FOREIGN_WORDS:
                return "foreign"
            named = _two_word_demonym(ctx, child) or demonym_place(ctx, child.text)
            named = named or _leader(ctx, child)
            if named:
                return named
    return None


def _two_word_demonym(ctx: Context, word: Token) -> str | None:
    """'North Korean', which the parser splits into two modifiers: not 'Korean' alone."""
    before = word.doc[word.i - 1] if word.i > 0 else None
    return demonym_place(ctx, f"{before.text} {word.text}") if before is not None else None


def _leader(ctx: Context, modifier: Token) -> str | None:
    """'the British-led battlegroup', 'a French-led force': the force that leads it."""
    if lemma(modifier) != "lead":
        return None
    for child in modifier.lefts:
        named = demonym_place(ctx, child.text) or force_named(ctx, child)
        if named:
            return named
    return None


def _holder_of(ctx: Context, verb: Token | None) -> str | None:
    """The force that holds what the verb's object counts: 'Britain has 900 soldiers'."""
    if verb is None or lemma(verb) in HOSTING_VERBS:
        return None
    subject = subject_of(verb)
    if subject is None:
        return None
    force = own_force(ctx, subject)
    if force is None and subject.lower_ in {"it", "they"}:
        # 'Finland's contingent in Lebanon ... By then it is expected to number 200 soldiers'
        force = _troops_before(ctx, subject)
    return force


def force_of(ctx: Context, reading: Reading) -> str | None:
    noun = reading.noun
    if noun is None:
        # 'while the United States contributes about 650', 'The Americans have about 900':
        # a holder the verb names; else ('It now has 600', 'down from 8,000') the force of
        # the level just read
        subject = subject_of(reading.verb) if reading.verb is not None else None
        named = subject is not None and subject.pos_ != "PRON"
        holder = (
            _holder_of(ctx, reading.verb) if named and reading.node.head.lower_ != "from" else None
        )
        sent = _sent_by(ctx, reading.node)  # '..., along with 300 from the Netherlands'
        if sent is None and reading.verb is not None and lemma(reading.verb) == "come":
            sent = _sent_by(ctx, reading.verb)  # 'Of those, 600 come from the Czech Republic'
        return sent or holder or (ctx.last.force if ctx.last is not None else None)
    # 'including 400 from Germany'; 'Some 150 Marines from the Netherlands are aboard' (a
    # subject: as an object, 'withdrew 1,000 troops from Iraq' says where from)
    container = _container_of(noun)
    subjects = {"nsubj", "nsubjpass"}
    # 'A contingent of 300 soldiers from Nepal was flown in': the subject's troops, too
    sent = reading.node.i != noun.i or noun.dep_ in subjects
    sent = sent or (container is not None and container.dep_ in subjects)
    force = _sent_by(ctx, reading.node) if sent else None
    force = force or own_force(ctx, noun)
    if force is None and container is not None:
        force = own_force(ctx, container)
    if force is None and noun.dep_ not in {"nsubj", "nsubjpass"}:
        force = _holder_of(ctx, reading.verb)
    if force is None:
        # 'its entire contingent of 830 soldiers': the container's owner, too
        owners = [c for t in (noun, container) if t is not None for c in t.children]
        owner = next((c for c in owners if c.dep_ == "poss"), None)
        if owner is not None and owner.pos_ == "PRON":
            # 'His soldiers', after 'Colonel Lind has commanded Sweden's contingent': whose
            # troops the sentence before named, when the pronoun stands for a person
            force = antecedent(ctx, owner) or _troops_before(ctx, noun)
    if force is None and reading.verb is not None:
        # "bringing the UK's contribution to about 300"
        measured = dependent(reading.verb, "dobj")
        owner = dependent(measured, "poss") if measured is not None else None
        force = force_named(ctx, owner) if owner is not None else None
    if force is None:
        force = _force_in_sentence(ctx, noun)
    if force is None:
        # 'What is the size of the NATO force in Romania? Roughly 5,000 troops.'
        force = _asked_about(ctx, noun)
    if force is None and ctx.last is not None:
        force = ctx.last.force
    if force is None:
        # 'Q. Is Spain sending troops? A. We already have 500 there': the last place or
        # organisation the article made a subject, in this sentence or the two before
        force = _recent_subject(ctx, noun)
    if force is None:
        # 'Some 5,000 Greek soldiers and police are deployed ... The army alone has 3,500'
        force = _troops_before(ctx, noun)
    return force


def _asked_about(ctx: Context, noun: Token) -> str | None:
    """The force of the troops a question just before asked about, or of the state it asked
    about ('Q. Is France sending soldiers to Romania? A. We already have about 900 there'),
    past an answer's label ('A.', 'A:')."""
    question = sentence_before(noun)
    if question is not None and _answer_label(question):
        question = sentence_before(question[0])
    if question is None or not any(t.text == "?" for t in question[-2:]):
        return None
    bodies = (t for t in question if is_troop_body(t))
    force = next((f for t in bodies if (f := own_force(ctx, t)) is not None), None)
    asked = (c for c in question.root.children if c.dep_ in {"nsubj", "attr"})
    return force or next((f for t in asked if (f := force_named(ctx, t)) is not None), None)


def _answer_label(sentence: Span) -> bool:
    words = [t for t in sentence if not t.is_punct]
    return len(words) == 1 and words[0].text.rstrip(".:").upper() in {"A", "ANSWER"}


def _troops_before(ctx: Context, noun: Token) -> str | None:
    """The force of the troops the sentence before names."""
    before = sentence_before(noun)
    if before is None:
        return None
    bodies = (t for t in before if is_troop_body(t))
    return next((force for t in bodies if (force := own_force(ctx, t)) is not None), None)


RECENT_SENTENCES = 2


def _recent_subject(ctx: Context, noun: Token) -> str | None:
    here = ctx.sentence_index[noun.sent.start]
    for index, name in reversed(ctx.subjects):
        if (
            index < noun.i
            and here - ctx.sentence_index[ctx.doc[index].sent.start] <= RECENT_SENTENCES
        ):
            return name
    return None


def _sent_by(ctx: Context, number: Token) -> str | None:
    """'including 400 from Germany': a part of the force sent by another country."""
    source = next((c for c in number.children if c.lower_ == "from"), None)
    named = dependent(source, "pobj") if source is not None else None
    return force_named(ctx, named) if named is not None else None


def _force_in_sentence(ctx: Context, noun: Token) -> str | None:
    """Whose troops, when the words around them do not say: another troop noun of the
    sentence that does ('contribute 16,500 troops to the UN force'), or who is speaking
    ('..., a NATO spokeswoman said'; 'Oslo announced')."""
    sentence = noun.sent
    for other in sentence:
        if other.i != noun.i and is_troop_noun(other):
            force = own_force(ctx, other)
            if force is not None:
                return force
    for clause in (sentence.root, *_reports_on(sentence.root)):
        # every subject: '14:05 GMT: The Dutch ministry says ...' gives 'says' two
        for speaker in (c for c in clause.children if c.dep_ == "nsubj" and c.i != noun.i):
            force = own_force(ctx, speaker)
            if force is not None:
                return force
    return None


def _reports_on(root: Token) -> list[Token]:
    """'Fighting has cost ..., the Sudanese army said, and ...': the report set off inside;
    'Italian commanders say ..., officials said': the report it reports."""
    return [
        c
        for c in root.children
        if (c.dep_ == "parataxis" and c.pos_ == "VERB")
        or (c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"})
    ]


def _container_of(noun: Token) -> Token | None:
    """The unit a troop noun belongs to: 'a NATO battlegroup of 2,000 personnel', 'the
    force in Kosovo, 3,800 troops'."""
    if noun.dep_ == "appos" and is_troop_body(noun.head):
        return noun.head
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and is_troop_noun(head.head):
        return head.head
    if noun.dep_ == "compound" and lemma(head) in COUNT_OF:
        return head  # 'the US troop count'
    return None
