"""Word lists the rules use, kept as JSON data in `patterns/` and loaded once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def _load(name: str) -> Any:
    text = resources.files("app.extract").joinpath("patterns", name).read_text("utf-8")
    data = json.loads(text)
    if isinstance(data, dict):
        data.pop("_comment", None)
    return data


@cache
def titles() -> dict[str, str]:
    """Lowercase honorific or rank -> canonical title."""
    return _load("titles.json")


@cache
def role_heads() -> frozenset[str]:
    return frozenset(_load("role_heads.json")["heads"])


@cache
def demonyms() -> dict[str, list[str]]:
    return _load("demonyms.json")


def reporting_verbs() -> frozenset[str]:
    """Verbs that introduce speech with a clause or a quotation ('said', 'warned')."""
    return reporting_cues()["clause"]


@cache
def reporting_cues() -> dict[str, Any]:
    """Cue lexicon by how the content attaches: clause, infinitive, object, preposition, noun, adjective."""
    data = _load("reporting_cues.json")
    return {
        "clause": frozenset(data["clause"]),
        "infinitive": frozenset(data["infinitive"]),
        "object": frozenset(data["object"]),
        "with_preposition": {
            verb: frozenset(preps) for verb, preps in data["with_preposition"].items()
        },
        "nouns": frozenset(data["nouns"]),
        "adjectives": frozenset(data["adjectives"]),
    }


@cache
def troop_level_words() -> dict[str, Any]:
    """Troop-level word lists by name: sets of lemmas and word forms, except
    `condition_words`, phrases kept in the order they are searched."""
    data = _load("troop_levels.json")
    return {
        name: tuple(words) if name == "condition_words" else frozenset(words)
        for name, words in data.items()
    }
