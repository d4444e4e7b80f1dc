"""The `article-facts` command: migrate, ingest, extract, eval, serve.

Every command that touches the database first applies pending migrations, so any
DATABASE_URL works, including a new empty one.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import orjson
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from app.config import get_settings
from app.evaluate.gold import GoldFileError, Task, summarise_gold
from app.ingest.article import RawArticle
from app.ingest.errors import IngestProblem
from app.ingest.readers import count_inputs, read_paths
from app.partial_date import InvalidDateError, PartialDate

if TYPE_CHECKING:
    from app.extract.pipeline import ExtractionInput

cli = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
out = Console()
err = Console(stderr=True)
PROGRESS_THRESHOLD = 3
"""Show a progress bar from this many input files on."""


def _database_url() -> str:
    from app.store.db import migrate

    url = get_settings().database_url
    migrate(url)
    return url


@cli.command()
def migrate() -> None:
    """Apply pending database migrations to DATABASE_URL."""
    url = _database_url()
    out.print(f"database is up to date: {_display(url)}")


def _display(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@cli.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of .txt, .html, .jsonl.")],
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Only ingest when the database holds no article.")
    ] = False,
) -> None:
    """Read articles, extract their facts and store them (re-ingesting changes nothing)."""
    from app.extract.pipeline import ExtractionInput, Extractor
    from app.store.db import open_session
    from app.store.queries import count_articles, is_stored
    from app.store.writer import ArticleConflictError, InvalidFactError, save_article

    url = _database_url()
    with open_session(url) as session:
        if if_empty and count_articles(session) > 0:
            out.print("database already holds articles: nothing to ingest (--if-empty)")
            return
    problems: list[IngestProblem] = []
    created = unchanged = 0
    total_files = count_inputs(paths)
    articles: dict[str, RawArticle] = {}

    def new_articles() -> Iterator[ExtractionInput]:
        nonlocal unchanged
        with open_session(url) as lookup:
            for item in read_paths(paths):
                if isinstance(item, IngestProblem):
                    problems.append(item)
                    err.print(f"[red]error[/red] {item}")
                elif is_stored(lookup, item):
                    unchanged += 1
                    lookup.rollback()
                else:
                    lookup.rollback()
                    articles[item.id] = item
                    yield ExtractionInput(item.id, item.text, item.published)

    extractor = Extractor()
    with (
        _progress(total_files) as progress,
        open_session(url) as session,
    ):
        task = progress.add_task("ingesting", total=None)
        for item, facts in extractor.extract_many(new_articles()):
            article = articles.pop(item.id)
            try:
                if save_article(session, article, facts):
                    created += 1
                else:
                    unchanged += 1
                session.commit()
            except (ArticleConflictError, InvalidFactError) as error:
                session.rollback()
                problem = IngestProblem(article.origin, str(error))
                problems.append(problem)
                err.print(f"[red]error[/red] {problem}")
            progress.advance(task)
    summary = f"ingested {created} new, {unchanged} unchanged, {len(problems)} failed"
    out.print(summary)
    if problems:
        raise typer.Exit(1)


def _progress(total_files: int) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=total_files <= PROGRESS_THRESHOLD or not err.is_terminal,
        transient=True,
    )


def _jsonl_inputs(stream: Iterable[str]) -> Iterator[tuple[int, dict | None, str | None]]:
    """(line number, input or None, error or None) for each non-blank line."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            yield number, None, f"not JSON ({error}): write one JSON object per line"
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield number, None, 'each line needs an object with a string "text" (and an "id")'
            continue
        yield number, record, None


