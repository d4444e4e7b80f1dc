from datetime import date, datetime

import pytest

from app.config import get_settings
from app.ingest.article_fields import build_article, parse_published, slugify_id
from app.ingest.errors import UnreadableInput
from app.partial_date import PartialDate


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Budget Vote 2024", "budget-vote-2024"),
        ("already-a_slug", "already-a_slug"),
        ("Café  --  Zürich!!", "cafe-zurich"),
        ("  --leading and trailing--  ", "leading-and-trailing"),
        ("!!!", ""),
    ],
)
def test_slugify_id(raw: str, expected: str) -> None:
    assert slugify_id(raw) == expected


def test_slugify_id_caps_length_without_a_trailing_dash() -> None:
    slug = slugify_id("a" * 79 + " b")
    assert slug == "a" * 79
    assert len(slugify_id("x" * 200)) == 80


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020", PartialDate(2020)),
        (2020, PartialDate(2020)),
        ("2020-12", PartialDate(2020, 12)),
        (" 2020-12-03 ", PartialDate(2020, 12, 3)),
        ("2020-12-03T10:00:00Z", PartialDate(2020, 12, 3)),
        ("2020-12-03T23:30:00-05:00", PartialDate(2020, 12, 3)),
        ("2020-12-03 10:00", PartialDate(2020, 12, 3)),
        (date(2020, 12, 3), PartialDate(2020, 12, 3)),
        (datetime(2020, 12, 3, 10, 0), PartialDate(2020, 12, 3)),
        (None, None),
        ("  ", None),
    ],
)
def test_parse_published_accepts(value: object, expected: PartialDate | None) -> None:
    assert parse_published(value) == expected


def test_parse_published_keeps_month_precision() -> None:
    published = parse_published("2020-12")
    assert published is not None
    assert published.precision == "month"


@pytest.mark.parametrize("value", ["2020-13", "2020-02-30", "last Tuesday", "12/03/2020", True])
def test_parse_published_rejects_with_the_formats_to_use(value: object) -> None:
    with pytest.raises(
        UnreadableInput, match=r"is not a date.*: write YYYY, YYYY-MM or YYYY-MM-DD"
    ):
        parse_published(value)


def test_parse_published_message_quotes_the_value() -> None:
    with pytest.raises(UnreadableInput) as caught:
        parse_published("12/03/2020")
    assert str(caught.value) == (
        "published '12/03/2020' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [("2020-13", "month 13 does not exist"), ("2021-02-30", "2021-02 has no day 30")],
)
def test_parse_published_says_what_is_impossible_in_a_well_formed_date(
    value: str, reason: str
) -> None:
    with pytest.raises(UnreadableInput) as caught:
        parse_published(value)
    assert str(caught.value) == (
        f"published '{value}' is not a date ({reason}): write YYYY, YYYY-MM or YYYY-MM-DD"
    )


def test_build_article_refuses_a_text_over_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAX_ARTICLE_MB", "0.00001")  # 10 bytes
    get_settings.cache_clear()
    try:
        assert build_article(fields={}, text="Rain fell.", default_id="r", origin="r.txt")
        with pytest.raises(UnreadableInput, match=r"is 1.1e-05 MB, over the 1e-05 MB limit"):
            build_article(fields={}, text="Rain fell!!", default_id="r", origin="r.txt")
    finally:
        get_settings.cache_clear()


def test_build_article_strips_only_the_ends() -> None:
    article = build_article(
        fields={"title": "  Port   strike   ends ", "language": "EN-gb"},
        text="\n\n  Dockers voted on Friday.\n\n\n   The port reopens Monday.  \n",
        default_id="Port Strike",
        origin="x.txt",
    )
    assert article.text == "Dockers voted on Friday.\n\n\n   The port reopens Monday."
    assert article.id == "port-strike"
    assert article.title == "Port strike ends"
    assert article.language == "en"
    assert article.origin == "x.txt"


def test_build_article_defaults() -> None:
    article = build_article(fields={}, text="Rain fell.", default_id="rain", origin="r.txt")
    assert (article.language, article.title, article.published) == ("en", None, None)


def test_build_article_refuses_whitespace_only_text() -> None:
    with pytest.raises(UnreadableInput, match="is empty: nothing to ingest"):
        build_article(fields={}, text=" \n\t\n ", default_id="blank", origin="b.txt")


def test_build_article_refuses_an_id_without_letters_or_digits() -> None:
    with pytest.raises(UnreadableInput, match="has no letters or digits"):
        build_article(fields={"id": "???"}, text="Text.", default_id="ok", origin="q.txt")


def test_build_article_refuses_a_list_title() -> None:
    with pytest.raises(UnreadableInput, match="title must be text, not list"):
        build_article(fields={"title": ["a", "b"]}, text="Text.", default_id="t", origin="t.txt")


def test_build_article_refuses_a_language_name() -> None:
    with pytest.raises(UnreadableInput, match="write a code like 'en'"):
        build_article(fields={"language": "English"}, text="Text.", default_id="t", origin="t")
