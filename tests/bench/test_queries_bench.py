"""bench/queries.py: every route, filter, filter value and sort the API documents is
timed, answers 200 and finds rows; the table and summary report what was measured.

"Documented" is read from the app's OpenAPI schema (what /docs shows), so a filter
added to a route without a probe here fails this test. SQLite only, on a small
database filled once by bench/filldb.py: this checks the benchmark, not the store.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from app.api.main import create_app
from app.config import Settings
from bench.filldb import fill
from bench.queries import TARGET_MS, Timing, main, summary, table

ARTICLES = 200
"""Enough for a second page of every list (more than 50 places and timeline series)."""
SHARED = {"limit", "fields", "format", "cursor", "total"}
"""Parameters of every list rather than filters of one; `cursor` and `total` checked apart."""
EMPTY_IN_SYNTHETIC_DATA = {("/quotes", "kind", "partial")}
"""bench/_synthetic.py writes direct and indirect quotes only."""


@pytest.fixture(scope="module")
def filled_url(migrated_database: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("queries") / "bench.db"
    shutil.copyfile(migrated_database, path)
    url = f"sqlite:///{path}"
    fill(url, ARTICLES, seed=1)
    return url


@pytest.fixture(scope="module")
def records(filled_url: str) -> list[dict[str, Any]]:
    """What `bench/queries.py --repeat 2 --json` prints."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        main(["--database-url", filled_url, "--repeat", "2", "--json"])
    return json.loads(printed.getvalue())


def documented(filled_url: str) -> dict[str, list[dict[str, Any]]]:
    """Each GET route of the OpenAPI schema, `{name}` as `{id}`, with its query parameters."""
    schema = create_app(Settings(database_url=filled_url)).openapi()
    return {
        re.sub(r"\{\w+\}", "{id}", path): [
            parameter
            for parameter in operation["get"].get("parameters", [])
            if parameter["in"] == "query"
        ]
        for path, operation in schema["paths"].items()
        if "get" in operation
    }


def enum_of(parameter: dict[str, Any]) -> list[str]:
    schema = parameter["schema"]
    for option in [schema, *schema.get("anyOf", [])]:
        if "enum" in option:
            return option["enum"]
    return []


def test_every_documented_route_filter_value_and_sort_is_timed(
    filled_url: str, records: list[dict[str, Any]]
) -> None:
    by_route: dict[str, list[dict[str, str]]] = {}
    for record in records:
        by_route.setdefault(record["route"], []).append(record["params"])
    routes = documented(filled_url)
    assert sorted(by_route) == sorted(routes)
    for route, parameters in routes.items():
        timed = by_route[route]
        required = {p["name"] for p in parameters if p.get("required")}
        alone = [set(params) - required for params in timed]
        assert set() in alone, f"{route}: no URL without filters"
        for parameter in parameters:
            name = parameter["name"]
            if name in SHARED:
                continue
            assert {name} in alone or name in required, f"{route}: no URL with `{name}` alone"
            values = {params[name] for params in timed if name in params}
            missing = set(enum_of(parameter)) - values
            assert not missing, f"{route}: `{name}` never {missing}"
        if any(p["name"] == "cursor" for p in parameters):
            assert any("cursor" in params for params in timed), f"{route}: no second page"
            assert {"total"} in alone and any(params.get("total") == "true" for params in timed), (
                f"{route}: no total=true"
            )


def test_every_url_answered_200_with_rows_and_timings(records: list[dict[str, Any]]) -> None:
    assert len(records) > 100
    for record in records:
        assert record["status"] == 200, record["url"]
        assert record["repeat"] == 2
        assert 0 < record["p50_ms"] <= record["p99_ms"] <= record["max_ms"], record["url"]
        if record["route"] == "/timelines/troop-levels.svg":
            assert record["rows"] is None
            continue
        expected_empty = any(
            (record["route"], name, value) in EMPTY_IN_SYNTHETIC_DATA
            for name, value in record["params"].items()
        )
        if expected_empty:
            assert record["rows"] == 0, record["url"]
        else:
            assert record["rows"], f"{record['url']} found nothing"


def test_name_filters_are_timed_with_and_without_trigrams(records: list[dict[str, Any]]) -> None:
    for route, name in [
        ("/people", "name"),
        ("/people", "organisation"),
        ("/organisations", "name"),
        ("/organisations", "person"),
        ("/places", "name"),
        ("/quotes", "speaker"),
    ]:
        lengths = {
            len(record["params"][name])
            for record in records
            if record["route"] == route and name in record["params"]
        }
        assert 2 in lengths and max(lengths) >= 3, (route, name, lengths)


def test_the_table_has_a_row_per_url_and_the_summary_names_the_worst(
    records: list[dict[str, Any]],
) -> None:
    timings = [Timing(**record) for record in records]
    slowest = max(timings, key=lambda timing: timing.p99_ms)
    lines = table(timings).splitlines()
    assert lines[0] == "| URL | p50 ms | p99 ms | rows |"
    assert len(lines) == 2 + len(timings)
    assert not any("cursor=" in line and "cursor=(next)" not in line for line in lines)
    line = summary(timings, 2)
    assert line.startswith(f"{len(timings)} URLs, 2 requests each: worst p99 ")
    assert f"{slowest.p99_ms:.1f} ms" in line
    over = sum(timing.p99_ms > TARGET_MS for timing in timings)
    assert line.endswith(f"; {over} over {TARGET_MS:.0f} ms")


def test_route_times_only_the_routes_it_starts(filled_url: str) -> None:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        main(["--database-url", filled_url, "--repeat", "1", "--json", "--route", "/timelines"])
    routes = {record["route"] for record in json.loads(printed.getvalue())}
    assert routes == {"/timelines/troop-levels", "/timelines/troop-levels.svg"}
    with pytest.raises(
        SystemExit,
        match=r"no probed route starts with '/nowhere'; the routes are: .*/timelines/troop-levels",
    ):
        main(["--database-url", filled_url, "--route", "/nowhere"])
