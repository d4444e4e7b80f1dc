"""Several ingests at once on one database store each article once and every fact once.

Ingest workers may be run side by side on one database (SQLite or PostgreSQL), each
given files or a queue, and may get the same article at the same moment. These tests
race them for real: separate processes, same database, started together.

- Three processes write the same 60 synthetic articles (facts known by construction,
  so no spaCy: the race is between the writes) in three different orders, so at
  any moment they save the same article, or different articles naming the same new
  person. The result must hold each article once, no duplicate entity, counts that
  agree with the rows, and the same facts and entities as one sequential run.
- Two `article-facts ingest` commands over the same files, with spaCy, end with
  exactly the database a single ingest makes.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest
from sqlalchemy import text

from app.extract.pipeline import ExtractionInput
from app.extract.schema import ArticleFacts
from app.ingest.run import ingest_articles
from app.store.db import dispose_engines, make_engine, migrate, open_session
from app.store.writer import save_article
from bench._synthetic import make_articles
from bench.corpus import write_corpus
from bench.filldb import article_facts, raw_article
from tests.reliability.facts_dump import dump_facts, facts_per_article

SEED = 3
ARTICLES = 60
WRITERS = 3
CLI = Path(sys.executable).parent / "article-facts"
REPO_ROOT = Path(__file__).resolve().parents[2]


def _orders() -> list[list[int]]:
    shuffled = list(range(ARTICLES))
    random.Random(SEED).shuffle(shuffled)
    return [list(range(ARTICLES)), list(reversed(range(ARTICLES))), shuffled]


def _facts_by_id() -> dict[str, tuple]:
    return {a.id: (raw_article(a), article_facts(a)) for a in make_articles(SEED, ARTICLES)}


def _replay(facts: dict[str, tuple]):
    """An `extract_many` that hands back the facts written with each synthetic text."""

    def extract_many(items: Iterable[ExtractionInput]) -> Iterator[tuple]:
        for item in items:
            found: ArticleFacts = facts[item.id][1]
            yield item, found

    return extract_many


def _ingest_in_order(url: str, order: list[int], start: Barrier, results: object) -> None:
    """One writer process: ingest the articles in `order` once all writers are ready."""
    facts = _facts_by_id()
    ids = sorted(facts)
    articles = [facts[ids[index]][0] for index in order]
    start.wait(timeout=120)
    summary = ingest_articles(url, articles, _replay(facts))
    results.put((summary.created, summary.unchanged, len(summary.problems)))  # type: ignore[attr-defined]


def _rows(url: str, sql: str) -> list[tuple]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return sorted(tuple(row) for row in connection.execute(text(sql)))
    finally:
        engine.dispose()


ENTITIES = "SELECT kind, name, mention_count, article_count FROM entity"
ALIASES = "SELECT e.name, a.alias FROM entity_alias a JOIN entity e ON e.id = a.entity_id"
DUPLICATE_ENTITIES = (
    "SELECT kind, name_key, count(*) FROM entity GROUP BY kind, name_key HAVING count(*) > 1"
)
WRONG_MENTION_COUNTS = """
    SELECT e.id, e.mention_count, e.article_count,
           (SELECT count(*) FROM mention m WHERE m.entity_id = e.id),
           (SELECT count(*) FROM entity_article ea WHERE ea.entity_id = e.id)
    FROM entity e
    WHERE e.mention_count <> (SELECT count(*) FROM mention m WHERE m.entity_id = e.id)
       OR e.article_count <> (SELECT count(*) FROM entity_article ea WHERE ea.entity_id = e.id)
"""
WRONG_APPEARANCES = """
    SELECT ea.entity_id, ea.article_id FROM entity_article ea
    WHERE ea.mention_count <> (SELECT count(*) FROM mention m
                               WHERE m.entity_id = ea.entity_id AND m.article_id = ea.article_id)
"""


@pytest.fixture(scope="module")
def sequential(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same articles saved one after the other by a single writer."""
    url = f"sqlite:///{tmp_path_factory.mktemp('sequential') / 'facts.db'}"
    migrate(url)
    with open_session(url) as session:
        for article, facts in _facts_by_id().values():
            assert save_article(session, article, facts)
            session.commit()
    dispose_engines()
    return url


def test_racing_writers_store_each_article_and_entity_once(
    database_url: str, sequential: str
) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WRITERS)
    results = context.Queue()
    writers = [
        context.Process(target=_ingest_in_order, args=(database_url, order, start, results))
        for order in _orders()
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=300)
        assert writer.exitcode == 0, "a writer failed: its traceback is above"
    outcomes = [results.get(timeout=10) for _ in writers]

    assert sum(created for created, _, _ in outcomes) == ARTICLES
    assert all(created + unchanged == ARTICLES for created, unchanged, _ in outcomes)
    assert all(problems == 0 for _, _, problems in outcomes)
    seqs = _rows(database_url, "SELECT seq FROM article")
    assert [seq for (seq,) in seqs] == list(range(1, ARTICLES + 1))
    assert facts_per_article(dump_facts(database_url)) == facts_per_article(dump_facts(sequential))
    assert _rows(database_url, DUPLICATE_ENTITIES) == []
    assert _rows(database_url, WRONG_MENTION_COUNTS) == []
    assert _rows(database_url, WRONG_APPEARANCES) == []
    # Who merges with whom does not depend on which writer got there first.
    assert _rows(database_url, ENTITIES) == _rows(sequential, ENTITIES)
    assert _rows(database_url, ALIASES) == _rows(sequential, ALIASES)


# ----------------------------------------------------------------------- the command


CLI_ARTICLES = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(make_articles(seed=11, count=CLI_ARTICLES), folder, "txt")
    return folder


def _ingest(url: str, corpus: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(CLI), "ingest", str(corpus)],
        cwd=REPO_ROOT,
        env={**os.environ, "DATABASE_URL": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture(scope="module")
def single_ingest(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    url = f"sqlite:///{tmp_path_factory.mktemp('single') / 'facts.db'}"
    process = _ingest(url, corpus)
    _, errors = process.communicate(timeout=300)
    assert process.returncode == 0, errors
    return dump_facts(url)


def test_two_ingest_commands_on_the_same_files_store_them_once(
    database_url: str, corpus: Path, single_ingest: dict
) -> None:
    processes = [_ingest(database_url, corpus) for _ in range(2)]
    created = 0
    for process in processes:
        output, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors
        counts = re.search(r"ingested (\d+) new, (\d+) unchanged, 0 failed", output)
        assert counts is not None, output
        assert int(counts[1]) + int(counts[2]) == CLI_ARTICLES
        created += int(counts[1])
    assert created == CLI_ARTICLES
    assert dump_facts(database_url) == single_ingest
