"""Evaluation results as plain dataclasses: one tree, rendered as JSON or as terminal tables.

Counts are kept next to every ratio so figures from several runs can be summed and so a
reader can tell 1.0 from "1 of 1". A ratio over nothing is `None` (shown as "–"), never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.table import Table


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _articles(count: int) -> str:
    return f"{count} article" if count == 1 else f"{count} articles"


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


@dataclass(frozen=True)
class Share:
    """`count` of `total`: an accuracy, or the share of predictions with some property."""

    count: int
    total: int

    @property
    def value(self) -> float | None:
        return ratio(self.count, self.total)

    def to_json(self) -> dict[str, Any]:
        return {"value": _rounded(self.value), "count": self.count, "total": self.total}


@dataclass(frozen=True)
class Score:
    """Precision and recall, each from its own numerator.

    With one-to-one matching (quotes, troop levels) `predicted_correct == gold_found`;
    with overlap counting (entities) they differ, since one predicted mention can cover
    two gold ones and precision may be judged against more gold than recall is.
    """

    predicted: int
    predicted_correct: int
    gold: int
    gold_found: int

    @property
    def precision(self) -> float | None:
        return ratio(self.predicted_correct, self.predicted)

    @property
    def recall(self) -> float | None:
        return ratio(self.gold_found, self.gold)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": _rounded(self.precision),
            "recall": _rounded(self.recall),
            "f1": _rounded(self.f1),
            "predicted": self.predicted,
            "predicted_correct": self.predicted_correct,
            "gold": self.gold,
            "gold_found": self.gold_found,
        }


@dataclass(frozen=True)
class KindScore(Score):
    """Recall of one gold quote kind and precision of our quotes of the matching kind.

    The two sides count different quotes (a predicted `direct` quote may match a gold
    `mixed` one), so they are not combined into an F1.
    """

    @property
    def f1(self) -> float | None:
        return None

    def to_json(self) -> dict[str, Any]:
        data = super().to_json()
        del data["f1"]
        return data


@dataclass(frozen=True)
class QuoteThresholdScores:
    threshold: float
    overall: Score
    by_kind: dict[str, KindScore]
    """Keyed by PolNeAR kind: direct, mixed (our `partial`), indirect."""
    kind_agreement: Share
    """Matched pairs whose predicted kind maps to the gold kind."""

    def to_json(self) -> dict[str, Any]:
        return {
            "threshold": self.threshold,
            **self.overall.to_json(),
            "by_kind": {kind: score.to_json() for kind, score in self.by_kind.items()},
            "kind_agreement": self.kind_agreement.to_json(),
        }


@dataclass(frozen=True)
class QuoteReport:
    articles: int
    thresholds: list[QuoteThresholdScores]
    speaker_threshold: float
    speaker_accuracy: Share
    """Matched pairs (at `speaker_threshold`) whose gold names a speaker and ours is right."""
    without_speaker: Share
    """Predicted quotes with neither a speaker nor a speaker mention."""

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "thresholds": [scores.to_json() for scores in self.thresholds],
            "speaker_accuracy": {
                "threshold": self.speaker_threshold,
                **self.speaker_accuracy.to_json(),
            },
            "without_speaker": self.without_speaker.to_json(),
        }


@dataclass(frozen=True)
class EntityScore(Score):
    """Recall of named gold mentions; precision against any gold mention of the type.

    `predicted_correct_strict` counts predictions overlapping a *named* gold mention.
    """

    predicted_correct_strict: int = 0

    @property
    def strict_precision(self) -> float | None:
        return ratio(self.predicted_correct_strict, self.predicted)

    def to_json(self) -> dict[str, Any]:
        return {
            **super().to_json(),
            "strict_precision": _rounded(self.strict_precision),
            "predicted_correct_strict": self.predicted_correct_strict,
        }


@dataclass(frozen=True)
class EntityReport:
    articles: int
    by_type: dict[str, EntityScore]
    """Keyed by our kind: people, organisations, places, and `all` (micro-averaged)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "by_type": {kind: score.to_json() for kind, score in self.by_type.items()},
        }


@dataclass(frozen=True)
class TroopLevelReport:
    articles: int
    score: Score
    """A prediction is right when count, status and date all equal the gold ones."""
    fields: dict[str, Share]
    """Per optional field, agreement on pairs matched by count where the gold states it."""

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            **self.score.to_json(),
            "fields": {name: share.to_json() for name, share in self.fields.items()},
        }


