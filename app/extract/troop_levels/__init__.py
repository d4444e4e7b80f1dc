"""Troop levels: how many soldiers of which force are (or will be) where, and when.

A level is a count tied to a troop noun (troops, soldiers, forces, military presence,
contingent ...): directly ('3,200 troops', 'a 1,100-strong contingent', 'a force of 900'),
through the verb ('the number of X fell to N', 'cut the presence to N', 'the contingent
numbered N'), or through an earlier level ('that number will rise to N', 'it now has N').
'All (remaining) X ... leave/withdraw' is a level of 0.

Not levels: changes ('cut 2,000 troops', '200 more soldiers'), casualties ('45 soldiers were
killed'), and the old value of a change ('down from 5,100') unless the text dates it. A range
('between 8,000 and 9,000') is its low end, at least.

A level is `planned` when a modal, a plan/order/expectation word or a future date governs it,
`reported` otherwise. Its date is the date phrase attached to it in the parse, else the
publication date.
"""

from __future__ import annotations

from spacy.attrs import LOWER
from spacy.tokens import Doc

from app.extract.entities import EntityIndex
from app.extract.figures import number_phrases, tokens_where
from app.extract.schema import TroopLevel
from app.extract.troop_levels.context import Context
from app.extract.troop_levels.dating import attach_dates
from app.extract.troop_levels.departures import (
    none_held,
    the_troops_leave,
    withdrawal_completed,
    zero_level,
)
from app.extract.troop_levels.names import bare_name, country_names, force_named
from app.extract.troop_levels.number_levels import number_level
from app.extract.troop_levels.parse import lemma
from app.extract.troop_levels.vocabulary import DEPARTURE_NOUNS, LEAVING_QUANTIFIERS
from app.partial_date import PartialDate


def extract_troop_levels(
    doc: Doc, entities: EntityIndex, published: PartialDate | None
) -> list[TroopLevel]:
    ctx = Context(doc, entities, published)
    ctx.sentence_index = {s.start: i for i, s in enumerate(doc.sents)}
    for cluster in entities.clusters:
        if cluster.kind == "person" and cluster.name not in country_names():
            continue
        for mention in cluster.mentions:
            if mention.root.dep_ in {"nsubj", "nsubjpass"} or mention.root.head.dep_ in {
                "nsubj",
                "nsubjpass",
            }:
                name = force_named(ctx, mention.root)
                if name is not None:
                    ctx.subjects.append((mention.start, name))
        if cluster.kind == "place" or cluster.name in country_names():
            ctx.places += [(m.start, bare_name(cluster.name)) for m in cluster.mentions]
    ctx.subjects.sort()
    ctx.places.sort()
    phrases = number_phrases(doc)
    attach_dates(ctx, phrases)
    words = [doc.vocab.strings.add(w) for w in (*LEAVING_QUANTIFIERS, "no", "none")]
    quantifiers = [doc[i] for i in tokens_where(doc, LOWER, words) if doc[i].pos_ != "VERB"]
    subjects = [t for t in doc if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ in {"NOUN", "PROPN"}]
    ended = [t for t in doc if t.dep_ == "dobj" and lemma(t) in DEPARTURE_NOUNS]
    events = sorted(
        [(p.span.start, 0, i) for i, p in enumerate(phrases)]
        + [(q.i, 1, q.i) for q in quantifiers]
        + [(max(s.i, s.head.i), 2, s.i) for s in subjects]  # read at its verb, after its clauses
        + [(t.i, 3, t.i) for t in ended]
    )
    levels: list[TroopLevel] = []
    for _, kind, key in events:
        if kind == 0:
            levels += number_level(ctx, phrases, key)
        elif kind == 2:
            levels += the_troops_leave(ctx, doc[key])
        elif kind == 3:
            levels += withdrawal_completed(ctx, doc[key])
        elif doc[key].lower_ in {"no", "none"}:
            levels += none_held(ctx, doc[key])
        else:
            levels += zero_level(ctx, doc[key])
    return _once_a_sentence(levels)


def _once_a_sentence(levels: list[TroopLevel]) -> list[TroopLevel]:
    """A sentence that says one level twice ('When the last soldier left on August 30, it
    had no troops left there') gives it once, from its first wording."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for level in levels:
        key = (level.sentence.start, level.force, level.location, level.count, level.status)
        key += (level.date, level.date_mod)
        if key not in seen:
            seen.add(key)
            kept.append(level)
    return kept
