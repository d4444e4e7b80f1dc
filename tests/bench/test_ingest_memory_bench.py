"""bench/ingest_memory.py: the ingest it samples stores every article, and each tenth of
the articles gets the largest memory seen while it was stored."""

from __future__ import annotations

from pathlib import Path

from bench._synthetic import make_articles
from bench.corpus import write_corpus
from bench.ingest_memory import by_tenth, sample_ingest, table

MB = 2**20


def test_the_sampled_ingest_stores_every_article(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(make_articles(seed=3, count=12), corpus, "jsonl")
    samples = sample_ingest(corpus, 1, tmp_path / "ingest.db")
    assert samples[-1][1] == 12
    assert max(resident for _, _, resident in samples) > 100 * MB  # spaCy was loaded
    assert [seconds for seconds, _, _ in samples] == sorted(seconds for seconds, _, _ in samples)


def test_each_tenth_keeps_the_peak_seen_while_it_was_stored() -> None:
    samples = [(0.5, 0, 300 * MB), (1.0, 0, 310 * MB), (1.5, 4, 320 * MB), (2.0, 10, 200 * MB)]
    samples += [(2.5 + n, 10 + 10 * n, (330 + n) * MB) for n in range(10)]
    rows = by_tenth(samples, 100)
    assert [stored for stored, _, _ in rows] == list(range(10, 101, 10))
    assert rows[0] == (10, 2.5, 330 * MB)  # 0-10 stored: the start-up samples count too
    assert rows[-1][2] == 339 * MB
    assert table(rows, 2).splitlines()[2] == "| 10 | 2 | 330 |"
