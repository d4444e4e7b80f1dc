"""Substring filters ("part of a name") that read a trigram index on SQLite and PostgreSQL.

`contains_text(column, text)` is true where `column` contains `text`, ignoring case;
every character of `text` is literal (`%`, `_`, quotes, backslashes). It is one
SQL element compiled per database, so a `Listing` is built without knowing which.
`folded=True` says the column and `text` are already case folded (the normalised
name keys), so PostgreSQL compares them as they are (LIKE, three times cheaper
than ILIKE on a row it has to test).

- SQLite: the row's rowid is looked up in the column's FTS5 trigram table
  (migration 0005) with `MATCH` and `text` as one quoted string: FTS5 answers
  it from the string's trigrams, which is exactly "contains", case folded the
  Unicode way. FTS5 cannot look up fewer than three characters (such a string
  matches nothing), so one or two characters are a `LIKE` over the table, whose
  case folding is ASCII-only.
- PostgreSQL: `ILIKE '%text%'` (`LIKE` when folded), which the `gin_trgm_ops`
  index of 0005 serves (for one or two characters the planner reads the table).

Accents count on both: "zurich" does not contain "zürich".
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Boolean, String, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

TRIGRAM = 3
"""FTS5's trigram tokenizer looks up strings of at least this many characters."""
LIKE_ESCAPE = "\\"

TRIGRAM_TABLES = {
    ("entity", "name_key"): "entity_name_trigram",
    ("entity_alias", "alias_key"): "entity_alias_trigram",
    ("quote", "speaker"): "quote_speaker_trigram",
}
"""(table, column) -> the SQLite FTS5 trigram table over it, keyed by the table's rowid."""


class ContainsText(ColumnElement[bool]):
    """`column` contains `text`, ignoring case; see the module docstring."""

    __visit_name__ = "contains_text"
    inherit_cache = True
    type = Boolean()
    _is_implicitly_boolean = True  # a predicate: never written as `... = 1` on SQLite
    _traverse_internals: ClassVar[list[tuple[str, Any]]] = [
        ("column", InternalTraversal.dp_clauseelement),
        ("phrase", InternalTraversal.dp_clauseelement),
        ("pattern", InternalTraversal.dp_clauseelement),
        ("short", InternalTraversal.dp_boolean),
        ("folded", InternalTraversal.dp_boolean),
    ]

    def __init__(
        self, column: Any, text: str, *, folded: bool = False, row_by_row: bool = False
    ) -> None:
        self.column = column.expression if hasattr(column, "expression") else column
        key = (self.column.table.name, self.column.name)
        if key not in TRIGRAM_TABLES:
            raise ValueError(f"no trigram index over {key}: add one in a migration")
        self.phrase = literal(fts5_phrase(text), String)
        self.pattern = literal(f"%{escape_like(text)}%", String)
        self.short = row_by_row or not has_trigrams(text)
        self.folded = folded

    @property
    def _from_objects(self) -> list[Any]:
        return self.column._from_objects


def contains_text(
    column: Any, text: str, *, folded: bool = False, row_by_row: bool = False
) -> ContainsText:
    """`row_by_row`: test each row with LIKE, as for a fragment without trigrams, when the
    rows are read in another index's order and most of them match."""
    return ContainsText(column, text, folded=folded, row_by_row=row_by_row)


def has_trigrams(text: str) -> bool:
    """Whether `contains_text(column, text)` is an index lookup on SQLite, not a scan."""
    return len(text) >= TRIGRAM


def fts5_phrase(text: str) -> str:
    """`text` as one FTS5 string: in double quotes, a double quote doubled."""
    return '"' + text.replace('"', '""') + '"'


def escape_like(text: str) -> str:
    """`text` with LIKE's wildcards and the escape character taken literally."""
    for special in (LIKE_ESCAPE, "%", "_"):
        text = text.replace(special, LIKE_ESCAPE + special)
    return text


@compiles(ContainsText, "sqlite")
def _contains_text_sqlite(element: ContainsText, compiler: SQLCompiler, **kw: Any) -> str:
    column = element.column
    if element.short:
        pattern = compiler.process(element.pattern, **kw)
        return f"{compiler.process(column, **kw)} LIKE {pattern} ESCAPE '{LIKE_ESCAPE}'"
    index = TRIGRAM_TABLES[(column.table.name, column.name)]
    table = compiler.preparer.quote(column.table.name)
    phrase = compiler.process(element.phrase, **kw)
    return f"{table}.rowid IN (SELECT rowid FROM {index} WHERE {index} MATCH {phrase})"


@compiles(ContainsText, "postgresql")
def _contains_text_postgresql(element: ContainsText, compiler: SQLCompiler, **kw: Any) -> str:
    # Backslash is LIKE's default escape character on PostgreSQL: no ESCAPE clause,
    # so the planner sees a plain pattern it can take trigrams from.
    column = compiler.process(element.column, **kw)
    operator = "LIKE" if element.folded else "ILIKE"
    return f"{column} {operator} {compiler.process(element.pattern, **kw)}"


@compiles(ContainsText)
def _contains_text_other(element: ContainsText, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    pattern = compiler.process(element.pattern, **kw)
    return f"lower({column}) LIKE lower({pattern}) ESCAPE '{LIKE_ESCAPE}'"
