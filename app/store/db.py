"""The one place that makes engines and sessions, and applies the migrations.

SQLite is opened for a web server and a CLI sharing one file: WAL journal so
readers never block the writer (with synchronous=NORMAL, the usual WAL pairing:
a power cut may lose the last commits, never corrupt the file), a busy timeout
instead of an immediate "database is locked", foreign keys enforced, and
SQLAlchemy (not the sqlite3 driver) emitting BEGIN so reads sit inside the
transaction and SAVEPOINTs work.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from app.config import PROJECT_ROOT
from app.store.models import TRIGRAM_INDEX_SUFFIX, is_full_text_table

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
SEARCH_VECTOR_COLUMN = "search_vector"
"""PostgreSQL's full-text column on `article` and `quote` (migration 0003; not in the models)."""
BUSY_TIMEOUT_MS = 5000
POOL_SIZE, POOL_OVERFLOW = 10, 30
"""Connections kept open, and opened beyond them when busy: 40 together, one for each
thread AnyIO may run the API's routes in (`WORKER_THREADS`, 10 by default, at most 40),
so a route never waits for a connection. On PostgreSQL, keep workers x WORKER_THREADS
under `max_connections` (or put PgBouncer in front)."""

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


def _is_memory_database(database: str | None) -> bool:
    return database in (None, "", ":memory:")


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """Create an engine; for SQLite, configure every new connection (see module docstring).

    `foreign_keys=False` is for migrations: SQLite batch operations recreate tables,
    which must not cascade or fail on references while the table is swapped.
    """
    sa_url = make_url(url)
    pool = {"pool_size": POOL_SIZE, "max_overflow": POOL_OVERFLOW}
    if sa_url.get_backend_name() != "sqlite":
        return create_engine(sa_url, **pool)

    options: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if _is_memory_database(sa_url.database):
        options["poolclass"] = StaticPool  # one shared connection, or each sees an empty DB
    else:
        options.update(pool)
    engine = create_engine(sa_url, **options)

    @event.listens_for(engine, "connect")
    def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN, see _begin
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; fsync at checkpoints
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def get_engine(url: str) -> Engine:
    """The process-wide engine for `url` (one connection pool per database)."""
    with _engines_lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = make_engine(url)
        return engine


def dispose_engines() -> None:
    """Close every pooled connection (tests, or before a process forks)."""
    with _engines_lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


def open_session(url: str) -> Session:
    """A new session on `url`; use as `with open_session(url) as session:` and commit yourself."""
    return Session(get_engine(url))


def get_session(url: str) -> Iterator[Session]:
    """Yield one session and close it afterwards: the body of the API's session dependency."""
    with open_session(url) as session:
        yield session


def _create_sqlite_folder(url: str) -> None:
    sa_url = make_url(url)
    if sa_url.get_backend_name() == "sqlite" and not _is_memory_database(sa_url.database):
        Path(sa_url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def alembic_config(url: str) -> Config:
    """Alembic configuration built in code: there is no alembic.ini at the top level."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["database_url"] = url
    return config


def include_name(name: str | None, type_: str, _parents: Any) -> bool:
    """Alembic autogenerate filter: full-text indexes are made by raw SQL in the migrations
    (SQLite's FTS5 tables, PostgreSQL's generated tsvector columns and their GIN indexes,
    and its trigram indexes)."""
    if name is None:
        return True
    if type_ == "table":
        return not is_full_text_table(name)
    if type_ == "column":
        return name != SEARCH_VECTOR_COLUMN
    if type_ == "index":
        return not name.endswith((f"_{SEARCH_VECTOR_COLUMN}", TRIGRAM_INDEX_SUFFIX))
    return True


def migrate(url: str) -> None:
    """Bring the database at `url` to the latest schema, creating the SQLite file if needed."""
    _create_sqlite_folder(url)
    command.upgrade(alembic_config(url), "head")
