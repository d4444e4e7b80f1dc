"""Which files an ingest run reads, in an order that is the same on every machine."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from app.ingest.errors import IngestProblem

SUPPORTED_SUFFIXES = frozenset({".txt", ".html", ".htm", ".jsonl"})
SUPPORTED_HINT = ".txt, .html/.htm or .jsonl"


def find_input_files(paths: Iterable[Path]) -> Iterator[Path | IngestProblem]:
    """Files to read, or problems for paths that cannot be read at all.

    Folders are searched recursively in sorted order, skipping hidden entries and files
    of other types (a folder may hold notes or images). A file named explicitly is
    reported if its type is unsupported: the user clearly meant it to be read.
    A file reached twice (named and inside a named folder) is read once.
    """
    seen: set[Path] = set()
    for path in paths:
        for found in _expand(Path(path)):
            if isinstance(found, Path):
                key = found.resolve()
                if key in seen:
                    continue
                seen.add(key)
            yield found


def _expand(path: Path) -> Iterator[Path | IngestProblem]:
    if path.is_dir():
        yield from _files_in_folder(path)
    elif not path.exists():
        yield IngestProblem(str(path), "no such file or folder: check the path")
    elif not path.is_file():
        yield IngestProblem(str(path), f"is not a regular file: give {SUPPORTED_HINT} files")
    elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
        kind = path.suffix.lower() or "(no extension)"
        yield IngestProblem(str(path), f"unsupported file type {kind}: give {SUPPORTED_HINT}")
    else:
        yield path


def _files_in_folder(folder: Path) -> Iterator[Path]:
    found: list[Path] = []
    for directory, subfolders, files in os.walk(folder):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in files:
            path = Path(directory, name)
            if (
                not name.startswith(".")
                and path.suffix.lower() in SUPPORTED_SUFFIXES
                and path.is_file()
            ):
                found.append(path)
    # Sort on path parts, not strings: 'a/b.txt' must not sort after 'a-c.txt'.
    yield from sorted(found, key=lambda path: path.relative_to(folder).parts)
