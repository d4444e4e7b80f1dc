"""Keyset pagination and sorting: every list query pages through the same helpers.

A page asks for the rows whose sort key comes after the last key already seen,
so pages stay correct while articles are being added (no OFFSET drift).
A `Listing` is a filtered query with the sort orders it supports; the API pages,
counts and streams it without knowing which resource it lists.

Lists read plain rows (`read_rows`), never ORM objects: making a model instance per
row, and the ORM's execution path around it, cost more than the query on a list page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Executable, Row, func, select, tuple_
from sqlmodel import Session
from sqlmodel.sql.expression import Select, SelectOfScalar

SortKey = tuple[Any, ...]
T = TypeVar("T")
StoredRow = Row[Any]
"""A row as read: its columns by name (`row.id`, `row.text`), not a model instance."""


def read_rows(
    session: Session, statement: Executable, parameters: Mapping[str, Any] | None = None
) -> list[StoredRow]:
    """Every row of `statement` (with values for its `bindparam`s), run on the session's
    connection, in its transaction.

    Straight to the connection, not `session.execute`: a select of model attributes
    would go through the ORM's loading layer, which costs more than the query itself."""
    return list(session.connection().execute(statement, parameters).all())


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
    *,
    descending: bool = False,
    fits: Callable[[list[Any]], int] | None = None,
) -> Page[T]:
    """Run `statement` ordered by `sort_key` (columns or labels, unique together), one page.

    `key_of` reads the sort key back from a row; by default the attributes named
    like the sort-key columns. Sort-key values must never be NULL (a NULL compares
    as unknown and its rows would drop out of later pages): coalesce nullable columns.
    `fits` says how many of the leading rows (at least one) the page may hold, when
    rows differ in size; the page ends there and `next_key` goes on after it.
    """
    statement = keyset_statement(statement, sort_key, request, descending=descending)
    rows: list[Any] = read_rows(session, statement)
    held = min(len(rows), request.limit)
    if fits is not None and rows:
        held = min(held, max(1, fits(rows[:held])))
    if len(rows) <= held:
        return Page(items=rows, next_key=None)
    rows = rows[:held]
    read_key = key_of or (lambda row: tuple(getattr(row, column.key) for column in sort_key))
    return Page(items=rows, next_key=read_key(rows[-1]))


def keyset_statement(
    statement: Select[Any] | SelectOfScalar[Any],
    sort_key: Sequence[Any],
    request: PageRequest,
    *,
    descending: bool = False,
) -> Select[Any] | SelectOfScalar[Any]:
    """The select one page runs: rows after the cursor, in sort order, one more than
    `request.limit` (to know whether a next page exists)."""
    if request.after is not None:
        after = _checked_key(request.after, sort_key)
        if len(sort_key) == 1:
            position, boundary = sort_key[0], after[0]
        else:
            position, boundary = tuple_(*sort_key), tuple_(*after)
        statement = statement.where(position < boundary if descending else position > boundary)
    order = [column.desc() for column in sort_key] if descending else list(sort_key)
    return statement.order_by(*order).limit(request.limit + 1)


def _checked_key(after: SortKey, sort_key: Sequence[ColumnElement[Any]]) -> SortKey:
    """The cursor's values as the sort columns' Python types (dates travel as ISO strings)."""
    if len(after) != len(sort_key):
        raise InvalidCursorError("the cursor belongs to another list")
    return tuple(_as_type(value, column) for value, column in zip(after, sort_key, strict=True))


def _as_type(value: Any, column: ColumnElement[Any]) -> Any:
    column_type = getattr(column.type, "impl_instance", column.type)  # see TypeDecorator
    expected = column_type.python_type
    if expected in (dt.date, dt.datetime) and isinstance(value, str):
        try:
            return expected.fromisoformat(value)
        except ValueError as error:
            raise InvalidCursorError("the cursor belongs to another list") from error
    if isinstance(value, bool) or not isinstance(value, expected):
        raise InvalidCursorError("the cursor belongs to another list")
    return value


