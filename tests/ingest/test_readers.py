import json
from pathlib import Path

from app.ingest.article import RawArticle
from app.ingest.discover import SUPPORTED_SUFFIXES
from app.ingest.errors import IngestProblem
from app.ingest.readers import READERS, count_inputs, read_paths


def make_tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "a").mkdir()
    (root / ".hidden-folder").mkdir()
    (root / "b" / "zeta.txt").write_text("Zeta story.", encoding="utf-8")
    (root / "a" / "beta.htm").write_text("<p>Beta story.</p>", encoding="utf-8")
    (root / "a-c.txt").write_text("A-c story.", encoding="utf-8")
    (root / "a" / "alpha.txt").write_text("Alpha story.", encoding="utf-8")
    (root / "a" / "notes.md").write_text("not an article", encoding="utf-8")
    (root / "a" / "scan.pdf").write_bytes(b"%PDF-1.7")
    (root / ".draft.txt").write_text("Hidden draft.", encoding="utf-8")
    (root / ".hidden-folder" / "x.txt").write_text("Hidden.", encoding="utf-8")
    (root / "feed.jsonl").write_text(
        json.dumps({"text": "Feed one."}) + "\n" + json.dumps({"text": "Feed two."}),
        encoding="utf-8",
    )


def test_every_suffix_found_has_a_reader() -> None:
    assert set(READERS) == SUPPORTED_SUFFIXES


def test_folders_recurse_in_sorted_order_skipping_hidden_and_other_types(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = list(read_paths([tmp_path]))
    assert all(isinstance(item, RawArticle) for item in items)
    assert [item.id for item in items] == ["alpha", "beta", "a-c", "zeta", "feed-1", "feed-2"]
    assert count_inputs([tmp_path]) == 5


def test_explicit_unsupported_file_and_missing_path_are_problems(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "ok.txt").write_text("Lifeboat crew rescued two sailors.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    items = list(read_paths([tmp_path / "report.pdf", missing, tmp_path / "ok.txt"]))
    assert items[0] == IngestProblem(
        str(tmp_path / "report.pdf"), "unsupported file type .pdf: give .txt, .html/.htm or .jsonl"
    )
    assert isinstance(items[1], IngestProblem)
    assert items[1].origin == str(missing)
    assert "no such file or folder" in items[1].message
    assert isinstance(items[2], RawArticle)
    assert items[2].id == "ok"
    assert count_inputs([tmp_path / "report.pdf", missing, tmp_path / "ok.txt"]) == 1


def test_binary_and_unclear_files_become_problems_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a-image.txt").write_bytes(b"GIF89a\x00\x01\x00\x01")
    (tmp_path / "b-greek.txt").write_bytes("Η γιορτή ακυρώθηκε.".encode("cp1253"))
    (tmp_path / "c-good.txt").write_text("The village fete was cancelled.", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [type(item) for item in items] == [IngestProblem, IngestProblem, RawArticle]
    assert items[0].origin == str(tmp_path / "a-image.txt")
    assert "looks like a binary file" in items[0].message
    assert "not UTF-8 text" in items[1].message


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "only.txt").write_text("Bins are collected on Fridays.", encoding="utf-8")
    items = list(read_paths([tmp_path, tmp_path / "only.txt"]))
    assert [item.id for item in items if isinstance(item, RawArticle)] == ["only"]
    assert count_inputs([tmp_path, tmp_path / "only.txt"]) == 1


def test_a_repeated_id_is_a_problem_naming_the_first_file(tmp_path: Path) -> None:
    first = tmp_path / "one.txt"
    second = tmp_path / "two.txt"
    first.write_text("---\nid: market\n---\nThe market moves.", encoding="utf-8")
    second.write_text("---\nid: Market\n---\nThe market stays.", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert isinstance(items[0], RawArticle)
    assert items[1] == IngestProblem(
        str(second), f"id 'market' is already used by {first}: give one of them a different id"
    )
