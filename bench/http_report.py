"""The Python half of bench/http.sh: routes to load, the bytes to replay, wrk's figures, the table.

    .venv/bin/python bench/http_report.py routes --database var/bench-1000.db --out routes.json
    .venv/bin/python bench/http_report.py fetch --base http://127.0.0.1:PORT --routes routes.json \
        --out responses.json
    .venv/bin/python bench/http_report.py check-datasette --base http://127.0.0.1:PORT \
        --routes routes.json --responses responses.json
    .venv/bin/python bench/http_report.py report --routes routes.json --results DIR

`routes` reads real ids, a speaker and search words from the database, so every URL
finds something, and writes for each route our URL and the Datasette `?sql=` URL that
asks SQLite for the same rows. `report` reads `DIR/{server}-{route}.txt` (wrk
`--latency` output) and `DIR/{server}.rss` and prints one markdown table.
Standard library only: it runs with any Python 3.11.
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import socket
import sqlite3
import sys
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlencode

SERVERS = ("ours", "uncached", "ceiling", "datasette")
"""`uncached` is our API with its response cache off: what the routes cost when they run."""
PAGE = 51
"""Our list pages read 50 items and one more to know whether there is a next page."""
WORD = re.compile(r"[a-z]{5,}")
TIMELINE_POINTS = 20
"""A timeline series holds its latest 20 points by default (`points=`)."""


@dataclass(frozen=True)
class Route:
    name: str
    """Short label for the table, e.g. `/quotes?speaker=`."""
    ours: str
    """Path and query on our API (and on the ceiling, which replays our bytes)."""
    datasette: str
    """Path and query on Datasette: the same rows through `?sql=`."""


# Picking the URLs


def article_count(database: Path) -> int:
    """Articles in `database`; 0 when it is missing or not filled yet (filldb resumes it)."""
    if not database.exists():
        return 0
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return connection.execute("select count(*) from article").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet
        return 0
    finally:
        connection.close()


def pick_routes(database: Path) -> list[Route]:
    """The benchmarked routes, with values taken from `database` so each one finds rows."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        speaker = _busiest_speaker_surname(connection)
        quote_word = _common_word(connection, "select text from quote order by id limit 2000")
        title_word = _common_word(connection, "select title from article order by seq limit 2000")
        article_id = connection.execute(
            "select id from article order by seq limit 1 offset (select count(*) / 2 from article)"
        ).fetchone()[0]
        detail_sql = _article_detail_sql(connection)
    finally:
        connection.close()
    name = database.stem
    return [
        Route("/people", "/people", _datasette(name, PEOPLE_SQL, {}, json_columns=PEOPLE_JSON)),
        Route(
            "/quotes?speaker=",
            _path("/quotes", speaker=speaker),
            _datasette(name, QUOTES_BY_SPEAKER_SQL, {"speaker": speaker}),
        ),
        Route(
            "/quotes?q=",
            _path("/quotes", q=quote_word),
            _datasette(name, QUOTES_MATCHING_SQL, {"q": quote_word}),
        ),
        Route(
            "/search?q=",
            _path("/search", q=title_word),
            _datasette(name, SEARCH_SQL, {"q": title_word}),
        ),
        Route(
            "/timelines/troop-levels",
            "/timelines/troop-levels",
            _datasette(name, TIMELINES_SQL, {}),
        ),
        Route(
            "/articles/{id}",
            f"/articles/{article_id}",
            _datasette(name, detail_sql, {"id": article_id}, json_columns=DETAIL_JSON),
        ),
    ]


def _busiest_speaker_surname(connection: sqlite3.Connection) -> str:
    """The last word of the name of the person quoted most: `?speaker=` takes part of a name."""
    row = connection.execute(
        "select e.name from quote q join entity e on e.id = q.speaker_entity_id "
        "where e.kind = 'person' group by e.id order by count(*) desc, e.id limit 1"
    ).fetchone()
    if row is None:
        raise SystemExit("the database has no attributed quotes: fill it with bench/filldb.py")
    return row[0].split()[-1].lower()


def _common_word(connection: sqlite3.Connection, sql: str) -> str:
    """The most frequent word of five letters or more in the rows of `sql`."""
    counts = Counter(
        word for (text,) in connection.execute(sql) for word in WORD.findall((text or "").lower())
    )
    if not counts:
        raise SystemExit("the database has no text to search: fill it with bench/filldb.py")
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


def _path(path: str, **query: str) -> str:
    return f"{path}?{urlencode(query)}"


