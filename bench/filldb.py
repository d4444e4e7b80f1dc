"""Fill a database with synthetic articles and facts through the store layer, and time it.

    .venv/bin/python bench/filldb.py --articles 100000 --database-url sqlite:///var/bench.db

For load-testing the API and the store at archive scale without running spaCy: the
facts are written together with the text (bench/_synthetic.py), turned into
`ArticleFacts` and saved with `save_articles`, the one writer the CLI uses too, so
the rows, counts, aliases and full-text index are exactly what ingest would make.
Migrations are applied first. People, organisations and places are reused across
articles with a Zipf-like skew. Prints progress and one summary line.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy.engine import make_url

from app.extract.schema import (
    ArticleFacts,
    DateFact,
    Entity,
    Figure,
    Mention,
    Quote,
    RoleMention,
    Span,
    TroopLevel,
)
from app.ingest.article import RawArticle
from app.partial_date import PartialDate
from app.store.db import dispose_engines, migrate, open_session
from app.store.writer import save_articles

try:
    from bench._synthetic import EntityFacts, SyntheticArticle, World, make_article, make_world
except ModuleNotFoundError:  # run as a script: bench/ itself is on sys.path
    from _synthetic import (  # type: ignore[no-redef]
        EntityFacts,
        SyntheticArticle,
        World,
        make_article,
        make_world,
    )

DEFAULT_DATABASE_URL = "sqlite:///var/bench.db"
COMMIT_EVERY = 500


@dataclass
class FillSummary:
    articles: int
    mentions: int
    quotes: int
    troop_levels: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        return (
            f"articles={self.articles} mentions={self.mentions} quotes={self.quotes} "
            f"troop_levels={self.troop_levels} seconds={self.seconds:.1f} "
            f"articles/s={self.per_second:.0f}"
        )


def world_for(articles: int, seed: int) -> World:
    """About one person per two articles: enough for a long tail, few enough to recur."""
    return make_world(seed, people=max(200, articles // 2))


def raw_article(article: SyntheticArticle) -> RawArticle:
    day = article.published
    return RawArticle(
        id=article.id,
        text=article.text,
        title=article.title,
        source=article.source,
        published=PartialDate(day.year, day.month, day.day),
        origin=f"synthetic:{article.id}",
    )


def _mention(text: str, start: int, end: int) -> Mention:
    return Mention(start=start, end=end, text=text[start:end])


def _entity(text: str, facts: EntityFacts) -> Entity:
    return Entity(
        name=facts.name,
        aliases=facts.aliases,
        roles=facts.roles,
        mentions=[_mention(text, start, end) for start, end in facts.mentions],
        role_mentions=[
            RoleMention(start=start, end=end, text=text[start:end], role=role)
            for start, end, role in facts.role_mentions
        ],
        organisations=facts.organisations,
    )


def article_facts(article: SyntheticArticle) -> ArticleFacts:
    """The facts recorded while the text was written, in the shape extraction produces."""
    text = article.text
    published = article.published.isoformat()
    return ArticleFacts(
        id=article.id,
        people=[_entity(text, facts) for facts in article.people.values()],
        organisations=[_entity(text, facts) for facts in article.organisations.values()],
        places=[_entity(text, facts) for facts in article.places.values()],
        quotes=[
            Quote(
                start=quote.start,
                end=quote.end,
                text=text[quote.start : quote.end],
                segments=[Span(start=start, end=end) for start, end in quote.segments],
                kind=quote.kind,  # type: ignore[arg-type]
                speaker=quote.speaker,
                speaker_kind="person",
                speaker_mention=_mention(text, *quote.speaker_mention),
                cue=quote.cue,
                cue_mention=_mention(text, *quote.cue_mention),
            )
            for quote in article.quotes
        ],
        figures=[
            Figure(
                start=figure.start,
                end=figure.end,
                text=text[figure.start : figure.end],
                value=figure.value,
                unit=figure.unit,
                object=figure.object,
            )
            for figure in article.figures
        ],
        dates=[
            DateFact(
                start=date.start,
                end=date.end,
                text=text[date.start : date.end],
                value=date.value,
                precision=date.precision,
                mod=date.mod,
            )
            for date in article.dates
        ],
        troop_levels=[
            TroopLevel(
                start=level.start,
                end=level.end,
                text=text[level.start : level.end],
                force=level.force,
                location=level.location,
                count=level.count,
                qualifier=level.qualifier,  # type: ignore[arg-type]
                date=level.date.value if level.date else published,
                date_precision=level.date.precision if level.date else "day",
                date_mod=level.date.mod if level.date else None,
                status=level.status,  # type: ignore[arg-type]
                condition=None,
                sentence=_mention(text, *level.sentence),
            )
            for level in article.troop_levels
        ],
    )


def fill(
    database_url: str,
    articles: int,
    seed: int = 1,
    commit_every: int = COMMIT_EVERY,
    console: Console | None = None,
) -> FillSummary:
    """Migrate, then save `articles` synthetic articles in one session, `commit_every` to
    a batch (as ingest does), each batch one `save_articles` and one commit."""
    console = console or Console(stderr=True)
    migrate(database_url)
    world = world_for(articles, seed)
    saved = mentions = quotes = troop_levels = 0
    started = time.perf_counter()
    progress = Progress(
        TextColumn("filling"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[rate]}"),
        console=console,
        disable=not console.is_terminal,
    )
    with progress, open_session(database_url) as session:
        task = progress.add_task("filling", total=articles, rate="")
        for first in range(0, articles, commit_every):
            batch = []
            for index in range(first, min(first + commit_every, articles)):
                article = make_article(world, seed, index)
                batch.append((raw_article(article), article_facts(article)))
            for (_raw, facts), stored in zip(batch, save_articles(session, batch), strict=True):
                if stored:
                    saved += 1
                    mentions += sum(
                        len(entity.mentions)
                        for entity in [*facts.people, *facts.organisations, *facts.places]
                    )
                    quotes += len(facts.quotes)
                    troop_levels += len(facts.troop_levels)
            session.commit()
            done = first + len(batch)
            elapsed = time.perf_counter() - started
            progress.update(task, completed=done, rate=f"{done / elapsed:,.0f} articles/s")
    dispose_engines()
    return FillSummary(saved, mentions, quotes, troop_levels, time.perf_counter() - started)


def sqlite_size(database_url: str) -> int | None:
    """Bytes of the SQLite file (and its WAL), or None for other databases."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    files = [Path(url.database), Path(url.database + "-wal")]
    return sum(path.stat().st_size for path in files if path.exists())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=(
            "Fill a database with N synthetic articles and their facts through "
            "app.store.writer.save_articles (no NLP), and print how long it took."
        ),
        epilog="Re-running with the same seed skips the articles already stored.",
    )
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help=f"SQLAlchemy URL (default {DEFAULT_DATABASE_URL}; migrated first)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--commit-every",
        type=int,
        default=COMMIT_EVERY,
        help=f"articles per transaction (default {COMMIT_EVERY})",
    )
    args = parser.parse_args(argv)
    if args.articles < 1 or args.commit_every < 1:
        parser.error("--articles and --commit-every must be at least 1")
    console = Console(stderr=True)
    summary = fill(args.database_url, args.articles, args.seed, args.commit_every, console)
    size = sqlite_size(args.database_url)
    suffix = f" db_bytes={size}" if size is not None else ""
    Console().print(summary.line() + suffix, highlight=False)


if __name__ == "__main__":
    main()
