"""The `article-facts` command as scripts use it: exit codes, messages, JSON lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.config import get_settings
from app.store.db import dispose_engines, open_session
from app.store.queries import count_articles

runner = CliRunner()

FIRST = {
    "id": "garrison-talks",
    "text": "General Tariq Mahmood, the army chief, met envoys in Rawalpindi. "
    "“We want a lasting ceasefire,” Gen Mahmood said.",
    "published": "2021-03",
}
SECOND = {
    "id": "border-visit",
    "text": "Tariq Mahmood visited the border on Friday. Mahmood said that the crossings "
    "would reopen within days.",
    "published": "2021-04-02",
}
OTHER_MAHMOOD = {
    "id": "cabinet-news",
    "text": "Finance Minister Sadia Mahmood presented the budget in Lahore on Tuesday.",
    "published": "2021-06",
}


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'new' / 'facts.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()
    dispose_engines()


def write_jsonl(path: Path, *records: dict | str) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def articles_in(url: str) -> int:
    with open_session(url) as session:
        return count_articles(session)


def test_extract_jsonl_keeps_ids_and_the_documented_shape() -> None:
    lines = "\n".join(json.dumps(r) for r in (FIRST, SECOND))
    result = runner.invoke(cli, ["extract", "--jsonl", "-"], input=lines)
    assert result.exit_code == 0, result.output
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in outputs] == ["garrison-talks", "border-visit"]
    first = outputs[0]
    assert {
        "people",
        "organisations",
        "places",
        "quotes",
        "figures",
        "dates",
        "troop_levels",
    } <= set(first)
    [person] = first["people"]
    assert {"name", "aliases", "roles", "mentions"} <= set(person)
    assert person["name"] == "Tariq Mahmood"
    [quote] = first["quotes"]
    assert {"text", "start", "end", "segments", "kind", "speaker", "speaker_mention", "cue"} <= set(
        quote
    )
    assert (quote["kind"], quote["speaker"], quote["cue"]) == ("direct", "Tariq Mahmood", "said")
    assert FIRST["text"][quote["start"] : quote["end"]] == quote["text"]


def test_extract_reports_a_bad_line_and_goes_on() -> None:
    result = runner.invoke(cli, ["extract", "--jsonl", "-"], input="{oops\n" + json.dumps(SECOND))
    assert result.exit_code == 1
    assert "stdin:1" in result.stderr
    assert json.loads(result.stdout)["id"] == "border-visit"


def test_extract_without_input_says_what_to_give() -> None:
    result = runner.invoke(cli, ["extract"])
    assert result.exit_code == 2
    assert "--jsonl" in result.stderr


def test_ingest_is_idempotent_and_merges_people_across_articles(
    database: str, tmp_path: Path
) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", FIRST, SECOND, OTHER_MAHMOOD)
    first = runner.invoke(cli, ["ingest", str(feed)])
    assert first.exit_code == 0, first.output
    assert "ingested 3 new, 0 unchanged, 0 failed" in first.output
    again = runner.invoke(cli, ["ingest", str(feed)])
    assert "ingested 0 new, 3 unchanged, 0 failed" in again.output
    result = runner.invoke(cli, ["extract", "--jsonl", "-"], input=json.dumps(SECOND))
    assert result.exit_code == 0
    from fastapi.testclient import TestClient

    from app.api.main import create_app  # the API sees one Tariq Mahmood and one Sadia Mahmood

    with TestClient(create_app()) as client:
        people = {p["name"]: p for p in client.get("/people").json()["items"]}
    assert set(people) == {"Tariq Mahmood", "Sadia Mahmood"}
    assert people["Tariq Mahmood"]["article_count"] == 2


def test_ingest_keeps_good_articles_and_fails_on_bad_ones(database: str, tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", FIRST, '{"id": "broken", "text": ', SECOND)
    result = runner.invoke(cli, ["ingest", str(feed)])
    assert result.exit_code == 1
    assert "feed.jsonl:2" in result.stderr
    assert articles_in(database) == 2


def test_ingest_if_empty_skips_a_filled_database(database: str, tmp_path: Path) -> None:
    runner.invoke(cli, ["ingest", str(write_jsonl(tmp_path / "a.jsonl", FIRST))])
    result = runner.invoke(
        cli, ["ingest", "--if-empty", str(write_jsonl(tmp_path / "b.jsonl", SECOND))]
    )
    assert result.exit_code == 0
    assert "nothing to ingest" in result.output
    assert articles_in(database) == 1


def test_migrate_creates_a_new_database(database: str) -> None:
    result = runner.invoke(cli, ["migrate"])
    assert result.exit_code == 0, result.output
    assert articles_in(database) == 0


def test_the_same_general_across_articles_is_one_person(database: str, tmp_path: Path) -> None:
    short = {
        "id": "short-form",
        "text": "Gen Bajwa met the delegation in Rawalpindi on Monday. Bajwa said the talks went well.",
        "published": "2020-12",
    }
    full = {
        "id": "full-form",
        "text": "Army chief Qamar Javed Bajwa visited Kabul. “We want peace,” Qamar Javed Bajwa said.",
        "published": "2021-01",
    }
    other = {
        "id": "other-bajwa",
        "text": "Finance Minister Sadia Bajwa presented the budget in Lahore on Tuesday.",
        "published": "2021-02",
    }
    result = runner.invoke(
        cli, ["ingest", str(write_jsonl(tmp_path / "f.jsonl", short, full, other))]
    )
    assert result.exit_code == 0, result.output
    from fastapi.testclient import TestClient

    from app.api.main import create_app

    with TestClient(create_app()) as client:
        people = {p["name"]: p for p in client.get("/people").json()["items"]}
    assert set(people) == {"Qamar Javed Bajwa", "Sadia Bajwa"}
    assert people["Qamar Javed Bajwa"]["article_count"] == 2
    assert "Gen Bajwa" in people["Qamar Javed Bajwa"]["aliases"]
