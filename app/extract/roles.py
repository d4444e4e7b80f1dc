"""What a person is, as the text says it: titles before a name and appositions after it.

'Director General MI5 Lieutenant General Ken Holloway' gives the title Lieutenant General
and the role Director General MI5; 'Ruth Adeyemi, chair of the Senate Armed Services
Committee and General ...' gives the role up to the next person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from app.extract.entity_rules import POSSESSIVE, title_length
from app.extract.entity_rules.vocabulary import person_nouns
from app.extract.patterns import role_heads, titles

CONNECTORS = {"of", "for", "the", "on", "to", "-", "–", "(", ")", "&"}
APPOSITION_STOPS = {",", ".", ";", ":", "(", "”", "“", '"', "—"}
APPOSITION_ENDS = {",", ".", ";", ":", "—", "("}
MAX_ROLE_TOKENS = 20
_ACRONYM_IN_PARENS = re.compile(r"\s*\([A-Z]{2,8}\)")


@dataclass(frozen=True)
class Role:
    role: str
    start: int
    end: int
    text: str
    title: bool
    """True for an honorific or rank ('General'), False for a position ('Army Chief')."""


def _clean_role(text: str) -> str:
    text = _ACRONYM_IN_PARENS.sub("", text).strip(" ,")
    for article in ("the ", "a ", "an ", "its ", "his ", "her ", "their "):
        if text.lower().startswith(article):
            text = text[len(article) :]
    return text


def _make(tokens: list[Token], *, title: bool) -> Role:
    doc = tokens[0].doc
    span = doc[tokens[0].i : tokens[-1].i + 1]
    role = (
        titles().get(span.text.lower().rstrip("."), span.text) if title else _clean_role(span.text)
    )
    return Role(role, span.start_char, span.end_char, span.text, title)


def _has_role_head(tokens: list[Token]) -> bool:
    return any(t.lower_ in role_heads() and t.pos_ in {"NOUN", "PROPN"} for t in tokens)


def titles_before(name: Span) -> list[Role]:
    """The capitalised run right before a name, split into rank titles and a position."""
    doc = name.doc
    run: list[Token] = []
    i = name.start - 1
    while i >= 0:
        token = doc[i]
        if token.ent_type_ == "PERSON" or token.text in POSSESSIVE:
            break
        abbreviation_dot = token.text == "." and i > 0 and len(doc[i - 1].text) <= 4
        if token.text[:1].isupper() or token.lower_ in CONNECTORS or abbreviation_dot:
            run.insert(0, token)
            i -= 1
            continue
        break
    while run and (run[0].lower_ in CONNECTORS or run[0].text == "."):
        run.pop(0)
    if not run:
        return []
    found: list[Role] = []
    # Titles sit next to the name: peel them off from the right.
    end = len(run)
    while end > 0:
        for start in range(max(0, end - 3), end):
            if title_length(run[start:end]) == end - start:
                found.insert(0, _make(run[start:end], title=True))
                end = start
                break
        else:
            break
    rest = run[:end]
    if rest and _has_role_head(rest):
        found.insert(0, _make(rest, title=False))
    elif rest and title_length(rest) == len(rest):
        found.insert(0, _make(rest, title=True))
    elif found and _qualifies_a_title(rest):
        found[0] = _make(run[: end + title_length(run[end:])], title=False)
    return found


def _qualifies_a_title(words: list[Token]) -> bool:
    """'Home' in 'Home Secretary': capitalised words that make a title a particular post
    (not a place or people: 'US President' keeps the title 'President')."""
    return bool(words) and all(
        t.text[:1].isupper() and t.is_alpha and t.ent_type_ not in {"GPE", "LOC", "NORP", "PERSON"}
        for t in words
    )


def _apposition_tokens(
    doc: Doc, i: int, sentence_end: int, person_starts: set[int]
) -> tuple[list[Token], int] | None:
    """The words of an apposition starting at `i`, up to its closing punctuation, the next
    person, or the end of the sentence; None where a finite verb shows it is a clause."""
    tokens: list[Token] = []
    while i < sentence_end and len(tokens) <= MAX_ROLE_TOKENS:
        token = doc[i]
        if token.text in APPOSITION_STOPS or token.i in person_starts:
            break
        if token.lower_ in {"and", "or"} and i + 1 < len(doc):
            following = doc[i + 1]
            if following.i in person_starts or title_length(list(doc[i + 1 : i + 4])):
                break
        if token.pos_ in {"VERB", "AUX"} and token.tag_ not in {"VBG", "VBN"}:
            return None
        tokens.append(token)
        i += 1
    if not tokens or len(tokens) > MAX_ROLE_TOKENS:
        return None
    closed = i >= sentence_end or doc[i].text in APPOSITION_ENDS or doc[i].lower_ in {"and", "or"}
    return (tokens, i) if closed else None


def _after_who_serves_as(doc: Doc, i: int, sentence_end: int) -> int | None:
    """', who serves as the commanding officer': where the role starts, else None."""
    verbs = doc[i + 1 : i + 3]
    if not verbs or verbs[0].lemma_ not in {"be", "serve", "work"}:
        return None
    if verbs[0].lemma_ == "be":
        return i + 2
    return i + 3 if len(verbs) > 1 and verbs[1].lower_ == "as" else i + 2


def appositions_after(name: Span, person_starts: set[int]) -> list[Role]:
    """', top French military officer in Mali,' or ', who serves as the commanding officer
    of ...'; a second one joined by 'and' ('Director of X, and Chairman of Y') too."""
    doc = name.doc
    end = name.sent.end
    i = name.end
    if i >= end or doc[i].text != ",":
        return []
    i += 1
    if i < end and doc[i].lower_ == "who":
        start = _after_who_serves_as(doc, i, end)
        if start is None:
            return []
        i = start
    roles: list[Role] = []
    while i < end:
        found = _apposition_tokens(doc, i, end, person_starts)
        if found is None or not _has_role_head(found[0][:8]):
            break
        tokens, i = found
        roles.append(_make(tokens, title=False))
        if i < end and doc[i].text == ",":
            i += 1
        if not (i + 1 < end and doc[i].lower_ == "and" and doc[i + 1].text[:1].isupper()):
            break
        i += 1
    return roles


