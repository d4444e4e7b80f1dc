from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from .corpus import LOPEZ_TEXT


def test_list_articles_without_text(client: TestClient) -> None:
    body = client.get("/articles").json()
    assert [item["id"] for item in body["items"]] == [
        "lopez-meets-un-envoys",
        "smith-and-lopez-sign-accord",
        "un-counts-westland-troops",
    ]
    first = body["items"][0]
    assert "text" not in first
    assert first["published_date"] == "2021-03-04"
    assert first["published_precision"] == "day"
    assert first["ingested_at"].endswith("Z") or first["ingested_at"].endswith("+00:00")
    assert body["next"] is None


def test_article_detail_has_text_and_every_fact(client: TestClient) -> None:
    response = client.get("/articles/lopez-meets-un-envoys")
    assert response.status_code == 200
    article = response.json()
    assert article["text"] == LOPEZ_TEXT
    assert [p["id"] for p in article["people"]] == ["carlos-smith", "maria-lopez"]
    assert [o["id"] for o in article["organisations"]] == ["eastland-army", "united-nations"]
    assert [p["id"] for p in article["places"]] == ["northbridge"]
    lopez = article["people"][1]
    assert [m["text"] for m in lopez["mentions"]] == ["Gen Maria Lopez", "Lopez"]
    assert lopez["role_mentions"][0]["role"] == "chief"
    assert len(article["quotes"]) == 2
    assert article["quotes"][0]["speaker_id"] == "maria-lopez"
    assert [f["unit"] for f in article["figures"]] == ["count", "USD"]
    assert [d["value"] for d in article["dates"]] == ["2021-03-04", "2021-05"]
    assert article["troop_levels"][0]["sentence"]["text"].startswith('"We will keep')


def spans(value: Any) -> list[dict[str, Any]]:
    """Every object with start, end and text anywhere inside `value`."""
    if isinstance(value, list):
        return [found for item in value for found in spans(item)]
    if not isinstance(value, dict):
        return []
    found = [value] if {"start", "end", "text"} <= value.keys() else []
    return found + [inner for item in value.values() for inner in spans(item)]


def test_every_fact_quotes_the_article_text_exactly(client: TestClient) -> None:
    for item in client.get("/articles").json()["items"]:
        article = client.get(f"/articles/{item['id']}").json()
        facts = {key: article[key] for key in article if key != "text"}
        found = spans(facts)
        assert found, item["id"]
        for fact in found:
            assert article["text"][fact["start"] : fact["end"]] == fact["text"]


def test_unknown_article_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/articles/no-such-article")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "no article with id 'no-such-article'; list articles at /articles",
        "instance": "/articles/no-such-article",
    }
