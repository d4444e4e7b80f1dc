"""Extraction for `ingest --workers N`: spaCy in N processes, results back in input order.

Each of N spawned processes loads the pipeline once and extracts chunks of articles
(one `nlp.pipe` batch each); this process sends them out and takes the facts back,
in input order, keeping at most `CHUNKS_IN_FLIGHT` chunks per worker outstanding,
so memory stays flat however long the input is. Meanwhile this process reads the
files and writes the facts, so even one worker parses without waiting for the
database. Spawned, not forked: the parent holds database connections a child must
not share. Given an `Extractor`, `extraction` runs it here instead (no processes).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, Protocol

from app.partial_date import PartialDate

if TYPE_CHECKING:
    from app.extract.pipeline import ExtractionInput, Extractor
    from app.extract.schema import ArticleFacts

CHUNK_SIZE = 16
"""Articles per task: one `nlp.pipe` batch (app.extract.pipeline.BATCH_SIZE)."""
WRITE_BATCH = CHUNK_SIZE
"""Articles ingest writes in one transaction by default: one chunk, as it comes back
whole, so writing never waits for the next."""
CHUNKS_IN_FLIGHT = 2
"""Chunks queued per worker: one being parsed, one waiting, so no worker idles."""
PARENT_CHECK_SECONDS = 1.0

Extracted = tuple["ExtractionInput", "ArticleFacts"]


class ExtractMany(Protocol):
    def __call__(self, items: Iterable[ExtractionInput]) -> Iterator[Extracted]: ...


def available_cores() -> int:
    """Cores this process may run on (what `--workers auto` means)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextmanager
def extraction(
    workers: int, extractor: Extractor | None = None, *, chunk_size: int = CHUNK_SIZE
) -> Iterator[ExtractMany]:
    """`extract_many` over `workers` processes (or in this one with `extractor`), each
    given `chunk_size` articles at a time; stops the processes on exit."""
    if extractor is not None:
        yield extractor.extract_many
        return
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    with ExtractionProcesses(workers, chunk_size) as processes:
        yield processes.extract_many


class ExtractionProcesses:
    """`workers` processes, each with its own pipeline; use as a context manager."""

    def __init__(self, workers: int, chunk_size: int = CHUNK_SIZE) -> None:
        self.workers = workers
        self.chunk_size = chunk_size
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> ExtractionProcesses:
        self._executor = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_load_pipeline,
            initargs=(os.getpid(),),
        )
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def warm_up(self) -> None:
        """Wait until every process has loaded the pipeline (benchmarks time work, not start-up)."""
        executor = self._require()
        for future in [executor.submit(_extract_chunk, []) for _ in range(self.workers)]:
            future.result()

    def extract_many(self, items: Iterable[ExtractionInput]) -> Iterator[Extracted]:
        """(input, facts) for every item, in input order."""
        executor = self._require()
        chunks = _chunks(items, self.chunk_size)
        pending: deque[tuple[list[ExtractionInput], Future[list[ArticleFacts]]]] = deque()

        def submit_next() -> bool:
            chunk = next(chunks, None)
            if chunk is None:
                return False
            payload = [(i.id, i.text, i.published.value if i.published else None) for i in chunk]
            pending.append((chunk, executor.submit(_extract_chunk, payload)))
            return True

        while len(pending) < self.workers * CHUNKS_IN_FLIGHT and submit_next():
            pass
        while pending:
            chunk, future = pending.popleft()
            facts = future.result()  # a crashed worker raises BrokenProcessPool here
            submit_next()
            yield from zip(chunk, facts, strict=True)

    def _require(self) -> ProcessPoolExecutor:
        if self._executor is None:
            raise RuntimeError("use ExtractionProcesses as a context manager")
        return self._executor


def _chunks(items: Iterable[ExtractionInput], size: int) -> Iterator[list[ExtractionInput]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


_extractor: Extractor | None = None


def _load_pipeline(parent: int) -> None:
    """Runs once in each worker process; `parent` is the ingest's process id."""
    global _extractor
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    from app.extract.pipeline import Extractor

    _extractor = Extractor()


def _exit_with_parent(parent: int) -> None:
    """End this worker when the ingest that started it is gone (killed with SIGKILL, say):
    the executor's queues do not tell an idle worker, which would wait forever."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _extract_chunk(payload: list[tuple[str, str, str | None]]) -> list[ArticleFacts]:
    """Runs in a worker: the facts of each (id, text, published) in order."""
    from app.extract.pipeline import ExtractionInput

    assert _extractor is not None, "the worker's initializer loads the pipeline"
    items = [
        ExtractionInput(article_id, text, PartialDate.parse(published) if published else None)
        for article_id, text, published in payload
    ]
    return [facts for _item, facts in _extractor.extract_many(items)]
