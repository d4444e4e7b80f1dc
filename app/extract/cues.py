"""Attribution cues: the words that say somebody said, wrote, wants or stands for something.

Each cue is found on the parse, with the span of its content and the token heading its
source. How the content attaches depends on the cue (lexicon in
`patterns/reporting_cues.json`): a clause ('said that X'), an infinitive ('wants to X'),
an object ('endorsed X', 'called X Y'), a preposition ('talked about X'), a noun
('the claim that X', "Trump's attacks on X") or an adjective ('critical of X').
Every cue needs a source (a subject, an agent, an owner), except a passive report
('X is expected to win'), a speech verb heading its sentence, a noun with a that-clause
('allegations that X'), an impression ('the team appeared tired', the whole clause is
content) and a passive judgement ('X is widely seen as Y', content on both sides). A
passive cue with an agent ('X was rejected by Y') reports on its subject. The source need
not be a person: in news a poll shows, a resolution supports and a report finds.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from app.extract.layout import sentence_of
from app.extract.patterns import reporting_cues
from app.extract.quotation_marks import CLOSING_MARKS, OPENING_MARKS

EXPLETIVES = {"it", "there"}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
OBJECT_DEPS = {"dobj", "oprd", "ccomp", "xcomp", "dative"}
"""What follows an object cue's object and still belongs to the content ('called X a liar')."""


@dataclass(frozen=True)
class Cue:
    token: Token
    text_end: int
    """End offset of the cue's words ('according to', 'talked about')."""
    content: tuple[int, int]
    """Token range [start, end) of what was said."""
    source: Token | None
    kind: str
    more: tuple[int, int] | None = None
    """A second content range when the cue interrupts it ('X, he said, Y')."""


def _subject(verb: Token) -> Token | None:
    fronted = _fronted_subject(verb)
    for child in verb.children:
        if child == fronted:
            continue
        if child.dep_ in {"nsubj", "csubj"} and (
            child.lower_ not in EXPLETIVES or _names_what_it_calls(verb, child)
        ):
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if _reports_again(verb):
        # 'X said A and suggested that B', 'X said A before claiming B': B's verb hung on A's
        clause = next((a for a in verb.ancestors if a.dep_ == "ccomp"), None)
        report = clause.head if clause is not None else _report_above(verb)
        if report is not None and report.i != verb.i:
            return _subject(report)
    if (
        verb.dep_ in {"conj", "xcomp", "advcl"}
        and verb.head.i != verb.i
        and verb.head.pos_ in {"VERB", "AUX"}
    ):
        return _subject(verb.head)
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.head.i != verb.head.i:
        # 'voters are more likely to say that X'
        return _subject(verb.head.head)
    if verb.dep_ == "relcl":
        relative = next(
            (c for c in verb.children if c.tag_ in {"WP", "WDT"} or c.lower_ == "that"), None
        )
        return relative
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    if verb.dep_ == "pcomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head.head)
    return None


def _names_what_it_calls(verb: Token, subject: Token) -> bool:
    """'what it calls “a betrayal”': 'it' that calls something a name is the campaign or
    paper the sentence is about, not the 'it' of 'it is clear that'."""
    return subject.lower_ == "it" and any(c.dep_ == "oprd" for c in verb.children)


