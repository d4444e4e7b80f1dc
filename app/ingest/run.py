"""One ingest run: read files, extract facts in N processes, write them in this one.

The input is streamed: files are read as extraction needs them, texts already
stored (by content hash) are skipped before any parsing, and at most a few chunks
per worker are in flight, so memory does not grow with the corpus.

Writes happen here only, one transaction per batch of articles as extraction hands
them back (`--batch`, by default one worker's chunk), committed as soon as it is
written: a killed ingest leaves whole articles, and the write lock is held tens of
milliseconds at a time. A batch costs the database statements of one article, so one
writing process keeps up with several extraction processes. Several `article-facts
ingest` processes may run against one database at once: the lock `save_articles` takes
makes each see the others' committed articles and entities, and a batch whose
transaction fails on a lock timeout, deadlock or serialization failure is rolled back
and written again. A batch with an article the store refuses
(an id that holds another text) is written again one article at a time, so the
others are stored and the refused one is reported.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from app.ingest.article import RawArticle
from app.ingest.errors import IngestProblem
from app.ingest.readers import read_paths
from app.ingest.workers import CHUNK_SIZE, WRITE_BATCH, ExtractMany, extraction

if TYPE_CHECKING:
    from app.extract.pipeline import ExtractionInput
    from app.extract.schema import ArticleFacts

LOOKUP_CHUNK = 64
"""Articles whose content hashes are looked up in one query before extraction."""
WRITE_ATTEMPTS = 6
RETRY_PAUSE_SECONDS = 0.05


@dataclass
class IngestSummary:
    created: int = 0
    unchanged: int = 0
    problems: list[IngestProblem] = field(default_factory=list)


ProblemHandler = Callable[[IngestProblem], None]


def ingest_paths(
    database_url: str,
    paths: Iterable[Path],
    *,
    workers: int = 1,
    batch: int = WRITE_BATCH,
    on_problem: ProblemHandler | None = None,
    on_article: Callable[[], None] | None = None,
) -> IngestSummary:
    """Ingest every article under `paths` into `database_url` (already migrated), with
    `workers` extraction processes, `batch` articles per transaction. A small batch also
    makes the workers' chunks small, so each article is stored as soon as it is parsed."""
    with extraction(workers, chunk_size=min(batch, CHUNK_SIZE)) as extract_many:
        return ingest_articles(
            database_url,
            read_paths(list(paths)),
            extract_many,
            batch=batch,
            on_problem=on_problem,
            on_article=on_article,
        )


def ingest_articles(
    database_url: str,
    items: Iterable[RawArticle | IngestProblem],
    extract_many: ExtractMany,
    *,
    batch: int = WRITE_BATCH,
    on_problem: ProblemHandler | None = None,
    on_article: Callable[[], None] | None = None,
) -> IngestSummary:
    """Ingest articles (and report the problems readers met) with this extraction."""
    from app.store.db import open_session

    summary = IngestSummary()

    def problem(found: IngestProblem) -> None:
        summary.problems.append(found)
        if on_problem is not None:
            on_problem(found)

    waiting: deque[RawArticle] = deque()
    """Articles sent to extraction, in order; their facts come back in the same order."""

    def new_articles() -> Iterator[ExtractionInput]:
        from app.extract.pipeline import ExtractionInput

        for article in _unstored(database_url, items, summary, problem):
            waiting.append(article)
            yield ExtractionInput(article.id, article.text, article.published)

    results = extract_many(new_articles())
    with open_session(database_url) as session:
        while extracted := list(islice(results, batch)):
            pairs = []
            for item, facts in extracted:
                article = waiting.popleft()
                if article.id != item.id:
                    raise RuntimeError(f"extraction returned {item.id!r} for {article.id!r}")
                pairs.append((article, facts))
            _write(session, pairs, summary, problem)
            if on_article is not None:
                for _ in pairs:
                    on_article()
    return summary


def _unstored(
    database_url: str,
    items: Iterable[RawArticle | IngestProblem],
    summary: IngestSummary,
    problem: ProblemHandler,
) -> Iterator[RawArticle]:
    """The articles whose text is not stored yet; problems go to `problem` on the way."""
    from app.store.db import open_session
    from app.store.models import Article

    iterator = iter(items)
    with open_session(database_url) as lookup:
        while chunk := list(islice(iterator, LOOKUP_CHUNK)):
            articles = []
            for item in chunk:
                if isinstance(item, IngestProblem):
                    problem(item)
                else:
                    articles.append(item)
            hashes = {article.content_hash for article in articles}
            stored = set(
                lookup.exec(select(Article.content_hash).where(Article.content_hash.in_(hashes)))
            )
            lookup.rollback()  # no read transaction left open while extraction runs
            for article in articles:
                if article.content_hash in stored:
                    summary.unchanged += 1
                else:
                    yield article


def _write(
    session: Session,
    batch: list[tuple[RawArticle, ArticleFacts]],
    summary: IngestSummary,
    problem: ProblemHandler,
) -> None:
    """Save a batch in one transaction; try again if the transaction fails, and one
    article at a time if the store refuses one of them."""
    from app.store.writer import ArticleConflictError, InvalidFactError, save_articles

    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            created = save_articles(session, batch)
            session.commit()
        except (ArticleConflictError, InvalidFactError) as error:
            session.rollback()
            if len(batch) == 1:
                problem(IngestProblem(batch[0][0].origin, str(error)))
            else:
                for pair in batch:
                    _write(session, [pair], summary, problem)
            return
        except (OperationalError, IntegrityError):
            # A lock wait timed out, a deadlock or serialization failure, or a writer
            # that does not take the lock stored the same row first: start again.
            session.rollback()
            if attempt == WRITE_ATTEMPTS:
                raise
            time.sleep(RETRY_PAUSE_SECONDS * 2**attempt)
        else:
            summary.created += sum(created)
            summary.unchanged += len(created) - sum(created)
            return