def _datasette(
    database_name: str,
    sql: str,
    parameters: dict[str, str],
    *,
    json_columns: Iterable[str] = (),
) -> str:
    """A Datasette JSON URL: objects, with JSON-text columns nested as JSON (`_json=`)."""
    query = [("sql", " ".join(sql.split())), *parameters.items(), ("_shape", "array")]
    query += [("_json", column) for column in json_columns]
    return f"/{database_name}.json?{urlencode(query)}"


# The SQL Datasette runs: the rows our routes read, in one statement each.

PEOPLE_SQL = f"""
select e.id, e.name, e.mention_count, e.article_count,
  (select json_group_array(alias) from
    (select alias from entity_alias where entity_id = e.id order by alias)) as aliases,
  (select json_group_array(role) from
    (select distinct role from entity_role where entity_id = e.id order by role)) as roles
from entity e where e.kind = 'person' order by e.id limit {PAGE}
"""
PEOPLE_JSON = ("aliases", "roles")

QUOTES_BY_SPEAKER_SQL = f"""
select q.* from quote q
where q.speaker_entity_id in (
    select id from entity where id = :speaker
      or name_key like '%' || lower(:speaker) || '%'
      or id in (select entity_id from entity_alias where alias_key like '%' || lower(:speaker) || '%'))
  or q.speaker like '%' || :speaker || '%'
order by q.id limit {PAGE}
"""

QUOTES_MATCHING_SQL = f"""
select q.* from quote q
where q.id in (select rowid from quote_search where quote_search match :q)
order by q.id limit {PAGE}
"""

SEARCH_SQL = f"""
with hits as (
  select kind, id, rank from (
    select 'article' as kind, rowid as id, bm25(article_search, 10.0, 1.0) as rank
    from article_search where article_search match :q
    union all
    select 'quote', rowid, bm25(quote_search, 1.0, 1.0)
    from quote_search where quote_search match :q)
  order by rank, kind, id limit {PAGE})
select * from (
  select h.kind, h.rank, a.id as article, a.title as article_title, null as quote,
    null as speaker, 0 as start, length(a.text) as "end",
    snippet(article_search, 1, '<mark>', '</mark>', '…', 24) as snippet, h.id as id
  from article_search join hits h on h.kind = 'article' and h.id = article_search.rowid
  join article a on a.seq = article_search.rowid
  where article_search match :q
  union all
  select h.kind, h.rank, q.article_id, a.title, q.id, q.speaker, q.start, q."end",
    snippet(quote_search, 0, '<mark>', '</mark>', '…', 24), h.id
  from quote_search join hits h on h.kind = 'quote' and h.id = quote_search.rowid
  join quote q on q.id = quote_search.rowid join article a on a.id = q.article_id
  where quote_search match :q)
order by rank, kind, id
"""

TIMELINES_SQL = f"""
select * from (
  select t.*, row_number() over (
      partition by t.force, coalesce(t.location, '')
      order by t.date_start desc, t.date_end desc, t.id desc) as recency
  from troop_level t
  where (t.force, coalesce(t.location, '')) in (
    select force, coalesce(location, '') from troop_level
    group by 1, 2 order by 1, 2 limit {PAGE - 1}))
where recency <= {TIMELINE_POINTS}
order by force, coalesce(location, ''), date_start, date_end, id
"""

DETAIL_FACTS = {
    "mentions": "mention",
    "roles": "entity_role",
    "quotes": "quote",
    "figures": "figure",
    "dates": "date_fact",
    "troop_levels": "troop_level",
}
DETAIL_JSON = ("entities", *DETAIL_FACTS)


def _article_detail_sql(connection: sqlite3.Connection) -> str:
    """The article and every fact from it, each fact table as a JSON array column."""
    facts = [
        f"(select json_group_array(json_object({_json_pairs(connection, table, 'f')})) "
        f"from (select * from {table} where article_id = a.id order by start, id) f) as {column}"
        for column, table in DETAIL_FACTS.items()
    ]
    entities = (
        "(select json_group_array(json_object('id', e.id, 'name', e.name, 'kind', e.kind)) "
        "from (select e.* from entity e join entity_article ea on ea.entity_id = e.id "
        "where ea.article_id = a.id order by e.kind, e.id) e) as entities"
    )
    columns = ", ".join(
        f"a.{column}"
        for column in _columns(connection, "article")
        if column not in ("content_hash", "seq")
    )
    return f"select {columns}, {entities}, {', '.join(facts)} from article a where a.id = :id"


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"pragma table_info({table})")]


