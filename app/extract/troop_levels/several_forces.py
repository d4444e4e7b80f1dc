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
    counts = _listed_with(number)
    if subject is None or len(counts) < 2:
        return level
    forces = [subject, *(t for t in subject.subtree if t.dep_ == "conj")]
    if len(forces) != len(counts):
        return level
    force = force_named(ctx, forces[counts.index(number)])
    if force is None:
        return level
    ctx.last = level.model_copy(update={"force": force})
    return ctx.last


LIST_WORDS = {",", "and"}


def _listed_with(number: Token) -> list[Token]:
    """The counts listed with the number, in order: '700 and 400', '700, 400 and 90'. Read
    from the words, since the parser hangs such lists in several ways."""
    doc = number.doc

    def walk(step: int) -> list[Token]:
        found: list[Token] = []
        index = number.i + step
        while 0 <= index < len(doc) and doc[index].lower_ in LIST_WORDS:
            while 0 <= index < len(doc) and doc[index].lower_ in LIST_WORDS:
                index += step
            if not (0 <= index < len(doc) and doc[index].like_num):
                break
            found.append(doc[index])
            index += step
        return found

    return [*reversed(walk(-1)), number, *walk(1)]


def each_of(ctx: Context, level: TroopLevel, verb: Token | None) -> list[TroopLevel]:
    """'Italy and Spain each have about 600 soldiers': the same level for every force the
    subject names."""
    subject = dependent(verb, "nsubj") if verb is not None else None
    if subject is None or not any(c.lower_ == "each" for c in (*subject.children, *verb.children)):
        return []
    forces = [force_named(ctx, t) for t in subject.subtree if t.dep_ == "conj"]
    return [level.model_copy(update={"force": f}) for f in forces if f and f != level.force]