def source_of(cue: Token) -> Token | None:
    """The token heading who the cue's content comes from."""
    if cue.pos_ in {"VERB", "AUX"}:
        return _subject(cue)
    if cue.pos_ == "NOUN":
        owner = next((c for c in cue.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        if cue.dep_ == "appos":
            return cue.head
        if cue.dep_ in {"dobj", "attr"} and cue.head.pos_ in {"VERB", "AUX"}:
            return _subject(cue.head)
        by = next(
            (c for c in cue.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}), None
        )
        return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if cue.pos_ == "ADJ" and cue.head.i != cue.i:
        return _subject(cue.head)
    return None


def _span(*heads: Token) -> tuple[int, int]:
    return min(h.left_edge.i for h in heads), max(h.right_edge.i for h in heads) + 1


def _verb_content(verb: Token, lemma: str) -> tuple[tuple[int, int], str, int] | None:
    lexicon = reporting_cues()
    children = list(verb.children)
    clause = _clause_of(verb, children)
    if clause is not None and lemma in lexicon["clause"]:
        return _span(clause), "clause", verb.idx + len(verb.text)
    misparsed = _clause_taken_for_object(children)
    if misparsed is not None and lemma in lexicon["clause"]:
        rest = [c for c in children if c.dep_ in OBJECT_DEPS and c.i > misparsed.i]
        return _span(misparsed, *rest), "clause", verb.idx + len(verb.text)
    infinitive = (
        next((c for c in children if c.dep_ == "xcomp"), None)
        or _infinitive_clause(clause)
        or _infinitive_taken_for_adverbial(verb, children)
    )
    if infinitive is not None and lemma in lexicon["infinitive"]:
        start, stop = _span(infinitive)
        obj = next(
            (c for c in children if c.dep_ in {"dobj", "dative"} and c.i < infinitive.i), None
        )
        if obj is not None:
            start = min(start, obj.left_edge.i)
        return (start, stop), "infinitive", verb.idx + len(verb.text)
    for prep in (c for c in children if c.dep_ in {"prep", "prt"} and c.i > verb.i):
        allowed = lexicon["with_preposition"].get(lemma)
        if allowed and prep.lower_ in allowed:
            objects = [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                adjacent = prep.i == verb.i + 1
                cue_end = prep.idx + len(prep.text) if adjacent else verb.idx + len(verb.text)
                return _span(*objects), "with_preposition", cue_end
    allowed = lexicon["with_preposition"].get(lemma)
    following = verb.doc[verb.i + 1] if verb.i + 1 < sentence_of(verb).end else None
    if allowed and following is not None and following.lower_ in allowed:
        # The parser often hangs 'for X to Y' elsewhere; the words after 'calls for' are the content.
        end = max(verb.right_edge.i + 1, following.i + 2)
        return (
            (following.i + 1, min(end, sentence_of(verb).end)),
            "with_preposition",
            following.idx + len(following.text),
        )
    obj = next((c for c in children if c.dep_ == "dobj"), None) or next(
        (c for c in children if c.dep_ == "oprd" and c.i > verb.i), None
    )  # 'called both the mayor and her rival “reckless”' is parsed as two predicates
    if obj is not None and lemma in lexicon["object"] and not _is_amount(obj):
        rest = [c for c in children if c.dep_ in OBJECT_DEPS and c.i > obj.i]
        return _span(obj, *rest), "object", verb.idx + len(verb.text)
    gerund = _gerund_object(children)
    if gerund is not None and (lemma in lexicon["object"] or lemma in lexicon["clause"]):
        return _span(gerund), "object", verb.idx + len(verb.text)
    return None


def _clause_of(verb: Token, children: list[Token]) -> Token | None:
    """The clause a verb reports: the one after it when a clause stands on both sides
    ('Views differ on housing: 40% say the city should build more')."""
    clauses = [
        c
        for c in children
        if c.dep_ in {"ccomp", "parataxis"}
        or (c.dep_ == "advcl" and c.i > verb.i and c.left_edge.lower_ == "that")
    ]  # 'tweeted in the early hours that X' can come out as an adverbial clause
    after = [c for c in clauses if c.i > verb.i] or _clause_taken_for_relative(verb, children)
    if not after and any(c.dep_ == "dobj" and c.i > verb.i and _quoted(c) for c in children):
        return None  # '..., she added the words, “X”': what she said is the object
    return (after or clauses or [None])[0]


def _clause_taken_for_relative(verb: Token, children: list[Token]) -> list[Token]:
    """'told Lopez at a debate that voters were “sick and tired”': the parser hangs the
    reported clause on the noun before it, as a relative clause with 'that' for its mark,
    which no true relative clause has."""
    nouns = [c for c in children if c.dep_ == "dobj" and c.i > verb.i]
    for prep in (c for c in children if c.dep_ == "prep" and c.i > verb.i):
        nouns += [c for c in prep.children if c.dep_ == "pobj"]
    return [
        clause
        for noun in nouns
        if noun.lemma_.lower() not in reporting_cues()["nouns"]  # 'the idea that X' is its own
        for clause in noun.children
        if clause.dep_ == "relcl"
        and any(c.dep_ in {"mark", "advmod"} and c.lower_ == "that" for c in clause.children)
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)
    ][:1]


def _quotes(phrase: Token) -> bool:
    """Quotation marks inside the phrase."""
    return any(t.text in OPENING_MARKS | CLOSING_MARKS for t in phrase.subtree)


def _quoted(phrase: Token) -> bool:
    """Quotation marks inside the phrase or opening right after it ('the words, “X”')."""
    doc = phrase.doc
    after = phrase.right_edge.i + 1
    while after < len(doc) and doc[after].text in {",", ":"}:
        after += 1
    return _quotes(phrase) or (after < len(doc) and doc[after].text in OPENING_MARKS)


def _infinitive_clause(clause: Token | None) -> Token | None:
    """'want all of them to be deported': an infinitive with its own subject, parsed as a clause."""
    if clause is None or clause.dep_ != "ccomp":
        return None
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    return clause if has_to else None


def _infinitive_taken_for_adverbial(verb: Token, children: list[Token]) -> Token | None:
    """'tells her volunteers at a rally to “knock on every door”': the parser hangs the
    infinitive after a told object as an adverbial clause."""
    if not any(c.dep_ in {"dobj", "dative"} and c.i > verb.i for c in children):
        return None
    return next(
        (
            c
            for c in children
            if c.dep_ == "advcl"
            and c.i > verb.i
            and any(
                a.dep_ == "aux" and a.lower_ == "to" and a.i == c.left_edge.i for a in c.children
            )
            and not any(t.pos_ == "VERB" for t in verb.doc[verb.i + 1 : c.left_edge.i])
        ),
        None,
    )


def _clause_taken_for_object(children: list[Token]) -> Token | None:
    """'Ortiz says the delay that the union blames on rain makes it worse': the parser took
    the reported clause's subject for the verb's object and hung the clause's verb under it."""
    obj = next((c for c in children if c.dep_ == "dobj" and c.i > c.head.i), None)
    if obj is None or obj.pos_ == "PRON":
        return None
    finite = [t for t in obj.subtree if t.tag_ in FINITE_TAGS and t.dep_ in {"relcl", "acl"}]
    return obj if finite else None


def _is_amount(obj: Token) -> bool:
    """'raised $4 million', 'picked up at least 14': an amount is counted, not said."""
    return obj.ent_type_ == "MONEY" or obj.like_num or obj.tag_ == "$"


def _gerund_object(children: list[Token]) -> Token | None:
    """'supports squeezing out X', 'said legalizing it could...': the parser takes a gerund
    object (or a gerund subject of the reported clause) for an open complement."""
    return next(
        (c for c in children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > c.head.i), None
    )


NOUN_PREPOSITIONS = {"of", "about", "on", "against", "for", "over", "to", "that"}
ADJECTIVE_PREPOSITIONS = {"of", "about", "on", "that", "with", "toward", "towards"}


def _prepositional_content(child: Token, prepositions: set[str]) -> tuple[int, int] | None:
    """The object of 'claim about X' or 'critical of X', when `child` is such a preposition."""
    if child.dep_ != "prep" or child.lower_ not in prepositions:
        return None
    objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
    return _span(*objects) if objects else None


def _noun_content(noun: Token) -> tuple[int, int] | None:
    for child in noun.children:
        if child.dep_ in {"acl", "ccomp", "relcl"} and any(
            c.lower_ == "that" and c.dep_ == "mark" for c in child.children
        ):
            return _span(child)
        if child.dep_ == "acl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            return _span(child)
        content = _prepositional_content(child, NOUN_PREPOSITIONS)
        if content is not None:
            return content
    return None


def _adjective_content(adjective: Token) -> tuple[int, int] | None:
    for child in adjective.children:
        if child.dep_ in {"ccomp", "xcomp"}:
            return _span(child)
        content = _prepositional_content(child, ADJECTIVE_PREPOSITIONS)
        if content is not None:
            return content
    return None


def _is_cue_word(token: Token) -> bool:
    """A participle or clause hung on a cue that is an attribution of its own ('..., adding that X')."""
    lexicon = reporting_cues()
    lemma = token.lemma_.lower()
    if token.dep_ not in {"advcl", "xcomp", "ccomp"} or token.pos_ != "VERB":
        return False
    if lemma in lexicon["clause"] or lemma in lexicon["object"]:
        return True
    # '... as "Mr. Lee," while Lee refers to him as "Sam"': another speaker's own report
    speaks = any(c.dep_ == "nsubj" for c in token.children)
    return speaks and token.dep_ == "advcl" and lemma in lexicon["with_preposition"]


def _extend_to_verb_edge(cue: Token, content: tuple[int, int]) -> tuple[int, int]:
    """Content after the cue runs to the cue's right edge: the parser hangs trailing
    modifiers ('... on Monday', '... in a statement') on the verb, not on the content.
    It stops before a coordinated clause, which is an attribution of its own."""
    start, end = content
    if start < cue.i:
        return content
    edge = cue.right_edge.i + 1
    for token in cue.doc[end:edge]:
        attached = token.head.i == cue.i
        coordinated = attached and token.dep_ in {"cc", "conj"}
        if coordinated and (
            _goes_on_quoting(token)
            or _second_quoted_clause(cue)
            or _continues_infinitive(cue, token, content)
        ):
            continue
        if attached and (token.dep_ in {"cc", "conj"} or _is_cue_word(token)):
            edge = token.left_edge.i
            break
    while edge > end and (cue.doc[edge - 1].is_punct or cue.doc[edge - 1].is_space):
        edge -= 1
    return start, max(end, edge)


def _continues_infinitive(cue: Token, conj: Token, content: tuple[int, int]) -> bool:
    """'said she wanted to speak to voters and let them know X': a bare verb coordinated
    with a cue in the past or present tense goes on with an infinitive in the content,
    where the parser should have hung it."""
    if conj.dep_ == "cc":
        conj = next((c for c in conj.head.rights if c.dep_ == "conj" and c.i > conj.i), conj)
    if conj.dep_ != "conj" or conj.tag_ != "VB" or cue.tag_ not in {"VBD", "VBZ", "VBP"}:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "neg"} for c in conj.children):
        return False  # '..., but her plan would require X': a clause of its own
    if any(t.dep_ == "conj" and any(c.dep_ == "nsubj" for c in t.children) for t in conj.subtree):
        return False  # '..., fix Y and he pledged Z': the next report hangs on it
    return any(
        t.dep_ == "xcomp" and any(a.lower_ == "to" and a.dep_ == "aux" for a in t.children)
        for t in cue.doc[content[0] : content[1]]
    )


