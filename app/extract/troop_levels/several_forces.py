"""One level for several forces: 'Italy and Spain each have about 600 soldiers', 'Poland
and Romania keep 700 and 400 troops there, respectively'."""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.schema import TroopLevel
from app.extract.troop_levels.context import Context
from app.extract.troop_levels.names import force_named
from app.extract.troop_levels.parse import dependent


def respective(ctx: Context, level: TroopLevel, number: Token, verb: Token | None) -> TroopLevel:
    """'Poland and Romania keep 700 and 400 troops there, respectively': the k-th count is
    the k-th force's."""
    if verb is None or not any(c.lower_ == "respectively" for c in verb.children):
        return level
    subject = dependent(verb, "nsubj")
    first = number.head if number.dep_ == "conj" and number.head.like_num else number
    counts = [first, *(t for t in first.subtree if t.dep_ == "conj" and t.like_num)]
    if subject is None or number not in counts:
        return level
    forces = [subject, *(t for t in subject.subtree if t.dep_ == "conj")]
    if len(forces) != len(counts):
        return level
    force = force_named(ctx, forces[counts.index(number)])
    if force is None:
        return level
    ctx.last = level.model_copy(update={"force": force})
    return ctx.last


def each_of(ctx: Context, level: TroopLevel, verb: Token | None) -> list[TroopLevel]:
    """'Italy and Spain each have about 600 soldiers': the same level for every force the
    subject names."""
    subject = dependent(verb, "nsubj") if verb is not None else None
    if subject is None or not any(c.lower_ == "each" for c in (*subject.children, *verb.children)):
        return []
    forces = [force_named(ctx, t) for t in subject.subtree if t.dep_ == "conj"]
    return [level.model_copy(update={"force": f}) for f in forces if f and f != level.force]
