"""`ingest --workers N`: extraction in N processes gives the facts one process gives,
in input order, without reading the whole input ahead."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.extract.pipeline import ExtractionInput, Extractor
from app.ingest.workers import CHUNK_SIZE, CHUNKS_IN_FLIGHT, ExtractionProcesses, extraction
from bench._synthetic import make_articles
from bench.corpus import write_corpus
from tests.reliability.facts_dump import dump_facts

CLI = Path(sys.executable).parent / "article-facts"
REPO_ROOT = Path(__file__).resolve().parents[2]
WORKERS = 2


@pytest.fixture(scope="module")
def inputs() -> list[ExtractionInput]:
    return [ExtractionInput(article.id, article.text) for article in make_articles(seed=5, count=6)]


@pytest.mark.parametrize("workers", [1, WORKERS])
def test_worker_processes_return_the_facts_of_this_process_in_input_order(
    inputs: list[ExtractionInput], workers: int
) -> None:
    extractor = Extractor()
    with extraction(workers, extractor) as extract_many:
        expected = [facts for _, facts in extract_many(inputs)]
    with extraction(workers) as extract_many:
        got = list(extract_many(inputs))
    assert [item.id for item, _ in got] == [item.id for item in inputs]
    assert [facts for _, facts in got] == expected


def test_only_a_few_chunks_are_read_ahead(inputs: list[ExtractionInput]) -> None:
    """Memory stays flat on a long input: the input is consumed as results come back."""
    taken = 0

    def endless() -> Iterator[ExtractionInput]:
        nonlocal taken
        while True:
            for item in inputs:
                taken += 1
                yield item

    limit = WORKERS * CHUNKS_IN_FLIGHT * CHUNK_SIZE + CHUNK_SIZE
    with ExtractionProcesses(WORKERS) as processes:
        results = processes.extract_many(endless())
        for _ in range(3 * CHUNK_SIZE):
            next(results)
            assert taken <= 3 * CHUNK_SIZE + limit
        results.close()


def _ingest(url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), "ingest", *arguments],
        cwd=REPO_ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_ingest_with_two_workers_stores_what_one_worker_stores(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(make_articles(seed=9, count=20), corpus, "jsonl")
    one, two = (f"sqlite:///{tmp_path / name}" for name in ("one.db", "two.db"))
    for url, workers in ((one, "1"), (two, str(WORKERS))):
        result = _ingest(url, "--workers", workers, str(corpus))
        assert result.returncode == 0, result.stderr
        assert "ingested 20 new, 0 unchanged, 0 failed" in result.stdout
    assert dump_facts(two) == dump_facts(one)


@pytest.mark.parametrize("workers", ["0", "-1", "two", ""])
def test_a_workers_value_that_is_not_a_count_is_refused(tmp_path: Path, workers: str) -> None:
    result = _ingest(f"sqlite:///{tmp_path / 'facts.db'}", "--workers", workers, str(tmp_path))
    assert result.returncode == 2
    message = " ".join(re.sub("[\u2500-\u257f]", " ", result.stderr).split())  # no box
    assert "is not a number of processes: give 1, 2, ... or auto" in message


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "stat").read_text().rsplit(")", 1)[1].split()[
                1
            ] == str(pid):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_end_when_the_ingest_is_killed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(make_articles(seed=9, count=200), corpus, "jsonl")
    ingest = subprocess.Popen(
        [str(CLI), "ingest", "--workers", str(WORKERS), str(corpus)],
        cwd=REPO_ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'facts.db'}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < WORKERS and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = [pid for pid in _children(ingest.pid) if "spawn_main" in _command(pid)]
    assert len(workers) == WORKERS, "the worker processes did not start"
    ingest.send_signal(signal.SIGKILL)
    ingest.wait()
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)


def _command(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""
