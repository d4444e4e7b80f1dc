"""`article-facts eval` on our own gold passages: JSON shape and the accuracy we hold ourselves to."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from app.cli import cli
from app.extract.pipeline import Extractor

PASSAGES = Path(__file__).parents[1] / "gold" / "passages.jsonl"
QUOTE_F1_AT_03 = 0.75
"""The extractor measured 0.90 on these passages when this test was written."""

runner = CliRunner()


def unwrapped(output: str) -> str:
    """Rich wraps long messages at the terminal width; join the lines back."""
    return " ".join(output.split())


def test_eval_json_on_our_passages_holds_the_quote_threshold(shared_extractor: Extractor) -> None:
    result = runner.invoke(cli, ["eval", str(PASSAGES), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["tasks"] == ["quotes", "figures"]  # every task the file has gold for
    assert report["articles"] == 8
    low, high = report["quotes"]["thresholds"]
    assert (low["threshold"], high["threshold"]) == (0.3, 0.8)
    assert low["f1"] >= QUOTE_F1_AT_03
    assert set(low["by_kind"]) == {"direct", "mixed", "indirect"}
    assert 0 <= report["quotes"]["speaker_accuracy"]["value"] <= 1
    assert report["figures"]["gold"] == 2


def test_eval_tables_for_one_task(shared_extractor: Extractor) -> None:
    result = runner.invoke(cli, ["eval", str(PASSAGES), "--task", "figures"])
    assert result.exit_code == 0, result.output
    assert "Troop levels" in result.stdout
    assert "Quotes" not in result.stdout


def test_eval_refuses_a_missing_file_or_a_task_without_gold(tmp_path: Path) -> None:
    result = runner.invoke(cli, ["eval", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2
    assert "no such file" in unwrapped(result.stderr)
    result = runner.invoke(cli, ["eval", str(PASSAGES), "--task", "entities"])
    assert result.exit_code == 2
    assert "no gold for entities" in unwrapped(result.stderr)
