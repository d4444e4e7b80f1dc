"""Keyset pagination: every list query pages through the same helper.

A page asks for the rows whose sort key comes after the last key already seen,
so pages stay correct while articles are being added (no OFFSET drift).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, tuple_
from sqlmodel import Session
from sqlmodel.sql.expression import Select, SelectOfScalar

SortKey = tuple[Any, ...]
T = TypeVar("T")


class InvalidCursorError(ValueError):
    """A cursor that is not one this list handed out."""


@dataclass(frozen=True)
class PageRequest:
    limit: int = 50
    after: SortKey | None = None
    """Sort key of the last item already seen; None for the first page."""


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_key: SortKey | None
    """Sort key to pass as `after` for the next page; None on the last page."""


def keyset_page(
    session: Session,
    statement: Select[Any] | SelectOfScalar[Any],
    sort_key: Sequence[Any],
    request: PageRequest,
    key_of: Callable[[T], SortKey] | None = None,
) -> Page[T]:
    """Run `statement` ordered by `sort_key` (columns or labels, unique together), one page.

    `key_of` reads the sort key back from a row; by default the attributes named
    like the sort-key columns.
    """
    if request.after is not None:
        _check_sort_key(request.after, sort_key)
        if len(sort_key) == 1:
            statement = statement.where(sort_key[0] > request.after[0])
        else:
            statement = statement.where(tuple_(*sort_key) > tuple_(*request.after))
    statement = statement.order_by(*sort_key).limit(request.limit + 1)
    rows: list[T] = list(session.exec(statement))  # type: ignore[call-overload]
    if len(rows) <= request.limit:
        return Page(items=rows, next_key=None)
    rows = rows[: request.limit]
    read_key = key_of or (lambda row: tuple(getattr(row, column.key) for column in sort_key))
    return Page(items=rows, next_key=read_key(rows[-1]))


def _check_sort_key(after: SortKey, sort_key: Sequence[ColumnElement[Any]]) -> None:
    if len(after) != len(sort_key):
        raise InvalidCursorError("the cursor belongs to another list")
    for value, column in zip(after, sort_key, strict=True):
        column_type = getattr(column.type, "impl_instance", column.type)  # see TypeDecorator
        expected = column_type.python_type
        if isinstance(value, bool) or not isinstance(value, expected):
            raise InvalidCursorError("the cursor belongs to another list")
