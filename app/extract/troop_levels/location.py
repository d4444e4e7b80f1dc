"""Where the troops of a level are."""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.extract.dates import MONTHS
from app.extract.patterns import demonyms
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.names import antecedent, force_named, place_after_in, place_of
from app.extract.troop_levels.nouns import is_troop_body, is_troop_noun
from app.extract.troop_levels.parse import dependent, lemma, subject_of
from app.extract.troop_levels.vocabulary import (
    DEPARTURE_VERBS,
    DESTINATION_VERBS,
    HOSTING_VERBS,
    LOCATION_PREPOSITIONS,
    MILITARY_UNITS,
    PLACE_NOUNS,
    SOIL_NOUNS,
)

OPERATION_WORDS = {"operation", "mission", "task", "force"}
"""'in Operation Barkhane' names what they do, not where."""


def _place_before(ctx: Context, token: Token, force: str | None) -> str | None:
    """'there', 'the country': the last place named before, other than the force itself
    ('Rwanda has 2,000 troops in the province')."""
    earlier = [
        name
        for index, name in ctx.places
        if index < token.i and force not in {name, force_named(ctx, ctx.doc[index])}
    ]  # not the force's own capital: "Moscow's contingent in the region" is not in Moscow
    if earlier:
        return earlier[-1]
    return ctx.last.location if ctx.last is not None else None


def location_of(ctx: Context, reading: Reading, sentence: Span, force: str) -> str | None:
    verb = reading.verb
    noun = reading.noun
    # troops named in an earlier sentence ('... 180 soldiers in Lebanon. Another 60 serve in
    # Kosovo.') are placed by this sentence first
    earlier = noun is not None and noun.sent.start != reading.node.sent.start
    ordered = (reading.node, verb, noun) if earlier else (noun, reading.node, verb)
    anchors = [t for t in ordered if t is not None]
    if verb is not None:
        anchors += [c for c in verb.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"}]
    if reading.noun is not None:
        # 'peacekeepers left for the Golan Heights' read as a modifier of the noun
        anchors += [c for c in reading.noun.children if c.dep_ == "acl"]
    for anchor in anchors:
        for prep in anchor.children:
            if prep.dep_ not in {"prep", "dative", "agent"}:
                continue
            destination = prep.lower_ == "for" and lemma(anchor) in DESTINATION_VERBS
            if prep.lower_ == "with":
                # 'serve with UNIFIL in southern Lebanon': where the mission they serve with is
                mission = dependent(prep, "pobj")
                if mission is not None and mission.like_num:
                    mission = None  # 'with another 200 in Kosovo': a count of its own
                inner = [c for c in mission.children if c.dep_ == "prep"] if mission else []
                places = (place_of(ctx, o) for c in inner if c.lower_ == "in" for o in c.children)
                place = next((found for found in places if found is not None), None)
                if place is not None:
                    return place
            if prep.lower_ not in LOCATION_PREPOSITIONS and not destination:
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                place = place_of(ctx, obj) or _place_inside(ctx, obj) or _unlabelled_place(ctx, obj)
                leaving = verb is not None and lemma(verb) in DEPARTURE_VERBS
                source = prep.lower_ == "from" and (
                    place == force
                    or (is_troop_body(anchor) and not leaving)
                    or lemma(anchor) == "come"  # '600 come from the Czech Republic'
                )
                if place is not None and not source:
                    # 'including 400 from Germany', 'troops from Germany (...) and France
                    # (...)' say whose they are, not where
                    return place
                if lemma(obj) in SOIL_NOUNS and any(c.dep_ == "poss" for c in obj.children):
                    subject = subject_of(verb)
                    if subject is not None:
                        return place_of(ctx, subject) or antecedent(ctx, subject)
                if lemma(obj) in PLACE_NOUNS:
                    return _place_before(ctx, obj, force)
        there = next((c for c in anchor.children if c.lower_ == "there"), None)
        if there is not None:
            return _place_before(ctx, there, force)
    if verb is not None and lemma(verb) in DEPARTURE_VERBS:
        left = dependent(verb, "dobj")
        if left is not None and not is_troop_noun(left) and left.pos_ != "PRON":
            # 'leave Somalia', 'leave the country'
            place = place_of(ctx, left) or (
                _place_before(ctx, left, force) if lemma(left) in PLACE_NOUNS else None
            )
            if place is not None:
                return place
    if reading.noun is not None:
        for child in reading.noun.lefts:
            # 'its Lebanon contingent'
            place = place_of(ctx, child) if child.dep_ == "compound" else None
            if place is not None and place != force:
                return place
    if verb is not None and lemma(verb) in HOSTING_VERBS:
        subject = subject_of(verb)
        if subject is not None and place_of(ctx, subject):
            return place_of(ctx, subject)
    if verb is not None and any(c.lower_ in {"abroad", "overseas"} for c in verb.children):
        return None  # 'deployed abroad, including 900 in Latvia': no one place
    place = place_after_in(ctx, sentence)
    if place is not None:
        return place
    return ctx.last.location if ctx.last is not None else None


def _place_inside(ctx: Context, noun: Token) -> str | None:
    """'at its base in Djibouti', 'to the mission in Haiti'."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "inside"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and place_of(ctx, obj):
                    return place_of(ctx, obj)
    return None


def _unlabelled_place(ctx: Context, token: Token) -> str | None:
    """'in the Sahel', 'in Kidal': a proper name after a preposition of place that the model
    labelled as something else, or not at all; not a person, a people or an operation."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.lower_ in demonyms():
        return None
    if token.ent_type_ in {"DATE", "TIME"} or token.lower_ in MONTHS or is_troop_noun(token):
        return None  # 'in June', 'with US Marines'
    if lemma(token) in MILITARY_UNITS:
        return None  # 'from the 101st Airborne Division'
    cluster = ctx.entities.at(token.i)
    if cluster is not None and cluster.kind == "person":
        return None
    words = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    if any(t.lower_ in OPERATION_WORDS for t in words):
        return None
    return " ".join(t.text for t in [*words, token])
