"""The answers are built as dicts (`XPublic.dump_...`), not as model instances: each
must be exactly what its model would dump, key order included."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from app.api.public import (
    ArticlePublic,
    ArticleSummaryPublic,
    EntitySummaryPublic,
    FigurePublic,
    OrganisationPublic,
    PersonPublic,
    PlacePublic,
    QuotePublic,
    SearchHitPublic,
    TroopLevelSeriesPublic,
)


def assert_dumped_by(model: type[BaseModel], item: dict[str, Any]) -> None:
    """`item` is the model's own JSON: same keys in the same order, nested ones too."""
    dumped = model.model_validate(item).model_dump(mode="json")
    assert orjson.dumps(item) == orjson.dumps(dumped)


LISTS: list[tuple[str, type[BaseModel]]] = [
    ("/articles", ArticleSummaryPublic),
    ("/people", EntitySummaryPublic),
    ("/organisations", EntitySummaryPublic),
    ("/places", EntitySummaryPublic),
    ("/quotes", QuotePublic),
    ("/figures", FigurePublic),
    ("/timelines/troop-levels", TroopLevelSeriesPublic),
    ("/search?q=troops", SearchHitPublic),
    ("/search?q=lopez", SearchHitPublic),
]


@pytest.mark.parametrize(("path", "model"), LISTS)
def test_list_items_are_their_models_json(client: TestClient, path: str, model: Any) -> None:
    items = client.get(path).json()["items"]
    assert items
    for item in items:
        assert_dumped_by(model, item)


DETAILS: list[tuple[str, type[BaseModel]]] = [
    ("/articles", ArticlePublic),
    ("/people", PersonPublic),
    ("/organisations", OrganisationPublic),
    ("/places", PlacePublic),
]


@pytest.mark.parametrize(("path", "model"), DETAILS)
def test_details_are_their_models_json(client: TestClient, path: str, model: Any) -> None:
    ids = [item["id"] for item in client.get(path).json()["items"]]
    assert ids
    for item_id in ids:
        response = client.get(f"{path}/{item_id}")
        assert response.headers["content-type"] == "application/json"
        assert_dumped_by(model, response.json())
