from pathlib import Path

import pytest

from app.ingest.errors import UnreadableInput
from app.ingest.text_files import decode_utf8, read_input_bytes, read_text_file


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfThe council met on Tuesday.")
    assert read_text_file(path) == "The council met on Tuesday."


def test_crlf_and_lone_cr_become_lf(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"First paragraph.\r\n\r\nSecond paragraph.\rThird line.")
    assert read_text_file(path) == "First paragraph.\n\nSecond paragraph.\nThird line."


def test_latin1_bytes_are_refused_with_a_fix(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("The café in Zürich reopened.".encode("latin-1"))
    with pytest.raises(UnreadableInput, match=r"not UTF-8 text .*: re-save it as UTF-8"):
        read_text_file(path)


def test_nul_bytes_mean_binary(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UnreadableInput, match="looks like a binary file"):
        read_input_bytes(path)


def test_utf16_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Ministers met.".encode("utf-16"))
    with pytest.raises(UnreadableInput, match=r"UTF-16.*re-save it as UTF-8"):
        read_input_bytes(path)


def test_decode_keeps_inner_whitespace() -> None:
    assert decode_utf8(b"  indented\n\n\n  twice  ") == "  indented\n\n\n  twice  "