def _json_pairs(connection: sqlite3.Connection, table: str, alias: str) -> str:
    return ", ".join(f"'{column}', {alias}.\"{column}\"" for column in _columns(connection, table))


def only_routes(routes: list[Route], slugs: list[str]) -> list[Route]:
    """The routes named by `slugs` (see `slug`), in the usual order; an unknown slug stops."""
    known = {slug(route.name) for route in routes}
    unknown = [name for name in slugs if name not in known]
    if unknown:
        raise SystemExit(f"unknown route {unknown[0]!r}: choose from {','.join(sorted(known))}")
    return [route for route in routes if slug(route.name) in slugs]


# Fetching what the servers answer


@dataclass(frozen=True)
class Fetched:
    status: int
    content_type: str
    body: bytes


def fetch(url: str) -> Fetched:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return Fetched(response.status, response.headers["content-type"], response.read())
    except urllib.error.HTTPError as error:
        return Fetched(error.code, error.headers.get("content-type", ""), error.read())


def fetch_ours(base: str, routes: list[Route]) -> dict[str, dict[str, str]]:
    """Each route's answer from our API, for the ceiling to replay byte for byte."""
    replies = {}
    for route in routes:
        reply = fetch(base + route.ours)
        if reply.status != 200:
            raise SystemExit(f"{route.ours} answered {reply.status}: {reply.body[:300]!r}")
        replies[route.ours] = {
            "content_type": reply.content_type,
            "body": base64.b64encode(reply.body).decode(),
        }
    return replies


def our_row_count(route: Route, body: bytes) -> int:
    """Rows our answer is made of, comparable to Datasette's row count for the same route."""
    data = json.loads(body)
    if route.name == "/timelines/troop-levels":
        return sum(len(series["points"]) for series in data["items"])
    if route.name == "/articles/{id}":
        return 1
    return len(data["items"]) + (data["next"] is not None)


def check_datasette(base: str, routes: list[Route], replies: dict[str, dict[str, str]]) -> int:
    """Every Datasette URL answers 200 with as many rows as ours read; returns the problems."""
    problems = 0
    for route in routes:
        reply = fetch(base + route.datasette)
        if reply.status != 200:
            print(f"datasette {route.name}: {reply.status} {reply.body[:300]!r}", file=sys.stderr)
            problems += 1
            continue
        theirs = len(json.loads(reply.body))
        ours = our_row_count(route, base64.b64decode(replies[route.ours]["body"]))
        if theirs != ours:
            print(f"datasette {route.name}: {theirs} rows, ours read {ours}", file=sys.stderr)
            problems += 1
    return problems


# Reading wrk


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    """Non-2xx/3xx answers plus socket errors: a run with errors measured something else."""


_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_LATENCY = re.compile(r"^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_REQUESTS = re.compile(r"^\s*(\d+) requests in ", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")


def parse_wrk(output: str) -> WrkResult:
    """Figures from `wrk --latency` output; ValueError when a figure is missing."""
    rate = _RATE.search(output)
    requests = _REQUESTS.search(output)
    latencies = {
        percentile: float(value) * _UNIT_MS[unit]
        for percentile, value, unit in _LATENCY.findall(output)
    }
    if rate is None or requests is None or not {"50", "99"} <= latencies.keys():
        raise ValueError("not the output of `wrk --latency`: no Requests/sec or percentiles")
    errors = sum(int(found) for found in _NON_2XX.findall(output))
    if socket_errors := _SOCKET_ERRORS.search(output):
        errors += sum(int(count) for count in socket_errors.groups())
    return WrkResult(
        requests_per_second=float(rate.group(1)),
        p50_ms=latencies["50"],
        p99_ms=latencies["99"],
        requests=int(requests.group(1)),
        errors=errors,
    )


def read_rss(path: Path) -> str:
    """`VmHWM` (peak resident memory) as http.sh saved it from /proc/PID/status."""
    if not path.exists():
        return "not measured"
    found = re.search(r"VmHWM:\s+(\d+)\s*kB", path.read_text())
    return f"{int(found.group(1)) / 1024:.0f} MB" if found else "not measured"


# The table

COLUMNS = (
    "route",
    "ours req/s",
    "p50",
    "p99",
    "uncached req/s",
    "uncached p99",
    "ceiling req/s",
    "datasette req/s",
    "ours/ceiling",
    "ours/datasette",
    "uncached/ceiling",
)


