"""Run the extractor over a gold file and score it: the one entry point for `eval` and bench.

The file is read twice: once to check every line and find which tasks it has gold for
(so a typo on line 800 fails in a second, not after minutes of extraction), then
streamed through `Extractor.extract_many` so memory stays flat on large files.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

from app.evaluate.entities import EntityTally
from app.evaluate.gold import (
    GoldArticle,
    GoldFileError,
    GoldSummary,
    Task,
    read_gold,
    summarise_gold,
)
from app.evaluate.quotes import QuoteTally
from app.evaluate.report import Report
from app.evaluate.troop_levels import TroopLevelTally
from app.extract.pipeline import ExtractionInput, Extractor


def choose_tasks(
    path: Path, summary: GoldSummary, requested: Collection[Task] | None
) -> list[Task]:
    """The tasks to run: those requested (each must have gold in the file), else all it has."""
    if not summary.tasks:
        raise GoldFileError(
            f"{path}: no line has quotes, entities or troop_levels: nothing to evaluate"
        )
    if not requested:
        return [task for task in Task if task in summary.tasks]
    missing = [task for task in requested if task not in summary.tasks]
    if missing:
        have = ", ".join(task.value for task in Task if task in summary.tasks)
        lacking = ", ".join(
            task.value if task.gold_key == task.value else f"{task.value} ({task.gold_key})"
            for task in missing
        )
        raise GoldFileError(f"{path} has no gold for {lacking}; it has gold for: {have}")
    return [task for task in Task if task in requested]


def evaluate(
    path: Path,
    tasks: Collection[Task] | None,
    extractor: Extractor,
    *,
    limit: int | None = None,
    on_article: Callable[[], None] | None = None,
) -> Report:
    """Score `extractor` on the first `limit` articles of `path` for `tasks` (None: all present).

    Raises GoldFileError for a missing or malformed file, or a task without gold in it.
    Articles with gold for none of the chosen tasks are not extracted.
    """
    chosen = choose_tasks(path, summarise_gold(path, limit), tasks)
    quotes = QuoteTally() if Task.quotes in chosen else None
    entities = EntityTally() if Task.entities in chosen else None
    troop_levels = TroopLevelTally() if Task.figures in chosen else None
    pending: deque[GoldArticle] = deque()

    def inputs() -> Iterator[ExtractionInput]:
        for article in read_gold(path, limit):
            if any(article.has(task) for task in chosen):
                pending.append(article)
                yield ExtractionInput(article.id, article.text, article.published)

    articles = 0
    seconds = 0.0
    results = extractor.extract_many(inputs())
    while True:
        started = time.perf_counter()
        try:
            _item, facts = next(results)
        except StopIteration:
            break
        seconds += time.perf_counter() - started
        gold = pending.popleft()
        articles += 1
        if quotes is not None and gold.quotes is not None:
            quotes.add(gold.text, gold.quotes, facts.quotes)
        if entities is not None and gold.entities is not None:
            entities.add(gold.entities, facts)
        if troop_levels is not None and gold.troop_levels is not None:
            troop_levels.add(gold.troop_levels, facts.troop_levels)
        if on_article is not None:
            on_article()
    return Report(
        source=str(path),
        articles=articles,
        extraction_seconds=seconds,
        quotes=quotes.report() if quotes else None,
        entities=entities.report() if entities else None,
        figures=troop_levels.report() if troop_levels else None,
        tasks=[task.value for task in chosen],
    )
