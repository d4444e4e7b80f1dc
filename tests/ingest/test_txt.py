from pathlib import Path

import pytest

from app.ingest.errors import UnreadableInput
from app.ingest.txt import read_txt
from app.partial_date import PartialDate

BODY = (
    "The harbour authority said on Monday that\n  two cranes  were damaged.\n\n"
    "Repairs start in May."
)


def test_front_matter_fields_and_exact_body(tmp_path: Path) -> None:
    path = tmp_path / "whatever.txt"
    path.write_text(
        "---\n"
        "id: Harbour Cranes Damaged\n"
        'title: "Storm damages  harbour cranes"\n'
        "source: The Coastal Gazette\n"
        "url: https://example.org/cranes\n"
        "language: en\n"
        'published: "2021-03"\n'
        "---\n\n" + BODY + "\n\n",
        encoding="utf-8",
    )
    article = read_txt(path)
    assert article.id == "harbour-cranes-damaged"
    assert article.title == "Storm damages harbour cranes"
    assert article.source == "The Coastal Gazette"
    assert article.url == "https://example.org/cranes"
    assert article.published == PartialDate(2021, 3)
    assert article.text == BODY
    assert article.origin == str(path)


def test_without_front_matter_the_stem_is_the_id(tmp_path: Path) -> None:
    path = tmp_path / "Dock Strike Ends.txt"
    path.write_text("\n\n" + BODY + "\n", encoding="utf-8")
    article = read_txt(path)
    assert article.id == "dock-strike-ends"
    assert article.text == BODY
    assert (article.title, article.published, article.language) == (None, None, "en")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2021-03-04", PartialDate(2021, 3, 4)),
        ("2021", PartialDate(2021)),
        ("2021-03-04T08:15:00Z", PartialDate(2021, 3, 4)),
        ("'2021-03'", PartialDate(2021, 3)),
    ],
)
def test_unquoted_yaml_dates_and_years(tmp_path: Path, written: str, expected: PartialDate) -> None:
    path = tmp_path / "dated.txt"
    path.write_text(f"---\npublished: {written}\n---\nText.", encoding="utf-8")
    assert read_txt(path).published == expected


def test_bom_and_crlf_before_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(
        b"\xef\xbb\xbf---\r\ntitle: Flood warning\r\n---\r\nLine one.\r\n\r\nLine two.\r\n"
    )
    article = read_txt(path)
    assert article.title == "Flood warning"
    assert article.text == "Line one.\n\nLine two."


def test_a_dash_line_inside_the_body_stays(tmp_path: Path) -> None:
    path = tmp_path / "divided.txt"
    path.write_text("---\ntitle: Two parts\n---\nPart one.\n---\nPart two.", encoding="utf-8")
    assert read_txt(path).text == "Part one.\n---\nPart two."


def test_bad_date_says_what_to_write(tmp_path: Path) -> None:
    path = tmp_path / "bad-date.txt"
    path.write_text('---\npublished: "2020-13"\n---\nText.', encoding="utf-8")
    with pytest.raises(
        UnreadableInput,
        match=r"published '2020-13' is not a date \(month 13 does not exist\): write YYYY",
    ):
        read_txt(path)


def test_impossible_unquoted_day_is_a_date_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "feb30.txt"
    path.write_text("---\npublished: 2021-02-30\n---\nText.", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="is not a date"):
        read_txt(path)


def test_unknown_key_lists_the_allowed_ones(tmp_path: Path) -> None:
    path = tmp_path / "typo.txt"
    path.write_text("---\npublised: 2021\n---\nText.", encoding="utf-8")
    with pytest.raises(UnreadableInput, match=r"unknown front-matter key 'publised': use only id"):
        read_txt(path)


def test_unclosed_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "open.txt"
    path.write_text("---\ntitle: Never closed\nThe body.", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="no closing '---' line"):
        read_txt(path)


def test_invalid_yaml(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_text('---\ntitle: "unterminated\n---\nText.', encoding="utf-8")
    with pytest.raises(UnreadableInput, match="front matter is not valid YAML"):
        read_txt(path)


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("---\n- one\n- two\n---\nText.", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="'key: value' lines"):
        read_txt(path)


def test_front_matter_only_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "nobody.txt"
    path.write_text("---\ntitle: Headline only\n---\n\n   \n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="is empty: nothing to ingest"):
        read_txt(path)
