"""Bad input fed to `article-facts ingest`, as a user would: one folder holding every kind
of broken, odd or hostile file next to good ones, ingested by the real command.

Each bad input must be reported on standard error with its file (and line, for JSONL)
and what to do; the exit status is 1; the good articles are stored whole, with their
facts; nothing is stored from a refused input. Files in another encoding than UTF-8
are read when the encoding is clear, with a warning naming the file.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

CLI = Path(sys.executable).parent / "article-facts"

NEWS = (
    "Harbour Master Lina Verhoeven said on Monday that the northern pier would reopen. "
    "“We expect ferries back by the spring,” she told reporters in Kessingport."
)
CP1252_TEXT = (
    "The café on Rue Delacroix reopened – “at last,” said its owner, Aurélie Marchand… "
    "Tickets cost €5."
)
HTML_PAGE = """<!doctype html>
<html lang="en"><head><title>Ferry strike ends | Kessingport Herald</title>
<script>window.tracker = "TRACKER-SCRIPT"; for (;;) {}</script>
<style>body { font: 12px serif }</style></head>
<body>
<nav><ul><li><a href="/">NAV-HOME</a></li><li><a href="/sport">NAV-SPORT</a></li></ul></nav>
<div class="cookie-consent"><p>COOKIE-BANNER: we use cookies</p></div>
<header><p>HEADER-MASTHEAD</p></header>
<script src="ads.js"></script><noscript><p>NOSCRIPT-NOTICE</p></noscript>
<article>
  <h1>Ferry strike ends</h1>
  <p>Ferry crews returned to work on Friday after a four-day strike, the operator said.</p>
  <div class="share-tools"><p>SHARE-THIS</p></div>
  <p>Union official Piet Haverkamp said the deal raised pay by 4 percent.</p>
  <script>document.write("INLINE-SCRIPT")</script>
  <aside><p>ASIDE-PROMO</p></aside>
