"""The seed article through the whole pipeline: files -> extraction -> SQLite -> JSON API.

What the acceptance asks of a fresh clone's `make run`, read through the API as a
dashboard would. The facts come from the text, so every span is checked against it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from app.api.main import create_app
from app.cli import cli
from app.config import Settings, get_settings
from app.store.db import dispose_engines

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path_factory.mktemp('seed') / 'facts.db'}"
    patch = pytest.MonkeyPatch()
    patch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["ingest", str(DATA)])
    assert result.exit_code == 0, result.output
    assert "ingested 1 new" in result.output
    app = create_app(Settings(database_url=url))
    with TestClient(app) as client:
        yield client
    patch.undo()
    get_settings.cache_clear()
    dispose_engines()


def items(api: TestClient, path: str) -> list[dict]:
    response = api.get(path, params={"limit": 500})
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_people_are_exactly_the_four_named(api: TestClient) -> None:
    people = {p["name"]: p for p in items(api, "/people")}
    assert set(people) == {
        "Qamar Javed Bajwa",
        "Zalmay Khalilzad",
        "Austin Scott Miller",
        "Faiz Hamid",
    }
    assert {"Gen Bajwa", "Bajwa"} <= set(people["Qamar Javed Bajwa"]["aliases"])
    assert "Chief of Army Staff" in people["Qamar Javed Bajwa"]["roles"]
    assert (
        "US Special Representative for Afghanistan Reconciliation"
        in people["Zalmay Khalilzad"]["roles"]
    )
    assert "Director General ISI" in people["Faiz Hamid"]["roles"]
    assert "top US military officer in Afghanistan" in people["Austin Scott Miller"]["roles"]


def test_person_detail_links_roles_organisations_and_quotes(api: TestClient) -> None:
    detail = api.get("/people/faiz-hamid").json()
    assert "ISI" in {o["name"] for o in detail["organisations"]}
    bajwa = api.get("/people/qamar-javed-bajwa").json()
    assert bajwa["mention_count"] == 3
    assert any(q["text"].startswith("Pakistan will continue") for q in bajwa["quotes"])


def test_organisations(api: TestClient) -> None:
    organisations = {o["name"].casefold(): o for o in items(api, "/organisations")}
    for name in [
        "pakistan army",
        "isi",
        "nato",
        "resolute support mission",
        "taliban",
        "afghan government",
    ]:
        assert name in organisations, name
    assert "RSM" in organisations["resolute support mission"]["aliases"]
    assert any(name.startswith("us forces") and "afghanistan" in name for name in organisations)


def test_quotes_and_speakers(api: TestClient) -> None:
    quotes = items(api, "/quotes")
    spoken = {
        (q["kind"], q["text"][:30], q["speaker"] or q["speaker_mention"]["text"]) for q in quotes
    }
    assert ("direct", "Pakistan will continue to play", "Qamar Javed Bajwa") in spoken
    assert ("direct", "Tragically, the war continues.", "Zalmay Khalilzad") in spoken
    assert ("direct", "Given how much is at stake, it", "Zalmay Khalilzad") in spoken
    assert ("partial", "historic breakthrough", "Pakistani officials") in spoken
    statement = [q for q in quotes if q["text"].startswith("Pakistan’s untiring efforts")]
    assert statement and statement[0]["speaker_mention"]["text"] == "an official statement"
    he_said = next(q for q in quotes if q["text"].startswith("Given how much"))
    assert he_said["speaker_mention"]["text"] == "he"


def test_troop_level_timeline(api: TestClient) -> None:
    series = {
        (s["force"], s["location"]): s["points"] for s in items(api, "/timelines/troop-levels")
    }
    us = [
        (p["count"], p["status"], p["date"], p["date_mod"], p["condition"])
        for p in series[("US", "Afghanistan")]
    ]
    assert us == [
        (4500, "reported", "2020-12", None, None),
        (2500, "planned", "2021-01", "MID", "condition-based"),
    ]
    [foreign] = series[("foreign", "Afghanistan")]
    assert (foreign["count"], foreign["status"], foreign["date"]) == (0, "planned", "2021-05")


def test_every_fact_points_at_its_text(api: TestClient) -> None:
    article = api.get("/articles/us-officials-meet-pakistan-army-chief").json()
    text = article["text"]
    spans = []
    for kind in ("people", "organisations", "places"):
        for entity in article[kind]:
            spans += entity["mentions"]
    spans += article["quotes"] + article["figures"] + article["dates"]
    spans += [
        {**level["source"]} if "source" in level else level for level in article["troop_levels"]
    ]
    assert len(spans) > 50
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


def test_seed_is_served_with_its_publication_month(api: TestClient) -> None:
    [article] = items(api, "/articles")
    assert article["published_date"] == "2020-12"
