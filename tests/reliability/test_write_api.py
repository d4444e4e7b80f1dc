"""The write API: off without keys; with them, authenticated, capped, rate-limited, whole."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.api.auth import InvalidKeyHashError, RateLimiter, check_bearer, new_api_key
from app.api.extraction_pool import ExtractionPool
from app.api.main import create_app
from app.config import Settings
from tests.api.conftest import store_corpus

KEY, KEY_HASH = new_api_key()
AUTH = {"Authorization": f"Bearer {KEY}"}
ARTICLE = {
    "id": "harbour-strike-ends",
    "title": "Harbour strike ends",
    "published": "2021-03-14",
    "text": (
        "Dock workers in Southport ended their strike on Sunday. "
        "“We have a deal that protects every job,” union leader Maria Okafor said. "
        "The Harbour Authority said it would hire 300 more workers."
    ),
}


@pytest.fixture(scope="module")
def extraction_pool() -> Iterator[ExtractionPool]:
    """One spaCy child for the module: starting it is most of a POST test's time."""
    pool = ExtractionPool()
    yield pool
    pool.close()


def writer_client(database_url: str, pool: ExtractionPool | None = None, **settings) -> TestClient:
    app = create_app(Settings(database_url=database_url, api_keys=KEY_HASH, **settings))
    if pool is not None:
        app.state.extraction_pool = pool
    return TestClient(app)


@pytest.fixture
def writer(database_url: str, extraction_pool: ExtractionPool) -> Iterator[TestClient]:
    with writer_client(database_url, extraction_pool) as client:
        yield client


def article_count(client: TestClient) -> int:
    return client.get("/health").json()["articles"]


def test_without_keys_there_is_no_write_route(database_url: str) -> None:
    with TestClient(create_app(Settings(database_url=database_url))) as client:
        posted = client.post("/articles", json=ARTICLE)
        assert posted.status_code == 405
        assert posted.headers["allow"] == "GET, HEAD"
        assert client.delete("/articles/anything").status_code == 405
        assert "post" not in client.get("/openapi.json").json()["paths"]["/articles"]


def test_write_routes_are_documented_with_their_body_types(database_url: str) -> None:
    with writer_client(database_url) as client:
        paths = client.get("/openapi.json").json()["paths"]
    post = paths["/articles"]["post"]
    assert set(post["requestBody"]["content"]) == {"application/json", "text/plain"}
    assert {"201", "200", "401", "403", "413", "415", "422", "429"} <= set(post["responses"])
    assert "delete" in paths["/articles/{article_id}"]


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": f"Basic {KEY}"}, 401),
        ({"Authorization": "Bearer "}, 401),
        ({"Authorization": "Bearer not-the-key"}, 403),
        ({"Authorization": f"Bearer {KEY}x"}, 403),
    ],
)
def test_a_missing_key_is_401_and_a_wrong_one_403(
    database_url: str, headers: dict[str, str], status: int
) -> None:
    with writer_client(database_url) as client:
        for response in (
            client.post("/articles", json=ARTICLE, headers=headers),
            client.delete("/articles/anything", headers=headers),
        ):
            assert response.status_code == status
            assert response.headers["content-type"] == "application/problem+json"
            assert "key" in response.json()["detail"]
        if status == 401:
            assert response.headers["www-authenticate"].startswith("Bearer")
        assert article_count(client) == 0


def test_a_plain_key_in_the_configuration_is_refused_without_being_echoed(
    database_url: str,
) -> None:
    with pytest.raises(InvalidKeyHashError) as refused:
        create_app(Settings(database_url=database_url, api_keys=f"{KEY_HASH},{KEY}"))
    assert KEY not in str(refused.value)
    assert "entry 2" in str(refused.value)


def test_keys_are_compared_as_hashes() -> None:
    other_key, other_hash = new_api_key()
    hashes = (KEY_HASH, other_hash)
    assert check_bearer(f"Bearer {other_key}", hashes).key_hash == other_hash
    assert check_bearer(f"bearer  {KEY}", hashes).key_hash == KEY_HASH
    assert check_bearer(f"Bearer {KEY_HASH}", hashes).key_hash is None  # the hash is no key


