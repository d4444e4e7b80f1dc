"""`article-facts backup PATH`: a consistent copy of the live SQLite database, even while
another connection writes; refused clearly for PostgreSQL and for an existing PATH."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from app.cli import cli
from app.config import get_settings
from app.extract.schema import ArticleFacts, Entity, Figure, Mention
from app.ingest.article import RawArticle
from app.store.db import alembic_config, dispose_engines, open_session
from app.store.writer import save_article

pytestmark = pytest.mark.sqlite_only
runner = CliRunner()
NAME = "Anna Lindqvist"


def article(number: int) -> tuple[RawArticle, ArticleFacts]:
    """An article naming one person twice and giving one figure, with its facts."""
    text = (
        f"{NAME} opened lock number {number} on the canal. " + "Barges queued for hours. " * 40
    ) + f"Later {NAME} said the lock would stay open."
    second = text.rindex(NAME)
    person = Entity(
        name=NAME,
        mentions=[
            Mention(start=0, end=len(NAME), text=NAME),
            Mention(start=second, end=second + len(NAME), text=NAME),
        ],
    )
    figure_start = text.index(str(number))
    figure = Figure(
        start=figure_start,
        end=figure_start + len(str(number)),
        value=number,
        unit="count",
        object="lock",
        text=str(number),
    )
    article_id = f"lock-{number}"
    return (
        RawArticle(id=article_id, text=text, title=f"Lock {number} opens"),
        ArticleFacts(id=article_id, people=[person], figures=[figure]),
    )


def store(url: str, numbers: range) -> None:
    with open_session(url) as session:
        for number in numbers:
            raw, facts = article(number)
            save_article(session, raw, facts)
            session.commit()


def rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (FTS shadow tables included), sorted."""
    with closing_connection(path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: sorted(map(tuple, connection.execute(f'SELECT * FROM "{table}"')), key=repr)
            for table in tables
        }


def closing_connection(path: Path) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True))


@pytest.fixture
def url(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()
    dispose_engines()


def source_path(url: str) -> Path:
    return Path(make_url(url).database or "")


def backup(path: Path, *options: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["backup", str(path), *options])
    return result.exit_code, result.output


def test_the_backup_is_a_whole_self_contained_copy(url: str, tmp_path: Path) -> None:
    store(url, range(1, 31))
    folder = tmp_path / "backups"
    folder.mkdir()
    target = folder / "copy.db"
    code, output = backup(target)
    assert code == 0, output
    assert f"to {target}: 30 articles" in output
    with closing_connection(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert rows(target) == rows(source_path(url))
    assert [path.name for path in folder.iterdir()] == ["copy.db"]  # no -wal, no temp file


def test_the_copy_answers_like_the_original(url: str, tmp_path: Path) -> None:
    store(url, range(1, 4))
    target = tmp_path / "copy.db"
    assert backup(target)[0] == 0
    with closing_connection(target) as copy:
        [(seq,)] = copy.execute(
            "SELECT rowid FROM article_search WHERE article_search MATCH 'barges' AND rowid = 2"
        )
        mentions = copy.execute("SELECT count(*) FROM mention WHERE text = ?", (NAME,)).fetchone()
    assert seq == 2
    assert mentions == (6,)


def test_an_existing_file_is_kept_unless_forced(url: str, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_bytes(b"an older backup")
    code, output = backup(target)
    assert code == 1
    assert f"error {target} already exists: give another path, or --force to replace it" in output
    assert target.read_bytes() == b"an older backup"
    store(url, range(1, 3))
    code, output = backup(target, "--force")
    assert code == 0, output
    assert len(rows(target)["article"]) == 2


@pytest.mark.parametrize(
    ("make_target", "message"),
    [
        (lambda tmp: tmp, "is a folder: give the path of the backup file"),
        (lambda tmp: tmp / "missing" / "copy.db", "does not exist: create it or give another"),
    ],
)
def test_unusable_paths_are_refused(url: str, tmp_path: Path, make_target, message: str) -> None:
    code, output = backup(make_target(tmp_path))
    assert code == 1
    assert message in output


def test_the_database_itself_is_refused_even_with_force(url: str) -> None:
    code, output = backup(source_path(url), "--force")
    assert code == 1
    assert "is the database itself: give another path" in output


def test_postgresql_is_refused_with_what_to_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing listens there: the refusal must come before any connection or migration.
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://facts@127.0.0.1:9/facts")
    get_settings.cache_clear()
    try:
        code, output = backup(tmp_path / "copy.db")
    finally:
        get_settings.cache_clear()
    assert code == 1
    assert "backup copies SQLite databases only" in output
    assert "pg_dump" in output
    assert not (tmp_path / "copy.db").exists()


def test_pending_migrations_are_applied_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "old.db"
    config = alembic_config(f"sqlite:///{database}")
    command.upgrade(config, "0001")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    get_settings.cache_clear()
    try:
        code, output = backup(tmp_path / "copy.db")
    finally:
        get_settings.cache_clear()
        dispose_engines()
    assert code == 0, output
    head = ScriptDirectory.from_config(config).get_current_head()
    with closing_connection(tmp_path / "copy.db") as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]


def test_a_backup_taken_during_writes_holds_whole_articles(url: str, tmp_path: Path) -> None:
    """A writer commits article after article while the backup runs: the copy passes
    integrity_check and every article in it has all its facts."""
    store(url, range(1, 201))  # enough pages that the copy takes a moment
    written = threading.Event()
    stop = threading.Event()
    failures: list[BaseException] = []

    def keep_writing() -> None:
        try:
            with open_session(url) as session:
                for number in range(1000, 100_000):
                    if stop.is_set():
                        return
                    raw, facts = article(number)
                    save_article(session, raw, facts)
                    session.commit()
                    if number == 1010:
                        written.set()
        except BaseException as error:  # reported by the test below
            failures.append(error)
            written.set()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        assert written.wait(timeout=60)
        targets = [tmp_path / f"copy-{n}.db" for n in range(3)]
        results = [backup(target) for target in targets]
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not failures, failures
    assert all(code == 0 for code, _output in results), results
    counts = []
    for target in targets:
        with closing_connection(target) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            per_article = dict(
                copy.execute(
                    "SELECT a.id, (SELECT count(*) FROM mention m WHERE m.article_id = a.id) "
                    "+ (SELECT count(*) FROM figure f WHERE f.article_id = a.id) FROM article a"
                )
            )
        assert set(per_article.values()) == {3}, "an article without all its facts"
        counts.append(len(per_article))
    assert counts == sorted(counts)
    assert counts[0] > 200 + 10  # taken while the writer was still adding articles
