from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.config import Settings
from app.store.db import open_session
from app.store.writer import save_article

from .corpus import corpus


@pytest.fixture
def empty_client(database_url: str) -> Iterator[TestClient]:
    """The app reading the temporary database: settings are the one thing swapped."""
    app = create_app(Settings(database_url=database_url))
    with TestClient(app) as client:
        yield client


@pytest.fixture
def client(database_url: str, empty_client: TestClient) -> TestClient:
    with open_session(database_url) as session:
        for article, facts in corpus():
            assert save_article(session, article, facts)
        session.commit()
    return empty_client
