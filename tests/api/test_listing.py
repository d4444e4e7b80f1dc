"""The one list path: every filter, every documented sort, cursors under each sort, `fields`
and `total`, checked against the facts in `corpus.py`."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient

from app.partial_date import PartialDate

from .corpus import corpus

Item = dict[str, Any]
SortKeyOf = Callable[[Item], tuple[Any, ...]]


def _first_day(date: str | None) -> tuple[bool, str]:
    """Undated first, then by the first day the partial date can mean."""
    return (date is not None, PartialDate.parse(date).first_day().isoformat() if date else "")


_ENTITY_SORTS: dict[str, SortKeyOf] = {
    "id": lambda e: (e["id"],),
    "name": lambda e: (e["name"].casefold(), e["id"]),
    "mention_count": lambda e: (e["mention_count"], e["id"]),
    "article_count": lambda e: (e["article_count"], e["id"]),
}
SORTS: dict[str, dict[str, SortKeyOf]] = {
    "/articles": {
        "id": lambda a: (a["id"],),
        "published": lambda a: (*_first_day(a["published_date"]), a["ingested_at"]),
        "ingested": lambda a: (a["ingested_at"],),
    },
    "/people": _ENTITY_SORTS,
    "/organisations": _ENTITY_SORTS,
    "/places": _ENTITY_SORTS,
    "/quotes": {
        "id": lambda q: (q["id"],),
        "article": lambda q: (q["article"], q["start"], q["id"]),
    },
    "/figures": {
        "id": lambda f: (f["id"],),
        "value": lambda f: (f["value"], f["id"]),
        "article": lambda f: (f["article"], f["start"], f["id"]),
    },
    "/timelines/troop-levels": {
        "force": lambda s: (s["force"], s["location"] or ""),
        "location": lambda s: (s["location"] or "", s["force"]),
    },
}
"""How each documented sort orders items, read back from the items themselves."""

SORT_CASES = [
    (route, f"{direction}{name}")
    for route, sorts in SORTS.items()
    for name in sorts
    for direction in ("", "-")
]


def items_of(client: TestClient, url: str, **params: Any) -> list[Item]:
    response = client.get(url, params=params or None)  # `params={}` would drop url's query
    assert response.status_code == 200, response.text
    return response.json()["items"]


def every_page(client: TestClient, url: str, **params: Any) -> list[list[Item]]:
    """Follow `next` from the first page to the last."""
    pages, cursor = [], None
    while True:
        query = params if cursor is None else {**params, "cursor": cursor}
        body = client.get(url, params=query).json()
        pages.append(body["items"])
        cursor = body["next"]
        if cursor is None:
            return pages


def ids(items: list[Item]) -> list[Any]:
    return [item["id"] for item in items]


# What the corpus holds, in the order it is stored (fact ids count from 1 in that order).
ARTICLES = [article for article, _ in corpus()]
FACTS = [facts for _, facts in corpus()]
QUOTES = [(facts.id, quote) for facts in FACTS for quote in facts.quotes]
FIGURES = [(facts.id, figure) for facts in FACTS for figure in facts.figures]
TROOP_LEVELS = [level for facts in FACTS for level in facts.troop_levels]


def quote_ids(keep: Callable[[str, Any], bool]) -> list[int]:
    return [number for number, (article, q) in enumerate(QUOTES, 1) if keep(article, q)]


def figure_ids(keep: Callable[[str, Any], bool]) -> list[int]:
    return [number for number, (article, f) in enumerate(FIGURES, 1) if keep(article, f)]


def article_ids(keep: Callable[[Any], bool]) -> list[str]:
    return sorted(article.id for article in ARTICLES if keep(article))


LOPEZ, ACCORD, UN = (article.id for article in ARTICLES)
USEFUL = QUOTES[1][1].text  # "the talks were useful"


# Every documented sort


def test_every_documented_sort_is_tested(read_only_client: TestClient) -> None:
    paths = read_only_client.get("/openapi.json").json()["paths"]
    for route, sorts in SORTS.items():
        sort = next(p for p in paths[route]["get"]["parameters"] if p["name"] == "sort")
        documented = set(sort["schema"]["enum"])
        assert documented == {f"{d}{name}" for name in sorts for d in ("", "-")}, route


@pytest.mark.parametrize(("route", "sort"), SORT_CASES)
def test_a_sort_orders_the_items(read_only_client: TestClient, route: str, sort: str) -> None:
    items = items_of(read_only_client, route, sort=sort)
    assert len(items) >= 2
    key = SORTS[route][sort.removeprefix("-")]
    assert items == sorted(items, key=key, reverse=sort.startswith("-"))


@pytest.mark.parametrize(("route", "sort"), SORT_CASES)
def test_a_cursor_round_trip_covers_every_item_once(
    read_only_client: TestClient, route: str, sort: str
) -> None:
    whole = items_of(read_only_client, route, sort=sort)
    pages = every_page(read_only_client, route, sort=sort, limit=1)
    assert all(len(page) == 1 for page in pages)
    assert [item for page in pages for item in page] == whole


def test_sorts_really_differ(read_only_client: TestClient) -> None:
    """The figures' values are not in id order, so `value` is seen to reorder."""
    by_id = ids(items_of(read_only_client, "/figures", sort="id"))
    by_value = [n for n, _ in sorted(enumerate(FIGURES, 1), key=lambda f: f[1][1].value)]
    assert ids(items_of(read_only_client, "/figures", sort="value")) == by_value != by_id


