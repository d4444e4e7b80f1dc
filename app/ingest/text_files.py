"""Bytes on disk to article text: UTF-8 only, so every reader rejects the same files alike."""

from __future__ import annotations

import codecs
from pathlib import Path

from app.ingest.errors import UnreadableInput

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_input_bytes(path: Path) -> bytes:
    """The file's bytes without a UTF-8 BOM, refusing binary and UTF-16 files up front."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableInput(
            f"cannot be read ({error.strerror}): check that it exists and is readable"
        ) from error
    if data.startswith(_UTF16_BOMS):
        raise UnreadableInput("is UTF-16 text: re-save it as UTF-8")
    if b"\x00" in data:
        raise UnreadableInput(
            "looks like a binary file, not text: give a UTF-8 .txt, .html/.htm or .jsonl file"
        )
    return data.removeprefix(codecs.BOM_UTF8)


def decode_utf8(data: bytes) -> str:
    """Decode strictly: guessing another encoding would corrupt names and quotes silently."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableInput(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}): "
            "re-save it as UTF-8"
        ) from error
    return normalise_line_ends(text)


def normalise_line_ends(text: str) -> str:
    """CRLF and lone CR become LF, so character offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: Path) -> str:
    return decode_utf8(read_input_bytes(path))
