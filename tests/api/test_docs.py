"""The docs work offline, and OpenAPI documents every route: summary, description, tags,\nformats, and a realistic (invented, valid) example for every model a response uses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from app.api import errors, examples, public
from app.config import PROJECT_ROOT

ASSET = re.compile(r'(?:src|href)="([^"]+)"')
SEED = PROJECT_ROOT / "data" / "articles"


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_load_nothing_from_other_hosts(empty_client: TestClient, page: str) -> None:
    response = empty_client.get(page)
    assert response.status_code == 200
    html = response.text
    assert "cdn" not in html.lower()
    assert not re.search(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]", html, re.IGNORECASE)
    assets = ASSET.findall(html)
    assert assets, "expected the page to reference its scripts"
    for asset in assets:
        assert asset.startswith("/"), asset
        assert empty_client.get(asset).status_code == 200, asset


def test_openapi_json_is_served(empty_client: TestClient) -> None:
    spec = empty_client.get("/openapi.json").json()
    assert spec["info"]["title"] == "article-facts"
    assert "/timelines/troop-levels" in spec["paths"]


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            assert method == "get", (path, method)
            yield path, operation


def test_every_operation_has_a_summary_description_and_tags(empty_client: TestClient) -> None:
    spec = empty_client.get("/openapi.json").json()
    for path, operation in operations(spec):
        summary = operation.get("summary", "")
        assert summary, path
        assert summary != summary.title(), f"{path}: {summary!r} reads like a function name"
        assert operation.get("description"), path
        assert operation.get("tags"), path
    assert {tag for _, op in operations(spec) for tag in op["tags"]} >= {
        "articles",
        "people",
        "organisations",
        "places",
        "quotes",
        "figures",
        "timelines",
        "search",
        "health",
    }


def test_every_list_route_declares_its_three_formats(empty_client: TestClient) -> None:
    spec = empty_client.get("/openapi.json").json()
    lists = [
        (path, op)
        for path, op in operations(spec)
        if any(p["name"] == "cursor" for p in op.get("parameters", []))
    ]
    assert len(lists) == 8
    for path, operation in lists:
        content = operation["responses"]["200"]["content"]
        assert {"application/json", "text/csv", "application/x-ndjson"} <= content.keys(), path


def schema_refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if "$ref" in value:
            yield value["$ref"].rsplit("/", 1)[-1]
        for inner in value.values():
            yield from schema_refs(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from schema_refs(inner)


def has_example(schema: dict[str, Any]) -> bool:
    return bool(schema.get("examples") or "example" in schema)


def test_every_schema_a_response_uses_has_an_example(empty_client: TestClient) -> None:
    spec = empty_client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    seen: set[str] = set()
    todo = [
        name
        for _, operation in operations(spec)
        for response in operation["responses"].values()
        for name in schema_refs(response.get("content", {}))
    ]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(schema_refs(schemas[name]))
    assert {"QuotePage", "PersonPublic", "MentionPublic", "Problem", "HealthPublic"} <= seen
    for name in sorted(seen):
        # `<Item>Fields` (the partial items `fields=` returns) are derived from <Item>.
        source = name.removesuffix("Fields") if name.endswith("PublicFields") else name
        assert has_example(schemas[source]), name


EXAMPLE_MODELS: list[type[BaseModel]] = [
    model
    for module in (public, errors)
    for model in vars(module).values()
    if isinstance(model, type)
    and issubclass(model, BaseModel)
    and model.__module__ == module.__name__
    and "examples" in (model.model_config.get("json_schema_extra") or {})
]


def model_examples(model: type[BaseModel]) -> list[dict[str, Any]]:
    extra = model.model_config.get("json_schema_extra")
    assert isinstance(extra, dict)
    return extra["examples"]  # type: ignore[return-value]


@pytest.mark.parametrize("model", EXAMPLE_MODELS, ids=lambda model: model.__name__)
def test_examples_are_valid_responses(model: type[BaseModel]) -> None:
    """An example the model would not produce misleads a client author."""
    for example in model_examples(model):
        parsed = model.model_validate(example)
        assert parsed.model_dump(mode="json", exclude_none=model is errors.Problem) == example


def example_values(value: Any) -> Iterator[str]:
    """Every value in the examples but page cursors (base64, where any digits may turn up)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key not in ("next", "next_url"):
                yield from example_values(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from example_values(inner)
    else:
        yield str(value)


NAME_OR_NUMBER = re.compile(r"[A-Z][a-z]{3,}|\d[\d,]+")
"""Capitalised words (not 'The' or 'In') and numbers of two digits or more."""


def test_examples_borrow_no_name_or_number_from_the_seed_article() -> None:
    seed = " ".join(path.read_text() for path in SEED.glob("*.txt"))
    values = [model_examples(model) for model in EXAMPLE_MODELS]
    used = set(NAME_OR_NUMBER.findall(" ".join(example_values(values))))
    assert used
    assert not used & set(NAME_OR_NUMBER.findall(seed))


def spans(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys():
            yield value
        for inner in value.values():
            yield from spans(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from spans(inner)


def test_example_spans_cut_their_text() -> None:
    texts = (examples.STRIKE_TEXT, examples.PATROL_TEXT)
    found = list(spans([model_examples(model) for model in EXAMPLE_MODELS]))
    assert len(found) > 10
    for span in found:
        assert any(text[span["start"] : span["end"]] == span["text"] for text in texts), span