@dataclass(frozen=True)
class Report:
    source: str
    articles: int
    extraction_seconds: float
    quotes: QuoteReport | None = None
    entities: EntityReport | None = None
    figures: TroopLevelReport | None = None
    tasks: list[str] = field(default_factory=list)

    @property
    def seconds_per_article(self) -> float | None:
        return self.extraction_seconds / self.articles if self.articles else None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "source": self.source,
            "articles": self.articles,
            "extraction_seconds": round(self.extraction_seconds, 3),
            "tasks": self.tasks,
        }
        for name in ("quotes", "entities", "figures"):
            part = getattr(self, name)
            if part is not None:
                data[name] = part.to_json()
        return data

    def tables(self) -> list[Table]:
        """One rich table per evaluated task, in the order quotes, entities, figures."""
        tables = []
        if self.quotes is not None:
            tables += [_quote_table(self.quotes), _speaker_table(self.quotes)]
        if self.entities is not None:
            tables.append(_entity_table(self.entities))
        if self.figures is not None:
            tables += [_troop_level_table(self.figures), _troop_field_table(self.figures)]
        return tables


_KIND_LABELS = {"direct": "direct", "mixed": "mixed (ours: partial)", "indirect": "indirect"}


def _score_columns(table: Table) -> None:
    for name in ("precision", "recall", "F1"):
        table.add_column(name, justify="right")
    table.add_column("predicted", justify="right")
    table.add_column("gold", justify="right")


def _quote_table(report: QuoteReport) -> Table:
    table = Table(title=f"Quotes ({_articles(report.articles)})")
    table.add_column("quotes")
    table.add_column("overlap ≥", justify="right")
    _score_columns(table)
    for scores in report.thresholds:
        rows = [("all", scores.overall)]
        rows += [(_KIND_LABELS[kind], score) for kind, score in scores.by_kind.items()]
        for label, score in rows:
            table.add_row(
                label,
                f"{scores.threshold:g}",
                _cell(score.precision),
                _cell(score.recall),
                _cell(score.f1),
                str(score.predicted),
                str(score.gold),
            )
        table.add_section()
    return table


def _speaker_table(report: QuoteReport) -> Table:
    table = Table(title="Speakers and kinds")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("of", justify="right")
    table.add_row(
        f"speaker accuracy (matched at {report.speaker_threshold:g}, gold speaker given)",
        _cell(report.speaker_accuracy.value),
        f"{report.speaker_accuracy.count}/{report.speaker_accuracy.total}",
    )
    table.add_row(
        "predicted quotes without speaker",
        _cell(report.without_speaker.value),
        f"{report.without_speaker.count}/{report.without_speaker.total}",
    )
    for scores in report.thresholds:
        share = scores.kind_agreement
        table.add_row(
            f"kind agrees with gold (matched at {scores.threshold:g})",
            _cell(share.value),
            f"{share.count}/{share.total}",
        )
    return table


def _entity_table(report: EntityReport) -> Table:
    table = Table(title=f"Entities, any overlap ({_articles(report.articles)})")
    table.add_column("entities")
    _score_columns(table)
    table.add_column("strict precision", justify="right")
    for kind, score in report.by_type.items():
        table.add_row(
            kind,
            _cell(score.precision),
            _cell(score.recall),
            _cell(score.f1),
            str(score.predicted),
            str(score.gold),
            _cell(score.strict_precision),
        )
    return table


def _troop_level_table(report: TroopLevelReport) -> Table:
    table = Table(title=f"Troop levels: count, status and date ({_articles(report.articles)})")
    table.add_column("troop levels")
    _score_columns(table)
    score = report.score
    table.add_row(
        "all",
        _cell(score.precision),
        _cell(score.recall),
        _cell(score.f1),
        str(score.predicted),
        str(score.gold),
    )
    return table


def _troop_field_table(report: TroopLevelReport) -> Table:
    table = Table(title="Troop level fields (pairs matched by count, where gold states the field)")
    table.add_column("field")
    table.add_column("right", justify="right")
    table.add_column("of", justify="right")
    for name, share in report.fields.items():
        table.add_row(name, _cell(share.value), f"{share.count}/{share.total}")
    return table
