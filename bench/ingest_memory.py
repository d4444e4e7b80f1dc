"""Memory while ingesting a large corpus: does it stay flat as the articles pile up?

    .venv/bin/python bench/ingest_memory.py --articles 10000 --workers 2
    .venv/bin/python bench/ingest_memory.py --corpus var/corpus --workers 1

Runs `article-facts ingest` (the command users run, in its own process, on a fresh
SQLite file) over a synthetic corpus (bench/corpus.py, one JSONL file) unless `--corpus`
names one, and samples twice a second the resident memory of the command and its
extraction processes, and the articles stored so far (a read of the file beside the
writer). Prints, for each tenth of the articles, the largest memory seen while it was
being stored: bounded memory is a flat column, whatever the corpus size. The ingest
streams its input and commits a batch at a time, so nothing it holds grows with the
number of articles; a leak, or a reader that loads the whole corpus, shows as a slope.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make `app` and `bench` importable
    sys.path.insert(0, str(REPO_ROOT))

from bench.ingest import tree_rss  # noqa: E402  (after the path is set)

SAMPLE_SECONDS = 0.5
TENTHS = 10


def stored_articles(database: Path) -> int:
    """Articles committed so far; 0 before the migrations have made the table."""
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1)) as reader:
            return reader.execute("SELECT count(*) FROM article").fetchone()[0]
    except sqlite3.Error:
        return 0


def sample_ingest(corpus: Path, workers: int, database: Path) -> list[tuple[float, int, int]]:
    """(seconds, articles stored, bytes resident) every `SAMPLE_SECONDS` of one ingest."""
    command = [
        str(Path(sys.executable).with_name("article-facts")),
        "ingest",
        str(corpus),
        "--workers",
        str(workers),
    ]
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    log = database.with_suffix(".log")  # a file, not a pipe: a full pipe would stall the ingest
    started = time.perf_counter()
    with log.open("wb") as errors:
        child = subprocess.Popen(
            command, cwd=REPO_ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=errors
        )
        samples = []
        while child.poll() is None:
            resident = tree_rss(child.pid)
            samples.append((time.perf_counter() - started, stored_articles(database), resident))
            time.sleep(SAMPLE_SECONDS)
    if child.returncode != 0:
        error = log.read_text(errors="replace")
        raise SystemExit(f"{' '.join(command)} failed with status {child.returncode}\n{error}")
    samples.append((time.perf_counter() - started, stored_articles(database), 0))
    return samples


def by_tenth(samples: list[tuple[float, int, int]], articles: int) -> list[tuple[int, float, int]]:
    """(articles stored by the end of the tenth, seconds, largest bytes resident in it)."""
    rows = []
    for tenth in range(1, TENTHS + 1):
        low, high = articles * (tenth - 1) // TENTHS, articles * tenth // TENTHS
        inside = [sample for sample in samples if low <= sample[1] < high or sample[1] == high]
        if inside:
            rows.append((high, inside[-1][0], max(sample[2] for sample in inside)))
    return rows


def table(rows: list[tuple[int, float, int]], workers: int) -> str:
    lines = [
        f"| articles stored | seconds | peak RSS, ingest + {workers} worker(s) (MB) |",
        "|---:|---:|---:|",
    ]
    lines += [
        f"| {stored:,} | {seconds:.0f} | {peak / 2**20:.0f} |" for stored, seconds, peak in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="synthetic articles")
    parser.add_argument("--corpus", type=Path, help="ingest this folder instead (not written)")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    parser.add_argument("--seed", type=int, default=1, help="corpus random seed (default 1)")
    args = parser.parse_args(argv)
    if args.articles < TENTHS:
        parser.error(f"--articles must be at least {TENTHS}")
    with tempfile.TemporaryDirectory() as scratch:
        corpus = args.corpus
        if corpus is None:
            from bench._synthetic import make_articles
            from bench.corpus import write_corpus

            corpus = Path(scratch) / "corpus"
            write_corpus(make_articles(args.seed, args.articles), corpus, "jsonl")
        samples = sample_ingest(corpus, args.workers, Path(scratch) / "ingest.db")
    stored = samples[-1][1]
    print(table(by_tenth(samples, stored), args.workers))
    peak = max(sample[2] for sample in samples)
    print(f"\n{stored:,} articles in {samples[-1][0]:.0f} s; peak RSS {peak / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
