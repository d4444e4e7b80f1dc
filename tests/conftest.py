"""Fixtures shared across test folders: a real, migrated, temporary SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from app.store.db import dispose_engines, migrate, open_session


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite file brought to the latest schema the way production does it."""
    url = f"sqlite:///{tmp_path / 'var' / 'facts.db'}"
    migrate(url)
    yield url
    dispose_engines()


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    with open_session(database_url) as session:
        yield session
