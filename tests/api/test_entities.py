from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.store import queries


def ids(client: TestClient, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_people_list(client: TestClient) -> None:
    items = client.get("/people").json()["items"]
    assert [p["id"] for p in items] == ["carlos-smith", "jane-smith", "maria-lopez"]
    lopez = items[2]
    assert lopez["name"] == "Maria Elena Lopez"
    assert (lopez["mention_count"], lopez["article_count"]) == (4, 2)
    assert "Gen Lopez" in lopez["aliases"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/people?name=SMITH", ["carlos-smith", "jane-smith"]),
        ("/people?name=elena", ["maria-lopez"]),
        ("/people?name=gen%20lopez", ["maria-lopez"]),  # an alias
        ("/people?name=nobody", []),
        ("/people?article=smith-and-lopez-sign-accord", ["jane-smith", "maria-lopez"]),
        ("/people?article=lopez-meets-un-envoys&name=smith", ["carlos-smith"]),
        ("/organisations?name=un", ["united-nations"]),
        ("/organisations?article=un-counts-westland-troops", ["united-nations"]),
        ("/places?name=port", ["southport"]),
        ("/places?article=lopez-meets-un-envoys", ["northbridge"]),
        ("/places?name=%25", []),  # a literal %, not a wildcard
    ],
)
def test_list_filters(client: TestClient, url: str, expected: list[str]) -> None:
    assert ids(client, url) == expected


def test_person_detail(client: TestClient) -> None:
    person = client.get("/people/maria-lopez").json()
    assert person["name"] == "Maria Elena Lopez"
    assert set(person["aliases"]) == {"Maria Lopez", "Gen Maria Lopez", "Lopez", "Gen Lopez"}
    assert person["roles"] == ["chief"]
    assert person["organisations"] == [{"id": "eastland-army", "name": "Eastland Army"}]
    assert [q["text"] for q in person["quotes"]] == [
        "We will keep 2,500 troops in Northbridge until May"
    ]
    assert [(a["id"], a["mention_count"]) for a in person["articles"]] == [
        ("smith-and-lopez-sign-accord", 2),  # last ingested first
        ("lopez-meets-un-envoys", 2),
    ]
    assert (person["quote_count"], person["role_mention_count"]) == (1, 1)
    assert person["quotes_url"] == "/quotes?speaker=maria-lopez&sort=-id"
    assert person["articles_url"] == "/articles?entity=maria-lopez&sort=-ingested"
    assert person["organisation_count"] == 1
    assert person["organisations_url"] == "/organisations?person=maria-lopez"


def test_organisation_detail(client: TestClient) -> None:
    un = client.get("/organisations/united-nations").json()
    assert un["aliases"] == ["UN"]
    assert un["people"] == [{"id": "carlos-smith", "name": "Carlos Smith"}]
    assert un["person_count"] == 1
    assert [p["id"] for p in client.get(un["people_url"]).json()["items"]] == ["carlos-smith"]
    assert [q["id"] for q in un["quotes"]] == [4]
    assert un["article_count"] == 2


def test_place_detail(client: TestClient) -> None:
    place = client.get("/places/southport").json()
    assert place["name"] == "Southport"
    assert [a["id"] for a in place["articles"]] == [
        "un-counts-westland-troops",
        "smith-and-lopez-sign-accord",
    ]
    assert "people" not in place and "organisations" not in place


def test_detail_holds_the_latest_and_links_to_all(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "DETAIL_LATEST", 1)
    person = client.get("/people/maria-lopez").json()
    assert [a["id"] for a in person["articles"]] == ["smith-and-lopez-sign-accord"]
    assert person["article_count"] == 2
    every = client.get(person["articles_url"]).json()["items"]
    assert [a["id"] for a in every] == ["smith-and-lopez-sign-accord", "lopez-meets-un-envoys"]
    quotes = client.get(person["quotes_url"]).json()["items"]
    assert [q["id"] for q in quotes] == [q["id"] for q in person["quotes"]]
    assert len(quotes) == person["quote_count"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/articles?entity=maria-lopez", ["lopez-meets-un-envoys", "smith-and-lopez-sign-accord"]),
        (
            "/articles?entity=southport&sort=-id",
            ["un-counts-westland-troops", "smith-and-lopez-sign-accord"],
        ),
        ("/articles?entity=maria-lopez&sort=published&limit=1", ["lopez-meets-un-envoys"]),
        ("/articles?entity=nobody", []),
    ],
)
def test_articles_naming_an_entity(client: TestClient, url: str, expected: list[str]) -> None:
    assert ids(client, url) == expected


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("/people/nobody", "no person with id 'nobody'; list people at /people"),
        ("/people/united-nations", "no person with id 'united-nations'; list people at /people"),
        ("/organisations/x", "no organisation with id 'x'; list organisations at /organisations"),
        ("/places/x", "no place with id 'x'; list places at /places"),
    ],
)
def test_unknown_or_wrong_kind_id_is_a_404_problem(
    client: TestClient, url: str, detail: str
) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == detail


@pytest.mark.parametrize("sort", ["id", "-id", "published", "-published", "ingested", "-ingested"])
def test_articles_naming_an_entity_page_by_cursor(client: TestClient, sort: str) -> None:
    url = f"/articles?entity=southport&sort={sort}"
    whole = ids(client, url)
    paged: list[str] = []
    next_url: str | None = f"{url}&limit=1"
    while next_url:
        body = client.get(next_url).json()
        paged += [item["id"] for item in body["items"]]
        next_url = body["next_url"]
    assert paged == whole and len(whole) == 2
