"""bench/filldb.py: facts go in through save_article with valid offsets, counts add up,
the skew shows in the API.

SQLite only, filled once per module: these check the benchmark's data, not the store's
backends (tests/store does that), and must stay fast.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func
from sqlmodel import select

from app.api.main import create_app
from app.config import Settings
from app.store.db import dispose_engines, open_session
from app.store.models import Article, DateFact, Figure, Mention, Quote, TroopLevel
from bench._synthetic import make_article
from bench.filldb import FillSummary, fill, world_for

ARTICLES = 20
SEED = 1


def sqlite_copy(migrated_database: Path, folder: Path) -> str:
    path = folder / "bench.db"
    shutil.copyfile(migrated_database, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def filled(
    migrated_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, FillSummary]]:
    url = sqlite_copy(migrated_database, tmp_path_factory.mktemp("filled"))
    yield url, fill(url, ARTICLES, seed=SEED, commit_every=7)
    dispose_engines()


def test_the_database_holds_what_the_summary_reports(filled: tuple[str, FillSummary]) -> None:
    url, summary = filled
    assert summary.articles == ARTICLES
    with open_session(url) as session:
        counted = {
            table: session.exec(select(func.count()).select_from(table)).one()
            for table in (Article, Mention, Quote, TroopLevel)
        }
    assert counted[Article] == summary.articles
    assert counted[Mention] == summary.mentions
    assert counted[Quote] == summary.quotes
    assert counted[TroopLevel] == summary.troop_levels
    # The shape asked for at scale: ~10 mentions and ~3 quotes an article.
    assert 6 <= summary.mentions / ARTICLES <= 16
    # Every article holds exactly the quotes the generator wrote for it, at least one each.
    with open_session(url) as session:
        stored = Counter(session.exec(select(Quote.article_id)).all())
    world = world_for(ARTICLES, SEED)
    written = {
        article.id: len(article.quotes)
        for article in (make_article(world, SEED, index) for index in range(ARTICLES))
    }
    assert stored == written
    assert min(stored.values()) >= 1


def test_every_fact_points_at_its_own_words(filled: tuple[str, FillSummary]) -> None:
    url, _ = filled
    with open_session(url) as session:
        texts = dict(session.exec(select(Article.id, Article.text)).all())
        checked = 0
        for table in (Mention, Quote, Figure, DateFact, TroopLevel):
            rows = session.exec(select(table.article_id, table.start, table.end, table.text)).all()
            assert rows, table
            for article_id, start, end, text in rows:
                assert texts[article_id][start:end] == text, (table, article_id, start, end)
                checked += 1
        levels = session.exec(select(TroopLevel)).all()
        for level in levels:
            sentence = texts[level.article_id][level.sentence_start : level.sentence_end]
            assert sentence == level.sentence_text
            assert level.text in sentence
    assert checked > ARTICLES * 10


def test_a_seed_fills_the_same_rows(migrated_database: Path, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = sqlite_copy(migrated_database, tmp_path / "a")
    other = sqlite_copy(migrated_database, tmp_path / "b")
    fill(first, 5, seed=SEED)
    fill(other, 5, seed=SEED)

    def mentions(url: str) -> list[tuple[str, int, int, str]]:
        with open_session(url) as session:
            statement = select(Mention.article_id, Mention.start, Mention.end, Mention.text)
            return sorted(session.exec(statement).all())

    assert mentions(first) == mentions(other)
    dispose_engines()


def test_the_api_lists_the_most_mentioned_person_first(filled: tuple[str, FillSummary]) -> None:
    url, _ = filled
    world = world_for(ARTICLES, SEED)
    mentions: Counter[str] = Counter()
    for index in range(ARTICLES):
        for name, facts in make_article(world, SEED, index).people.items():
            mentions[name] += len(facts.mentions)
    (top, top_count), (_, runner_up_count) = mentions.most_common(2)
    assert top == world.people[0].name  # the head of the Zipf skew
    assert top_count > runner_up_count
    with TestClient(create_app(Settings(database_url=url))) as client:
        response = client.get("/people", params={"sort": "-mention_count", "limit": 5})
    assert response.status_code == 200
    people = response.json()["items"]
    # The store may keep a title in the name ("Finance Minister X"), so compare the end.
    assert people[0]["name"].endswith(top)
    assert people[0]["mention_count"] == top_count
    counts = [person["mention_count"] for person in people]
    assert counts == sorted(counts, reverse=True)
