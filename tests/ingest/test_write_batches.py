"""Ingest writes articles in batches, one transaction each; an article the store refuses
costs only itself, and `--batch` sets the batch size."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlmodel import select
from typer.testing import CliRunner

from app.cli import cli
from app.extract.pipeline import ExtractionInput
from app.extract.schema import ArticleFacts
from app.ingest.article import RawArticle
from app.ingest.run import ingest_articles
from app.store.db import open_session
from app.store.models import Article, DataVersion
from app.store.writer import save_article
from tests.store.sample import article, entity


def _people_articles(count: int) -> list[tuple[RawArticle, ArticleFacts]]:
    texts = [f"Ana Berg met delegation {number} today." for number in range(count)]
    return [
        article(f"meeting-{number}", text, people=[entity(text, "Ana Berg")])
        for number, text in enumerate(texts)
    ]


def _replay(pairs: list[tuple[RawArticle, ArticleFacts]]):
    facts = {raw.id: found for raw, found in pairs}

    def extract_many(items: Iterable[ExtractionInput]) -> Iterator[tuple]:
        for item in items:
            yield item, facts[item.id]

    return extract_many


def _version(url: str) -> int:
    with open_session(url) as session:
        return session.exec(select(DataVersion.version)).one()


def test_articles_are_written_a_batch_per_transaction(database_url: str) -> None:
    pairs = _people_articles(10)
    before = _version(database_url)
    summary = ingest_articles(database_url, [raw for raw, _ in pairs], _replay(pairs), batch=4)
    assert (summary.created, summary.unchanged, summary.problems) == (10, 0, [])
    assert _version(database_url) == before + 3  # batches of 4, 4 and 2


def test_a_refused_article_costs_only_itself(database_url: str) -> None:
    pairs = _people_articles(6)
    taken = pairs[2][0]
    with open_session(database_url) as session:  # the id already holds another text
        other = f"{taken.text} Corrected."
        save_article(session, *article(taken.id, other, people=[entity(other, "Ana Berg")]))
        session.commit()
    problems = []
    summary = ingest_articles(
        database_url,
        [raw for raw, _ in pairs],
        _replay(pairs),
        batch=4,
        on_problem=problems.append,
    )
    assert (summary.created, summary.unchanged) == (5, 0)
    assert [str(problem) for problem in problems] == [
        f"{taken.origin}: article id {taken.id!r} already holds different text; "
        "give this article another id"
    ]
    with open_session(database_url) as session:
        stored = set(session.exec(select(Article.id)).all())
    assert stored == {raw.id for raw, _ in pairs}


def test_a_batch_size_below_one_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["ingest", "--batch", "0", str(tmp_path)])
    assert result.exit_code == 2
    message = " ".join(re.sub("[\u2500-\u257f]", " ", result.output).split())  # no box
    assert "Invalid value for '--batch': Input should be greater than or equal to 1" in message
