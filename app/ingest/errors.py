"""What goes wrong when reading input files, told in a way the user can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestProblem:
    """One input that could not become an article.

    A value, not an exception: `read_paths` yields it alongside the good articles so
    one bad file (or one bad JSONL line) never stops the rest of a batch.
    """

    origin: str
    """Where: 'data/articles/x.txt' or 'feed.jsonl:12'."""
    message: str
    """What is wrong and what to do about it."""

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


class UnreadableInput(Exception):
    """Raised inside a reader; `read_paths` turns it into an IngestProblem with the origin."""
