"""Write a synthetic corpus of distinct news-style articles that `article-facts ingest` reads.

    .venv/bin/python bench/corpus.py --articles 10000 --out var/corpus
    .venv/bin/python bench/corpus.py --articles 10000 --out var/corpus --format jsonl
    .venv/bin/article-facts ingest var/corpus

Texts come from our own templates and word lists (bench/_synthetic.py), never from
real articles, so the corpus can be any size and shared freely. The same `--seed` gives
the same files byte for byte. `txt` writes one file per article with YAML front matter
(id, title, source, published); `jsonl` writes a single `corpus.jsonl`.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

try:
    from bench._synthetic import SyntheticArticle, make_articles
except ModuleNotFoundError:  # run as a script: bench/ itself is on sys.path
    from _synthetic import SyntheticArticle, make_articles  # type: ignore[no-redef]

Format = Literal["txt", "jsonl"]
JSONL_NAME = "corpus.jsonl"


def front_matter_text(article: SyntheticArticle) -> str:
    """The .txt form; the title is JSON-quoted, which YAML reads as a double-quoted string."""
    title = json.dumps(article.title, ensure_ascii=False)
    source = json.dumps(article.source, ensure_ascii=False)
    return (
        f"---\nid: {article.id}\ntitle: {title}\nsource: {source}\n"
        f"published: {article.published.isoformat()}\n---\n\n{article.text}\n"
    )


def jsonl_line(article: SyntheticArticle) -> str:
    record = {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat(),
        "text": article.text,
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_corpus(
    articles: Iterable[SyntheticArticle], out: Path, file_format: Format = "txt"
) -> list[Path]:
    """Write the articles under `out` (created if needed); returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    if file_format == "jsonl":
        path = out / JSONL_NAME
        with path.open("w", encoding="utf-8") as lines:
            lines.writelines(jsonl_line(article) for article in articles)
        return [path]
    written = []
    for article in articles:
        path = out / f"{article.id}.txt"
        path.write_text(front_matter_text(article), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Write N distinct synthetic news articles for `article-facts ingest DIR`.",
        epilog="Same --seed, same corpus. Texts are generated from bench/_synthetic.py.",
    )
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--format",
        choices=("txt", "jsonl"),
        default="txt",
        help="txt: one file per article with front matter; jsonl: one corpus.jsonl",
    )
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    started = time.perf_counter()
    articles = make_articles(args.seed, args.articles)
    generated = time.perf_counter() - started
    files = write_corpus(articles, args.out, args.format)
    seconds = time.perf_counter() - started
    words = sum(article.words for article in articles)
    print(
        f"{len(articles)} articles, {words / len(articles):.0f} words on average, "
        f"{len(files)} file(s) in {args.out}; generated in {generated:.2f} s, "
        f"written in {seconds - generated:.2f} s ({len(articles) / seconds:,.0f} articles/s)"
    )


if __name__ == "__main__":
    main()
