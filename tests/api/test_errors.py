"""Errors are problem+json everywhere, and OpenAPI declares them for every route."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app
from app.config import Settings
from app.store import queries


def test_unknown_route_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "nothing at /no/such/route; the routes are listed at /docs",
        "instance": "/no/such/route",
    }


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_wrong_method_is_a_405_problem(client: TestClient, method: str) -> None:
    response = client.request(method, "/people")
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["allow"] == "GET, HEAD"
    assert response.json()["detail"] == f"{method} is not allowed on /people; use GET, HEAD"


def test_an_unexpected_error_is_a_500_problem(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(queries, "figures", broken)
    app = create_app(Settings(database_url=database_url))
    response = TestClient(app, raise_server_exceptions=False).get("/figures")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "bug" not in response.text


def test_openapi_declares_problem_responses_for_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "Problem" in spec["components"]["schemas"]
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        operation = operations["get"]
        assert operation["summary"], path
        responses = operation["responses"]
        parameters = {parameter["name"] for parameter in operation.get("parameters", [])}
        expected = {"200", "304", "500", "503"}
        if "{" in path:
            expected.add("404")
        if parameters - {"article_id", "person_id", "organisation_id", "place_id"}:
            expected.add("422")
        if "cursor" in parameters:
            expected.add("400")
        assert expected <= set(responses), path
        for status, response in responses.items():
            if status not in ("200", "304"):
                assert list(response["content"]) == ["application/problem+json"], (path, status)


def test_list_parameters_are_documented(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    parameters = {p["name"]: p for p in spec["paths"]["/quotes"]["get"]["parameters"]}
    assert set(parameters) == {
        *("limit", "cursor", "fields", "format", "total", "sort"),
        *("speaker", "article", "kind", "q"),
    }
    limit_schema = next(s for s in parameters["limit"]["schema"]["anyOf"] if s["type"] == "integer")
    assert limit_schema["maximum"] == 500
    assert all(p.get("description") for p in parameters.values())
