"""Reading while an ingest writes: no errors, no "database is locked", no half articles.

SQLite runs in WAL mode with a busy timeout, so readers see the last committed
state while the writer works; each article is committed with all its facts at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bench._synthetic import make_articles
from bench.corpus import write_corpus
from tests.conftest import REPO_ROOT, _free_port, _wait_until_up

ARTICLES = 200
READERS = 4
CLI = Path(sys.executable).parent / "article-facts"
FACT_LISTS = ("people", "organisations", "places", "quotes", "figures", "troop_levels")


def fact_counts(article: dict) -> tuple[int, ...]:
    return tuple(len(article[name]) for name in FACT_LISTS)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[str, dict[str, str], Path]]:
    """A server on an empty SQLite database; yields its URL, environment and log file."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'facts.db'}"}
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(CLI), "serve", "--port", str(port)],
            cwd=REPO_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server, log)
        yield url, env, log
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_readers_see_whole_articles_while_ingest_writes(
    live: tuple[str, dict[str, str], Path], tmp_path: Path
) -> None:
    url, env, log = live
    corpus = tmp_path / "corpus"
    write_corpus(make_articles(seed=11, count=ARTICLES), corpus, "jsonl")
    writer = subprocess.Popen(
        [str(CLI), "ingest", str(corpus)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    seen: dict[str, set[tuple[int, ...]]] = {}
    totals: list[int] = []
    failures: list[str] = []
    lock = threading.Lock()

    def read(reader: int) -> None:
        paths = ["/people?sort=-mention_count", "/quotes?limit=20", "/search?q=troops"]
        with httpx.Client(base_url=url, timeout=30) as client:
            while writer.poll() is None:
                try:
                    page = client.get(
                        "/articles", params={"limit": 20, "sort": "-ingested", "total": "true"}
                    )
                    if page.status_code != 200:
                        failures.append(f"/articles: {page.status_code} {page.text[:200]}")
                        continue
                    with lock:
                        totals.append(page.json()["total"])
                    for item in page.json()["items"][reader::READERS]:
                        detail = client.get(f"/articles/{item['id']}")
                        if detail.status_code != 200:
                            failures.append(f"/articles/{item['id']}: {detail.status_code}")
                            continue
                        with lock:
                            seen.setdefault(item["id"], set()).add(fact_counts(detail.json()))
                    for path in paths:
                        answer = client.get(path)
                        if answer.status_code != 200:
                            failures.append(f"{path}: {answer.status_code} {answer.text[:200]}")
                except httpx.HTTPError as error:
                    failures.append(f"{type(error).__name__}: {error}")

    readers = [threading.Thread(target=read, args=(n,)) for n in range(READERS)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join(timeout=600)
    _, errors = writer.communicate()

    assert writer.returncode == 0, errors.decode()
    assert failures == []
    assert "locked" not in errors.decode() + log.read_text()
    assert any(0 < total < ARTICLES for total in totals), "no read happened mid-ingest"
    assert seen
    with httpx.Client(base_url=url) as client:
        assert client.get("/health").json()["articles"] == ARTICLES
        for article, counts in seen.items():
            final = fact_counts(client.get(f"/articles/{article}").json())
            assert counts == {final}, f"{article} was read before all its facts were in"
