from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.config import Settings
from app.store.db import open_session
from app.store.writer import save_article

from .corpus import corpus


def store_corpus(database_url: str) -> None:
    with open_session(database_url) as session:
        for article, facts in corpus():
            assert save_article(session, article, facts)
        session.commit()


@pytest.fixture
def empty_client(database_url: str) -> Iterator[TestClient]:
    """The app reading the temporary database: settings are the one thing swapped.

    Tests store articles after the app is made and read them at once, so the data
    version is read for every request (`data_version_ttl=0`)."""
    app = create_app(Settings(database_url=database_url, data_version_ttl=0))
    with TestClient(app) as client:
        yield client


@pytest.fixture
def client(database_url: str, empty_client: TestClient) -> TestClient:
    store_corpus(database_url)
    return empty_client


@pytest.fixture(scope="module")
def read_only_client(
    tmp_path_factory: pytest.TempPathFactory, migrated_database: Path
) -> Iterator[TestClient]:
    """`client`, built once per module: for tests that only read, so the suite stays fast."""
    path = tmp_path_factory.mktemp("read-only") / "facts.db"
    shutil.copyfile(migrated_database, path)
    database_url = f"sqlite:///{path}"
    store_corpus(database_url)
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        yield client
