"""Fixtures shared across test folders: a real, migrated, temporary SQLite database."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from app.store.db import dispose_engines, migrate, open_session


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file brought to the latest schema by the migrations, as in production."""
    path = tmp_path_factory.mktemp("migrated") / "facts.db"
    migrate(f"sqlite:///{path}")  # its engine is disposed, so the WAL is folded into the file
    return path


@pytest.fixture
def database_url(tmp_path: Path, migrated_database: Path) -> Iterator[str]:
    """A fresh copy of the migrated database for one test."""
    path = tmp_path / "var" / "facts.db"
    path.parent.mkdir()
    shutil.copyfile(migrated_database, path)
    yield f"sqlite:///{path}"
    dispose_engines()


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    with open_session(database_url) as session:
        yield session