@pytest.mark.parametrize("route", list(SORTS))
@pytest.mark.parametrize("format", ["json", "csv", "ndjson"])
def test_a_cursor_from_another_sort_is_a_400_problem(
    read_only_client: TestClient, route: str, format: str
) -> None:
    first, second = list(SORTS[route])[:2]
    cursor = read_only_client.get(route, params={"sort": first, "limit": 1}).json()["next"]
    for sort in (second, f"-{first}"):
        response = read_only_client.get(
            route, params={"sort": sort, "cursor": cursor, "format": format}
        )
        assert response.status_code == 400, (sort, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert "cursor" in response.json()["detail"]


# Every filter


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("name=lopez", ["maria-lopez"]),
        ("organisation=united-nations", ["carlos-smith"]),
        ("organisation=eastland", ["maria-lopez"]),  # part of the name
        ("organisation=nobody", []),
        (f"article={ACCORD}", ["jane-smith", "maria-lopez"]),
        (f"article={UN}", []),
        ("name=smith&organisation=united", ["carlos-smith"]),
    ],
)
def test_people_filters(read_only_client: TestClient, query: str, expected: list[str]) -> None:
    assert ids(items_of(read_only_client, f"/people?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("name=nations", ["united-nations"]),
        ("person=carlos-smith", ["united-nations"]),
        ("person=lopez", ["eastland-army"]),  # part of the name
        ("person=jane-smith", []),
        (f"article={LOPEZ}", ["eastland-army", "united-nations"]),
        (f"article={ACCORD}", []),
    ],
)
def test_organisation_filters(
    read_only_client: TestClient, query: str, expected: list[str]
) -> None:
    assert ids(items_of(read_only_client, f"/organisations?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("name=NORTH", ["northbridge"]),
        (f"article={ACCORD}", ["northbridge", "southport"]),
        (f"article={UN}", ["southport"]),
        (f"article={UN}&name=north", []),
    ],
)
def test_place_filters(read_only_client: TestClient, query: str, expected: list[str]) -> None:
    assert ids(items_of(read_only_client, f"/places?{query}")) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"speaker": "carlos-smith"}, quote_ids(lambda _, q: q.speaker == "Carlos Smith")),
        ({"article": LOPEZ}, quote_ids(lambda article, _: article == LOPEZ)),
        ({"kind": "partial"}, quote_ids(lambda _, q: q.kind == "partial")),
        ({"kind": "direct"}, quote_ids(lambda _, q: q.kind == "direct")),
        ({"q": f'"{USEFUL}"'}, quote_ids(lambda _, q: q.text == USEFUL)),  # a phrase
        ({"q": '"useful talks"'}, []),  # a phrase keeps its word order
        ({"q": "Northbr*"}, quote_ids(lambda _, q: "Northbridge" in q.text)),  # a prefix
        ({"q": "fresh", "speaker": "smith"}, quote_ids(lambda _, q: "fresh" in q.text)),
    ],
)
def test_quote_filters(
    read_only_client: TestClient, params: dict[str, str], expected: list[int]
) -> None:
    assert ids(items_of(read_only_client, "/quotes", **params)) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"unit": "USD"}, figure_ids(lambda _, f: f.unit == "USD")),
        ({"unit": "count"}, figure_ids(lambda _, f: f.unit == "count")),
        ({"unit": "percent"}, []),
        ({"article": ACCORD}, figure_ids(lambda article, _: article == ACCORD)),
        (
            {"article": LOPEZ, "unit": "USD"},
            figure_ids(lambda a, f: a == LOPEZ and f.unit == "USD"),
        ),
    ],
)
def test_figure_filters(
    read_only_client: TestClient, params: dict[str, str], expected: list[int]
) -> None:
    assert ids(items_of(read_only_client, "/figures", **params)) == expected


