"""A consistent copy of a live SQLite database, taken with SQLite's online backup API.

Copying the file with `cp` while the server or an ingest runs can catch a write half
done, and misses whatever still sits in the `-wal` file. `sqlite3.Connection.backup`
copies every page as of one read transaction instead, so the copy holds whole
articles only, and in WAL mode writers carry on meanwhile.

The copy is written next to its destination under a temporary name, checked with
`PRAGMA integrity_check`, switched to the rollback journal (one self-contained
file, no `-wal` beside it) and only then renamed into place: PATH is never a
half-written backup, and with `force` an older backup is replaced only by a
complete one.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from app.store.db import BUSY_TIMEOUT_MS


class BackupError(Exception):
    """A backup that cannot be made; the message says what to do instead."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    bytes: int
    articles: int


def sqlite_path(url: str) -> Path:
    """The file behind a SQLite URL; BackupError for any other database."""
    sa_url = make_url(url)
    if sa_url.get_backend_name() != "sqlite":
        raise BackupError(
            f"backup copies SQLite databases only, and DATABASE_URL is "
            f"{sa_url.get_backend_name()}: use that database's own tool "
            "(for PostgreSQL, pg_dump --format=custom)"
        )
    if sa_url.database in (None, "", ":memory:"):
        raise BackupError("DATABASE_URL is an in-memory database: there is no file to back up")
    return Path(sa_url.database).expanduser()


def check_destination(source: Path, destination: Path, *, force: bool) -> None:
    """Refuse before any work: an existing file (without `force`), the database itself,
    or a folder that does not exist."""
    if destination.is_dir():
        raise BackupError(f"{destination} is a folder: give the path of the backup file")
    if destination.exists():
        if source.exists() and destination.resolve() == source.resolve():
            raise BackupError(f"{destination} is the database itself: give another path")
        if not force:
            raise BackupError(
                f"{destination} already exists: give another path, or --force to replace it"
            )
    if not destination.parent.is_dir():
        raise BackupError(
            f"folder {destination.parent} does not exist: create it or give another path"
        )


def backup_database(url: str, destination: Path, *, force: bool = False) -> BackupResult:
    """Copy the SQLite database at `url` to `destination` (see the module docstring)."""
    source = sqlite_path(url)
    check_destination(source, destination, force=force)
    if not source.is_file():
        raise BackupError(f"{source} does not exist: there is no database to back up")
    partial = destination.with_name(f".{destination.name}.partial-{os.getpid()}")
    try:
        with (
            closing(sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)) as reader,
            closing(sqlite3.connect(partial)) as copy,
        ):
            reader.backup(copy)  # every page in one step: one consistent snapshot
            copy.execute("PRAGMA journal_mode = DELETE")
            problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise BackupError(
                    f"the copy failed PRAGMA integrity_check ({'; '.join(problems[:3])}): "
                    "the database itself may be damaged; run PRAGMA integrity_check on it"
                )
            [(articles,)] = copy.execute("SELECT count(*) FROM article")
        os.replace(partial, destination)
    except sqlite3.Error as error:
        raise BackupError(f"the backup failed ({error}): check the paths and free space") from error
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(destination, destination.stat().st_size, articles)
