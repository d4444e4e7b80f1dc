"""The committed seed article must keep reading back exactly as the seed text."""

from pathlib import Path

from app.ingest.article import RawArticle
from app.ingest.readers import read_paths
from app.partial_date import PartialDate

DATA = Path(__file__).resolve().parents[2] / "data"
SEED = DATA / "articles" / "us-officials-meet-pakistan-army-chief.txt"
SEED_TEXT_SHA256 = "f5ce9a1113c5f52144cb19c644f1148212693a1fdbc7659c2b39b51de35eb7ca"
"""sha256 of the original seed file's text; a changed byte in the body changes it."""


def test_seed_reads_back_with_month_precision() -> None:
    [article] = list(read_paths([SEED]))
    assert isinstance(article, RawArticle)
    assert article.id == "us-officials-meet-pakistan-army-chief"
    assert article.title == "US officials meet Pakistan's army chief on Afghan peace process"
    assert article.source == "seed sample (outlet not recorded)"
    assert article.language == "en"
    assert article.published == PartialDate(2020, 12)
    assert article.published.precision == "month"
    assert article.content_hash == SEED_TEXT_SHA256
    assert article.text.startswith("Islamabad: Top US civil and military officials")


def test_data_folder_holds_only_readable_articles() -> None:
    items = list(read_paths([DATA]))
    assert items and all(isinstance(item, RawArticle) for item in items)
