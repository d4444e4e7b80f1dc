"""The docs pages work offline: every script, style and icon comes from this server."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

ASSET = re.compile(r'(?:src|href)="([^"]+)"')


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_load_nothing_from_other_hosts(empty_client: TestClient, page: str) -> None:
    response = empty_client.get(page)
    assert response.status_code == 200
    html = response.text
    assert "cdn" not in html.lower()
    assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]", html, re.IGNORECASE)
    assets = ASSET.findall(html)
    assert assets, "expected the page to reference its scripts"
    for asset in assets:
        assert asset.startswith("/"), asset
        assert empty_client.get(asset).status_code == 200, asset


def test_openapi_json_is_served(empty_client: TestClient) -> None:
    spec = empty_client.get("/openapi.json").json()
    assert spec["info"]["title"] == "article-facts"
    assert "/timelines/troop-levels" in spec["paths"]
