"""bench/ingest.py: a measured run ingests the whole corpus, memory is summed over the
process tree, and the table's ratios are computed against the right rows."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench._synthetic import make_articles
from bench.corpus import write_corpus
from bench.ingest import INGEST_LABEL, PIPE_LABELS, Result, run_measurement, table, tree_rss

MB = 2**20


def test_a_measured_ingest_stores_every_article(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(make_articles(seed=2, count=3), corpus, "jsonl")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    measured, peak = run_measurement(
        ["--corpus", str(corpus), "--measure", "ingest", "1", str(scratch)]
    )
    assert measured["articles"] == 3
    assert measured["seconds"] > 0
    assert peak > 100 * MB  # the spaCy pipeline was loaded in the measured process


def test_memory_counts_children_too() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", "b = bytearray(200 * 2**20); import time; time.sleep(30)"]
    )
    try:
        deadline = time.monotonic() + 20
        while tree_rss(child.pid) < 200 * MB and time.monotonic() < deadline:
            time.sleep(0.05)
        assert tree_rss(os.getpid()) >= tree_rss(child.pid) >= 200 * MB
    finally:
        child.kill()
        child.wait()


def test_ratios_are_to_spacy_alone_and_to_one_worker() -> None:
    results = [
        Result(PIPE_LABELS[1], 100, 10.0, 300 * MB),
        Result(PIPE_LABELS[2], 100, 5.0, 600 * MB),
        Result(INGEST_LABEL.format(1), 100, 12.5, 350 * MB, workers=1),
        Result(INGEST_LABEL.format(2), 100, 6.25, 700 * MB, workers=2),
    ]
    rows = table(results, "corpus", 480).splitlines()
    assert rows[-2] == "| article-facts ingest `--workers 1` | 8.0 | 0.80 | 0.80 | 1.00 | 350 |"
    assert rows[-1] == "| article-facts ingest `--workers 2` | 16.0 | 1.60 | 0.80 | 2.00 | 700 |"
