"""CSV and NDJSON on every list route: negotiation, RFC 4180 round trips, flattened
columns, and streaming every matching item (not one JSON page) from a cursor on."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from app.api import listing
from app.api.main import create_app
from app.config import Settings
from app.extract.schema import ArticleFacts, Figure, Quote, Span
from app.ingest.article import RawArticle
from app.store.db import open_session
from app.store.writer import save_article

from .conftest import store_corpus
from .corpus import corpus

LIST_ROUTES = [
    "/articles",
    "/people",
    "/organisations",
    "/places",
    "/quotes",
    "/figures",
    "/timelines/troop-levels",
]
Item = dict[str, Any]


def parse_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def parse_ndjson(text: str) -> list[Item]:
    assert text.endswith("\n")
    return [orjson.loads(line) for line in text.split("\n")[:-1]]


def json_items(client: TestClient, route: str, **params: Any) -> list[Item]:
    response = client.get(route, params={**params, "limit": 500})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def flat(value: Item, prefix: str = "") -> dict[str, str]:
    """A JSON item as the CSV promises it: nested objects as `parent.child` columns,
    lists of plain values `; `-joined, lists of objects as JSON, null as empty."""
    cells: dict[str, str] = {}
    for name, item in value.items():
        if isinstance(item, dict):
            cells.update(flat(item, f"{prefix}{name}."))
        elif isinstance(item, list) and any(isinstance(e, dict) for e in item):
            cells[f"{prefix}{name}"] = orjson.dumps(item).decode()
        elif isinstance(item, list):
            cells[f"{prefix}{name}"] = "; ".join(str(e) for e in item)
        else:
            cells[f"{prefix}{name}"] = "" if item is None else str(item)
    return cells


def expected_rows(route: str, items: list[Item]) -> list[dict[str, str]]:
    if route != "/timelines/troop-levels":
        return [flat(item) for item in items]
    rows = []
    for series in items:
        parent = flat({key: value for key, value in series.items() if key != "points"})
        rows.extend(parent | flat(point) for point in series["points"])
    return rows


# Negotiation


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_csv_by_parameter_or_accept_header(read_only_client: TestClient, route: str) -> None:
    by_parameter = read_only_client.get(route, params={"format": "csv"})
    by_header = read_only_client.get(route, headers={"Accept": "text/csv"})
    for response in (by_parameter, by_header):
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert by_parameter.text == by_header.text
    assert by_parameter.text.split("\r\n", 1)[0].split(",")[0] in ("id", "force")


@pytest.mark.parametrize("route", LIST_ROUTES)
@pytest.mark.parametrize("accept", ["application/x-ndjson", "application/ndjson"])
def test_ndjson_by_parameter_or_accept_header(
    read_only_client: TestClient, route: str, accept: str
) -> None:
    by_parameter = read_only_client.get(route, params={"format": "ndjson"})
    by_header = read_only_client.get(route, headers={"Accept": accept})
    for response in (by_parameter, by_header):
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/x-ndjson"
    assert parse_ndjson(by_parameter.text) == json_items(read_only_client, route)
    assert by_header.text == by_parameter.text


def test_format_wins_over_accept_and_json_is_the_default(read_only_client: TestClient) -> None:
    csv_asked = read_only_client.get("/people?format=json", headers={"Accept": "text/csv"})
    assert csv_asked.headers["content-type"] == "application/json"
    html_asked = read_only_client.get("/people", headers={"Accept": "text/html, text/csv;q=0.5"})
    assert html_asked.headers["content-type"] == "text/csv; charset=utf-8"
    anything = read_only_client.get("/people", headers={"Accept": "*/*"})
    assert anything.headers["content-type"] == "application/json"


def test_an_unsupported_format_is_a_422_problem(read_only_client: TestClient) -> None:
    response = read_only_client.get("/articles?format=xml")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["parameter"] == "format"


# CSV shape


@pytest.mark.parametrize("route", LIST_ROUTES)
def test_csv_has_one_row_per_item_with_nested_values_flattened(
    read_only_client: TestClient, route: str
) -> None:
    text = read_only_client.get(route, params={"format": "csv"}).text
    assert text.endswith("\r\n")
    rows = parse_csv(text)
    assert rows == expected_rows(route, json_items(read_only_client, route))


def test_quote_csv_columns_flatten_the_mentions(read_only_client: TestClient) -> None:
    rows = parse_csv(read_only_client.get("/quotes?format=csv").text)
    _, facts = corpus()[0]
    first = facts.quotes[0]
    assert first.speaker_mention is not None
    assert rows[0]["speaker_mention.start"] == str(first.speaker_mention.start)
    assert rows[0]["speaker_mention.text"] == first.speaker_mention.text
    assert rows[0]["text"] == first.text  # "2,500" keeps its comma inside quotes


def test_a_timeline_csv_has_one_row_per_point(read_only_client: TestClient) -> None:
    rows = parse_csv(read_only_client.get("/timelines/troop-levels?format=csv").text)
    levels = [level for _, facts in corpus() for level in facts.troop_levels]
    assert sorted((row["force"], int(row["count"]), row["date"]) for row in rows) == sorted(
        (level.force, level.count, level.date) for level in levels
    )
    assert "points" not in rows[0]
    assert {"source.article", "source.sentence.text", "date_start"} <= rows[0].keys()


TRICKY_QUOTE = 'Dock 4, the "east" berth,\nstays shut'
TRICKY_TEXT = f'The Port Authority said: "{TRICKY_QUOTE}." Crews went home.'


def tricky_article() -> tuple[RawArticle, ArticleFacts]:
    start = TRICKY_TEXT.index(TRICKY_QUOTE)
    span = Span(start=start, end=start + len(TRICKY_QUOTE))
    quote = Quote(
        **span.model_dump(),
        text=TRICKY_QUOTE,
        segments=[span],
        kind="direct",
        speaker="Port Authority",
        speaker_mention=None,
        cue=None,
    )
    article_id = "port-authority-shuts-dock-4"
    facts = ArticleFacts(id=article_id, quotes=[quote])
    return RawArticle(id=article_id, text=TRICKY_TEXT, title='Dock "4", shut'), facts


def test_commas_quotes_and_newlines_survive_a_csv_round_trip(
    database_url: str, client: TestClient
) -> None:
    article, facts = tricky_article()
    with open_session(database_url) as session:
        assert save_article(session, article, facts)
        session.commit()
    response = client.get("/quotes", params={"format": "csv", "article": article.id})
    assert '"Dock 4, the ""east"" berth,\nstays shut"' in response.text  # RFC 4180 quoting
    (row,) = parse_csv(response.text)
    assert row["text"] == TRICKY_QUOTE
    assert TRICKY_TEXT[int(row["start"]) : int(row["end"])] == TRICKY_QUOTE
    (title_row,) = parse_csv(client.get("/articles?format=csv&q=crews").text)
    assert title_row["title"] == article.title


# Streaming every matching item

MANY = 120
"""Figures in the generated article: more than one JSON page (50) of them."""


def many_figures_article() -> tuple[RawArticle, ArticleFacts]:
    sentences = [f"Pier {n} held {n + 1} boats." for n in range(MANY)]
    text = " ".join(sentences)
    figures, offset = [], 0
    for n, sentence in enumerate(sentences):
        phrase = f"{n + 1} boats"
        start = offset + sentence.index(phrase)
        figures.append(
            Figure(
                start=start,
                end=start + len(phrase),
                text=phrase,
                value=n + 1,
                unit="count",
                object="boats",
            )
        )
        offset += len(sentence) + 1
    article_id = "harbour-boat-census"
    return RawArticle(id=article_id, text=text), ArticleFacts(id=article_id, figures=figures)


@pytest.fixture(scope="module")
def many_client(
    tmp_path_factory: pytest.TempPathFactory, migrated_database: Path
) -> Iterator[TestClient]:
    """The corpus and one article with MANY figures, stored once for this module."""
    path = tmp_path_factory.mktemp("many") / "facts.db"
    shutil.copyfile(migrated_database, path)
    database_url = f"sqlite:///{path}"
    store_corpus(database_url)
    with open_session(database_url) as session:
        assert save_article(session, *many_figures_article())
        session.commit()
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        yield client


def every_json_item(client: TestClient, url: str) -> list[Item]:
    items: list[Item] = []
    while url:
        body = client.get(url).json()
        items.extend(body["items"])
        url = body["next_url"]
    return items


@pytest.fixture(scope="module")
def all_figures(many_client: TestClient) -> list[Item]:
    figures = every_json_item(many_client, "/figures")
    assert len(figures) > listing.DEFAULT_LIMIT
    return figures


@pytest.mark.parametrize("batch", [listing.STREAM_BATCH, 7])
def test_without_limit_every_matching_item_streams(
    many_client: TestClient,
    all_figures: list[Item],
    batch: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Small batches check the stream carries on from batch to batch without a gap."""
    monkeypatch.setattr(listing, "STREAM_BATCH", batch)
    ndjson = parse_ndjson(many_client.get("/figures?format=ndjson").text)
    assert ndjson == all_figures
    rows = parse_csv(many_client.get("/figures?format=csv").text)
    assert rows == expected_rows("/figures", all_figures)
    boats = parse_ndjson(many_client.get("/figures?format=ndjson&sort=-value&unit=count").text)
    counted = [figure for figure in all_figures if figure["unit"] == "count"]
    assert boats == sorted(counted, key=lambda f: (f["value"], f["id"]), reverse=True)


@pytest.mark.parametrize("limit", [1, 10, listing.DEFAULT_LIMIT + 1, 500])
def test_limit_caps_the_stream(
    many_client: TestClient, all_figures: list[Item], limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listing, "STREAM_BATCH", 7)
    ndjson = parse_ndjson(many_client.get(f"/figures?format=ndjson&limit={limit}").text)
    assert ndjson == all_figures[:limit]
    rows = parse_csv(many_client.get(f"/figures?format=csv&limit={limit}").text)
    assert len(rows) == min(limit, len(all_figures))


def test_a_stream_starts_after_the_cursor(many_client: TestClient, all_figures: list[Item]) -> None:
    first_page = many_client.get("/figures").json()
    cursor = first_page["next"]
    rest = parse_ndjson(
        many_client.get("/figures", params={"format": "ndjson", "cursor": cursor}).text
    )
    assert rest == all_figures[len(first_page["items"]) :]
    rows = parse_csv(
        many_client.get("/figures", params={"format": "csv", "cursor": cursor, "limit": 3}).text
    )
    assert [int(row["id"]) for row in rows] == [f["id"] for f in rest[:3]]