def table(routes: list[Route], results: dict[tuple[str, str], WrkResult | None]) -> str:
    """One markdown row per route; `results` maps (server, route name) to wrk's figures."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for route in routes:
        ours = results.get(("ours", route.name))
        uncached = results.get(("uncached", route.name))
        ceiling = results.get(("ceiling", route.name))
        datasette = results.get(("datasette", route.name))
        cells = [
            f"`{route.name}`",
            _rate(ours),
            _milliseconds(ours, "p50_ms"),
            _milliseconds(ours, "p99_ms"),
            _rate(uncached),
            _milliseconds(uncached, "p99_ms"),
            _rate(ceiling),
            _rate(datasette),
            _ratio(ours, ceiling),
            _ratio(ours, datasette),
            _ratio(uncached, ceiling),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _rate(result: WrkResult | None) -> str:
    if result is None:
        return "-"
    flag = f" ({result.errors} errors)" if result.errors else ""
    return f"{result.requests_per_second:,.0f}{flag}"


def _milliseconds(result: WrkResult | None, percentile: str) -> str:
    return "-" if result is None else f"{getattr(result, percentile):.1f} ms"


def _ratio(numerator: WrkResult | None, denominator: WrkResult | None) -> str:
    if numerator is None or denominator is None or not denominator.requests_per_second:
        return "-"
    return f"{numerator.requests_per_second / denominator.requests_per_second:.2f}"


def slug(route_name: str) -> str:
    """A file-name form of a route label: `/quotes?speaker=` -> `quotes-speaker`."""
    return re.sub(r"[^a-z0-9]+", "-", route_name.lower()).strip("-")


def report(routes: list[Route], results_dir: Path) -> str:
    results: dict[tuple[str, str], WrkResult | None] = {}
    for server in SERVERS:
        for route in routes:
            path = results_dir / f"{server}-{slug(route.name)}.txt"
            if path.exists():
                results[(server, route.name)] = parse_wrk(path.read_text())
    memory = ", ".join(
        f"{server} {read_rss(results_dir / f'{server}.rss')}"
        for server in SERVERS
        if (results_dir / f"{server}.rss").exists()
    )
    return f"{table(routes, results)}\n\nPeak server RSS (VmHWM): {memory}\n"


# Command line


def _load_routes(path: Path) -> list[Route]:
    return [Route(**route) for route in json.loads(path.read_text())]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("free-port", help="print a TCP port free on 127.0.0.1")
    count = commands.add_parser("article-count", help="print how many articles (0: no file)")
    count.add_argument("--database", type=Path, required=True)
    routes = commands.add_parser("routes", help="pick the URLs from a database")
    routes.add_argument("--database", type=Path, required=True)
    routes.add_argument("--out", type=Path, required=True)
    routes.add_argument("--only", help="comma-separated route slugs (people,quotes-q,...)")
    for name in ("fetch", "check-datasette"):
        command = commands.add_parser(name)
        command.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
        command.add_argument("--routes", type=Path, required=True)
        command.add_argument("--responses", type=Path, required=name == "check-datasette")
        command.add_argument("--out", type=Path, required=name == "fetch")
    paths = commands.add_parser("paths", help="print `slug name path` lines for one server")
    paths.add_argument("--routes", type=Path, required=True)
    paths.add_argument("--server", choices=SERVERS, required=True)
    summary = commands.add_parser("report", help="print the table")
    summary.add_argument("--routes", type=Path, required=True)
    summary.add_argument("--results", type=Path, required=True)
    args = parser.parse_args(argv)

    if args.command == "free-port":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            print(probe.getsockname()[1])
    elif args.command == "article-count":
        print(article_count(args.database))
    elif args.command == "routes":
        picked = pick_routes(args.database)
        if args.only:
            picked = only_routes(picked, args.only.split(","))
        args.out.write_text(json.dumps([asdict(route) for route in picked], indent=2))
    elif args.command == "fetch":
        replies = fetch_ours(args.base, _load_routes(args.routes))
        args.out.write_text(json.dumps(replies))
    elif args.command == "check-datasette":
        replies = json.loads(args.responses.read_text())
        if check_datasette(args.base, _load_routes(args.routes), replies):
            raise SystemExit("Datasette's answers differ from ours (above): fix the SQL first")
    elif args.command == "paths":
        for route in _load_routes(args.routes):
            path = route.datasette if args.server == "datasette" else route.ours
            print(slug(route.name), route.name, path)
    else:
        print(report(_load_routes(args.routes), args.results), end="")


if __name__ == "__main__":
    main()
