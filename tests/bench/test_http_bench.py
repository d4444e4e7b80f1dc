"""bench/http_report.py: wrk's output read right, the table laid out, the ceiling replays bytes.

No wrk and no server here: the wrk output is a captured sample.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bench.ceiling import create_app, load_answers
from bench.http_report import (
    COLUMNS,
    Route,
    WrkResult,
    only_routes,
    our_row_count,
    parse_wrk,
    report,
    slug,
    table,
)

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:41235/people
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    14.61ms    3.02ms  52.18ms   89.45%
    Req/Sec     1.10k   102.33     1.25k    82.00%
  Latency Distribution
     50%   13.98ms
     75%   15.02ms
     90%   16.87ms
     99%   28.40ms
  10963 requests in 10.01s, 73.91MB read
Requests/sec:   1095.27
Transfer/sec:      7.38MB
"""

WRK_FAST_WITH_ERRORS = """\
Running 10s test @ http://127.0.0.1:41236/people
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.39ms  612.00us  11.20ms   93.10%
    Req/Sec    11.52k   800.11    12.40k    90.00%
  Latency Distribution
     50%  850.00us
     75%    1.30ms
     90%    1.90ms
     99%    1.02s
  115230 requests in 10.00s, 0.91GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  11520.61
Transfer/sec:     92.80MB
"""

ROUTES = [
    Route("/people", "/people", "/db.json?sql=select+1"),
    Route("/quotes?speaker=", "/quotes?speaker=lopez", "/db.json?sql=select+2"),
]


def test_parses_rate_and_percentiles_in_milliseconds() -> None:
    result = parse_wrk(WRK_OUTPUT)
    assert result == WrkResult(
        requests_per_second=1095.27, p50_ms=13.98, p99_ms=28.40, requests=10963, errors=0
    )


def test_converts_microseconds_and_seconds_and_counts_errors() -> None:
    result = parse_wrk(WRK_FAST_WITH_ERRORS)
    assert result.p50_ms == pytest.approx(0.85)
    assert result.p99_ms == pytest.approx(1020.0)
    assert result.errors == 2 + 1 + 4


def test_refuses_output_without_latency_distribution() -> None:
    without = "\n".join(line for line in WRK_OUTPUT.splitlines() if "%" not in line)
    with pytest.raises(ValueError, match="wrk --latency"):
        parse_wrk(without)


def test_table_has_the_columns_and_ratios() -> None:
    ours, fast = parse_wrk(WRK_OUTPUT), parse_wrk(WRK_FAST_WITH_ERRORS)
    results = {
        ("ours", "/people"): ours,
        ("uncached", "/people"): ours,
        ("ceiling", "/people"): fast,
        ("datasette", "/people"): ours,
    }
    lines = table(ROUTES, results).splitlines()
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == list(COLUMNS)
    assert header[:4] == ["route", "ours req/s", "p50", "p99"]
    assert lines[1] == "|" + "---|" * len(COLUMNS)
    row = dict(zip(header, (cell.strip() for cell in lines[2].strip("|").split("|")), strict=True))
    assert row["route"] == "`/people`"
    assert row["ours req/s"] == "1,095"
    assert row["p50"] == "14.0 ms"
    assert row["p99"] == "28.4 ms"
    assert row["ceiling req/s"] == "11,521 (7 errors)"
    assert row["ours/ceiling"] == "0.10"
    assert row["ours/datasette"] == "1.00"
    missing = [cell.strip() for cell in lines[3].strip("|").split("|")]
    assert missing[0] == "`/quotes?speaker=`"
    assert set(missing[1:]) == {"-"}


def test_report_reads_the_files_http_sh_writes(tmp_path: Path) -> None:
    (tmp_path / f"ours-{slug('/people')}.txt").write_text(WRK_OUTPUT)
    (tmp_path / "ours.rss").write_text("VmHWM:\t  102400 kB\n")
    text = report(ROUTES, tmp_path)
    assert "| `/people` | 1,095 | 14.0 ms | 28.4 ms |" in text
    assert text.rstrip().endswith("Peak server RSS (VmHWM): ours 100 MB")


def test_slugs_are_file_names() -> None:
    assert slug("/quotes?speaker=") == "quotes-speaker"
    assert slug("/articles/{id}") == "articles-id"


def test_row_counts_compare_with_datasette() -> None:
    page = json.dumps({"items": [{"id": 1}, {"id": 2}], "next": "x", "next_url": "u"})
    assert our_row_count(ROUTES[0], page.encode()) == 3
    timeline = json.dumps({"items": [{"points": [1, 2]}, {"points": [3]}], "next": None})
    assert our_row_count(Route("/timelines/troop-levels", "", ""), timeline.encode()) == 3


def test_ceiling_replays_the_exact_bytes(tmp_path: Path) -> None:
    body = '{"items":[{"name":"Zürich"}],"next":null}'.encode()
    replies = {
        "/quotes?speaker=lopez": {
            "content_type": "application/json",
            "body": base64.b64encode(body).decode(),
        }
    }
    path = tmp_path / "responses.json"
    path.write_text(json.dumps(replies))
    client = TestClient(create_app(load_answers(path)))
    answer = client.get("/quotes?speaker=lopez")
    assert answer.status_code == 200
    assert answer.content == body
    assert answer.headers["content-type"] == "application/json"
    assert client.get("/quotes?speaker=other").status_code == 404


def test_only_routes_keeps_the_named_routes_in_order_and_refuses_unknown_ones() -> None:
    assert only_routes(ROUTES, ["quotes-speaker", "people"]) == ROUTES
    assert only_routes(ROUTES, ["quotes-speaker"]) == ROUTES[1:]
    with pytest.raises(SystemExit, match="unknown route 'peopel'"):
        only_routes(ROUTES, ["peopel"])