TIME_NOUNS = {"day", "week", "month", "year", "time", "moment", "hour", "minute", "night"}


def description_after(name: Span, person_starts: set[int]) -> Span | None:
    """', a Booker Prize-winner,' or ', an Ottawa MP': a noun phrase in apposition to a
    name describes that person. It must start with an article ('a day later' is a time,
    not a person) or be headed by a person noun or a party ('Republican from Texas')."""
    doc = name.doc
    i = name.end
    if i + 1 >= name.sent.end or doc[i].text != ",":
        return None
    found = _apposition_tokens(doc, i + 1, name.sent.end, person_starts)
    if found is None:
        return None
    phrase = doc[found[0][0].i : found[0][-1].i + 1]
    head = _head_noun(phrase)
    if head is None or any(t.ent_type_ == "PERSON" for t in phrase):
        return None
    described = head.ent_type_ == "NORP" or any(
        t.lower_ in person_nouns() or t.lemma_.lower() in person_nouns() for t in phrase
    )
    introduced = (
        phrase[0].lower_ in {"a", "an", "the"}
        and head.lower_ not in TIME_NOUNS
        and head.ent_type_ not in TIME_LABELS
    )
    clause = any(t.tag_ == "VBG" for t in phrase)
    return phrase if (described or introduced) and not clause else None


def _head_noun(phrase: Span) -> Token | None:
    """The last noun before the first preposition: 'salesman' in 'a salesman from Leeds'."""
    nouns = []
    for token in phrase:
        if token.lower_ in {"of", "in", "at", "from", "for", "with"} and nouns:
            break
        if token.pos_ in {"NOUN", "PROPN"}:
            nouns.append(token)
    return nouns[-1] if nouns else None


