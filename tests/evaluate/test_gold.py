"""Gold files: the three shapes, timestamps, and errors that name file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.evaluate.gold import GoldFileError, Task, read_gold, summarise_gold
from app.evaluate.run import choose_tasks
from app.partial_date import PartialDate

QUOTE = {
    "text": "that it rained",
    "start": 8,
    "end": 22,
    "segments": [[8, 22]],
    "speaker": "She",
    "speaker_start": 0,
    "speaker_end": 3,
    "cue": "said",
    "cue_start": 4,
    "cue_end": 8,
    "quote_type": "indirect",
}
TEXT = "She said that it rained."


def write(path: Path, *lines: dict | str) -> Path:
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_reads_each_shape_and_knows_which_tasks_a_line_has(tmp_path: Path) -> None:
    path = write(
        tmp_path / "gold.jsonl",
        {"id": "q", "text": TEXT, "publication_date": "2016-09-12", "quotes": [QUOTE]},
        "",
        {"id": "e", "text": TEXT, "entities": [{"start": 0, "end": 3, "type": "person"}]},
        {"id": "t", "text": TEXT, "published": "2023-06", "troop_levels": []},
    )
    quotes, entities, troops = read_gold(path)
    assert quotes.published == PartialDate(2016, 9, 12)
    assert quotes.quotes[0].spans == [(8, 22)]
    assert quotes.has(Task.quotes) and not quotes.has(Task.entities)
    assert entities.entities[0].named is False
    assert troops.has(Task.figures)  # an empty list is gold too: "no troop levels here"
    assert summarise_gold(path) == summarise_gold(path, limit=3)
    assert summarise_gold(path, limit=1).tasks == {Task.quotes}


def test_a_full_timestamp_keeps_its_date(tmp_path: Path) -> None:
    path = write(
        tmp_path / "g.jsonl", {"id": "a", "text": "x", "published": "2016-09-12T08:30:00Z"}
    )
    assert next(read_gold(path)).published == PartialDate(2016, 9, 12)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ({"text": TEXT}, "id"),
        ({"id": "a", "text": TEXT, "published": "12/09/2016"}, "YYYY-MM-DD"),
        ({"id": "a", "text": TEXT, "quotes": [QUOTE | {"quote_type": "reported"}]}, "quote_type"),
        ({"id": "a", "text": TEXT, "quotes": [QUOTE | {"end": 99}]}, "outside the text"),
        ({"id": "a", "text": TEXT, "troop_levels": [{"count": 3, "date": "2023"}]}, "status"),
    ],
)
def test_a_bad_line_is_reported_with_file_and_line(tmp_path: Path, line, message: str) -> None:
    path = write(tmp_path / "gold.jsonl", {"id": "ok", "text": TEXT, "quotes": []}, line)
    with pytest.raises(GoldFileError, match=message) as error:
        list(read_gold(path))
    assert str(error.value).startswith(f"{path}:2: ")


def test_missing_file_and_missing_task_are_refused(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="no such file"):
        summarise_gold(tmp_path / "absent.jsonl")
    path = write(tmp_path / "gold.jsonl", {"id": "a", "text": TEXT, "quotes": []})
    summary = summarise_gold(path)
    assert choose_tasks(path, summary, None) == [Task.quotes]
    with pytest.raises(GoldFileError, match=r"no gold for figures \(troop_levels\)"):
        choose_tasks(path, summary, [Task.figures])
    bare = write(tmp_path / "bare.jsonl", {"id": "a", "text": TEXT})
    with pytest.raises(GoldFileError, match="nothing to evaluate"):
        choose_tasks(bare, summarise_gold(bare), None)
