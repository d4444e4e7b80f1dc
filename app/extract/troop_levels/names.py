"""How entity names stand for forces and places: countries, metonyms ('Moscow', 'the
Pentagon'), demonyms ('Nigerian') and pronouns."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from app.extract.patterns import _load, demonyms
from app.extract.troop_levels.context import Context


@cache
def country_names() -> frozenset[str]:
    return frozenset(name for names in demonyms().values() for name in names)


@cache
def _metonyms() -> dict[str, str]:
    """'Moscow', 'the Pentagon' -> the demonym of the country they stand for."""
    return _load("metonyms.json")


def bare_name(name: str) -> str:
    """'The United States' -> 'United States': how the entity is named, not how it is used."""
    return name[4:] if name[:4].lower() == "the " else name


def force_named(ctx: Context, token: Token) -> str | None:
    """The force a place or organisation name stands for: 'Moscow' and 'the Kremlin' are
    Russia; countries the model misreads as people count too."""
    cluster = ctx.entities.at(token.i)
    name = None
    if cluster is not None and (cluster.kind != "person" or cluster.name in country_names()):
        name = bare_name(cluster.name)
    elif token.text in country_names() or (token.pos_ == "PROPN" and token.text in _metonyms()):
        # 'Ankara keeps ...' where the model missed the place
        name = token.text
    elif acronym(token):
        name = token.text  # 'MONUSCO had nearly 11,000 peacekeepers', an acronym the model missed
    if name is not None and name in _metonyms():
        return demonym_place(ctx, _metonyms()[name]) or name
    if name is not None and cluster is not None and cluster.kind == "organisation":
        return _state_body(ctx, name) or name
    return name


STATE_BODIES = {"army", "forces", "force", "military", "ministry", "navy", "government", "marines"}
"""'the Czech army', 'the Dutch defence ministry', 'the Irish Defence Forces': the country."""


def _state_body(ctx: Context, name: str) -> str | None:
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in STATE_BODIES:
        return None
    return demonym_place(ctx, words[0])


def acronym(token: Token) -> bool:
    """'MONUSCO', 'KFOR', 'an ECOWAS force': an organisation's acronym, which the model often
    misses and may tag as anything (not the 'GMT' of a time)."""
    short = token.is_upper and token.is_alpha and 3 <= len(token) <= 8
    return short and token.ent_type_ not in {"TIME", "DATE"}


def place_of(ctx: Context, token: Token) -> str | None:
    cluster = ctx.entities.at(token.i)
    if cluster is not None and (cluster.kind == "place" or cluster.name in country_names()):
        return bare_name(cluster.name)
    if token.text in country_names():
        return token.text
    for child in token.children:
        # 'in the Lake Chad basin'
        if child.dep_ == "compound" and child.i < token.i:
            cluster = ctx.entities.at(child.i)
            if cluster is not None and cluster.kind == "place":
                return bare_name(cluster.name)
    return None


def place_after_in(ctx: Context, words: Span) -> str | None:
    """The first place named after 'in' among the words: 'Peacekeepers in Lebanon'."""
    for token in words:
        if token.lower_ == "in" and token.i + 1 < words.end:
            place = place_of(ctx, token.doc[token.i + 1])
            if place is not None:
                return place
    return None


def demonym_place(ctx: Context, word: str) -> str | None:
    """The country a demonym names, spelled as this article spells it."""
    options = demonyms().get(word.lower())
    if not options:
        return None
    places = {bare_name(c.name) for c in ctx.entities.of_kind("place")}
    return next((o for o in options if o in places), options[0])


def antecedent(ctx: Context, pronoun: Token) -> str | None:
    """'It' and 'its' stand for the last place or organisation that was a subject."""
    earlier = [name for index, name in ctx.subjects if index < pronoun.i]
    return earlier[-1] if earlier else None