PERSONAL_PRONOUNS = {"i", "we", "he", "she", "they"}


def _second_quoted_clause(cue: Token) -> bool:
    """'said that X, and there was “no evidence” yet that Y': a clause coordinated with the
    report verb that quotes words and reports nothing itself goes on with the report."""
    lexicon = reporting_cues()
    conj = next((c for c in cue.children if c.dep_ == "conj" and c.i > cue.i), None)
    if (
        conj is None
        or conj.lemma_.lower() in lexicon["clause"]
        or conj.lemma_.lower() in lexicon["object"]
    ):
        return False
    subject = next((c for c in conj.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
    if subject is None or subject.lower_ in PERSONAL_PRONOUNS:
        return False  # '..., but he gave the Texan a compliment: “...”' is the speaker's act
    if not any(c.dep_ == "ccomp" and c.i < conj.i for c in cue.children):
        return False
    opening = [t.i for t in conj.subtree if t.text in OPENING_MARKS]
    return bool(opening) and min(opening) > conj.i  # the verb itself stands outside the quote


def _goes_on_quoting(token: Token) -> bool:
    """'to “knock on every door” and then “call every neighbor”': a conjunction (or the
    verb after it) between two quotations, whose second goes on with the words reported,
    not with a clause of its own."""
    doc = token.doc
    cc = token
    if token.dep_ == "conj":
        cc = next((c for c in token.head.children if c.dep_ == "cc" and c.i < token.i), token)
        if cc.dep_ != "cc" or any(
            t.pos_ not in {"ADV", "PUNCT"} for t in doc[cc.i + 1 : token.left_edge.i]
        ):
            return False
    before, after = cc.i - 1, cc.i + 1
    while after < len(doc) and doc[after].pos_ == "ADV":
        after += 1
    quoted_before = before >= 0 and doc[before].text in CLOSING_MARKS
    return quoted_before and after < len(doc) and doc[after].text in OPENING_MARKS


def _reports_again(token: Token) -> bool:
    """'... and suggested that Y': a coordinated verb with a report of its own, which the
    parser hung inside the content before it."""
    lexicon = reporting_cues()
    lemma = token.lemma_.lower()
    children = list(token.children)
    contrast = any(c.dep_ == "mark" and c.lower_ in CONTRAST for c in children)
    if token.dep_ == "advcl" and contrast and token.head.i < token.i:
        # '... while Ruiz suggests the mayor is X': another speaker's report set against it;
        # '... while adding, “Y”': the same speaker's next one
        speaks = any(c.dep_ == "nsubj" for c in children) and any(
            c.dep_ == "ccomp" for c in children
        )
        return (speaks or token.tag_ == "VBG") and lemma in lexicon["clause"]
    reports = lemma in lexicon["clause"] or lemma in lexicon["object"]
    if token.pos_ == "VERB" and token.dep_ == "conj" and reports and _speaker_goes_on(token):
        return True
    if token.pos_ != "VERB" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in children):
        return False
    if token.dep_ == "advcl" and token.tag_ == "VBG":
        # '..., saying that Y', '..., calling it Y' hung on a verb inside the content
        return reports and _after_comma(token)
    if token.dep_ == "pcomp" and token.tag_ == "VBG" and token.head.lower_ in SEQUENCE_WORDS:
        # '... on Tuesday before arguing that Y'
        return reports
    if token.dep_ != "conj" or _goes_on_quoting(token):
        return False
    if lemma in lexicon["clause"] and any(c.dep_ == "ccomp" for c in children):
        return True
    if lemma in lexicon["infinitive"] and _object_then_infinitive(children):
        # 'said X and warned Seoul to refrain from Y', in the tense of the first report
        report = _report_above(token)
        return report is not None and _tense(token) == _tense(report)
    # '... and called its author "a careful reader"': a second report, in its own words
    quoted = any(t.text in {"“", '"', "``"} for t in token.subtree)
    return (
        quoted and lemma in lexicon["object"] and any(c.dep_ in {"dobj", "oprd"} for c in children)
    )


def _report_above(token: Token) -> Token | None:
    """The reporting verb a coordinated verb was hung under: the head of its clausal
    complement ('said X and warned Y'), or a reporting verb the parser reached by another
    relation ('tweeted that X was A and urged Y', 'accused them of B and urged Y')."""
    clause = token.head
    if clause.dep_ == "ccomp":
        return clause.head
    lexicon = reporting_cues()
    report = clause.head
    if clause.dep_ == "pcomp" and report.dep_ == "prep":
        report = report.head  # 'accused them of B', with 'of' on the verb or its object
        report = report.head if report.dep_ == "dobj" else report
    elif clause.dep_ != "advcl" or clause.left_edge.lower_ != "that":
        return None  # an adverbial clause is content only when misparsed from 'that X'
    lemma = report.lemma_.lower()
    reports = lemma in lexicon["clause"] or lemma in lexicon["object"]
    return report if report.pos_ == "VERB" and reports and report.i != clause.i else None


def _tense(verb: Token) -> str:
    """Past, present or base, with the tagger's VBD/VBN confusion folded together."""
    return {"VBN": "VBD", "VBP": "VBZ"}.get(verb.tag_, verb.tag_)


def _speaker_goes_on(verb: Token) -> bool:
    """'... running his campaign — and he singled out X': after a dash or comma and 'and', a
    pronoun subject reporting again starts a report of its own, not more of the content."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in PERSONAL_PRONOUNS or subject.i < 2:
        return False
    doc = verb.doc
    return doc[subject.i - 1].lower_ == "and" and doc[subject.i - 2].text in {"—", "–", ",", "--"}


SEQUENCE_WORDS = {"before", "after", "while", "when"}
CONTRAST = {"while", "whereas"}


def _object_then_infinitive(children: list[Token]) -> bool:
    """'urged voters to stay home': someone told to do something, in the speaker's words."""
    told = any(c.dep_ == "dobj" for c in children)
    return told and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in children
    )


