"""Walks over the dependency parse: the verb over a token, its subject, its object."""

from __future__ import annotations

from spacy.tokens import Span, Token

MISLEMMATISED = {"readied": "ready", "slated": "slate"}
"""Words the small model lemmatises wrongly ('readie', 'slat')."""


def lemma(token: Token) -> str:
    return MISLEMMATISED.get(token.lower_) or token.lemma_.lower()


def dependent(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def governing_verb(token: Token) -> Token | None:
    """The verb over a token; for 'are to be stationed' and 'are ready to leave', the verb
    that says what happens."""
    verb = next((t for t in (token, *token.ancestors) if _acts_as_verb(t)), None)
    if verb is not None and lemma(verb) == "be":
        complement = dependent(verb, "xcomp", "acomp")
        complement = (
            dependent(complement, "xcomp")
            if complement is not None and complement.pos_ == "ADJ"
            else complement
        )
        if complement is not None and complement.pos_ in {"VERB", "AUX"}:
            return complement
    return verb


def _acts_as_verb(token: Token) -> bool:
    """A verb, or a word the tagger took for a noun but the parser gave a subject ('armed
    forces number about 24,000', 'X hosts 3,200 troops; Y wants more')."""
    if token.pos_ in {"VERB", "AUX"}:
        return True
    if token.dep_ not in {"ROOT", "ccomp", "conj", "parataxis"}:
        return False
    # a noun takes no direct object: 'The United States stations about 28,500 ...' (not
    # 'Troop plans - 2027: 900', a label)
    doc = token.doc
    return any(
        c.dep_ == "nsubj"
        or (c.dep_ == "dobj" and not any(t.is_punct for t in doc[token.i + 1 : c.left_edge.i]))
        for c in token.children
    )


def clause_verb(verb: Token | None) -> Token | None:
    """The finite verb a participle hangs on: 'join' in 'troops numbering 400 will join';
    not past an aside set off by commas ('The contingent, numbering just under 400, is
    commanded this year by ...')."""
    while verb is not None and verb.tag_ in {"VBG", "VBN"} and verb.dep_ in {"acl", "csubj"}:
        if verb.dep_ == "acl" and _set_off(verb):
            break
        verb = governing_verb(verb.head) if verb.dep_ == "acl" else verb.head
    return verb


def _set_off(clause: Token) -> bool:
    before = clause.left_edge.i - 1
    return before >= 0 and clause.doc[before].text == ","


def verb_object(verb: Token | None, number: Token) -> Token | None:
    """What 'keep at 17,000' keeps, even when it is the object of the verb above ('which
    the council wants to keep at 17,000')."""
    while verb is not None:
        found = next((c for c in verb.children if c.dep_ == "dobj" and c.i != number.i), None)
        if found is not None or verb.dep_ != "xcomp":
            return found
        verb = verb.head
    return None


SAYING_VERBS = {"say", "tell", "add", "report", "announce", "state", "confirm", "estimate"}
"""Verbs of saying: set off as an aside in a clause ('..., officials said, ...'), or reporting
one ('The ministry said in March that ...')."""


def subject_of(verb: Token | None) -> Token | None:
    """The subject of a verb, or of the verb it depends on ('X is expected to reach', 'X ...
    and will grow')."""
    while verb is not None:
        subject = dependent(verb, "nsubj", "nsubjpass")
        if subject is not None:
            return subject
        if verb.pos_ == "NOUN" and verb.dep_ == "ROOT":
            # 'The United States stations 28,500 ...', the verb tagged as a noun and its
            # subject as the noun's modifier
            before = [c for c in verb.children if c.dep_ == "compound" and c.i < verb.i]
            return before[-1] if before else None
        if verb.dep_ == "acl":
            # 'a number expected to fall'
            return verb.head
        if verb.dep_ == "ccomp" and verb.head.dep_ == "relcl":
            # 'a figure Ottawa says could rise to 3,400': the gap is the noun described
            return verb.head.head
        if verb.dep_ not in {"xcomp", "conj", "advcl", "acomp"} or verb.head.i == verb.i:
            return None
        head = verb.head
        if verb.dep_ == "conj" and head.dep_ == "parataxis" and lemma(head) in SAYING_VERBS:
            # 'The figure has fallen to 3,500, the ministry said, and is expected to drop to
            # 2,000': the clause goes on past the aside
            verb = head.head
            continue
        if verb.dep_ == "xcomp" and dependent(verb.head, "dobj") is not None:
            # 'expects the brigade to reach ...': the object does the reaching.
            return dependent(verb.head, "dobj")
        verb = verb.head
    return None


def reported_clause(verb: Token) -> Token | None:
    """The clause a verb of saying reports, wherever it stands ('X will deploy ..., the
    army said'): what an addition hung on 'said' belongs to."""
    return dependent(verb, "ccomp")


def has_number(token: Token) -> bool:
    return token.like_num or any(c.like_num for c in token.children)


def sentence_before(token: Token) -> Span | None:
    """The sentence before the token's: where a count's troops, force or date may have been
    named ('The first soldiers came in 2017. There were 160 of them then.')."""
    start = token.sent.start
    return token.doc[start - 1].sent if start > 0 else None
