"""Time every documented filter and sort of every route, with the response cache off.

    .venv/bin/python bench/queries.py --database-url sqlite:///var/bench-100000.db
    .venv/bin/python bench/queries.py --database-url sqlite:///var/bench-1000.db --repeat 30 --json

The target: "at 100k articles every documented filter and sort answers with p99 under
50 ms". bench/http.sh loads a handful of routes under wrk, mostly replayed from the
response cache; this asks what each query costs when it runs. For every list in the
README's route table it times the list alone, each filter alone (names as a fragment
of three letters or more, read from a trigram index, and of two, which reads the
names whole), each sort both ways, the second page of one sort through its `next`
cursor and `total=true`; then each detail route and `/health`. The values (ids, a
speaker, a source, search words...) are read from the database so every URL finds
something: the busiest entity of each kind, a mid-archive article, the most common
words.

The app is built in-process (`create_app`, `RESPONSE_CACHE_MB=0`) and called through
httpx's ASGI transport, one request at a time: the figures include the middleware,
the route, the SQL and the JSON, not the network or uvicorn (bench/http.sh measures
those). No `If-None-Match` is sent, so no 304 cuts a request short, and
`Accept-Encoding: identity`, as wrk and curl send none: gzip is left out. Each URL gets two warm-up
requests, then `--repeat` timed ones; p99 is the nearest rank, so below 100 repeats
it is the slowest request (with 30, p99 = max). A URL answering anything but 200
stops the run.

Before timing, the heap (modules, the app, SQLAlchemy's metadata) is frozen with
`gc.freeze()`. Otherwise a full collection rescans it every few thousand requests,
about 70 ms on this 2-core machine, about one request in 300. That pause belongs
to the process, not to any one query. With p99 taken as the max of 30, it would land
on whichever URL was running at the time. `serve` does not freeze, so bench/http.sh's
percentiles still include these pauses. Collections of the young generations, which
a route's own allocations trigger, are still timed.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import math
import re
import statistics
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
from fastapi import FastAPI
from sqlalchemy import Connection, text

from app.api.main import create_app
from app.config import Settings
from app.store.db import dispose_engines, get_engine

DEFAULT_DATABASE_URL = "sqlite:///var/bench-1000.db"
TARGET_MS = 50.0
WARM_UP = 2
WORD = re.compile(r"[a-z]{5,}")
NEXT = "(next)"
"""Stands for the cursor value in a probe's parameters: the `next` of its first page."""


# Values that find something


@dataclass(frozen=True)
class Named:
    id: str
    name: str

    @property
    def fragment(self) -> str:
        """The word a user would type: the longest word of the name, lower case."""
        return max(self.name.lower().split(), key=len)


@dataclass(frozen=True)
class Values:
    article: str
    """A mid-archive article with quotes, figures and entities of every kind."""
    person: Named
    organisation: Named
    place: Named
    speaker: Named
    """The person quoted most."""
    member: Named
    employer: Named
    """The person and organisation linked in the most articles."""
    published: str
    """The median publication day, YYYY-MM-DD."""
    source: str
    unit: str
    force: str
    location: str
    troop_date: str
    """The median troop-level day, YYYY-MM-DD."""
    title_word: str
    quote_word: str


def pick_values(database_url: str) -> Values:
    """The busiest or most common of each, read with plain SQL (SQLite or PostgreSQL)."""
    with get_engine(database_url).connect() as connection:
        articles = _one(connection, "select count(*) from article")
        if not articles:
            raise SystemExit("the database has no articles: fill it with bench/filldb.py")
        return Values(
            article=_mid_article(connection, articles),
            person=_busiest(connection, "person"),
            organisation=_busiest(connection, "organisation"),
            place=_busiest(connection, "place"),
            speaker=_named(
                connection,
                "select e.id, e.name from quote q join entity e on e.id = q.speaker_entity_id "
                "where e.kind = 'person' group by e.id, e.name order by count(*) desc, e.id",
            ),
            member=_named(connection, _PAIR_SQL.format(id="p.id", name="p.name")),
            employer=_named(connection, _PAIR_SQL.format(id="o.id", name="o.name")),
            published=str(
                _one(
                    connection,
                    "select published_start from article where published_start is not null "
                    "order by published_start limit 1 offset :middle",
                    middle=articles // 2,
                )
            ),
            source=_most_common(connection, "article", "source"),
            unit=_most_common(connection, "figure", "unit"),
            force=_most_common(connection, "troop_level", "force"),
            location=_most_common(connection, "troop_level", "location"),
            troop_date=str(
                _one(
                    connection,
                    "select date_start from troop_level order by date_start limit 1 offset :middle",
                    middle=_one(connection, "select count(*) from troop_level") // 2,
                )
            ),
            title_word=_common_word(connection, "select title from article order by seq"),
            quote_word=_common_word(connection, "select text from quote order by id"),
        )