def _after_comma(token: Token) -> bool:
    """A comma just before the token's phrase, closing quotation marks aside ('itself,”
    claiming')."""
    doc = token.doc
    index = token.left_edge.i - 1
    while index >= 0 and doc[index].text in {"”", '"', "''", "’"}:
        index -= 1
    return index >= 0 and doc[index].text == ","


def _before_next_report(cue: Token, content: tuple[int, int]) -> tuple[int, int]:
    """Content ends before a coordinated report inside it: PolNeAR makes that its own."""
    start, end = content
    for token in cue.doc[start:end]:
        if token.i > cue.i and _reports_again(token):
            stop = token.head.i if token.dep_ == "pcomp" else min(token.i, token.left_edge.i)
            if token.dep_ == "advcl" and token.left_edge.lower_ in CONTRAST:
                stop = token.left_edge.i  # '... while Ruiz suggests Y' ends before 'while'
            while stop > start and (cue.doc[stop - 1].dep_ == "cc" or cue.doc[stop - 1].is_punct):
                stop -= 1
            return (start, stop) if stop > start else content
    return content


def _characterises(noun: Token) -> bool:
    """', a claim that ...', ', a pointed jab at ...': the writer's own word for a report."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in reporting_cues()["nouns"]:
        return False
    if noun.dep_ not in {"appos", "dobj", "npadvmod", "attr"}:
        return False  # 'a speech, a diplomatic push or a resolution' lists
    if noun.head.pos_ in {"PROPN", "PRON"}:
        return False  # 'Ms. Ruiz, a supporter of the plan': a person described
    article = noun.left_edge
    return article.lower_ in {"a", "an"} and article.i != noun.i and _after_comma(noun)


def _after_quoted_words(token: Token) -> bool:
    """A comma and a closing quotation mark, in either order, right before the token."""
    marks = token.doc[max(0, token.i - 2) : token.i]
    return _after_comma(token) and any(t.text in CLOSING_MARKS for t in marks)


def _writer_addition(token: Token) -> Token | None:
    """The head of what the writer adds after a report closes, starting at `token`: a word
    for the report ('..., a claim officials rejected') or a which-clause after the quoted
    words ('as “biased,” which is what critics call ...')."""
    if _characterises(token):
        return token
    if (
        token.lower_ == "which"
        and token.dep_ in {"nsubj", "nsubjpass"}
        and _after_quoted_words(token)
    ):
        return token.head
    return None


def _before_characterisation(cue: Token, content: tuple[int, int]) -> tuple[int, int]:
    """Content ends before what the writer adds after the report closes, which PolNeAR
    leaves out and often attributes apart."""
    start, end = content
    doc = cue.doc
    for token in doc[max(start, cue.i + 1) : end]:
        addition = _writer_addition(token)
        if addition is None or not all(t.is_punct for t in doc[addition.right_edge.i + 1 : end]):
            continue
        stop = min(token.left_edge.i, token.i)
        while stop > start and (doc[stop - 1].text == "," or doc[stop - 1].is_space):
            stop -= 1
        return (start, stop) if stop > start else content
    return content


COMPLEMENT_AFTER = {"xcomp", "ccomp", "oprd", "acomp", "attr"}


def _interrupting(verb: Token) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """'Survival, the editor says, depends on readers': the cue set off by commas inside
    (or after) the sentence it reports, which is its content on both sides. It names its
    speaker: a bare participle ('..., also known as X') is no such cue."""
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    if any(c.dep_ in COMPLEMENT_AFTER and c.i > verb.i for c in verb.children):
        return None  # '..., though, the firm reported earning X': the content follows the verb
    doc = verb.doc
    sentence = sentence_of(verb)
    words = [t.i for t in verb.subtree if not t.is_punct]
    left, right = min(words), max(words)
    if left - 1 <= sentence.start or doc[left - 1].text not in {",", "—", "–"}:
        return None
    before = (sentence.start, left - 1)
    after_start = right + 1
    if after_start < sentence.end and doc[after_start].text in {",", "—", "–"}:
        after = (after_start + 1, sentence.end)
        return before, after if after[1] - after[0] > 1 else None
    if after_start >= sentence.end or doc[after_start].is_punct:
        return before, None
    return None


FRONTED_DEPS = {"nsubj", "nsubjpass", "dep", "npadvmod"}


def _fronted_subject(verb: Token) -> Token | None:
    """'These workers, Jones explained, were well paid': the parser hangs the reported
    clause's subject on the speech verb, before the verb's own subject and a comma."""
    sentence = sentence_of(verb)
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    speaker = subjects[-1] if subjects else None
    if speaker is None or speaker.i > verb.i:
        return None
    for child in verb.children:
        if child.i >= speaker.left_edge.i or child.dep_ not in FRONTED_DEPS:
            continue
        if child.pos_ not in {"NOUN", "PROPN", "PRON"} or child.left_edge.i != sentence.start:
            continue
        comma = child.right_edge.i + 1
        if comma + 1 == speaker.left_edge.i and verb.doc[comma].text == ",":
            return child
    return None


def _fronted(verb: Token) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The two halves of a clause a cue interrupts when the parser took the cue for its
    head: the fronted subject and the predicate after the next comma ('..., were paid')."""
    front = _fronted_subject(verb)
    if front is None:
        return None
    doc = verb.doc
    sentence = sentence_of(verb)
    for child in verb.children:
        if child.i <= verb.i or child.dep_ not in {"ccomp", "conj"}:
            continue
        if child.pos_ not in {"VERB", "AUX"} or doc[child.left_edge.i - 1].text != ",":
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children):
            return None
        end = sentence.end
        while end > child.i and doc[end - 1].is_punct:
            end -= 1
        return (front.left_edge.i, front.right_edge.i + 1), (child.left_edge.i, end)
    return None


