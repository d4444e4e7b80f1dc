"""The ingest entry point: paths in, articles (and problems to show the user) out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from app.ingest.article import RawArticle
from app.ingest.discover import find_input_files
from app.ingest.errors import IngestProblem, UnreadableInput
from app.ingest.html import read_html
from app.ingest.jsonl import read_jsonl
from app.ingest.txt import read_txt

Reader = Callable[[Path], Iterator[RawArticle | IngestProblem]]


def _single(read: Callable[[Path], RawArticle]) -> Reader:
    def read_one(path: Path) -> Iterator[RawArticle | IngestProblem]:
        yield read(path)

    return read_one


READERS: dict[str, Reader] = {
    ".txt": _single(read_txt),
    ".html": _single(read_html),
    ".htm": _single(read_html),
    ".jsonl": read_jsonl,
}


def read_paths(paths: Iterable[Path]) -> Iterator[RawArticle | IngestProblem]:
    """Every article under `paths`, in a deterministic order, with problems in between.

    Problems never stop the run. An id seen earlier in the same run is a problem too:
    storing both would silently keep only one of them.
    """
    first_origin_of: dict[str, str] = {}
    for found in find_input_files(paths):
        if isinstance(found, IngestProblem):
            yield found
            continue
        for item in _read_file(found):
            if isinstance(item, RawArticle):
                if item.id in first_origin_of:
                    yield IngestProblem(
                        item.origin,
                        f"id '{item.id}' is already used by {first_origin_of[item.id]}: "
                        "give one of them a different id",
                    )
                    continue
                first_origin_of[item.id] = item.origin
            yield item


def count_inputs(paths: Iterable[Path]) -> int:
    """Files `read_paths` will open, for a progress bar (pass a list, not a one-shot iterator)."""
    return sum(1 for found in find_input_files(paths) if isinstance(found, Path))


def _read_file(path: Path) -> Iterator[RawArticle | IngestProblem]:
    try:
        yield from READERS[path.suffix.lower()](path)
    except UnreadableInput as problem:
        yield IngestProblem(str(path), str(problem))
