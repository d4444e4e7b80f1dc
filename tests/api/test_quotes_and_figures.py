from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def ids(client: TestClient, url: str) -> list[int]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_quote_shape(client: TestClient) -> None:
    quote = client.get("/quotes").json()["items"][0]
    assert quote == {
        "id": 1,
        "article": "lopez-meets-un-envoys",
        "start": 104,
        "end": 154,
        "text": "We will keep 2,500 troops in Northbridge until May",
        "kind": "direct",
        "speaker": "Maria Lopez",
        "speaker_kind": "person",
        "speaker_id": "maria-lopez",
        "speaker_mention": {"start": 157, "end": 162, "text": "Lopez"},
        "cue": "said",
        "cue_mention": {"start": 163, "end": 167, "text": "said"},
        "segments": [{"start": 104, "end": 154}],
    }


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/quotes", [1, 2, 3, 4]),
        ("/quotes?speaker=maria-lopez", [1]),
        ("/quotes?speaker=smith", [2, 3]),
        ("/quotes?speaker=Elena", [1]),  # the merged name, not the one in the article
        ("/quotes?speaker=united-nations", [4]),
        ("/quotes?article=smith-and-lopez-sign-accord", [3]),
        ("/quotes?kind=indirect", [2, 4]),
        ("/quotes?q=TROOPS", [1, 4]),
        ("/quotes?kind=indirect&q=troops", [4]),
        ("/quotes?speaker=nobody", []),
    ],
)
def test_quote_filters(client: TestClient, url: str, expected: list[int]) -> None:
    assert ids(client, url) == expected


def test_unknown_quote_kind_is_a_422_problem(client: TestClient) -> None:
    response = client.get("/quotes?kind=shouted")
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "kind"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/figures", [1, 2, 3]),
        ("/figures?unit=USD", [2]),
        ("/figures?unit=count", [1, 3]),
        ("/figures?article=smith-and-lopez-sign-accord", [3]),
        ("/figures?unit=count&article=lopez-meets-un-envoys", [1]),
    ],
)
def test_figure_filters(client: TestClient, url: str, expected: list[int]) -> None:
    assert ids(client, url) == expected


def test_figure_shape(client: TestClient) -> None:
    figure = client.get("/figures?unit=USD").json()["items"][0]
    assert figure == {
        "id": 2,
        "article": "lopez-meets-un-envoys",
        "start": 184,
        "end": 195,
        "text": "$40 million",
        "value": 40_000_000.0,
        "unit": "USD",
        "object": None,
        "duration": None,
    }