def describes_one_person(phrase: Span) -> bool:
    """A phrase set off after a name that can stand for that person: not a plural ('the
    group's founders', '370 delegates'), not a clause or an adverbial ('questioning the
    governor's record', 'on a call with reporters'), and not the first of a list ('Jane
    Roe, the president, the vice president', 'Roe, the party, Doe')."""
    head = _head_noun(phrase)
    doc = phrase.doc
    following = doc[phrase.end + 1] if phrase.end + 1 < len(doc) else None
    listed = (
        following is not None
        and doc[phrase.end].text == ","
        and (following.lower_ in {"the", "a", "an"} or following.pos_ == "PROPN")
    )
    return (
        head is not None
        and head.tag_ not in {"NNS", "NNPS"}
        and phrase[0].tag_ not in {"VBG", "VBN", "CD"}
        and phrase[0].pos_ not in {"ADP", "CCONJ", "SCONJ"}
        and not phrase[0].like_num
        and not listed
    )


TIME_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"}


def apposition_before(name: Span) -> Role | None:
    """ "Malaysia's Prime Minister, Najib Razak said", 'put through to an Acme attorney,
    Jane Roe.': a role phrase that a comma joins to the name after it. The phrase must name
    whose role it is with a capital: 'the vice president, Jane Roe,' is as often a list."""
    doc = name.doc
    if name.start < 2 or doc[name.start - 1].text != ",":
        return None
    after = doc[name.end] if name.end < name.sent.end else None
    if after is not None and not (after.is_punct or after.pos_ in {"VERB", "AUX"}):
        return None
    last = doc[name.start - 2]
    if last.text == ")":
        opening = next((t for t in reversed(doc[name.sent.start : last.i]) if t.text == "("), None)
        if opening is None or opening.i == name.sent.start:
            return None
        last = doc[opening.i - 1]
    head = _role_noun_of(last)
    if head is None:
        return None
    start = head.left_edge.i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2
    tokens = list(doc[max(start, name.sent.start) : name.start - 1])
    if not tokens or any(
        t.ent_type_ == "PERSON" or t.text in {",", ";", ":"} or t.pos_ in {"VERB", "AUX"}
        for t in tokens
    ):
        return None
    if not any(t.text[:1].isupper() for t in tokens[1:]):
        return None  # 'all the people she named, the vice president, Jane Roe, ...' is a list
    return _make(tokens, title=False)


def _role_noun_of(token: Token) -> Token | None:
    """The role noun whose phrase ends at `token`: itself ('the Crown prosecutor') or the
    noun its 'of' phrase belongs to ('president of the region')."""
    while (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.i < token.i
        and token.head.head.lower_ in role_heads()
    ):
        token = token.head.head
    is_role = token.lower_ in role_heads() or token.lemma_.lower() in role_heads()
    return token if is_role and token.pos_ in {"NOUN", "PROPN"} else None


OWNER_WORDS = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your"}


def role_before(name: Span) -> Role | None:
    """ "Tunisia's coach Nabil Maaloul", 'the party's spokesman Jan Roe': a lowercase role
    noun phrase with an owner or article, right before the name, is a phrase of its own
    (a capitalised one, 'Army Chief General X', is a title: see `titles_before`)."""
    doc = name.doc
    last = name.start - 1
    if last <= name.sent.start or not doc[last].text.islower():
        return None
    if doc[last].pos_ != "NOUN" or doc[last].lemma_.lower() not in person_nouns():
        return None
    i = last - 1
    while i > name.sent.start and (
        (doc[i].text.islower() and doc[i].pos_ in {"ADJ", "NOUN"})
        or (doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and doc[i].ent_type_ != "PERSON")
    ):
        i -= 1
    if doc[i].text in POSSESSIVE and i > name.sent.start:
        start = i - 1
        while start > name.sent.start and doc[start - 1].pos_ == "PROPN":
            start -= 1
    elif doc[i].lower_ in OWNER_WORDS:
        start = i
    else:
        return None
    return _make(list(doc[start : last + 1]), title=False)
