import json
from pathlib import Path

from app.ingest.article import RawArticle
from app.ingest.errors import IngestProblem
from app.ingest.jsonl import read_jsonl
from app.partial_date import PartialDate


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def by_origin(path: Path) -> dict[str, RawArticle | IngestProblem]:
    return {item.origin: item for item in read_jsonl(path)}


def test_good_lines_survive_a_malformed_one(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "feed.jsonl",
        [
            json.dumps({"id": "Tram Fares", "text": "Tram fares rise by 5%.", "published": "2023"}),
            '{"text": "Missing brace"',
            "",
            json.dumps({"text": "Snow closed two schools.", "title": "Snow day", "extra": 1}),
        ],
    )
    items = by_origin(path)
    assert list(items) == [f"{path}:1", f"{path}:2", f"{path}:4"]
    first, broken, last = items.values()
    assert isinstance(first, RawArticle)
    assert (first.id, first.published) == ("tram-fares", PartialDate(2023))
    assert isinstance(broken, IngestProblem)
    assert broken.message.startswith("not valid JSON (")
    assert "write one object per line" in broken.message
    assert isinstance(last, RawArticle)
    assert (last.id, last.title, last.text) == ("feed-4", "Snow day", "Snow closed two schools.")


def test_each_kind_of_bad_line_is_explained(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "bad.jsonl",
        [
            '["not", "an", "object"]',
            '{"title": "No text here"}',
            '{"text": 42}',
            '{"text": "   "}',
            '{"text": "Polls opened at 7am.", "published": "2020-13"}',
        ],
    )
    messages = {origin: item.message for origin, item in by_origin(path).items()}
    assert messages == {
        f"{path}:1": 'is a JSON list, not an object: write one object per line, like {"id": "...", '
        '"text": "..."}',
        f"{path}:2": 'has no "text": every line needs the article text',
        f"{path}:3": '"text" is a int: give the article text as a string',
        f"{path}:4": "the article text is empty: nothing to ingest; write the article in it or "
        "leave it out",
        f"{path}:5": "published '2020-13' is not a date (month 13 does not exist): write YYYY, "
        "YYYY-MM or YYYY-MM-DD",
    }


def test_one_non_utf8_line_does_not_spoil_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'{"text": "Caf\xe9 reopens."}\n{"text": "Museum extends hours \xe2\x80\x93 again."}\r\n'
    )
    first, second = read_jsonl(path)
    assert isinstance(first, IngestProblem)
    assert first.origin == f"{path}:1"
    assert "re-save it as UTF-8" in first.message
    assert isinstance(second, RawArticle)
    assert second.text == "Museum extends hours \u2013 again."


def test_a_windows_1252_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "legacy.jsonl"
    path.write_bytes(b'{"text": "Caf\xe9 reopens."}\n{"text": "\x93Finally,\x94 he said."}\n')
    first, second = read_jsonl(path)
    assert isinstance(first, RawArticle)
    assert isinstance(second, RawArticle)
    assert (first.text, second.text) == ("Caf\u00e9 reopens.", "\u201cFinally,\u201d he said.")


def test_line_separator_inside_a_string_does_not_split_the_line(tmp_path: Path) -> None:
    path = tmp_path / "u2028.jsonl"
    path.write_text(
        json.dumps({"text": "Part one\u2028part two."}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    [article] = read_jsonl(path)
    assert isinstance(article, RawArticle)
    assert article.text == "Part one\u2028part two."
    assert article.origin == f"{path}:1"
