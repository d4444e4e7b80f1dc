from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


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
        ("lopez-meets-un-envoys", 2),
        ("smith-and-lopez-sign-accord", 2),
    ]


def test_organisation_detail(client: TestClient) -> None:
    un = client.get("/organisations/united-nations").json()
    assert un["aliases"] == ["UN"]
    assert un["people"] == [{"id": "carlos-smith", "name": "Carlos Smith"}]
    assert [q["id"] for q in un["quotes"]] == [4]
    assert un["article_count"] == 2


def test_place_detail(client: TestClient) -> None:
    place = client.get("/places/southport").json()
    assert place["name"] == "Southport"
    assert [a["id"] for a in place["articles"]] == [
        "smith-and-lopez-sign-accord",
        "un-counts-westland-troops",
    ]
    assert "people" not in place and "organisations" not in place


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
