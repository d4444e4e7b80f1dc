"""Bytes on disk to article text, judged alike by every reader.

UTF-8 is expected. A file in another encoding is read only when the encoding is
clear: UTF-16 or UTF-32 with a byte-order mark, an HTML page declaring its charset,
or Windows-1252 (Latin-1) text that reads as ordinary Western European prose.
Each such file is named in a warning; anything less certain is refused, since a
wrong guess would corrupt names and quotes silently.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from pathlib import Path

from app.ingest.errors import UnreadableInput

logger = logging.getLogger(__name__)

_BYTE_ORDER_MARKS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
"""Multi-byte UTF-8: in a file that is not valid UTF-8 as a whole, a sign of mixed encodings."""
_LEGACY_PUNCTUATION = frozenset("\u00a0‘’‚“”„–—…•·€£¥¢°§©®™«»‹›¿¡×÷±½¼¾²³¹ºª´¨¸¯¬¦¤µ¶†‡‰ˆ˜")
_MAX_NON_ASCII_LETTER_SHARE = 0.3
"""Above this share of accented letters, 'Windows-1252' is more likely another code page
(Greek, Cyrillic) read wrongly: French or German prose stays far below it."""
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


def read_input_bytes(path: Path) -> bytes:
    """The file as UTF-8 bytes (or bytes that are not UTF-8 at all), without a BOM.

    UTF-16 and UTF-32 files with a byte-order mark are decoded here, with a warning;
    binary files are refused.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableInput(
            f"cannot be read ({error.strerror}): check that it exists and is readable"
        ) from error
    for mark, codec, name in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                raise UnreadableInput(
                    f"starts with a {name} byte-order mark but is not valid {name}: "
                    "re-save it as UTF-8"
                ) from error
            warn_about_encoding(path, f"{name} (it starts with a {name} byte-order mark)")
            return text.lstrip("\ufeff").encode("utf-8")
    if b"\x00" in data:
        if _looks_like_utf16_without_mark(data):
            raise UnreadableInput(
                "looks like UTF-16 text without a byte-order mark: re-save it as UTF-8"
            )
        raise UnreadableInput(
            "looks like a binary file, not text: give a UTF-8 .txt, .html/.htm or .jsonl file"
        )
    return data.removeprefix(codecs.BOM_UTF8)


def decode_utf8(data: bytes) -> str:
    """Decode strictly: for input that declares UTF-8, such as a request body."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableInput(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}): "
            "re-save it as UTF-8"
        ) from error
    return normalise_line_ends(text)


def decode_file_text(data: bytes, path: Path, *, declared: str | None = None) -> str:
    """UTF-8, else `declared` (an HTML page's own charset), else Windows-1252 when clear.

    A file read in another encoding than UTF-8 is named in a warning.
    """
    try:
        return decode_utf8(data)
    except UnreadableInput as not_utf8:
        text = _decode_declared(data, declared) if declared else None
        if text is not None:
            warn_about_encoding(path, f"{declared} (the charset the page declares)")
            return normalise_line_ends(text)
        text = clear_windows_1252(data)
        if text is None:
            raise UnreadableInput(
                f"{not_utf8} (it is not clearly Windows-1252 / Latin-1 either)"
            ) from not_utf8
        warn_about_encoding(path, "Windows-1252 / Latin-1 (it is not UTF-8)")
        return normalise_line_ends(text)


def clear_windows_1252(data: bytes) -> str | None:
    """`data` decoded as Windows-1252 when that plainly is what it is, else None.

    Clear means: every byte is defined in Windows-1252, no control characters, no
    UTF-8 sequences (a file mixing both would be half garbled whichever way it is
    read), and every non-ASCII character is a Latin letter or the typographic
    punctuation word processors produce (curly quotes, dashes, ellipsis, euro sign).
    """
    if _UTF8_SEQUENCE.search(data):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = non_ascii_letters = 0
    for char in text:
        if char.isascii():
            if char.isalpha():
                letters += 1
            elif not char.isprintable() and char not in _TEXT_CONTROLS:
                return None
        elif char in _LEGACY_PUNCTUATION:
            continue
        elif unicodedata.category(char).startswith("L") and "LATIN" in unicodedata.name(char):
            letters += 1
            non_ascii_letters += 1
        else:
            return None
    if letters == 0 or non_ascii_letters > _MAX_NON_ASCII_LETTER_SHARE * letters:
        return None
    return text


def warn_about_encoding(path: Path, encoding: str) -> None:
    logger.warning(
        "%s: read as %s: check its accents and quotes, and re-save it as UTF-8 to silence "
        "this warning",
        path,
        encoding,
    )


def normalise_line_ends(text: str) -> str:
    """CRLF and lone CR become LF, so character offsets mean the same on every platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_file(path: Path, *, declared: str | None = None) -> str:
    return decode_file_text(read_input_bytes(path), path, declared=declared)


def _decode_declared(data: bytes, declared: str) -> str | None:
    """Pages declaring Latin-1 or ASCII are Windows-1252 in practice, as browsers assume."""
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None
    candidates = ("cp1252", codec) if codec in {"latin-1", "iso8859-1", "ascii"} else (codec,)
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    return None


def _looks_like_utf16_without_mark(data: bytes) -> bool:
    """English in UTF-16 has a NUL in nearly every other byte, all on the same side."""
    sample = data[:4096]
    halves = (sample[0::2], sample[1::2])
    return len(sample) >= 8 and any(half.count(0) >= 0.9 * len(half) for half in halves)
