"""Every list route pages the same way: `limit`, an opaque `cursor`, `{items, next, next_url}`."""

from __future__ import annotations

import base64

import pytest
from fastapi.testclient import TestClient

LIST_ROUTES = [
    "/articles",
    "/people",
    "/organisations",
    "/places",
    "/quotes",
    "/figures",
    "/timelines/troop-levels",
]


def all_pages(client: TestClient, url: str) -> list[list]:
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"items", "next", "next_url"}
        pages.append(body["items"])
        if body["next"] is not None:
            assert response.headers["link"] == f'<{body["next_url"]}>; rel="next"'
            assert f"cursor={body['next']}" in body["next_url"]
        url = body["next_url"]
    return pages


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_pages_of_one_add_up_to_the_whole_list(client: TestClient, route: str) -> None:
    whole = client.get(route).json()["items"]
    pages = all_pages(client, f"{route}?limit=1")
    assert all(len(page) == 1 for page in pages)
    assert [item for page in pages for item in page] == whole


def test_next_url_keeps_the_filters(client: TestClient) -> None:
    pages = all_pages(client, "/quotes?kind=indirect&limit=1")
    assert [page[0]["id"] for page in pages] == [2, 4]


def test_the_last_page_has_no_next(client: TestClient) -> None:
    response = client.get("/people?limit=500")
    assert response.json()["next"] is None
    assert response.json()["next_url"] is None
    assert "link" not in response.headers


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor!",
        "%%%",
        "é",
        b64("not json"),
        b64("{}"),
        b64("[]"),
        b64('"carlos-smith"'),
        b64("[1]"),  # a quote cursor given to people
        b64('["a", "b"]'),
        b64("[null]"),
    ],
)
def test_a_tampered_cursor_is_a_400_problem(empty_client: TestClient, cursor: str) -> None:
    response = empty_client.get("/people", params={"cursor": cursor})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["title"] == "Bad Request"
    assert "cursor" in problem["detail"]


def test_a_cursor_from_another_list_is_refused(client: TestClient) -> None:
    quote_cursor = client.get("/quotes?limit=1").json()["next"]
    assert client.get("/people", params={"cursor": quote_cursor}).status_code == 400
    series_cursor = client.get("/timelines/troop-levels?limit=1").json()["next"]
    assert client.get("/figures", params={"cursor": series_cursor}).status_code == 400


@pytest.mark.parametrize("route", LIST_ROUTES)
@pytest.mark.parametrize("limit", ["0", "501", "-1", "ten"])
def test_a_bad_limit_is_a_422_problem_naming_the_parameter(
    empty_client: TestClient, route: str, limit: str
) -> None:
    response = empty_client.get(route, params={"limit": limit})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert problem["title"] == "Unprocessable Entity"
    assert "`limit`" in problem["detail"]
    assert [(e["parameter"], e["location"]) for e in problem["errors"]] == [("limit", "query")]
