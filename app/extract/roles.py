"""What a person is, as the text says it: titles before a name and appositions after it.

'Director General MI5 Lieutenant General Ken Holloway' gives the title Lieutenant General
and the role Director General MI5; 'Ruth Adeyemi, chair of the Senate Armed Services
Committee and General ...' gives the role up to the next person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from app.extract.entity_rules import POSSESSIVE, title_length
from app.extract.patterns import role_heads, titles

CONNECTORS = {"of", "for", "the", "on", "to", "-", "–", "(", ")", "&"}
APPOSITION_STOPS = {",", ".", ";", ":", "(", "”", "“", '"', "—"}
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
    return found


def apposition_after(name: Span, person_starts: set[int]) -> Role | None:
    """', top French military officer in Mali,' or ', who serves as the commanding officer of ...'."""
    doc = name.doc
    i = name.end
    if i >= name.sent.end or doc[i].text != ",":
        return None
    i += 1
    if i < name.sent.end and doc[i].lower_ == "who":
        verbs = doc[i + 1 : i + 3]
        if not verbs or verbs[0].lemma_ not in {"be", "serve", "work"}:
            return None
        i += (
            2 if verbs[0].lemma_ == "be" else 3 if len(verbs) > 1 and verbs[1].lower_ == "as" else 2
        )
    tokens: list[Token] = []
    while i < name.sent.end and len(tokens) <= MAX_ROLE_TOKENS:
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
    if not tokens or len(tokens) > MAX_ROLE_TOKENS or not _has_role_head(tokens[:8]):
        return None
    end_token = doc[i] if i < len(doc) else None
    if (
        end_token is not None
        and end_token.text not in {",", ".", ";", "—"}
        and end_token.lower_ not in {"and", "or"}
    ):
        return None
    return _make(tokens, title=False)
