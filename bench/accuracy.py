"""Print extraction accuracy on gold files as a markdown table, ready for a README or an issue.

    .venv/bin/python bench/accuracy.py ../shared/eval/polnear-dev.jsonl ../shared/eval/gum-news.jsonl
    .venv/bin/python bench/accuracy.py ../shared/eval/polnear-train.jsonl --limit 200

Each file is scored on every task it has gold for, with the same code as
`article-facts eval` (app.evaluate), so the figures here and there cannot drift apart.
The table is stamped with the date and commit (flagged when the tree has uncommitted
changes), since a figure without the code that produced it cannot be compared.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import date
from pathlib import Path

from app.evaluate.gold import GoldFileError
from app.evaluate.report import Report, Score
from app.evaluate.run import evaluate
from app.extract.pipeline import Extractor

REPOSITORY = Path(__file__).resolve().parents[1]


def commit() -> str:
    """`git rev-parse --short HEAD`, plus a note when the working tree differs from it."""

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=REPOSITORY, capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} (with uncommitted changes)" if dirty else head


def figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def score_cells(score: Score) -> list[str]:
    return [figure(score.precision), figure(score.recall), figure(score.f1)]


def rows(name: str, report: Report) -> list[list[str]]:
    """One row per task and threshold (entities: per kind), with the notes that matter."""
    result = []
    if report.quotes is not None:
        quotes = report.quotes
        for scores in quotes.thresholds:
            kinds = ", ".join(
                f"{kind} R {figure(score.recall)}" for kind, score in scores.by_kind.items()
            )
            notes = [kinds]
            if scores.threshold == quotes.speaker_threshold:
                notes.append(f"speaker {figure(quotes.speaker_accuracy.value)}")
                notes.append(f"no speaker {figure(quotes.without_speaker.value)}")
            threshold = f"{scores.threshold:g}"
            result.append(
                [name, "quotes", threshold, *score_cells(scores.overall), "; ".join(notes)]
            )
    if report.entities is not None:
        for kind, score in report.entities.by_type.items():
            notes = f"strict P {figure(score.strict_precision)}"
            result.append([name, f"entities: {kind}", "any overlap", *score_cells(score), notes])
    if report.figures is not None:
        fields = ", ".join(
            f"{field} {figure(share.value)} ({share.count}/{share.total})"
            for field, share in report.figures.fields.items()
            if share.total
        )
        cells = score_cells(report.figures.score)
        result.append([name, "figures: troop levels", "count+status+date", *cells, fields])
    return result


def markdown(header: list[str], body: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *body]
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="gold JSONL files")
    parser.add_argument("--limit", type=int, help="score only the first N articles of each file")
    arguments = parser.parse_args(argv)

    extractor = Extractor()
    reports = []
    for path in arguments.paths:
        try:
            reports.append(evaluate(path, None, extractor, limit=arguments.limit))
        except GoldFileError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2

    limit = f", first {arguments.limit} articles of each file" if arguments.limit else ""
    print(f"Accuracy on {date.today().isoformat()}, commit {commit()}{limit}\n")
    header = ["file", "task", "threshold", "precision", "recall", "F1", "notes"]
    body = [row for report in reports for row in rows(Path(report.source).name, report)]
    print(markdown(header, body))
    print()
    timing = [
        [
            Path(report.source).name,
            str(report.articles),
            f"{(report.seconds_per_article or 0) * 1000:.0f}",
        ]
        for report in reports
    ]
    print(markdown(["file", "articles", "extraction ms per article"], timing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
