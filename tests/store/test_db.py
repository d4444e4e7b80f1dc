"""Engines, sessions and migrations: the schema only ever comes from Alembic."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from app.store.db import alembic_config, include_name, make_engine, migrate, open_session
from app.store.models import FULL_TEXT_INDEXES, Article, is_full_text_table


def test_migrate_creates_the_missing_folder_and_every_table(tmp_path: Path) -> None:
    database = tmp_path / "new" / "folder" / "facts.db"
    migrate(f"sqlite:///{database}")
    assert database.exists()
    engine = make_engine(f"sqlite:///{database}")
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {name for name in tables if not is_full_text_table(name)} == set(
        SQLModel.metadata.tables
    ) | {"alembic_version"}
    assert set(FULL_TEXT_INDEXES) <= tables


def test_migrations_match_the_models_exactly(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": include_name}
        )
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == []


def test_database_is_at_the_single_head_revision(database_url: str) -> None:
    heads = ScriptDirectory.from_config(alembic_config(database_url)).get_heads()
    engine = make_engine(database_url)
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    engine.dispose()
    assert len(heads) == 1
    assert current == tuple(heads)


def test_migrate_twice_is_harmless(database_url: str) -> None:
    migrate(database_url)


def test_downgrade_to_base_then_upgrade_again(database_url: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(database_url), "base")
    engine = make_engine(database_url)
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    engine.dispose()
    migrate(database_url)


@pytest.mark.sqlite_only
def test_sqlite_connections_are_configured_for_a_shared_file(database_url: str) -> None:
    with open_session(database_url) as session:
        connection = session.connection()

        def pragma(name: str) -> object:
            return connection.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("busy_timeout") == 5000


def test_a_savepoint_rolls_back_only_its_own_work(database_url: str) -> None:
    """Needs SQLAlchemy to own BEGIN; with sqlite3's default, SAVEPOINT escapes the transaction."""
    with open_session(database_url) as session:
        session.add(Article(id="kept", seq=1, content_hash="1", text="kept"))
        session.flush()
        try:
            with session.begin_nested():
                session.add(Article(id="dropped", seq=2, content_hash="2", text="dropped"))
                session.flush()
                raise RuntimeError("abandon")
        except RuntimeError:
            pass
        session.commit()
    with open_session(database_url) as session:
        ids = session.connection().execute(text("SELECT id FROM article")).scalars().all()
    assert ids == ["kept"]