_PAIR_SQL = (
    "select {id}, {name} from person_organisation po "
    "join entity p on p.id = po.person_id join entity o on o.id = po.organisation_id "
    "group by p.id, p.name, o.id, o.name order by count(*) desc, p.id, o.id"
)
_HAS_KIND = (
    "exists (select 1 from entity_article ea join entity e on e.id = ea.entity_id "
    "where ea.article_id = a.id and e.kind = '{kind}')"
)


def _one(connection: Connection, sql: str, **parameters: Any) -> Any:
    row = connection.execute(text(sql), parameters).first()
    if row is None or row[0] is None:
        raise SystemExit(f"nothing found by {sql!r}: fill the database with bench/filldb.py")
    return row[0]


def _named(connection: Connection, sql: str) -> Named:
    row = connection.execute(text(f"{sql} limit 1")).first()
    if row is None:
        raise SystemExit(f"nothing found by {sql!r}: fill the database with bench/filldb.py")
    return Named(row[0], row[1])


def _busiest(connection: Connection, kind: str) -> Named:
    return _named(
        connection,
        f"select id, name from entity where kind = '{kind}' order by mention_count desc, id",
    )


def _mid_article(connection: Connection, articles: int) -> str:
    middle = _one(
        connection, "select seq from article order by seq limit 1 offset :n", n=articles // 2
    )
    kinds = " and ".join(
        _HAS_KIND.format(kind=kind) for kind in ("person", "organisation", "place")
    )
    return _one(
        connection,
        "select a.id from article a where a.seq >= :middle "
        "and exists (select 1 from quote where article_id = a.id) "
        f"and exists (select 1 from figure where article_id = a.id) and {kinds} "
        "order by a.seq limit 1",
        middle=middle,
    )


def _most_common(connection: Connection, table: str, column: str) -> str:
    return _one(
        connection,
        f"select {column} from {table} where {column} is not null "
        f"group by {column} order by count(*) desc, {column} limit 1",
    )


def _common_word(connection: Connection, sql: str, rows: int = 2000) -> str:
    """The most frequent word of five letters or more in the first `rows` rows of `sql`."""
    found = connection.execute(text(f"{sql} limit {rows}")).scalars()
    counts = Counter(word for value in found for word in WORD.findall((value or "").lower()))
    if not counts:
        raise SystemExit(f"no words in {sql!r}: fill the database with bench/filldb.py")
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


# The URLs


@dataclass(frozen=True)
class Probe:
    route: str
    """The route as the README names it: `/people`, `/people/{id}`."""
    path: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def url(self) -> str:
        return f"{self.path}?{urlencode(self.params, safe='*')}" if self.params else self.path


ENTITY_SORTS = ("id", "name", "mention_count", "article_count")