@dataclass(frozen=True)
class Listing(Generic[T]):
    """A filtered, unordered query and the sort orders it offers.

    `sorts` maps a sort name to its key columns, unique together and never NULL;
    a name prefixed with `-` sorts descending. Cursors carry the sort name, so a
    cursor from one order is refused in another. `load` turns a page of rows into
    the items listed, with one query per page for what the rows do not hold; `fits`
    ends a page early when its rows would make too large a page (see `keyset_page`).
    A `grouped` listing lists groups: its statement selects aggregates, and each sort's
    key is what it groups by, in the sort's order, so the groups can be read from an
    index in that order and a page stops after `limit` groups; `count` counts them in the
    first sort's order, which should then be the one an equality filter narrows most.
    `hints` adds conditions, always true, to a sort's pages: a range on the sort's first
    column steers SQLite to the index that reads it in order when several could serve.
    """

    statement: Select[Any] | SelectOfScalar[Any]
    sorts: Mapping[str, Sequence[Any]]
    key_of: Mapping[str, Callable[[Any], SortKey]] = field(default_factory=dict)
    load: Callable[[Session, list[Any]], list[T]] | None = None
    hints: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    grouped: bool = False
    fits: Callable[[list[Any]], int] | None = None
    counted: Select[Any] | None = None
    """What `count` runs, when counting the statement itself would cost more (a search
    would score every hit only to count them)."""

    def page(self, session: Session, sort: str, request: PageRequest) -> Page[T]:
        name, inner = self._inner_request(sort, request)
        page: Page[Any] = keyset_page(
            session,
            self._statement(name),
            self.sorts[name],
            inner,
            self.key_of.get(name),
            descending=sort.startswith("-"),
            fits=self.fits,
        )
        items = self.load(session, page.items) if self.load else page.items
        next_key = None if page.next_key is None else (sort, *page.next_key)
        return Page(items=items, next_key=next_key)

    def statement_for(self, sort: str, request: PageRequest) -> Select[Any] | SelectOfScalar[Any]:
        """The select `page` runs for this sort and cursor (to EXPLAIN it, say)."""
        name, inner = self._inner_request(sort, request)
        return keyset_statement(
            self._statement(name),
            self.sorts[name],
            inner,
            descending=sort.startswith("-"),
        )

    def _statement(self, name: str) -> Select[Any] | SelectOfScalar[Any]:
        statement = self.statement.where(*self.hints.get(name, ()))
        return statement.group_by(*self.sorts[name]) if self.grouped else statement

    def _inner_request(self, sort: str, request: PageRequest) -> tuple[str, PageRequest]:
        """The sort's name and the request with the cursor's sort name checked and removed."""
        name = sort.removeprefix("-")
        if name not in self.sorts:
            raise ValueError(f"unknown sort {sort!r}")  # the API validates `sort` first
        after = None
        if request.after is not None:
            if request.after[0] != sort:
                raise InvalidCursorError(f"the cursor belongs to another sort order than {sort!r}")
            after = request.after[1:]
        return name, PageRequest(limit=request.limit, after=after)

    def count(self, session: Session) -> int:
        return session.execute(self.count_statement()).scalar_one()

    def count_statement(self) -> Select[Any]:
        """The select `count` runs (to EXPLAIN it, say)."""
        if self.counted is not None:
            return self.counted
        name = next(iter(self.sorts))
        if self.grouped and len(self.sorts[name]) == 2:
            # without the hints: their lower bound on the first key hides the seek's from SQLite
            return _pairs_counted(self.statement, self.sorts[name])
        return select(func.count()).select_from(self._statement(name).order_by(None).subquery())


def _pairs_counted(statement: Select[Any], keys: Sequence[Any]) -> Select[Any]:
    """Distinct (first, second) key pairs among `statement`'s rows, by a loose index scan:
    from each pair, one seek finds the next (a greater second key under the same first,
    else the least pair of the next first key). A few hundred groups of a hundred
    thousand rows cost a few hundred index lookups, not a read of every row."""
    first, second = (getattr(key, "element", key) for key in keys)  # labels: their SQL

    def next_key(column: Any, *where: Any, order: Sequence[Any]) -> Any:
        return (
            statement.with_only_columns(column)
            .where(*where)
            .order_by(*order)
            .limit(1)
            .scalar_subquery()
        )

    least = statement.with_only_columns(first, second).order_by(first, second).limit(1).subquery()
    pairs = select(least.c[0].label("first_key"), least.c[1].label("second_key")).cte(
        "pairs", recursive=True
    )
    same_first = (first == pairs.c.first_key, second > pairs.c.second_key)
    next_first = (first > pairs.c.first_key,)
    step = select(
        func.coalesce(
            next_key(first, *same_first, order=[second]),
            next_key(first, *next_first, order=[first, second]),
        ),
        func.coalesce(
            next_key(second, *same_first, order=[second]),
            next_key(second, *next_first, order=[first, second]),
        ),
    ).where(pairs.c.first_key.is_not(None))
    pairs = pairs.union_all(step)
    return select(func.count()).select_from(pairs).where(pairs.c.first_key.is_not(None))
