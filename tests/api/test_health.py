from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from app.api.main import create_app
from app.config import Settings


def test_health_counts_articles(client: TestClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "articles": 3, "database": "ok"}


def test_health_on_an_empty_database(empty_client: TestClient) -> None:
    assert empty_client.get("/health").json()["articles"] == 0


def test_an_unmigrated_database_is_a_503_problem(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'never-migrated.db'}"
    app = create_app(Settings(database_url=url))
    response = TestClient(app).get("/health")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert "article-facts migrate" in response.json()["detail"]
