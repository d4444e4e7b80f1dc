"""GET /search: the hit shape, ranking, filters, pages, and a problem (never a 500) for bad input."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from types import SimpleNamespace
from urllib.parse import quote as url_quote

import pytest
from fastapi.testclient import TestClient

from app.api.deps import get_db_session
from app.api.main import create_app
from app.config import Settings
from app.extract.schema import ArticleFacts, Quote, Span
from app.ingest.article import RawArticle
from app.store.db import open_session
from app.store.writer import save_article

HARBOUR_TEXT = (
    'The harbour master said: "The strike ends on Friday." Dockers voted late into the night.'
)
STRIKE_QUOTE = "The strike ends on Friday."
ESCAPED_TEXT = "A notice read <script>alert('ferry')</script> & the ferry stayed in dock."
ARTICLES = [
    ("harbour-vote", HARBOUR_TEXT, "Dockers vote", STRIKE_QUOTE, "Ada Master"),
    ("strike-news", "Workers in Zürich joined. Buses stopped.", "Strike spreads", None, None),
    ("ferry-notice", ESCAPED_TEXT, "Notices", None, None),
    ("barley", "Farmers planted barley after a wet spring.", "Farm notes", None, None),
    ("maps", "The museum opened a new wing for old maps.", "Museum notes", None, None),
    ("race", "A cycling race crossed three bridges.", "Sport notes", None, None),
]
HIT_KEYS = {
    "kind",
    "article",
    "article_title",
    "quote",
    "speaker",
    "start",
    "end",
    "rank",
    "snippet",
}


def facts_for(article_id: str, text: str, phrase: str | None, speaker: str | None) -> ArticleFacts:
    if phrase is None:
        return ArticleFacts(id=article_id)
    start = text.index(phrase)
    span = Span(start=start, end=start + len(phrase))
    spoken = Quote(
        **span.model_dump(),
        text=phrase,
        segments=[span],
        kind="direct",
        speaker=speaker,
        speaker_mention=None,
        cue=None,
    )
    return ArticleFacts(id=article_id, quotes=[spoken])


@pytest.fixture
def search_client(database_url: str, empty_client: TestClient) -> TestClient:
    with open_session(database_url) as session:
        for article_id, text, title, phrase, speaker in ARTICLES:
            article = RawArticle(id=article_id, text=text, title=title)
            assert save_article(session, article, facts_for(article_id, text, phrase, speaker))
        session.commit()
    return empty_client


def hits(client: TestClient, query: str) -> list[dict]:
    response = client.get(f"/search?{query}")
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_a_hit_cites_its_article_and_quote(search_client: TestClient) -> None:
    body = search_client.get("/search", params={"q": "strike"}).json()
    assert set(body) == {"items", "next", "next_url"}
    assert all(set(hit) == HIT_KEYS for hit in body["items"])
    quote_hit = next(hit for hit in body["items"] if hit["kind"] == "quote")
    assert quote_hit["article"] == "harbour-vote"
    assert quote_hit["article_title"] == "Dockers vote"
    assert quote_hit["speaker"] == "Ada Master"
    assert isinstance(quote_hit["quote"], int)
    assert HARBOUR_TEXT[quote_hit["start"] : quote_hit["end"]] == STRIKE_QUOTE
    assert quote_hit["snippet"] == "The <mark>strike</mark> ends on Friday."
    article_hit = next(hit for hit in body["items"] if hit["article"] == "strike-news")
    assert (article_hit["quote"], article_hit["speaker"]) == (None, None)
    assert (article_hit["start"], article_hit["end"]) == (0, len(ARTICLES[1][1]))


def test_the_hit_shape_matches_the_openapi_schema(search_client: TestClient) -> None:
    schema = search_client.get("/openapi.json").json()["components"]["schemas"]["SearchHitPublic"]
    assert set(schema["properties"]) == HIT_KEYS
    assert set(schema["required"]) == HIT_KEYS


def test_a_title_match_comes_before_body_mentions(search_client: TestClient) -> None:
    found = hits(search_client, "q=strike&kind=article")
    assert [hit["article"] for hit in found] == ["strike-news", "harbour-vote"]
    assert found[0]["rank"] < found[1]["rank"]


def test_kind_filters_and_accents_are_ignored(search_client: TestClient) -> None:
    assert {hit["kind"] for hit in hits(search_client, "q=strike&kind=quote")} == {"quote"}
    assert [hit["article"] for hit in hits(search_client, "q=zurich")] == ["strike-news"]
    assert [hit["article"] for hit in hits(search_client, "q=speaker:master")] == ["harbour-vote"]


def test_snippets_are_safe_html(search_client: TestClient) -> None:
    [hit] = hits(search_client, "q=ferry")
    assert "<script>" not in hit["snippet"]
    assert (
        "&lt;script&gt;alert(&#x27;<mark>ferry</mark>&#x27;)&lt;/script&gt; &amp;" in hit["snippet"]
    )


def test_pages_follow_next_url_without_gaps_or_repeats(search_client: TestClient) -> None:
    whole = hits(search_client, "q=strike OR ferry OR notes&limit=500")
    assert len(whole) == 7
    seen, url = [], "/search?q=strike%20OR%20ferry%20OR%20notes&limit=2"
    while url:
        response = search_client.get(url)
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body["items"]) <= 2
        seen += body["items"]
        if body["next"] is not None:
            assert response.headers["link"] == f'<{body["next_url"]}>; rel="next"'
        url = body["next_url"]
    assert seen == whole
    assert len({(hit["kind"], hit["article"], hit["quote"]) for hit in seen}) == len(seen)


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    ["not-base64!", b64("[1]"), b64('["x", "article", 1]'), b64("[-1.5, 7, 1]"), b64("{}")],
)
def test_a_tampered_cursor_is_a_400_problem(search_client: TestClient, cursor: str) -> None:
    response = search_client.get("/search", params={"q": "strike", "cursor": cursor})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert "cursor" in response.json()["detail"]


def test_an_invalid_query_is_a_400_problem_with_a_hint(search_client: TestClient) -> None:
    response = search_client.get("/search", params={"q": '"strike'})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400
    assert "double quote" in problem["detail"]
    assert '"exact words"' in problem["detail"]
    assert problem["errors"] == [
        {"parameter": "q", "location": "query", "detail": problem["detail"]}
    ]


@pytest.mark.parametrize("query", ["", "kind=article", "q=strike&kind=person"])
def test_missing_q_or_an_unknown_kind_is_a_422(search_client: TestClient, query: str) -> None:
    response = search_client.get(f"/search?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


NASTY = [
    "",
    " ",
    "'; DROP TABLE article; --",
    "' OR 1=1 --",
    '" OR ""="',
    "1) UNION SELECT * FROM quote --",
    "strike' AND 1=1",
    '"unbalanced',
    'a "b',
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "NEAR(strike",
    "NEAR(strike friday, -1)",
    "strike AND",
    "( )",
    "((strike)",
    "*",
    "*id",
    "strike**",
    "^",
    "^strike",
    "-",
    "-strike",
    ":",
    "title:",
    "text:strike",
    "speaker:ada",
    "rowid:1",
    "rank:strike",
    "article_search:strike",
    "quote_search:strike",
    "{title speaker}:strike",
    "{}:strike",
    "strike\x00",
    "\x00",
    "\x1a",
    "\t\n",
    "🙂",
    "strike 🙂 🚢",
    "שלום",
    "\u202estrike",
    "%",
    "\\",
    "a" * 10_000,
    "strike " * 2_000,
    "(" * 300,
    "strike OR " * 90 + "ferry",
    "(" * 200 + "strike" + ")" * 200,
    "strike NOT ferry " * 50,
    "it's",
    "'",
    "\\'",
    "strike:*",
    "'strike':A",
    "strike <-> ferry",
    "strike & !ferry",
    "title:(text:strike)",
    "NEAR(strike friday, 101)",
    "NEAR(a b c d e f g h, 100)",
    "NEAR(" + "strike " * 100 + ", 100)",
]


@pytest.mark.parametrize("q", NASTY)
def test_any_input_is_a_page_or_a_400_problem(search_client: TestClient, q: str) -> None:
    response = search_client.get("/search", params={"q": q})
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        if "\x00" in q:  # refused at the edge (app.api.hardening), before any parameter is read
            assert "NUL" in problem["detail"]
        else:
            assert problem["errors"][0]["parameter"] == "q"
    else:
        assert set(response.json()) == {"items", "next", "next_url"}


@pytest.mark.parametrize("route", ["/articles", "/quotes"])
@pytest.mark.parametrize("q", NASTY[::3])
def test_list_routes_take_any_search_too(search_client: TestClient, route: str, q: str) -> None:
    response = search_client.get(route, params={"q": q})
    assert response.status_code in (200, 400), response.text


@pytest.mark.parametrize("raw", ["%FF%FE", "%ED%A0%80", "%00%00", url_quote("🙂*")])
def test_undecodable_bytes_are_not_a_server_error(search_client: TestClient, raw: str) -> None:
    response = search_client.get(f"/search?q={raw}")
    assert response.status_code in (200, 400), response.text


@pytest.fixture
def mysql_client(database_url: str) -> Iterator[TestClient]:
    """The app with a session that says it talks to MySQL, which has no index to search."""
    app = create_app(Settings(database_url=database_url))
    dialect = SimpleNamespace(name="mysql")
    app.dependency_overrides[get_db_session] = lambda: SimpleNamespace(
        get_bind=lambda: SimpleNamespace(dialect=dialect)
    )
    with TestClient(app) as client:
        yield client


def test_search_on_another_database_is_a_501_problem(mysql_client: TestClient) -> None:
    response = mysql_client.get("/search", params={"q": "strike"})
    assert response.status_code == 501
    assert response.headers["content-type"] == "application/problem+json"
    assert "SQLite or PostgreSQL" in response.json()["detail"]


def test_openapi_documents_the_query_syntax(empty_client: TestClient) -> None:
    operation = empty_client.get("/openapi.json").json()["paths"]["/search"]["get"]
    assert operation["summary"]
    for syntax in ('"peace talks"', "negot*", "NOT", "NEAR(", "speaker:"):
        assert syntax in operation["description"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert set(parameters) == {"q", "kind", "limit", "cursor", "fields", "format", "total"}
    assert parameters["q"]["required"] is True
    assert parameters["q"]["schema"]["examples"]
    assert {"400", "422", "501"} <= set(operation["responses"])