def probes(values: Values) -> list[Probe]:
    """Every URL to time, in table order: per list, no filter, filters, sorts, page 2, total."""
    people, organisations = values.person, values.organisation
    member, employer, speaker = values.member, values.employer, values.speaker
    day, troop_day = values.published, values.troop_date
    word = values.title_word
    return [
        *_list(
            "/articles",
            [
                ("published_after", day[:7]),
                ("published_before", day[:4]),
                ("source", values.source),
                ("entity", values.organisation.id),
                ("q", word),
            ],
            ("id", "published", "ingested"),
            "-published",
        ),
        *(
            Probe("/articles", "/articles", (("entity", values.organisation.id), ("sort", sort)))
            for sort in ("-published", "-ingested", "-id")
        ),
        Probe("/articles/{id}", f"/articles/{values.article}"),
        *_list(
            "/people",
            [
                *_name_filters("name", people),
                ("organisation", employer.id),
                *_name_filters("organisation", employer),
                ("article", values.article),
            ],
            ENTITY_SORTS,
            "-mention_count",
        ),
        Probe("/people/{id}", f"/people/{people.id}"),
        *_list(
            "/organisations",
            [
                *_name_filters("name", organisations),
                ("person", member.id),
                *_name_filters("person", member),
                ("article", values.article),
            ],
            ENTITY_SORTS,
            "-mention_count",
        ),
        Probe("/organisations/{id}", f"/organisations/{organisations.id}"),
        *_list(
            "/places",
            [*_name_filters("name", values.place), ("article", values.article)],
            ENTITY_SORTS,
            "-mention_count",
        ),
        Probe("/places/{id}", f"/places/{values.place.id}"),
        *_list(
            "/quotes",
            [
                ("speaker", speaker.id),
                *_name_filters("speaker", speaker),
                ("article", values.article),
                ("kind", "direct"),
                ("kind", "partial"),
                ("kind", "indirect"),
                ("q", values.quote_word),
            ],
            ("id", "article"),
            "-id",
        ),
        *_list(
            "/figures",
            [("unit", values.unit), ("article", values.article)],
            ("id", "value", "article"),
            "-value",
        ),
        *_list(
            "/timelines/troop-levels",
            [
                ("force", values.force),
                ("location", values.location),
                ("status", "reported"),
                ("status", "planned"),
                ("from", troop_day[:4]),
                ("to", troop_day[:7]),
                ("points", "1000"),
            ],
            ("force", "location"),
            "force",
        ),
        *(
            Probe("/timelines/troop-levels.svg", "/timelines/troop-levels.svg", params)
            for params in [
                (),
                (("force", values.force),),
                (("location", values.location),),
                (("status", "reported"),),
                (("status", "planned"),),
                (("from", troop_day[:4]),),
                (("to", troop_day[:7]),),
            ]
        ),
        *(
            Probe("/search", "/search", (("q", q), *kind))
            for q, kind in [
                (word, ()),
                (word, (("kind", "article"),)),
                (values.quote_word, (("kind", "quote"),)),
                (f"{word[:3]}*", ()),
                (f"{word} OR {values.quote_word}", ()),
                (word, (("cursor", NEXT),)),
                (word, (("total", "true"),)),
            ]
        ),
        Probe("/health", "/health"),
    ]


def _name_filters(parameter: str, named: Named) -> list[tuple[str, str]]:
    """A word of the name (a trigram lookup) and its first two letters (no trigram: a scan)."""
    return [(parameter, named.fragment), (parameter, named.fragment[:2])]


def _list(
    route: str, filters: list[tuple[str, str]], sorts: Iterable[str], paged_sort: str
) -> list[Probe]:
    ordered = [(("sort", f"{sign}{sort}"),) for sort in sorts for sign in ("", "-")]
    return [
        Probe(route, route, params)
        for params in [
            (),
            *((pair,) for pair in filters),
            *ordered,
            (("sort", paged_sort), ("cursor", NEXT)),
            (("total", "true"),),
        ]
    ]


# Timing


@dataclass(frozen=True)
class Timing:
    route: str
    url: str
    """As requested, with the real cursor."""
    params: dict[str, str]
    p50_ms: float
    p99_ms: float
    max_ms: float
    rows: int | None
    """Items on the page (a timeline's series); 1 for a detail; None for the SVG."""
    repeat: int
    status: int


def bench_app(database_url: str) -> FastAPI:
    """The app as `serve` builds it, with nothing replayed from the response cache."""
    return create_app(Settings(database_url=database_url, response_cache_mb=0))


async def measure(app: FastAPI, probes: list[Probe], repeat: int) -> list[Timing]:
    """Time each probe in turn, the heap loaded so far frozen (see the module docstring)."""
    transport = httpx.ASGITransport(app=app)
    headers = {"Accept-Encoding": "identity"}
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://bench", headers=headers) as client,
    ):
        await client.get("/health")  # imports and first connections, before the freeze
        gc.collect()
        gc.freeze()
        try:
            return [await _time(client, probe, repeat) for probe in probes]
        finally:
            gc.unfreeze()


