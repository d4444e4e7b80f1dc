"""Entities against GUM: named people, organisations and places, any character overlap.

GUM marks a mention `named` only when it has a Wikipedia identity, so many real names
("a local councillor, Jane Roe") are unnamed in gold. Recall is over named gold mentions
(what a reader would call a name); precision asks whether a predicted mention overlaps
any gold mention of the same type, named or not, since predicting an unlinked name is
not an error. Strict precision (against named mentions only) is reported alongside, as
a floor.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.evaluate.gold import GoldEntity
from app.evaluate.report import EntityReport, EntityScore
from app.evaluate.spans import Range, overlaps
from app.extract.schema import ArticleFacts

KINDS = {"people": "person", "organisations": "organization", "places": "place"}
"""Our entity list -> the GUM entity type it is scored against."""


def predicted_mentions(facts: ArticleFacts, kind: str) -> list[Range]:
    """Every mention of every entity of one kind (`people`, `organisations`, `places`)."""
    return [(m.start, m.end) for entity in getattr(facts, kind) for m in entity.mentions]


def score_kind(
    gold: Sequence[GoldEntity], predicted: Sequence[Range], gold_type: str
) -> EntityScore:
    """One article's counts for one kind; see the module docstring for the two precisions."""
    of_type = [(g.start, g.end) for g in gold if g.type == gold_type]
    named = [(g.start, g.end) for g in gold if g.type == gold_type and g.named]
    return EntityScore(
        predicted=len(predicted),
        predicted_correct=sum(any(overlaps(p, g) for g in of_type) for p in predicted),
        gold=len(named),
        gold_found=sum(any(overlaps(g, p) for p in predicted) for g in named),
        predicted_correct_strict=sum(any(overlaps(p, g) for g in named) for p in predicted),
    )


def _plus(first: EntityScore, second: EntityScore) -> EntityScore:
    return EntityScore(
        predicted=first.predicted + second.predicted,
        predicted_correct=first.predicted_correct + second.predicted_correct,
        gold=first.gold + second.gold,
        gold_found=first.gold_found + second.gold_found,
        predicted_correct_strict=first.predicted_correct_strict + second.predicted_correct_strict,
    )


class EntityTally:
    """Counts summed over articles; `report()` adds `all`, micro-averaged over the kinds."""

    def __init__(self) -> None:
        self.articles = 0
        self.totals = {kind: EntityScore(0, 0, 0, 0) for kind in KINDS}

    def add(self, gold: Sequence[GoldEntity], facts: ArticleFacts) -> None:
        self.articles += 1
        for kind, gold_type in KINDS.items():
            article = score_kind(gold, predicted_mentions(facts, kind), gold_type)
            self.totals[kind] = _plus(self.totals[kind], article)

    def report(self) -> EntityReport:
        overall = EntityScore(0, 0, 0, 0)
        for score in self.totals.values():
            overall = _plus(overall, score)
        return EntityReport(self.articles, {**self.totals, "all": overall})
