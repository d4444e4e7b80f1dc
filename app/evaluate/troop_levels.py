"""Troop levels (task `figures`) against our own gold: count, status and date must all agree.

Gold troop levels carry no offsets (annotators state what the article says, not where),
so matching is per article and by value: a prediction is right when its count, status
and date string equal a gold level's, each gold level used once. Optional fields (force,
location, qualifier, date_mod) are scored separately on pairs matched by count alone, so
a wrong date does not hide a right force.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from app.evaluate.gold import GoldTroopLevel
from app.evaluate.report import Score, Share, TroopLevelReport
from app.extract.schema import TroopLevel

FIELDS = ("force", "location", "qualifier", "date_mod")


def key(level: GoldTroopLevel | TroopLevel) -> tuple[int, str, str]:
    return (level.count, level.status, level.date)


def count_correct(gold: Sequence[GoldTroopLevel], predicted: Sequence[TroopLevel]) -> int:
    """One-to-one matches on (count, status, date): per key, the fewer of the two sides."""
    gold_keys = Counter(key(level) for level in gold)
    predicted_keys = Counter(key(level) for level in predicted)
    return sum(min(n, predicted_keys[k]) for k, n in gold_keys.items())


def match_by_count(
    gold: Sequence[GoldTroopLevel], predicted: Sequence[TroopLevel]
) -> list[tuple[GoldTroopLevel, TroopLevel]]:
    """One-to-one pairs with equal counts, preferring predictions that also agree on status and date."""
    free = list(range(len(predicted)))
    pairs = []
    for level in gold:
        candidates = [i for i in free if predicted[i].count == level.count]
        if not candidates:
            continue
        best = max(
            candidates,
            key=lambda i: (
                predicted[i].status == level.status,
                predicted[i].date == level.date,
                -i,
            ),
        )
        free.remove(best)
        pairs.append((level, predicted[best]))
    return pairs


def field_agrees(gold: str | None, predicted: str | None) -> bool:
    """Equal up to case and surrounding space; a stated null only agrees with null."""
    if gold is None or predicted is None:
        return gold is predicted
    return gold.strip().casefold() == predicted.strip().casefold()


class TroopLevelTally:
    """Counts summed over articles; `report()` turns them into a TroopLevelReport."""

    def __init__(self) -> None:
        self.articles = 0
        self.gold = 0
        self.predicted = 0
        self.correct = 0
        self.field_right = dict.fromkeys(FIELDS, 0)
        self.field_judged = dict.fromkeys(FIELDS, 0)

    def add(self, gold: Sequence[GoldTroopLevel], predicted: Sequence[TroopLevel]) -> None:
        self.articles += 1
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.correct += count_correct(gold, predicted)
        for gold_level, predicted_level in match_by_count(gold, predicted):
            for name in gold_level.given_fields:
                self.field_judged[name] += 1
                self.field_right[name] += field_agrees(
                    getattr(gold_level, name), getattr(predicted_level, name)
                )

    def report(self) -> TroopLevelReport:
        return TroopLevelReport(
            articles=self.articles,
            score=Score(self.predicted, self.correct, self.gold, self.correct),
            fields={
                name: Share(self.field_right[name], self.field_judged[name]) for name in FIELDS
            },
        )
