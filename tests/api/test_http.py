"""HTTP behaviour every route shares: ETags and 304s, Cache-Control, HEAD, gzip, CORS,
and the problem+json shape of errors."""

from __future__ import annotations

import gzip
import re

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.config import Settings
from app.extract.schema import ArticleFacts
from app.ingest.article import RawArticle
from app.store.db import open_session
from app.store.writer import save_article

STRONG_ETAG = re.compile(r'^"[^"]+"$')
IDENTITY = {"Accept-Encoding": "identity"}


def app_client(client: TestClient, **settings: str | int) -> TestClient:
    """Another app over `client`'s database, with other settings."""
    database_url = client.app.state.settings.database_url  # type: ignore[attr-defined]
    return TestClient(create_app(Settings(database_url=database_url, **settings)))


# ETag and 304


@pytest.mark.parametrize(
    "url", ["/people", "/quotes?format=csv", "/articles/lopez-meets-un-envoys", "/health"]
)
def test_a_get_has_a_strong_stable_etag(read_only_client: TestClient, url: str) -> None:
    first, second = read_only_client.get(url), read_only_client.get(url)
    assert first.status_code == 200
    assert STRONG_ETAG.match(first.headers["etag"]), first.headers["etag"]
    assert first.headers["etag"] == second.headers["etag"]


def test_the_etag_differs_by_query_accept_and_encoding(read_only_client: TestClient) -> None:
    def etag(url: str, **headers: str) -> str:
        return read_only_client.get(url, headers=headers).headers["etag"]

    tags = [
        etag("/people"),
        etag("/people?name=smith"),
        etag("/people?limit=1"),
        etag("/places"),
        etag("/people", Accept="text/csv"),
        etag("/people", **IDENTITY),
    ]
    assert len(set(tags)) == len(tags)


def test_the_etag_changes_after_an_ingest(database_url: str, client: TestClient) -> None:
    before = client.get("/people").headers["etag"]
    with open_session(database_url) as session:
        article = RawArticle(id="quiet-day", text="Nothing happened in Northbridge.")
        assert save_article(session, article, ArticleFacts(id=article.id))
        session.commit()
    after = client.get("/people")
    assert after.headers["etag"] != before
    stale = client.get("/people", headers={"If-None-Match": before})
    assert stale.status_code == 200
    assert stale.json() == after.json()


@pytest.mark.parametrize(
    "if_none_match",
    ["{tag}", '"other", {tag}', "W/{tag}", '"a",W/{tag} , "b"', "*"],
)
def test_a_current_etag_is_a_304_without_a_body(
    read_only_client: TestClient, if_none_match: str
) -> None:
    ok = read_only_client.get("/quotes?kind=direct")
    tag = ok.headers["etag"]
    response = read_only_client.get(
        "/quotes?kind=direct", headers={"If-None-Match": if_none_match.format(tag=tag)}
    )
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == tag
    assert response.headers["cache-control"] == ok.headers["cache-control"]
    assert response.headers["vary"] == ok.headers["vary"]


@pytest.mark.parametrize(("path", "status"), [("/no/such/route", 404), ("/people?limit=0", 422)])
def test_any_tag_matches_only_what_exists(
    read_only_client: TestClient, path: str, status: int
) -> None:
    response = read_only_client.get(path, headers={"If-None-Match": "*"})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"


def test_a_405_names_head_among_the_allowed_methods(read_only_client: TestClient) -> None:
    response = read_only_client.post("/people")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert read_only_client.head("/people").status_code == 200


@pytest.mark.parametrize("if_none_match", ['"0-stale"', 'W/"0-stale"', ""])
def test_a_stale_etag_gets_the_full_answer(
    read_only_client: TestClient, if_none_match: str
) -> None:
    response = read_only_client.get("/people", headers={"If-None-Match": if_none_match})
    assert response.status_code == 200
    assert response.json()["items"]


def test_errors_carry_no_etag(read_only_client: TestClient) -> None:
    for url in ("/people/nobody", "/people?limit=0"):
        response = read_only_client.get(url)
        assert response.status_code >= 400
        assert "etag" not in response.headers
        assert "cache-control" not in response.headers


@pytest.mark.parametrize("max_age", [0, 5, 3600])
def test_cache_control_follows_the_setting(read_only_client: TestClient, max_age: int) -> None:
    with app_client(read_only_client, cache_max_age=max_age) as client:
        response = client.get("/people")
    assert response.headers["cache-control"] == f"public, max-age={max_age}"


def test_vary_names_each_header_once(read_only_client: TestClient) -> None:
    small = read_only_client.get("/health")
    big = read_only_client.get("/articles/lopez-meets-un-envoys")
    assert big.headers["content-encoding"] == "gzip"
    assert small.headers["vary"] == big.headers["vary"] == "Accept, Accept-Encoding"