def _published_after(day: str) -> Callable[[Any], bool]:
    bound = PartialDate.parse(day).first_day()
    return lambda a: a.published is not None and a.published.last_day() >= bound


def _published_before(day: str) -> Callable[[Any], bool]:
    bound = PartialDate.parse(day).last_day()
    return lambda a: a.published is not None and a.published.first_day() <= bound


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # Inclusive bounds over partial dates: a "2021-06" article is published after 2021-06-15.
        ({"published_after": "2021-06-15"}, article_ids(_published_after("2021-06-15"))),
        ({"published_after": "2021-03-04"}, article_ids(_published_after("2021-03-04"))),
        ({"published_after": "2021-03-05"}, article_ids(_published_after("2021-03-05"))),
        ({"published_before": "2021-03"}, article_ids(_published_before("2021-03"))),
        ({"published_before": "2021"}, article_ids(_published_before("2021"))),
        ({"published_before": "2020"}, []),
        (
            {"published_after": "2021-04", "published_before": "2021-06-01"},
            article_ids(
                lambda a: _published_after("2021-04")(a) and _published_before("2021-06-01")(a)
            ),
        ),
        ({"source": "EASTLAND HERALD"}, article_ids(lambda a: a.source == "Eastland Herald")),
        ({"source": "Eastland"}, []),  # the exact source, not part of it
        ({"q": "accord"}, article_ids(lambda a: "accord" in a.text)),
        ({"q": "Westl*"}, article_ids(lambda a: "Westland" in a.text)),
        ({"q": '"fresh start"', "published_after": "2021"}, [ACCORD]),
    ],
)
def test_article_filters(
    read_only_client: TestClient, params: dict[str, str], expected: list[str]
) -> None:
    assert ids(items_of(read_only_client, "/articles", **params)) == expected


def troop_counts(date_from: str | None, date_to: str | None) -> dict[str, list[int]]:
    """The counts an inclusive overlap of [from, to] keeps, by force, earliest first."""
    low = PartialDate.parse(date_from).first_day() if date_from else None
    high = PartialDate.parse(date_to).last_day() if date_to else None
    kept: dict[str, list[tuple[Any, int]]] = {}
    for level in TROOP_LEVELS:
        date = PartialDate.parse(level.date)
        if (low is None or date.last_day() >= low) and (high is None or date.first_day() <= high):
            kept.setdefault(level.force, []).append((date.first_day(), level.count))
    return {force: [count for _, count in sorted(points)] for force, points in sorted(kept.items())}


