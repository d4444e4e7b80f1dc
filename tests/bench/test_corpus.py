"""bench/corpus.py: same seed, same corpus; distinct articles; readable by ingest as is."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ingest.article import RawArticle
from app.ingest.readers import read_paths
from bench._synthetic import make_articles, make_world
from bench.corpus import main, write_corpus

ARTICLES = 20


def test_a_seed_gives_the_same_articles_and_another_seed_others() -> None:
    first = make_articles(7, ARTICLES)
    again = make_articles(7, ARTICLES)
    other = make_articles(8, ARTICLES)
    assert [a.text for a in first] == [a.text for a in again]
    assert [a.title for a in first] == [a.title for a in again]
    assert {a.text for a in first}.isdisjoint({a.text for a in other})


def test_articles_are_distinct_news_sized_and_dated() -> None:
    articles = make_articles(1, ARTICLES)
    assert len({a.text for a in articles}) == ARTICLES
    assert len({a.id for a in articles}) == ARTICLES
    for article in articles:
        assert 280 <= article.words <= 750
        assert article.text.count("\n\n") >= 4  # several paragraphs
        assert article.title
        assert article.published.year >= 2018


def test_an_article_does_not_depend_on_how_many_are_made() -> None:
    world = make_world(3)
    assert make_articles(3, 5, world)[4].text == make_articles(3, 12, world)[4].text


def test_articles_carry_quotes_figures_and_people() -> None:
    articles = make_articles(2, ARTICLES)
    assert all(article.quotes for article in articles)
    assert all(len(article.people) >= 1 for article in articles)
    assert sum(len(article.figures) for article in articles) >= ARTICLES
    assert any(article.troop_levels for article in articles)
    texts = " ".join(article.text for article in articles)
    assert "“" in texts and " said that " in texts


@pytest.mark.parametrize("file_format", ["txt", "jsonl"])
def test_ingest_reads_every_article_back(tmp_path: Path, file_format: str) -> None:
    articles = make_articles(1, ARTICLES)
    write_corpus(articles, tmp_path, file_format)  # type: ignore[arg-type]
    read = list(read_paths([tmp_path]))
    assert all(isinstance(item, RawArticle) for item in read), read
    by_id = {item.id: item for item in read if isinstance(item, RawArticle)}
    assert sorted(by_id) == sorted(article.id for article in articles)
    for article in articles:
        stored = by_id[article.id]
        assert stored.text == article.text
        assert stored.title == article.title
        assert stored.published is not None
        assert stored.published.value == article.published.isoformat()


def test_the_script_writes_the_same_files_for_a_seed(tmp_path: Path) -> None:
    main(["--articles", "5", "--out", str(tmp_path / "a"), "--seed", "4"])
    main(["--articles", "5", "--out", str(tmp_path / "b"), "--seed", "4"])
    first = sorted((tmp_path / "a").iterdir())
    assert len(first) == 5
    for path in first:
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