@cli.command()
def extract(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to extract from.")
    ] = None,
    jsonl: Annotated[
        str | None,
        typer.Option(
            "--jsonl",
            help='Read lines {"id", "text", "published"?} from this file ("-" for stdin).',
        ),
    ] = None,
) -> None:
    """Extract facts without a database; print one JSON line per article, in input order."""
    from app.extract.pipeline import Extractor

    if jsonl is None and not files:
        err.print("give files to extract from, or --jsonl - to read JSON lines from stdin")
        raise typer.Exit(2)
    failures: list[str] = []
    with ExitStack() as stack:
        stream = None
        if jsonl is not None:
            stream = (
                sys.stdin
                if jsonl == "-"
                else stack.enter_context(Path(jsonl).open(encoding="utf-8"))
            )
        inputs = _extraction_inputs(
            stream, "stdin" if jsonl == "-" else str(jsonl), files or [], failures
        )
        for _item, facts in Extractor().extract_many(inputs):
            sys.stdout.buffer.write(orjson.dumps(facts.model_dump(mode="json")) + b"\n")
            sys.stdout.flush()
    if failures:
        raise typer.Exit(1)


def _extraction_inputs(
    stream: TextIO | None, origin: str, files: list[Path], failures: list[str]
) -> Iterator[ExtractionInput]:
    """Inputs from JSON lines, then from files; each unusable one is reported and skipped."""
    from app.extract.pipeline import ExtractionInput

    def fail(message: str) -> None:
        failures.append(message)
        err.print(f"[red]error[/red] {message}")

    for number, record, error in _jsonl_inputs(stream or []):
        published = None
        if record is not None and record.get("published") is not None:
            try:
                published = PartialDate.parse(str(record["published"]))
            except InvalidDateError as date_error:
                error = str(date_error)
        if record is None or error is not None:
            fail(f"{origin}:{number}: {error}")
            continue
        yield ExtractionInput(str(record.get("id", number)), record["text"], published)
    for item in read_paths(files):
        if isinstance(item, IngestProblem):
            fail(str(item))
        else:
            yield ExtractionInput(item.id, item.text, item.published)


@cli.command("eval")
def evaluate_gold(
    gold: Annotated[
        Path,
        typer.Argument(help="Gold JSONL: PolNeAR quotes, GUM entities or troop_levels lines."),
    ],
    task: Annotated[
        list[Task] | None,
        typer.Option(
            "--task",
            help="Task to score; repeat for several (default: every task the file has gold for).",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of tables.")
    ] = False,
) -> None:
    """Score extraction against gold annotations, without a database (exit 2: unusable gold)."""
    from app.evaluate.run import choose_tasks, evaluate
    from app.extract.pipeline import Extractor

    if not gold.is_file():
        err.print(f"[red]error[/red] {gold}: no such file: give the path of a gold .jsonl file")
        raise typer.Exit(2)
    try:
        summary = summarise_gold(gold)
        chosen = choose_tasks(gold, summary, task)
    except GoldFileError as error:
        err.print(f"[red]error[/red] {error}")
        raise typer.Exit(2) from error
    extractor = Extractor()
    with _progress(summary.articles) as progress:
        bar = progress.add_task("evaluating", total=summary.articles)
        report = evaluate(gold, chosen, extractor, on_article=lambda: progress.advance(bar))
    if as_json:
        sys.stdout.buffer.write(orjson.dumps(report.to_json()) + b"\n")
        return
    for table in report.tables():
        out.print(table)
    per_article = report.seconds_per_article or 0.0
    out.print(f"{report.articles} articles, extraction {per_article * 1000:.0f} ms per article")


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default: HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default: PORT).")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Apply pending migrations, then serve the JSON API with uvicorn."""
    import uvicorn

    from app.logs import logging_config

    settings = get_settings()
    _database_url()
    uvicorn.run(
        "app.api.main:app",
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_level=settings.log_level.lower(),
        log_config=logging_config(settings.log_level),
        access_log=False,  # the app logs each request itself, as JSON with its request id
        server_header=False,  # no software or version advertised to clients
    )


@cli.command("api-key")
def api_key() -> None:
    """Make a key for the write API: give the key to the client, put the hash in API_KEYS."""
    from app.api.auth import new_api_key

    key, key_hash = new_api_key()
    out.print(f"key (give to the client, shown once): {key}", soft_wrap=True)
    out.print(f"hash (add to API_KEYS, comma-separated): {key_hash}", soft_wrap=True)


def main() -> None:
    cli()