</article>
<section class="related-articles"><p>RELATED-LINK</p></section>
<footer><p>FOOTER-COPYRIGHT</p></footer>
<script>trackPageView("TRAILING-SCRIPT")</script>
</body></html>
"""
BIG_MB = 20


@dataclass(frozen=True)
class Run:
    folder: Path
    database: Path
    returncode: int
    stdout: str
    stderr: str

    def stored_texts(self) -> dict[str, str]:
        with sqlite3.connect(self.database) as connection:
            return dict(connection.execute("SELECT id, text FROM article"))

    def messages_about(self, name: str) -> list[str]:
        """stderr lines naming the file `name` (a path, or 'path:line' for JSONL)."""
        prefix = re.compile(rf"(?:error )?{re.escape(str(self.folder / name))}(?::\d+)?: ")
        return [line for line in self.stderr.splitlines() if prefix.match(line)]


def write_inputs(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text(f"---\nid: good\n---\n{NEWS}\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\t\r\n   \n")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02")
    (folder / "archive.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "cp1252.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    (folder / "utf16.txt").write_bytes(NEWS.replace("northern", "southern").encode("utf-16"))
    (folder / "bom.txt").write_bytes(codecs.BOM_UTF8 + b"The lock gates were repaired in May.")
    (folder / "crlf.txt").write_bytes(
        (
            "---\r\nid: crlf\r\ntitle: Windows line ends\r\n---\r\n"
            f"{NEWS}\r\n\r\nDeputy Mayor Joris Akkerman said:\r\n“The pier is safe.”\r\n"
        ).encode()
    )
    # Greek in Windows-1253: decodes as Windows-1252 without an error, but to nonsense.
    (folder / "greek.txt").write_bytes("Η κυβέρνηση ανακοίνωσε νέα μέτρα.".encode("cp1253"))
    # Mostly UTF-8 with one Latin-1 byte: whichever way it is read, part of it is garbled.
    (folder / "mixed.txt").write_bytes("Zoë Brandt’s café".encode() + b" and the caf\xe9 next door")
    (folder / "huge.txt").write_bytes(b"The council met again. " * (BIG_MB * 1_000_000 // 23 + 1))
    (folder / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    (folder / "legacy.html").write_bytes(
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        b"</head><body><p>Gr\xfc\xdfe aus M\xfcnchen, said the mayor.</p></body></html>"
    )
    (folder / "bad-date.txt").write_text(
        "---\npublished: 2021-02-30\n---\nThe tunnel opened.", encoding="utf-8"
    )
    lines = [
        json.dumps({"id": "feed-one", "text": "The lifeboat was launched twice on Sunday."}),
        '{"id": "feed-broken", "text": "never closed',
        json.dumps({"id": "feed-no-text", "title": "A title but no text"}),
        json.dumps({"id": "feed-one", "text": "Another story under the same id."}),
        json.dumps({"id": "feed-date", "text": "The dam held.", "published": "2021-02-30"}),
        json.dumps({"id": "feed-two", "text": "Bus fares fall by 10 percent in June."}),
        # JSON escapes can carry what no UTF-8 file can: PostgreSQL refuses NUL in text,
        # and a lone surrogate cannot be encoded, hashed or stored anywhere.
        '{"id": "feed-nul", "text": "The quay \\u0000 was rebuilt."}',
        '{"id": "feed-surrogate", "text": "Flags \\ud83c flew.", "title": "Flags"}',
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def ingest(paths: list[Path], database: Path, **settings: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "COLUMNS": "1000",  # rich wraps messages at 80 columns when not on a terminal
        **settings,
    }
    return subprocess.run(
        [str(CLI), "ingest", *map(str, paths)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("bad-input")
    folder = root / "inputs"
    write_inputs(folder)
    database = root / "facts.db"
    result = ingest([folder], database)
    return Run(folder, database, result.returncode, result.stdout, result.stderr)


def test_the_run_fails_but_stores_every_good_article(run: Run) -> None:
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr
    assert sorted(run.stored_texts()) == [
        "bom",
        "cp1252",
        "crlf",
        "feed-one",
        "feed-two",
        "good",
        "legacy",
        "page",
        "utf16",
    ]
    assert re.search(r"ingested 9 new, 0 unchanged, 14 failed", run.stdout), run.stdout


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("empty.txt", "the article text is empty: nothing to ingest; write the article in it"),
        ("blank.txt", "the article text is empty: nothing to ingest; write the article in it"),
        ("photo.txt", "looks like a binary file, not text: give a UTF-8 .txt"),
        ("archive.txt", "looks like a binary file, not text: give a UTF-8 .txt"),
        ("greek.txt", "not UTF-8 text (byte 0x. at offset 0): re-save it as UTF-8"),
        ("mixed.txt", "not UTF-8 text (byte 0xe9 at offset 33): re-save it as UTF-8"),
        (
            "huge.txt",
            f"the article text is {BIG_MB} MB, over the 1 MB limit (MAX_ARTICLE_MB): "
            "split it into separate articles",
        ),
        ("bad-date.txt", "published '2021-02-30' is not a date (2021-02 has no day 30): write"),
    ],
)
def test_each_refused_file_is_named_with_what_to_do(run: Run, name: str, expected: str) -> None:
    [message] = run.messages_about(name)
    assert message.startswith(f"error {run.folder / name}: ")
    assert re.search(re.escape(expected).replace(r"0x\.", "0x.."), message), message


def test_each_bad_jsonl_line_is_named_with_its_number(run: Run) -> None:
    feed = run.folder / "feed.jsonl"
    assert run.messages_about("feed.jsonl") == [
        f"error {feed}:2: not valid JSON (Unterminated string starting at column 31): "
        'write one object per line, like {"id": "...", "text": "..."}',
        f'error {feed}:3: has no "text": every line needs the article text',
        f"error {feed}:4: id 'feed-one' is already used by {feed}:1: "
        "give one of them a different id",
        f"error {feed}:5: published '2021-02-30' is not a date (2021-02 has no day 30): "
        "write YYYY, YYYY-MM or YYYY-MM-DD",
        f"error {feed}:7: the article text holds a NUL character (\\u0000) at character 9: "
        "remove it",
        f"error {feed}:8: the article text holds a lone surrogate ('\\ud83c') at character 6, "
        "which is not a character: escape characters beyond U+FFFF as a pair "
        "(\\ud83d\\ude00) or write them as UTF-8",
    ]
    assert run.stored_texts()["feed-one"] == "The lifeboat was launched twice on Sunday."


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("cp1252.txt", "Windows-1252 / Latin-1 (it is not UTF-8)"),
        ("utf16.txt", "UTF-16 (it starts with a UTF-16 byte-order mark)"),
        ("legacy.html", "iso-8859-1 (the charset the page declares)"),
    ],
)
def test_other_clear_encodings_are_read_with_a_warning(run: Run, name: str, encoding: str) -> None:
    assert run.messages_about(name) == [
        f"{run.folder / name}: read as {encoding}: check its accents and quotes, "
        "and re-save it as UTF-8 to silence this warning"
    ]


def test_decoded_texts_are_stored_as_written(run: Run) -> None:
    texts = run.stored_texts()
    assert texts["cp1252"] == CP1252_TEXT
    assert texts["utf16"] == NEWS.replace("northern", "southern")
    assert texts["legacy"] == "Grüße aus München, said the mayor."
    assert texts["bom"] == "The lock gates were repaired in May."  # no U+FEFF in front


def test_utf8_files_get_no_warning(run: Run) -> None:
    for name in ("good.txt", "bom.txt", "crlf.txt", "page.html"):
        assert run.messages_about(name) == []


def test_html_keeps_only_the_article_text(run: Run) -> None:
    assert run.stored_texts()["page"] == (
        "Ferry strike ends\n\n"
        "Ferry crews returned to work on Friday after a four-day strike, the operator said.\n\n"
        "Union official Piet Haverkamp said the deal raised pay by 4 percent."
    )


def test_crlf_offsets_index_the_stored_text(run: Run) -> None:
    text = run.stored_texts()["crlf"]
    assert "\r" not in text
    assert text.startswith(NEWS + "\n\nDeputy Mayor")
    with sqlite3.connect(run.database) as connection:
        spans = [
            *connection.execute(
                'SELECT start, "end", text FROM mention WHERE article_id = ?', ("crlf",)
            ),
            *connection.execute(
                'SELECT start, "end", text FROM quote WHERE article_id = ?', ("crlf",)
            ),
        ]
    cited = {surface for _start, _end, surface in spans}
    assert {"Lina Verhoeven", "Joris Akkerman", "The pier is safe."} <= cited
    for start, end, surface in spans:
        assert text[start:end] == surface


def test_nothing_is_stored_from_refused_inputs(run: Run) -> None:
    """Every row of every fact table cites a stored article; refused ones left no trace."""
    stored = set(run.stored_texts())
    with sqlite3.connect(run.database) as connection:
        for table in ("mention", "quote", "figure", "date_fact", "troop_level", "entity_article"):
            cited = {row[0] for row in connection.execute(f"SELECT article_id FROM {table}")}
            assert cited <= stored, table
        [(check,)] = connection.execute("PRAGMA integrity_check")
    assert check == "ok"
    assert not stored & {"empty", "blank", "photo", "archive", "greek", "mixed", "huge"}


def test_an_id_already_stored_with_other_text_is_refused_and_the_rest_goes_in(
    run: Run, tmp_path: Path
) -> None:
    database = tmp_path / "facts.db"
    database.write_bytes(run.database.read_bytes())
    clash = tmp_path / "clash.txt"
    clash.write_text("---\nid: good\n---\nA different story under an old id.", encoding="utf-8")
    fresh = tmp_path / "fresh.txt"
    fresh.write_text("The swing bridge was painted.", encoding="utf-8")
    result = ingest([clash, fresh], database, COLUMNS="1000")
    assert result.returncode == 1
    assert (
        f"error {clash}: article id 'good' already holds different text; "
        "give this article another id"
    ) in result.stderr
    assert "ingested 1 new, 0 unchanged, 1 failed" in result.stdout
    with sqlite3.connect(database) as connection:
        texts = dict(connection.execute("SELECT id, text FROM article"))
    assert texts["good"] == NEWS
    assert texts["fresh"] == "The swing bridge was painted."


def test_the_size_limit_is_a_setting(tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    article.write_text("The ferry ran late. " * 30, encoding="utf-8")  # 600 bytes
    result = ingest([article], tmp_path / "facts.db", MAX_ARTICLE_MB="0.0005")
    assert result.returncode == 1
    assert (
        f"error {article}: the article text is 0.000599 MB, over the 0.0005 MB limit (MAX_ARTICLE_MB)"
    ) in result.stderr
