import codecs
from pathlib import Path

import pytest

from app.ingest.errors import UnreadableInput
from app.ingest.text_files import (
    clear_windows_1252,
    decode_utf8,
    read_input_bytes,
    read_text_file,
)


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfThe council met on Tuesday.")
    assert read_text_file(path) == "The council met on Tuesday."


def test_crlf_and_lone_cr_become_lf(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"First paragraph.\r\n\r\nSecond paragraph.\rThird line.")
    assert read_text_file(path) == "First paragraph.\n\nSecond paragraph.\nThird line."


def test_latin1_news_is_read_as_windows_1252_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("The café in Zürich reopened – “finally”.".encode("cp1252"))
    assert read_text_file(path) == "The café in Zürich reopened – “finally”."
    assert caplog.messages == [
        f"{path}: read as Windows-1252 / Latin-1 (it is not UTF-8): check its accents and "
        "quotes, and re-save it as UTF-8 to silence this warning"
    ]


def test_utf8_is_read_without_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "utf8.txt"
    path.write_text("The café in Zürich reopened.", encoding="utf-8")
    assert read_text_file(path) == "The café in Zürich reopened."
    assert caplog.messages == []


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ("Η κυβέρνηση ανακοίνωσε.".encode("cp1253"), "Greek read as Latin letters"),
        ("Правительство объявило.".encode("cp1251"), "Cyrillic read as Latin letters"),
        ("Zoë’s café".encode() + b" caf\xe9", "UTF-8 mixed with Latin-1"),
        (b"Report \x81 end", "a byte Windows-1252 leaves undefined"),
        (b"caf\xe9 \x1b[31m", "a control character"),
        (b"\xa9\xae\xb0", "no letters at all"),
    ],
)
def test_unclear_bytes_are_not_taken_for_windows_1252(data: bytes, why: str) -> None:
    assert clear_windows_1252(data) is None, why


def test_unclear_bytes_are_refused_with_a_fix(tmp_path: Path) -> None:
    path = tmp_path / "greek.txt"
    path.write_bytes("Η κυβέρνηση ανακοίνωσε.".encode("cp1253"))
    with pytest.raises(
        UnreadableInput,
        match=r"not UTF-8 text .*: re-save it as UTF-8 \(it is not clearly Windows-1252",
    ):
        read_text_file(path)


def test_nul_bytes_mean_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UnreadableInput, match="looks like a binary file"):
        read_input_bytes(path)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(
    tmp_path: Path, codec: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "wide.txt"
    data = "Ministers met in Genève.\r\n".encode(codec)
    path.write_bytes(data if codec != "utf-16-be" else codecs.BOM_UTF16_BE + data)
    assert read_text_file(path) == "Ministers met in Genève.\n"
    [warning] = caplog.messages
    assert warning.startswith(f"{path}: read as UTF-")


def test_utf16_without_a_byte_order_mark_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Ministers met.".encode("utf-16-le"))
    with pytest.raises(UnreadableInput, match=r"UTF-16 text without a byte-order mark: re-save"):
        read_input_bytes(path)


def test_a_broken_utf16_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + b"M\x00e\x00\x00\xdc")  # a lone low surrogate
    with pytest.raises(UnreadableInput, match="byte-order mark but is not valid UTF-16"):
        read_input_bytes(path)


def test_decode_keeps_inner_whitespace() -> None:
    assert decode_utf8(b"  indented\n\n\n  twice  ") == "  indented\n\n\n  twice  "
