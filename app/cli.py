"""The `article-facts` command: migrate, ingest, extract, eval, serve, backup.

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
from app.ingest.errors import IngestProblem
from app.ingest.readers import count_inputs, read_paths
from app.ingest.workers import WRITE_BATCH
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
    workers: Annotated[
        str,
        typer.Option(
            help="Extraction processes: a number, or 'auto' for one per core. Writes stay "
            "in this process. Several ingests may also run at once on one database."
        ),
    ] = "1",
    batch: Annotated[
        int,
        typer.Option(
            min=1,
            help="Articles written per transaction: fewer store each article sooner "
            "after it is parsed (1: at once), more write faster.",
        ),
    ] = WRITE_BATCH,
) -> None:
    """Read articles, extract their facts and store them (re-ingesting changes nothing)."""
    from app.ingest.run import ingest_paths
    from app.store.db import open_session
    from app.store.queries import count_articles

    processes = _worker_count(workers)
    url = _database_url()
    with open_session(url) as session:
        if if_empty and count_articles(session) > 0:
            out.print("database already holds articles: nothing to ingest (--if-empty)")
            return

    def report(problem: IngestProblem) -> None:
        err.print(f"[red]error[/red] {problem}")

    with _progress(count_inputs(paths)) as progress:
        task = progress.add_task("ingesting", total=None)
        summary = ingest_paths(
            url,
            paths,
            workers=processes,
            batch=batch,
            on_problem=report,
            on_article=lambda: progress.advance(task),
        )
    out.print(
        f"ingested {summary.created} new, {summary.unchanged} unchanged, "
        f"{len(summary.problems)} failed"
    )
    if summary.problems:
        raise typer.Exit(1)


def _worker_count(workers: str) -> int:
    from app.ingest.workers import available_cores

    if workers == "auto":
        return available_cores()
    if not workers.isdigit() or int(workers) < 1:
        raise typer.BadParameter(
            f"{workers!r} is not a number of processes: give 1, 2, ... or auto",
            param_hint="--workers",
        )
    return int(workers)


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
    """Apply pending migrations, then serve the JSON API with uvicorn.

    Each worker is its own process with its own connection pool, response cache and
    data version (`app.api.http`); they share nothing but the database.
    """
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
        access_log=False,  # the app logs each request itself (ACCESS_LOG), as JSON with its id
        server_header=False,  # no software or version advertised to clients
        timeout_graceful_shutdown=settings.request_timeout,  # then stop, answers or not
    )


@cli.command("api-key")
def api_key() -> None:
    """Make a key for the write API: give the key to the client, put the hash in API_KEYS."""
    from app.api.auth import new_api_key

    key, key_hash = new_api_key()
    out.print(f"key (give to the client, shown once): {key}", soft_wrap=True)
    out.print(f"hash (add to API_KEYS, comma-separated): {key_hash}", soft_wrap=True)


@cli.command()
def backup(
    path: Annotated[Path, typer.Argument(help="File to write the copy to.")],
    force: Annotated[bool, typer.Option("--force", help="Replace PATH if it exists.")] = False,
) -> None:
    """Copy the SQLite database to PATH while it is in use (SQLite's online backup)."""
    from app.store.backup import BackupError, backup_database, check_destination, sqlite_path

    url = get_settings().database_url
    try:
        check_destination(sqlite_path(url), path, force=force)  # refuse before migrating
        _database_url()
        result = backup_database(url, path, force=force)
    except BackupError as error:
        err.print(f"[red]error[/red] {error}", soft_wrap=True)
        raise typer.Exit(1) from error
    out.print(
        f"backed up {_display(url)} to {result.path}: {result.articles} articles, "
        f"{result.bytes / 1_000_000:.1f} MB",
        soft_wrap=True,
    )


def main() -> None:
    cli()
