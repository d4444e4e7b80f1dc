from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.store import queries


def test_series_by_force_and_location_with_points_in_date_order(client: TestClient) -> None:
    body = client.get("/timelines/troop-levels").json()
    assert [(s["force"], s["location"]) for s in body["items"]] == [
        ("Eastland Army", "Northbridge"),
        ("Westland Army", "Southport"),
    ]
    points = body["items"][0]["points"]
    assert [(p["date"], p["count"], p["status"]) for p in points] == [
        ("2021-04", 3000, "reported"),
        ("2021-05", 2500, "planned"),
    ]
    assert points[0] == {
        "count": 3000,
        "qualifier": "approx",
        "status": "reported",
        "date": "2021-04",
        "date_precision": "month",
        "date_mod": None,
        "date_start": "2021-04-01",
        "date_end": "2021-04-30",
        "condition": None,
        "source": {
            "article": "smith-and-lopez-sign-accord",
            "start": 80,
            "end": 118,
            "text": "about 3,000 troops were in Northbridge",
            "sentence": {
                "start": 65,
                "end": 133,
                "text": "Gen Lopez said about 3,000 troops were in Northbridge in April 2021.",
            },
        },
    }
    year = body["items"][1]["points"][0]
    assert (year["date_start"], year["date_end"], year["date_mod"]) == (
        "2020-01-01",
        "2020-12-31",
        "END",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("force=Westland%20Army", [("Westland Army", [1200])]),
        ("location=Northbridge", [("Eastland Army", [3000, 2500])]),
        ("status=planned", [("Eastland Army", [2500])]),
        ("status=reported", [("Eastland Army", [3000]), ("Westland Army", [1200])]),
        ("force=Eastland%20Army&status=reported", [("Eastland Army", [3000])]),
        ("force=Nobody", []),
    ],
)
def test_filters(client: TestClient, query: str, expected: list) -> None:
    body = client.get(f"/timelines/troop-levels?{query}").json()
    assert [(s["force"], [p["count"] for p in s["points"]]) for s in body["items"]] == expected


def test_series_are_paged(client: TestClient) -> None:
    first = client.get("/timelines/troop-levels?limit=1").json()
    assert [s["force"] for s in first["items"]] == ["Eastland Army"]
    second = client.get(first["next_url"]).json()
    assert [s["force"] for s in second["items"]] == ["Westland Army"]
    assert second["next"] is None


def test_unknown_status_is_a_422_problem(client: TestClient) -> None:
    response = client.get("/timelines/troop-levels?status=rumoured")
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "status"


def test_each_series_keeps_its_latest_points_and_counts_them_all(client: TestClient) -> None:
    every = client.get("/timelines/troop-levels").json()["items"]
    assert [s["point_count"] for s in every] == [len(s["points"]) for s in every] == [2, 1]
    latest = client.get("/timelines/troop-levels?points=1").json()["items"]
    assert [(s["force"], s["point_count"]) for s in latest] == [
        ("Eastland Army", 2),
        ("Westland Army", 1),
    ]
    assert [[p["date"] for p in s["points"]] for s in latest] == [["2021-05"], ["2020"]]


def test_the_points_cap_holds_in_csv_and_counts_after_the_filters(client: TestClient) -> None:
    csv = client.get("/timelines/troop-levels?points=1&format=csv").text.splitlines()
    assert len(csv) == 1 + 2  # the header, then one point of each series
    reported = client.get("/timelines/troop-levels?status=reported&points=1").json()["items"]
    assert [(s["point_count"], s["points"][0]["count"]) for s in reported] == [(1, 3000), (1, 1200)]


@pytest.mark.parametrize("points", ["0", "1001", "many"])
def test_points_out_of_range_is_a_422_problem(client: TestClient, points: str) -> None:
    response = client.get(f"/timelines/troop-levels?points={points}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "points"


def test_a_page_ends_before_its_points_pass_the_budget(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Series of many points make short pages, never one past the budget (unless its one
    series alone passes it); `next` goes on, and streamed formats still hold every series."""
    monkeypatch.setattr(queries, "MAX_PAGE_POINTS", 2)
    first = client.get("/timelines/troop-levels").json()
    assert [(s["force"], len(s["points"])) for s in first["items"]] == [("Eastland Army", 2)]
    second = client.get(first["next_url"]).json()
    assert [(s["force"], len(s["points"])) for s in second["items"]] == [("Westland Army", 1)]
    assert second["next"] is None
    latest = client.get("/timelines/troop-levels?points=1").json()
    assert [s["force"] for s in latest["items"]] == ["Eastland Army", "Westland Army"]
    monkeypatch.setattr(queries, "MAX_PAGE_POINTS", 1)
    alone = client.get("/timelines/troop-levels").json()["items"]
    assert [(s["force"], len(s["points"])) for s in alone] == [("Eastland Army", 2)]
    csv = client.get("/timelines/troop-levels?format=csv").text.splitlines()
    assert len(csv) == 1 + 3


def test_the_docs_give_the_page_budget(client: TestClient) -> None:
    route = client.get("/openapi.json").json()["paths"]["/timelines/troop-levels"]["get"]
    assert f"{queries.MAX_PAGE_POINTS:,} (it always holds one series)" in route["description"]
