"""Character ranges as (start, end) pairs, end-exclusive, and how much two sets of them share.

Quotes can be discontinuous ("…,” she said, “…”), so overlap is measured between unions
of ranges, never between their outer bounds: the words between segments belong to the
speaker and cue, not to the quote.
"""

from __future__ import annotations

from collections.abc import Iterable

Range = tuple[int, int]


def merged(ranges: Iterable[Range]) -> list[Range]:
    """Sorted, non-overlapping ranges covering the same characters; empty ranges dropped."""
    result: list[Range] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if result and start <= result[-1][1]:
            result[-1] = (result[-1][0], max(result[-1][1], end))
        else:
            result.append((start, end))
    return result


def covered(ranges: Iterable[Range]) -> int:
    """How many characters the ranges cover, each counted once."""
    return sum(end - start for start, end in merged(ranges))


def shared(first: Iterable[Range], second: Iterable[Range]) -> int:
    """How many characters lie in both unions of ranges."""
    left, right = merged(first), merged(second)
    total = i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i][0], right[j][0])
        end = min(left[i][1], right[j][1])
        total += max(0, end - start)
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return total


def overlaps(first: Range, second: Range) -> bool:
    """Whether two ranges share at least one character."""
    return max(first[0], second[0]) < min(first[1], second[1])
