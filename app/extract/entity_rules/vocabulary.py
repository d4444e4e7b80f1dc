"""Label sets and word lists the entity rules share: which labels name things, which small
words are no part of a name, and the JSON lists of head words, person nouns and countries."""

from __future__ import annotations

from functools import cache

from app.extract.patterns import _load, demonyms, role_heads

PLACE_LABELS = {"GPE", "LOC", "FAC"}


NAME_LABELS = {"PERSON", "ORG"} | PLACE_LABELS


POSSESSIVE = {"’s", "'s", "’", "'"}


ARTICLES = {"the", "a", "an"}


DETERMINERS = ARTICLES | {"this", "that", "these", "those"}


LOCATIVE_PREPOSITIONS = {
    "in",
    "at",
    "to",
    "from",
    "into",
    "near",
    "across",
    "inside",
    "outside",
    "throughout",
    "toward",
    "towards",
}


WEAK_LABELS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}
"""Labels the small model often puts on names; a reporting verb's subject overrides them."""


OVERRIDABLE_LABELS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE", "NORP", "ORG", "FAC"}


MISREAD_NAME_LABELS = OVERRIDABLE_LABELS | PLACE_LABELS
"""Labels the model puts on a surname standing alone ('Lukaku' as a place)."""


@cache
def name_heads() -> dict[str, frozenset[str]]:
    """Head words that decide what a name is (see patterns/name_heads.json)."""
    return {kind: frozenset(words) for kind, words in _load("name_heads.json").items()}


@cache
def person_nouns() -> frozenset[str]:
    return frozenset(_load("person_nouns.json")["nouns"]) | role_heads()


@cache
def country_names() -> frozenset[tuple[str, ...]]:
    """Country names as token tuples ('United', 'States'), from the demonym table."""
    return frozenset(tuple(name.split()) for names in demonyms().values() for name in names)


@cache
def contest_verbs() -> frozenset[str]:
    """Verbs whose object is a side in a match (see patterns/contests.json)."""
    return frozenset(_load("contests.json")["verbs"])
