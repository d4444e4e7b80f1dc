from pathlib import Path

import pytest

from app.ingest.errors import UnreadableInput
from app.ingest.html import read_html
from app.partial_date import PartialDate

PAGE = """<!doctype html>
<html lang="en-GB">
<head>
  <title>Ignored | Riverside Post</title>
  <meta property="og:title" content="Bridge reopens after  repairs">
  <meta property="og:site_name" content="Riverside Post">
  <meta property="og:url" content="https://example.org/bridge">
  <meta property="article:published_time" content="2022-05-17T06:30:00+01:00">
  <style>.x { color: red }</style>
  <script>var tracking = "SCRIPT-SECRET";</script>
</head>
<body>
  <nav><a href="/">NAV-HOME</a> <a href="/sport">NAV-SPORT</a></nav>
  <div class="cookie-banner"><p>COOKIE-NOTICE we use cookies</p></div>
  <article>
    <header><h1>HEADER-HEADLINE</h1></header>
    <h2>Traffic returns</h2>
    <p>The Old Mill bridge
       reopened on <b>Tuesday</b> after eight months of repairs.</p>
    <div class="shareButtons"><p>SHARE-ON-SOCIAL</p></div>
    <blockquote><p>"It is a relief," said one driver.</p><p>"Finally."</p></blockquote>
    <ul><li>Cost: 4 million</li><li>Lanes: two<br>each way</li></ul>
    <aside><p>ASIDE-BOX</p></aside>
    <script>document.write("INLINE-SCRIPT")</script>
    <section id="related-stories"><p>RELATED-LINK</p></section>
  </article>
  <footer><p>FOOTER-COPYRIGHT</p></footer>
</body>
</html>
"""


def write(tmp_path: Path, html: str, name: str = "bridge.html") -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_paragraphs_kept_boilerplate_dropped(tmp_path: Path) -> None:
    article = read_html(write(tmp_path, PAGE))
    assert article.text == (
        "Traffic returns\n\n"
        "The Old Mill bridge reopened on Tuesday after eight months of repairs.\n\n"
        '"It is a relief," said one driver.\n\n'
        '"Finally."\n\n'
        "Cost: 4 million\n\n"
        "Lanes: two\neach way"
    )
    for boilerplate in (
        "SCRIPT",
        "NAV-",
        "COOKIE",
        "SHARE",
        "ASIDE",
        "RELATED",
        "FOOTER",
        "HEADER",
    ):
        assert boilerplate not in article.text


def test_metadata_from_meta_tags(tmp_path: Path) -> None:
    article = read_html(write(tmp_path, PAGE))
    assert article.id == "bridge"
    assert article.title == "Bridge reopens after repairs"
    assert article.source == "Riverside Post"
    assert article.url == "https://example.org/bridge"
    assert article.published == PartialDate(2022, 5, 17)
    assert article.language == "en"


def test_fallbacks_title_tag_canonical_and_time(tmp_path: Path) -> None:
    html = """<html><head><title> Council  vote </title>
    <link rel="canonical" href="https://example.org/vote"></head>
    <body><main><time datetime="14:00">2pm</time><time datetime="2019-11-02">2 Nov</time>
    <p>Councillors voted 9 to 4.</p></main></body></html>"""
    article = read_html(write(tmp_path, html, "vote.htm"))
    assert article.title == "Council vote"
    assert article.url == "https://example.org/vote"
    assert article.published == PartialDate(2019, 11, 2)
    assert article.text == "Councillors voted 9 to 4."


def test_title_falls_back_to_first_h1(tmp_path: Path) -> None:
    html = "<body><h1>School roof  fixed</h1><p>Pupils return next week.</p></body>"
    article = read_html(write(tmp_path, html))
    assert article.title == "School roof fixed"
    assert article.text == "School roof fixed\n\nPupils return next week."


def test_prefers_main_over_body(tmp_path: Path) -> None:
    html = "<body><div><p>Outside main.</p></div><main><p>Inside main.</p></main></body>"
    assert read_html(write(tmp_path, html)).text == "Inside main."


def test_layout_classes_on_wrappers_do_not_drop_the_article(tmp_path: Path) -> None:
    html = """<body class="has-sidebar"><form id="aspnetForm"><div class="comments-wrapper">
    <article><p>The ferry timetable changes in June.</p></article></div></form></body>"""
    assert read_html(write(tmp_path, html)).text == "The ferry timetable changes in June."


def test_page_without_paragraph_tags_uses_its_lines(tmp_path: Path) -> None:
    html = (
        "<body><div>Wind speeds hit <b>90 km/h</b>.</div><div>Trains were cancelled.</div></body>"
    )
    assert (
        read_html(write(tmp_path, html)).text
        == "Wind speeds hit 90 km/h.\n\nTrains were cancelled."
    )


def test_page_with_no_text_is_a_problem(tmp_path: Path) -> None:
    html = "<html><body><nav><p>Home</p></nav><script>app()</script></body></html>"
    with pytest.raises(UnreadableInput, match="has no article text"):
        read_html(write(tmp_path, html))


def test_declared_bad_date_is_a_problem(tmp_path: Path) -> None:
    html = '<head><meta itemprop="datePublished" content="2022-14-01"></head><p>Text.</p>'
    with pytest.raises(UnreadableInput, match="published '2022-14-01' is not a date"):
        read_html(write(tmp_path, html))


CYRILLIC = "Мэр сказал."


def test_a_page_in_its_declared_charset_is_read(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    path.write_bytes(f'<meta charset="windows-1251"><p>{CYRILLIC}</p>'.encode("cp1251"))
    assert read_html(path).text == CYRILLIC


def test_an_undeclared_latin1_page_is_read_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    path.write_bytes("<p>Café owners protest – again.</p>".encode("cp1252"))
    assert read_html(path).text == "Café owners protest – again."


def test_an_undeclared_page_in_another_code_page_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    path.write_bytes(f"<p>{CYRILLIC}</p>".encode("cp1251"))
    with pytest.raises(UnreadableInput, match="not UTF-8 text"):
        read_html(path)