def test_the_rate_limit_refills_over_time() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=2, clock=lambda: now[0])
    assert [limiter.retry_after("k"), limiter.retry_after("k")] == [0, 0]
    assert limiter.retry_after("k") == 30  # one token comes back every 30 s
    assert limiter.retry_after("other") == 0  # buckets are per key
    now[0] = 30.0
    assert limiter.retry_after("k") == 0
    assert limiter.retry_after("k") > 0


def test_too_many_writes_get_429_with_retry_after(database_url: str) -> None:
    with writer_client(database_url, write_rate_limit=2) as client:
        statuses = [client.delete("/articles/nothing", headers=AUTH).status_code for _ in range(3)]
        assert statuses == [404, 404, 429]
        limited = client.delete("/articles/nothing", headers=AUTH)
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    assert "retry in" in limited.json()["detail"]


def test_posting_an_article_extracts_and_stores_its_facts(writer: TestClient) -> None:
    created = writer.post("/articles", json=ARTICLE, headers=AUTH)
    assert created.status_code == 201, created.text
    assert created.headers["location"] == "/articles/harbour-strike-ends"
    body = created.json()
    assert body["id"] == "harbour-strike-ends"
    assert body["published_date"] == "2021-03-14"
    text = body["text"]
    assert [person["name"] for person in body["people"]] == ["Maria Okafor"]
    quote = body["quotes"][0]
    assert text[quote["start"] : quote["end"]] == quote["text"]
    assert quote["text"].startswith("We have a deal")
    assert quote["speaker"] == "Maria Okafor"
    for figure in body["figures"]:
        assert text[figure["start"] : figure["end"]] == figure["text"]
    assert writer.get("/articles/harbour-strike-ends").json() == body
    assert writer.get("/people", params={"name": "okafor"}).json()["items"]


def test_posting_the_same_text_again_is_200_with_the_stored_article(writer: TestClient) -> None:
    first = writer.post("/articles", json=ARTICLE, headers=AUTH)
    again = writer.post("/articles", json={**ARTICLE, "id": "another-id"}, headers=AUTH)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert "location" not in again.headers
    assert article_count(writer) == 1


def test_an_id_holding_other_text_is_409(writer: TestClient) -> None:
    writer.post("/articles", json=ARTICLE, headers=AUTH)
    changed = {**ARTICLE, "text": ARTICLE["text"] + " Ships sailed again on Monday."}
    conflict = writer.post("/articles", json=changed, headers=AUTH)
    assert conflict.status_code == 409
    assert "another id" in conflict.json()["detail"]
    assert writer.get("/articles/harbour-strike-ends").json()["text"] == ARTICLE["text"]


def test_plain_text_with_front_matter_is_read_like_a_txt_file(writer: TestClient) -> None:
    body = "---\nid: Harbour Strike Text\npublished: 2021-03\n---\n\n" + ARTICLE["text"] + "\r\n"
    created = writer.post(
        "/articles",
        content=body.encode(),
        headers={**AUTH, "Content-Type": "text/plain; charset=utf-8"},
    )
    assert created.status_code == 201, created.text
    assert created.json()["id"] == "harbour-strike-text"
    assert created.json()["published_date"] == "2021-03"
    assert created.json()["text"] == ARTICLE["text"]


def test_an_article_without_id_is_named_by_its_content(writer: TestClient) -> None:
    untitled = {"text": ARTICLE["text"]}
    first = writer.post("/articles", json=untitled, headers=AUTH)
    assert first.status_code == 201
    assert first.json()["id"].startswith("article-")
    assert writer.post("/articles", json=untitled, headers=AUTH).json()["id"] == first.json()["id"]