async def _time(client: httpx.AsyncClient, probe: Probe, repeat: int) -> Timing:
    url = await _resolved_url(client, probe)
    for _ in range(WARM_UP):
        response = _checked(await client.get(url), url)
    elapsed = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = await client.get(url)
        elapsed.append((time.perf_counter() - started) * 1000)
        _checked(response, url)
    elapsed.sort()
    return Timing(
        route=probe.route,
        url=url,
        params=dict(httpx.URL(url).params),
        p50_ms=statistics.median(elapsed),
        p99_ms=elapsed[math.ceil(0.99 * len(elapsed)) - 1],
        max_ms=elapsed[-1],
        rows=_rows(response),
        repeat=repeat,
        status=response.status_code,
    )


async def _resolved_url(client: httpx.AsyncClient, probe: Probe) -> str:
    """The probe's URL, its `cursor` the `next` of the same URL without it."""
    if ("cursor", NEXT) not in probe.params:
        return probe.url
    first = Probe(probe.route, probe.path, tuple(p for p in probe.params if p[0] != "cursor"))
    cursor = _checked(await client.get(first.url), first.url).json()["next"]
    if cursor is None:
        raise SystemExit(f"{first.url} fits on one page: fill the database with more articles")
    params = tuple((name, cursor if value == NEXT else value) for name, value in probe.params)
    return Probe(probe.route, probe.path, params).url


def _checked(response: httpx.Response, url: str) -> httpx.Response:
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: {response.text[:500]}")
    return response


def _rows(response: httpx.Response) -> int | None:
    if not response.headers.get("content-type", "").startswith("application/json"):
        return None
    body = response.json()
    return len(body["items"]) if "items" in body else 1


# The report


def table(timings: list[Timing]) -> str:
    lines = ["| URL | p50 ms | p99 ms | rows |", "|---|---:|---:|---:|"]
    for timing in timings:
        rows = "-" if timing.rows is None else str(timing.rows)
        lines.append(
            f"| `{_shown(timing.url)}` | {timing.p50_ms:.1f} | {timing.p99_ms:.1f} | {rows} |"
        )
    return "\n".join(lines)


def _shown(url: str) -> str:
    """A URL for the table: a cursor's value is long and means nothing to a reader."""
    return re.sub(r"cursor=[^&]+", "cursor=(next)", url)


def summary(timings: list[Timing], repeat: int) -> str:
    worst = max(timings, key=lambda timing: timing.p99_ms)
    over = sum(timing.p99_ms > TARGET_MS for timing in timings)
    return (
        f"{len(timings)} URLs, {repeat} requests each: worst p99 {worst.p99_ms:.1f} ms at "
        f"`{_shown(worst.url)}`; {over} over {TARGET_MS:.0f} ms"
    )


def run(database_url: str, repeat: int, route: str | None = None) -> list[Timing]:
    """Time every probe, or those whose route starts with `route`."""
    try:
        every = probes(pick_values(database_url))
        picked = [probe for probe in every if route is None or probe.route.startswith(route)]
        if not picked:
            routes = ", ".join(sorted({probe.route for probe in every}))
            raise SystemExit(f"no probed route starts with {route!r}; the routes are: {routes}")
        return asyncio.run(measure(bench_app(database_url), picked, repeat))
    finally:
        dispose_engines()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help=f"a database filled by bench/filldb.py (default {DEFAULT_DATABASE_URL})",
    )
    parser.add_argument(
        "--repeat", type=int, default=30, help="timed requests per URL (default 30)"
    )
    parser.add_argument(
        "--route", help="time only the routes starting with this, as /timelines (default all)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON records, not a table")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    timings = run(args.database_url, args.repeat, args.route)
    if args.json:
        print(json.dumps([asdict(timing) for timing in timings], indent=2))
    else:
        print(f"{table(timings)}\n\n{summary(timings, args.repeat)}")


if __name__ == "__main__":
    main()