def _leading_as_clause(verb: Token) -> tuple[tuple[int, int], None] | None:
    """'As the paper reported, X': the clause the as-clause opens is what was reported."""
    head = verb.head
    if (
        verb.dep_ != "advcl"
        or head.i <= verb.i
        or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    ):
        return None
    start = verb.right_edge.i + 1
    while start < head.i and verb.doc[start].is_punct:
        start += 1
    return (start, head.right_edge.i + 1), None


def _closing_report(verb: Token) -> tuple[tuple[int, int], None] | None:
    """'Those who borrow struggle, even with a good job, he said.': a sentence that ends in
    its speaker and speech verb after a comma reports all that comes before, however the
    parser took it apart."""
    sentence = sentence_of(verb)
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    subject = subjects[-1] if subjects else None
    if subject is None or any(not t.is_punct for t in verb.doc[verb.i + 1 : sentence.end]):
        return None
    comma = subject.left_edge.i - 1
    if comma <= sentence.start + 2 or verb.doc[comma].text != ",":
        return None
    if any(
        t.i != subject.i and t.head.i not in {subject.i, verb.i}
        for t in verb.doc[comma + 1 : verb.i]
    ):
        return None  # only the speaker's own words stand between the comma and the verb
    if verb.doc[sentence.start].text in OPENING_MARKS:
        return None  # a quotation, which the quotation marks attribute
    return (sentence.start, comma), None