@pytest.mark.parametrize(
    ("content", "content_type", "status", "hint"),
    [
        (b'{"text": "unclosed', "application/json", 422, "not valid JSON"),
        (b'["a list"]', "application/json", 422, "not an object"),
        (b'{"id": "x"}', "application/json", 422, 'no "text"'),
        (b'{"text": "   "}', "application/json", 422, "empty"),
        (b'{"text": "Words.", "published": "2021-02-30"}', "application/json", 422, "YYYY"),
        (b"\xff\xfe\x00b\x00a\x00d", "text/plain", 422, "UTF-8"),
        (b"---\nid: [unclosed\n---\nWords.", "text/plain", 422, "YAML"),
        (b"<p>Words.</p>", "text/html", 415, "application/json"),
        (b"Words.", "", 415, "no type"),
    ],
)
def test_bad_bodies_are_refused_with_what_to_do_and_nothing_written(
    database_url: str, content: bytes, content_type: str, status: int, hint: str
) -> None:
    with writer_client(database_url) as client:  # refused before extraction: no pool needed
        headers = {**AUTH, "Content-Type": content_type} if content_type else AUTH
        refused = client.post("/articles", content=content, headers=headers)
        assert refused.status_code == status, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert hint in refused.json()["detail"]
        assert article_count(client) == 0


def test_a_body_over_the_limit_is_413_whether_or_not_it_declares_its_length(
    database_url: str,
) -> None:
    big = {**ARTICLE, "text": "Words and more words. " * 100}
    with writer_client(database_url, max_body_mb=0.001) as client:
        declared = client.post("/articles", json=big, headers=AUTH)

        def chunks() -> Iterator[bytes]:
            yield b'{"text": "'
            yield b"w" * 2000
            yield b'"}'

        streamed = client.post(
            "/articles",
            content=chunks(),
            headers={**AUTH, "Content-Type": "application/json"},
        )
        assert article_count(client) == 0
    for response in (declared, streamed):
        assert response.status_code == 413
        assert "MAX_BODY_MB" in response.json()["detail"]


def test_deleting_an_article_removes_what_only_it_supported(database_url: str) -> None:
    store_corpus(database_url)
    article = "lopez-meets-un-envoys"
    with writer_client(database_url) as client:
        before = {
            kind: client.get(f"/{kind}", params={"limit": 500}).json()["items"]
            for kind in ("people", "organisations", "places")
        }
        named = {
            item["id"]
            for kind in before
            for item in client.get(f"/{kind}", params={"article": article}).json()["items"]
        }
        shared = {
            item["id"]: item
            for items in before.values()
            for item in items
            if item["id"] in named and item["article_count"] > 1
        }
        assert shared and named - set(shared)  # the corpus has both kinds of entity
        assert client.get("/search", params={"q": "useful"}).json()["items"]

        assert client.delete(f"/articles/{article}", headers=AUTH).status_code == 204

        assert client.get(f"/articles/{article}").status_code == 404
        assert client.delete(f"/articles/{article}", headers=AUTH).status_code == 404
        after = {
            item["id"]: item
            for kind in before
            for item in client.get(f"/{kind}", params={"limit": 500}).json()["items"]
        }
        assert named - set(shared) and not (named - set(shared)) & set(after)
        for entity_id, item in shared.items():
            assert after[entity_id]["article_count"] == item["article_count"] - 1
            assert after[entity_id]["mention_count"] < item["mention_count"]
        for path in ("/quotes", "/figures", "/timelines/troop-levels"):
            items = client.get(path, params={"limit": 500}).json()["items"]
            assert items
            cited = [item.get("article") for item in items] + [
                point["source"]["article"] for item in items for point in item.get("points", [])
            ]
            assert article not in cited
        assert client.get("/search", params={"q": "useful"}).json()["items"] == []
        assert article_count(client) == 2


def test_the_api_key_command_prints_a_key_and_its_hash() -> None:
    from typer.testing import CliRunner

    from app.cli import cli

    result = CliRunner().invoke(cli, ["api-key"])
    assert result.exit_code == 0
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    key = next(value for label, value in lines.items() if label.startswith("key"))
    key_hash = next(value for label, value in lines.items() if label.startswith("hash"))
    assert check_bearer(f"Bearer {key}", (key_hash,)).key_hash == key_hash
    assert CliRunner().invoke(cli, ["api-key"]).stdout != result.stdout