@pytest.mark.parametrize(
    ("date_from", "date_to"),
    [
        ("2021-05", None),
        ("2021-05-31", None),  # the last day of a month-precision point still overlaps
        ("2021-06", None),
        (None, "2020"),
        (None, "2021-04-01"),  # the first day of "2021-04"
        ("2020-12-31", "2021-04-30"),
        ("2021", "2021"),
        ("2019", "2019-12-31"),
    ],
)
def test_timeline_date_bounds_overlap_inclusively(
    read_only_client: TestClient, date_from: str | None, date_to: str | None
) -> None:
    params = {key: value for key, value in (("from", date_from), ("to", date_to)) if value}
    series = items_of(read_only_client, "/timelines/troop-levels", **params)
    got = {s["force"]: [p["count"] for p in s["points"]] for s in series}
    assert got == troop_counts(date_from, date_to)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"force": "Eastland Army"}, {"Eastland Army": [3000, 2500]}),
        ({"location": "Southport"}, {"Westland Army": [1200]}),
        ({"status": "planned"}, {"Eastland Army": [2500]}),
        ({"status": "reported", "from": "2021"}, {"Eastland Army": [3000]}),
        ({"force": "Eastland Army", "to": "2021-04"}, {"Eastland Army": [3000]}),
    ],
)
def test_timeline_filters(
    read_only_client: TestClient, params: dict[str, str], expected: dict[str, list[int]]
) -> None:
    series = items_of(read_only_client, "/timelines/troop-levels", **params)
    assert {s["force"]: [p["count"] for p in s["points"]] for s in series} == expected


@pytest.mark.parametrize(
    ("route", "parameter", "value"),
    [
        ("/timelines/troop-levels", "from", "2021-13"),
        ("/timelines/troop-levels", "to", "2021-02-30"),
        ("/timelines/troop-levels", "from", "spring"),
        ("/articles", "published_after", "2021-00"),
        ("/articles", "published_before", "21-03-04"),
    ],
)
def test_a_bad_date_is_a_422_problem_naming_the_parameter(
    read_only_client: TestClient, route: str, parameter: str, value: str
) -> None:
    response = read_only_client.get(route, params={parameter: value})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert [error["parameter"] for error in problem["errors"]] == [parameter]
    assert f"`{parameter}`" in problem["detail"]


# fields= and total=


FIELDS = {
    "/articles": ["id", "published_date"],
    "/people": ["name", "aliases"],
    "/organisations": ["id", "mention_count"],
    "/places": ["article_count"],
    "/quotes": ["id", "speaker_mention"],
    "/figures": ["value", "unit"],
    "/timelines/troop-levels": ["force", "location"],
}
CSV_COLUMNS = {
    "/quotes": [
        "id",
        "speaker_mention.start",
        "speaker_mention.end",
        "speaker_mention.text",
    ],
    "/people": ["name", "aliases"],
}


@pytest.mark.parametrize("route", list(FIELDS))
def test_fields_keeps_only_the_named_fields(read_only_client: TestClient, route: str) -> None:
    fields = FIELDS[route]
    whole = items_of(read_only_client, route)
    picked = items_of(read_only_client, route, fields=",".join(reversed(fields)))
    assert picked == [{name: item[name] for name in fields} for item in whole]

    ndjson = read_only_client.get(route, params={"fields": ",".join(fields), "format": "ndjson"})
    assert [orjson.loads(line) for line in ndjson.text.splitlines()] == picked

    text = read_only_client.get(route, params={"fields": ",".join(fields), "format": "csv"}).text
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header == CSV_COLUMNS.get(route, fields)
    assert len(rows) == len(whole)


@pytest.mark.parametrize("route", list(FIELDS))
@pytest.mark.parametrize("format", ["json", "csv", "ndjson"])
def test_an_unknown_field_is_a_422_problem(
    read_only_client: TestClient, route: str, format: str
) -> None:
    fields = f"{FIELDS[route][0]},colour"
    response = read_only_client.get(route, params={"fields": fields, "format": format})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["errors"][0]["parameter"] == "fields"
    assert "'colour'" in problem["errors"][0]["detail"]


@pytest.mark.parametrize(
    ("route", "params"),
    [
        *((route, {}) for route in SORTS),
        ("/people", {"name": "smith"}),
        ("/quotes", {"kind": "indirect"}),
        ("/figures", {"unit": "percent"}),
        ("/timelines/troop-levels", {"status": "reported"}),
    ],
)
def test_total_counts_every_item_across_pages(
    read_only_client: TestClient, route: str, params: dict[str, str]
) -> None:
    body = read_only_client.get(route, params={**params, "limit": 1, "total": "true"}).json()
    pages = every_page(read_only_client, route, **params, limit=1)
    assert body["total"] == sum(len(page) for page in pages)
    assert "total" not in read_only_client.get(route, params=params).json()