def _ends_with_particle(verb: Token) -> bool:
    """'As Ryan has pointed out, X': a phrasal verb with nothing after its particle
    reports what follows ('As Trump spoke, X' does not)."""
    last = max(t.i for t in verb.subtree if not t.is_punct)
    return last == verb.i + 1 and verb.doc[last].dep_ == "prt"


def _clause_taken_for_head(verb: Token) -> tuple[int, int] | None:
    """'days after Trump told the Post he was “not there yet”': the parser made the told
    clause hang on the reported one, which starts with its subject right after it."""
    head = verb.head
    if verb.dep_ != "advcl" or head.i <= verb.i or head.pos_ not in {"VERB", "AUX"}:
        return None
    if not any(c.dep_ == "mark" and c.i < verb.i for c in verb.children):
        return None
    subject = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.left_edge.i != verb.right_edge.i + 1:
        return None
    return subject.left_edge.i, head.right_edge.i + 1


def _passive_object(verb: Token, lemma: str) -> tuple[int, int] | None:
    """'The plan was rejected by the council': the passive subject is what the agent spoke
    about."""
    if verb.tag_ != "VBN" or lemma not in reporting_cues()["object"]:
        return None
    if not any(c.dep_ == "agent" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return _span(subject) if subject is not None else None


def _noun_with_clause(noun: Token, content: tuple[int, int]) -> bool:
    """'allegations that X', 'the belief that X': a that-clause says what was claimed even
    when the text names nobody who claims it."""
    return noun.pos_ == "NOUN" and content[0] > noun.i and noun.doc[content[0]].lower_ == "that"


def _passive_report(verb: Token) -> bool:
    """'X is expected to win', 'it was reported that': an attribution with no named source."""
    return (
        verb.tag_ == "VBN"
        and any(c.dep_ == "auxpass" for c in verb.children)
        and verb.lemma_.lower() in reporting_cues()["clause"]
    )


IMPRESSION_VERBS = frozenset({"seem", "appear"})
"""Verbs of how things look: the writer's judgement, with the whole clause as content."""
COMPLEMENT_DEPS = {"acomp", "xcomp", "attr", "oprd", "ccomp"}


def _reports(complement: Token) -> bool:
    """'Lind seemed to urge X': the complement is a cue of its own, and the subject its source."""
    lexicon = reporting_cues()
    lemma = complement.lemma_.lower()
    return complement.dep_ == "xcomp" and any(
        lemma in lexicon[kind] for kind in ("clause", "infinitive", "object", "with_preposition")
    )


def _completes_impression(child: Token) -> bool:
    """'seemed weak', 'seems like X', but not 'appeared on television'."""
    return child.dep_ in COMPLEMENT_DEPS or (child.dep_ == "prep" and child.lower_ == "like")


def _impression(verb: Token, lemma: str) -> tuple[int, int] | None:
    """'The team appeared paralyzed', 'it appears that X': PolNeAR takes the subject, the
    verb and its complement together as content with no named source."""
    if lemma not in IMPRESSION_VERBS or verb.pos_ not in {"VERB", "AUX"}:
        return None
    children = list(verb.children)
    subject = next((c for c in children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    complements = [c for c in children if c.i > verb.i and _completes_impression(c)]
    if subject is None or not complements or any(_reports(c) for c in complements):
        return None
    if subject.lower_ in EXPLETIVES:
        clause = next((c for c in complements if c.dep_ == "ccomp"), None)
        return _span(clause) if clause is not None else None
    return subject.left_edge.i, max(c.right_edge.i for c in complements) + 1


JUDGEMENT_PREPOSITIONS = {"as", "for"}


def _passive_judgement(verb: Token, lemma: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """'X is widely seen as Y', 'X is known for Y': a judgement on the passive subject, which
    PolNeAR takes as content together with what it is judged to be."""
    lexicon = reporting_cues()
    if verb.tag_ != "VBN" or (lemma not in lexicon["object"] and lemma not in lexicon["clause"]):
        return None
    children = list(verb.children)
    subject = next((c for c in children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.lower_ == "there":
        return None
    if subject.lower_ in EXPLETIVES and any(c.dep_ == "ccomp" for c in children):
        return None  # 'it was felt that X'; but 'it was labeled “Mostly True”' judges it
    if not any(c.dep_ == "auxpass" for c in children):
        return None
    for child in children:
        if child.i < verb.i:
            continue
        if child.dep_ in {"oprd", "xcomp"}:
            return _span(subject), _span(child)
        if child.dep_ == "prep" and child.lower_ in JUDGEMENT_PREPOSITIONS:
            objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
            if objects:
                return _span(subject), _span(*objects)
    return None


def _cast_object(verb: Token) -> Token | None:
    """The object, or the object of a particle right after the verb ('went after Trump')."""
    for child in verb.children:
        if child.dep_ == "dobj":
            return child
        if child.dep_ in {"prep", "prt"} and child.i == verb.i + 1 and child.lower_ != "as":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def cast_as(verb: Token) -> Token | None:
    """The 'as' of 'went after Trump as “unfit”', 'rated 32% of claims as “false”' or 'an
    event billed as “X”': a verb that casts its object in words it quotes attributes those
    words to its subject, whatever the verb. Only with quotation marks in the phrase: 'served
    as envoy' or 'comes across as loud' cast nothing."""
    if verb.pos_ != "VERB":
        return None
    if verb.tag_ != "VBN" and _cast_object(verb) is None:
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as" and child.i > verb.i and _quotes(child):
            return child
    return None


def _cast_content(verb: Token) -> tuple[int, int] | None:
    """From the object (or the noun a participle describes) to the end of the 'as' phrase."""
    phrase = cast_as(verb)
    if phrase is None:
        return None
    obj = _cast_object(verb)
    if obj is not None:
        start = obj.left_edge.i
    elif verb.dep_ in {"acl", "relcl"} and verb.head.i < verb.i:
        start = verb.head.left_edge.i
    else:
        start = verb.i
    end = phrase.right_edge.i + 1
    for token in phrase.subtree:
        if token.dep_ == "conj" and token.pos_ == "VERB":
            # 'as “unfit” or poking holes in ...': the parser hung the next clause inside
            end = min(end, token.left_edge.i)
            break
    while end > start and verb.doc[end - 1].dep_ in {"cc", "punct"}:
        end -= 1
    return start, end


def find_cues(doc: Doc) -> list[Cue]:
    lexicon = reporting_cues()
    cues: list[Cue] = []
    for token in doc:
        lemma = token.lemma_.lower()
        impression = _impression(token, lemma)
        if impression is not None:
            cues.append(Cue(token, token.idx + len(token.text), impression, None, "impression"))
            continue
        judged = _passive_judgement(token, lemma)
        if judged is not None:
            subject, complement = judged
            cues.append(
                Cue(
                    token,
                    token.idx + len(token.text),
                    subject,
                    source_of(token),
                    "object",
                    complement,
                )
            )
            continue
        fronted = _fronted(token) if lemma in lexicon["clause"] else None
        if fronted is not None and source_of(token) is not None:
            front, rest = fronted
            cues.append(
                Cue(token, token.idx + len(token.text), front, source_of(token), "clause", rest)
            )
            continue
        found: tuple[tuple[int, int], str, int] | None = None
        if token.pos_ in {"VERB", "AUX"}:
            found = _verb_content(token, lemma)
            inverted = _clause_taken_for_head(token) if lemma in lexicon["clause"] else None
            if found is None and inverted is not None:
                found = (inverted, "clause", token.idx + len(token.text))
        elif token.pos_ == "NOUN" and lemma in lexicon["nouns"]:
            content = _noun_content(token)
            found = (content, "noun", token.idx + len(token.text)) if content else None
        elif token.pos_ == "ADJ" and lemma in lexicon["adjectives"] and token.dep_ == "acomp":
            content = _adjective_content(token)
            found = (content, "adjective", token.idx + len(token.text)) if content else None
        if found is None and token.pos_ == "VERB":
            passive = _passive_object(token, lemma)
            if passive is not None:
                cues.append(
                    Cue(token, token.idx + len(token.text), passive, source_of(token), "object")
                )
                continue
        if found is None:
            cast = _cast_content(token)
            if cast is not None and (source_of(token) is not None or token.tag_ == "VBN"):
                cues.append(
                    Cue(token, token.idx + len(token.text), cast, source_of(token), "object")
                )
                continue
        interrupted = None
        reports_clause = token.pos_ in {"VERB", "AUX"} and lemma in lexicon["clause"]
        if found is None and reports_clause:
            interrupted = (
                _interrupting(token) or _leading_as_clause(token) or _closing_report(token)
            )
        elif lemma in lexicon["with_preposition"] and _ends_with_particle(token):
            interrupted = _leading_as_clause(token)  # 'As Ryan has pointed out, X'
        if interrupted is not None or (found is None and reports_clause):
            if interrupted is not None and source_of(token) is not None:
                before, after = interrupted
                cues.append(
                    Cue(
                        token,
                        token.idx + len(token.text),
                        before,
                        source_of(token),
                        "clause",
                        after,
                    )
                )
            continue
        if found is None:
            continue
        content, kind, text_end = found
        content = _before_next_report(token, _extend_to_verb_edge(token, content))
        content = _before_characterisation(token, content)
        source = source_of(token)
        if source is None and _passive_report(token):
            cues.append(Cue(token, text_end, content, None, kind))
            continue
        if kind != "clause" and source is None and not _noun_with_clause(token, content):
            continue
        if source is None and kind == "clause" and token.dep_ not in {"ROOT", "ccomp"}:
            continue
        cues.append(Cue(token, text_end, content, source, kind))
    return cues