# HEAD


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        ("/people?limit=1", IDENTITY),
        ("/articles/lopez-meets-un-envoys", {}),
        ("/figures?format=csv", {}),
        ("/nowhere", {}),
    ],
)
def test_head_has_the_get_headers_and_no_body(
    read_only_client: TestClient, url: str, headers: dict[str, str]
) -> None:
    get = read_only_client.get(url, headers=headers)
    head = read_only_client.head(url, headers=headers)
    assert head.status_code == get.status_code
    assert head.content == b""
    for name in ("etag", "cache-control", "content-type", "content-length", "link", "vary"):
        assert head.headers.get(name) == get.headers.get(name), name


# gzip


def raw_body(client: TestClient, url: str, encoding: str) -> tuple[str | None, bytes]:
    """The body as sent, before the client's own decompression."""
    with client.stream("GET", url, headers={"Accept-Encoding": encoding}) as response:
        return response.headers.get("content-encoding"), b"".join(response.iter_raw())


def test_a_large_response_is_gzipped_for_clients_that_accept_it(
    read_only_client: TestClient,
) -> None:
    url = "/articles/lopez-meets-un-envoys"
    encoding, plain = raw_body(read_only_client, url, "identity")
    assert encoding is None
    assert len(plain) > 1024
    encoding, compressed = raw_body(read_only_client, url, "gzip")
    assert encoding == "gzip"
    assert len(compressed) < len(plain)
    assert gzip.decompress(compressed) == plain


def test_a_small_response_is_not_gzipped(read_only_client: TestClient) -> None:
    encoding, body = raw_body(read_only_client, "/health", "gzip")
    assert encoding is None
    assert len(body) < 1024
    assert body.startswith(b"{")


def test_gzip_and_identity_have_different_etags(read_only_client: TestClient) -> None:
    url = "/articles/lopez-meets-un-envoys"
    zipped = read_only_client.get(url, headers={"Accept-Encoding": "gzip"})
    plain = read_only_client.get(url, headers=IDENTITY)
    assert zipped.headers["etag"] != plain.headers["etag"]
    assert zipped.json() == plain.json()


# CORS

PREFLIGHT = {"Access-Control-Request-Method": "GET"}


