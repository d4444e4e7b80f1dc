"""An ingest killed with SIGKILL leaves whole articles only, and running it again finishes.

Each batch of articles is one transaction: whatever moment the process dies at, the
database holds some articles with every one of their facts, and nothing of the others.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.store.db import make_engine
from bench._synthetic import make_articles
from bench.corpus import write_corpus
from tests.reliability.facts_dump import dump_facts, facts_per_article

ARTICLES = 24
BATCH = 2
"""Articles per transaction (and per chunk a worker parses): each killed run gets a
batch or two further, so four of them leave articles to the run that finishes."""
CLI = Path(sys.executable).parent / "article-facts"
REPO_ROOT = Path(__file__).resolve().parents[2]


def ingest(url: str, corpus: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.Popen(
        [str(CLI), "ingest", "--batch", str(BATCH), str(corpus)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def stored_articles(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM article")).scalar_one()
    except Exception:  # not migrated yet
        return 0
    finally:
        engine.dispose()


def kill_after(process: subprocess.Popen[bytes], url: str, articles: int, delay: float) -> None:
    """SIGKILL `delay` seconds after `articles` are committed: mid-extraction or mid-write."""
    deadline = time.monotonic() + 120
    while stored_articles(url) < articles:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.01)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()


def assert_whole_articles_only(url: str, reference: dict[str, list[tuple]]) -> int:
    if url.startswith("sqlite"):
        engine = make_engine(url)
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        engine.dispose()
    stored = facts_per_article(dump_facts(url))
    whole = facts_per_article(reference)
    for article, counts in stored.items():
        assert counts == whole[article], f"{article} was stored without all its facts"
    return len(stored)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(make_articles(seed=7, count=ARTICLES), folder, "jsonl")
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple]]:
    """The facts of one uninterrupted ingest of the corpus."""
    url = f"sqlite:///{tmp_path_factory.mktemp('reference') / 'facts.db'}"
    process = ingest(url, corpus)
    assert process.wait() == 0
    return dump_facts(url)


def test_a_killed_ingest_keeps_whole_articles_and_resumes(
    database_url: str, corpus: Path, reference: dict[str, list[tuple]]
) -> None:
    stored = 0
    for step, delay in enumerate((0.0, 0.013, 0.029, 0.041), start=1):
        kill_after(ingest(database_url, corpus), database_url, stored + 1, delay)
        stored = assert_whole_articles_only(database_url, reference)
        assert stored >= step  # each run got further: the earlier articles were skipped

    resumed = ingest(database_url, corpus)
    assert resumed.wait() == 0, resumed.stderr.read() if resumed.stderr else ""
    assert dump_facts(database_url) == reference