def test_cors_is_off_by_default(read_only_client: TestClient) -> None:
    response = read_only_client.get("/people", headers={"Origin": "https://dash.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = read_only_client.options(
        "/people", headers={"Origin": "https://dash.example", **PREFLIGHT}
    )
    assert preflight.status_code >= 400
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allows_the_configured_origin_only(read_only_client: TestClient) -> None:
    with app_client(read_only_client, cors_origins="https://dash.example") as client:
        allowed = client.get("/people", headers={"Origin": "https://dash.example"})
        other = client.get("/people", headers={"Origin": "https://other.example"})
        preflight = client.options(
            "/people", headers={"Origin": "https://dash.example", **PREFLIGHT}
        )
        refused = client.options(
            "/people", headers={"Origin": "https://other.example", **PREFLIGHT}
        )
    assert allowed.headers["access-control-allow-origin"] == "https://dash.example"
    exposed = {
        name.strip().lower() for name in allowed.headers["access-control-expose-headers"].split(",")
    }
    assert {"etag", "link"} <= exposed
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://dash.example"
    assert refused.status_code == 400
    assert "access-control-allow-origin" not in refused.headers


def test_cors_star_allows_any_origin_to_get_and_head_only(read_only_client: TestClient) -> None:
    with app_client(read_only_client, cors_origins="*") as client:
        response = client.get("/people", headers={"Origin": "https://anyone.example"})
        preflights = {
            method: client.options(
                "/people",
                headers={
                    "Origin": "https://anyone.example",
                    "Access-Control-Request-Method": method,
                },
            )
            for method in ("GET", "HEAD", "POST", "DELETE")
        }
    assert response.headers["access-control-allow-origin"] == "*"
    assert {m: r.status_code for m, r in preflights.items()} == {
        "GET": 200,
        "HEAD": 200,
        "POST": 400,
        "DELETE": 400,
    }
    allowed = preflights["GET"].headers["access-control-allow-methods"]
    assert {method.strip() for method in allowed.split(",")} == {"GET", "HEAD"}


# problem+json


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/no/such/route", 404),
        ("GET", "/people/nobody", 404),
        ("POST", "/people", 405),
        ("GET", "/people?limit=0", 422),
        ("GET", "/quotes?kind=shouted", 422),
        ("GET", "/people?cursor=not-a-cursor", 400),
        ("GET", '/quotes?q="unbalanced', 400),
        ("GET", '/articles?q="unbalanced', 400),
    ],
)
def test_every_error_is_a_problem(
    read_only_client: TestClient, method: str, url: str, status: int
) -> None:
    response = read_only_client.request(method, url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert {"type", "title", "status", "detail"} <= problem.keys()
    assert problem["status"] == status
    assert problem["type"] == "about:blank"
    assert problem["title"] and problem["detail"]
    if status == 422:
        assert problem["errors"]
        assert all(error["parameter"] and error["detail"] for error in problem["errors"])
        assert all(f"`{error['parameter']}`" in problem["detail"] for error in problem["errors"])


# The response cache


def count_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each time the people list route really queries the store."""
    from app.store import queries

    calls: list[str] = []
    real = queries.entities

    def counted(*args: object, **kwargs: object):
        calls.append("entities")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(queries, "entities", counted)
    return calls


def test_a_repeated_get_is_answered_from_the_cache_until_an_ingest(
    database_url: str, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_calls(monkeypatch)
    first = client.get("/people")
    again = client.get("/people")
    assert len(calls) == 1
    assert again.content == first.content
    assert again.headers["etag"] == first.headers["etag"]
    with open_session(database_url) as session:
        article = RawArticle(id="quiet-day", text="Nothing happened in Northbridge.")
        assert save_article(session, article, ArticleFacts(id=article.id))
        session.commit()
    after = client.get("/people")
    assert len(calls) == 2
    assert after.headers["etag"] != first.headers["etag"]


def test_the_cache_can_be_turned_off(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    uncached = app_client(client, response_cache_mb=0)
    calls = count_calls(monkeypatch)
    uncached.get("/people")
    uncached.get("/people")
    assert len(calls) == 2


def test_absolute_links_follow_the_host_asked_for(read_only_client: TestClient) -> None:
    def next_url(host: str) -> str:
        response = read_only_client.get("/people?limit=1", headers={"Host": host})
        return response.json()["next_url"]

    assert next_url("facts.example").startswith("http://facts.example/people?")
    assert next_url("mirror.example").startswith("http://mirror.example/people?")


def test_the_cache_keeps_the_most_recent_within_its_bytes() -> None:
    from app.api.http import CachedResponse, ResponseCache

    cache = ResponseCache(max_bytes=10, max_entry_bytes=6)
    for key in "abc":
        cache.put(key, CachedResponse(headers=[], body=b"1234"))
    assert cache.get("a") is None  # evicted: 12 bytes would not fit in 10
    assert cache.get("b") is not None and cache.get("c") is not None
    cache.put("big", CachedResponse(headers=[], body=b"1234567"))
    assert cache.get("big") is None  # over the per-entry limit


# The data version: read off the event loop, once per DATA_VERSION_TTL


def count_version_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from app.api import http

    reads: list[str] = []
    real = http.read_data_version

    def counted(database_url: str) -> int | None:
        reads.append(database_url)
        return real(database_url)

    monkeypatch.setattr(http, "read_data_version", counted)
    return reads


def test_the_data_version_is_read_once_per_ttl_and_again_after_a_write(
    database_url: str, client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = count_version_reads(monkeypatch)
    patient = app_client(client, data_version_ttl=3600)
    tags = {patient.get(url).headers["etag"] for url in ["/people", "/people", "/quotes"]}
    assert len(reads) == 1 and len(tags) == 2
    before = patient.get("/people").headers["etag"]
    with open_session(database_url) as session:
        article = RawArticle(id="quiet-day", text="Nothing happened in Northbridge.")
        assert save_article(session, article, ArticleFacts(id=article.id))
        session.commit()
    assert patient.get("/people").headers["etag"] == before  # another process wrote: trusted
    assert patient.delete("/people").status_code == 405  # any write through this worker ...
    assert patient.get("/people").headers["etag"] != before  # ... makes it read again
    assert len(reads) == 2


def test_with_no_ttl_every_get_reads_the_data_version(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = count_version_reads(monkeypatch)
    eager = app_client(client, data_version_ttl=0)
    for _ in range(3):
        assert eager.get("/people").status_code == 200
    assert len(reads) == 3


@pytest.mark.parametrize("anyio_backend", ["asyncio"])
@pytest.mark.anyio
async def test_concurrent_requests_share_one_read_made_off_the_event_loop(
    anyio_backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import anyio

    from app.api import http

    started, release = threading.Event(), threading.Event()
    reads: list[str] = []

    def slow_read(database_url: str) -> int:
        reads.append(database_url)
        started.set()
        release.wait(timeout=10)  # a database whose pool is exhausted, say
        return 7

    monkeypatch.setattr(http, "read_data_version", slow_read)
    version = http.DataVersion("sqlite://", ttl=60)
    answers: list[int | None] = []

    async def ask() -> None:
        answers.append(await version.current())

    async with anyio.create_task_group() as requests:
        for _ in range(16):
            requests.start_soon(ask)
        await anyio.to_thread.run_sync(started.wait, 10)
        await anyio.sleep(0.01)  # the loop runs while the read waits
        assert answers == []
        release.set()
    assert answers == [7] * 16
    assert reads == ["sqlite://"]
    assert await version.current() == 7 and len(reads) == 1


def test_a_worker_runs_as_many_routes_at_once_as_configured(database_url: str) -> None:
    import anyio.to_thread

    async def threads() -> int:
        return anyio.to_thread.current_default_thread_limiter().total_tokens

    app = create_app(Settings(database_url=database_url, worker_threads=3))
    with TestClient(app) as client:  # runs the lifespan, on the loop the routes run on
        assert client.portal is not None
        assert client.portal.call(threads) == 3
