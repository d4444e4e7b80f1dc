"""The search language, parsed once and checked the same way on every database.

Words (AND implied), "phrases" (a double quote inside doubled), a trailing `*`
for a prefix, AND, OR and NOT in capitals with parentheses, `NEAR(a b, N)` and
the column filters `title:`, `text:`, `speaker:`. It is the documented subset of
SQLite FTS5's query syntax: the SQLite backend renders the parsed tree back to
FTS5, the PostgreSQL one to a tsquery, so neither database ever parses user
input, and an input is an error on both or on neither.

Precedence as in FTS5: NOT binds tightest, then AND (written or implied), then OR.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

SearchKind = Literal["article", "quote"]

COLUMNS: dict[SearchKind, tuple[str, ...]] = {
    "article": ("title", "text"),
    "quote": ("text", "speaker"),
}
"""The columns each kind of hit can be searched by, in the order the error messages name them."""
PLURALS: dict[SearchKind, str] = {"article": "articles", "quote": "quotes"}
ALL_COLUMNS = frozenset(name for columns in COLUMNS.values() for name in columns)

MAX_QUERY_LENGTH = 1000
MAX_DEPTH = 50
"""Brackets and column filters nested deeper than this are refused (FTS5's own parser
overflows around 100, and no real search needs more)."""
MAX_NEAR_DISTANCE = 100
DEFAULT_NEAR_DISTANCE = 10

SYNTAX_HINT = (
    "write words to find all of them, "
    '"exact words" in double quotes for a phrase, a short prefix with a trailing * (negot*), '
    "AND, OR and NOT in capitals between words (NOT cannot come first), "
    "NEAR(word other, 10) for words close together, "
    "and title:, text: or speaker: before a word to search one column"
)


class InvalidSearchError(ValueError):
    """A search the index cannot run; the message says what to write instead."""


# The parsed query


@dataclass(frozen=True)
class Phrase:
    """Words that must appear together, in order; one bare word is a phrase of one."""

    text: str
    prefix: bool = False
    """A trailing `*`: the last word is a prefix."""


@dataclass(frozen=True)
class Near:
    phrases: tuple[Phrase, ...]
    distance: int
    """At most this many words between one phrase and the next, in any order."""


@dataclass(frozen=True)
class Column:
    name: str
    """Lower case, one of ALL_COLUMNS."""
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """`left NOT right`: NOT always needs something to take words away from."""

    left: Node
    right: Node


Node = Phrase | Near | Column | And | Or | Not


def columns_named(node: Node) -> frozenset[str]:
    """The columns the query filters on anywhere."""
    if isinstance(node, Column):
        return frozenset({node.name}) | columns_named(node.child)
    if isinstance(node, And | Or):
        return frozenset().union(*(columns_named(child) for child in node.children))
    if isinstance(node, Not):
        return columns_named(node.left) | columns_named(node.right)
    return frozenset()


def runnable_kinds(node: Node, kinds: list[SearchKind]) -> list[SearchKind]:
    """The kinds among `kinds` that have every column `node` names; InvalidSearchError if none.

    `speaker:lopez` can only find quotes, so it searches quotes alone; with only
    articles asked for, nothing could match, and saying so beats an empty page.
    """
    named = columns_named(node)
    runnable = [kind for kind in kinds if named <= set(COLUMNS[kind])]
    if runnable:
        return runnable
    missing = [
        f"{PLURALS[kind]} have no column `{name}`"
        for kind in kinds
        for name in sorted(named - set(COLUMNS[kind]))[:1]
    ]
    searchable = "; ".join(f"{PLURALS[kind]} have {_columns(kind)}" for kind in kinds)
    raise InvalidSearchError(
        f"{' and '.join(missing)}, so nothing can match ({searchable}); "
        "drop the column filter or search another kind"
    )


# Parsing


@dataclass(frozen=True)
class _Token:
    kind: Literal["word", "string", "and", "or", "not", "near", "(", ")", ":", ",", "*", "end"]
    text: str


def parse(q: str) -> Node:
    """The query tree of `q`; InvalidSearchError saying what to write instead."""
    _check_text(q)
    return _Parser(q).parse()


def _check_text(q: str) -> None:
    if not q.strip():
        raise InvalidSearchError(f"the search is empty; {SYNTAX_HINT}")
    if len(q) > MAX_QUERY_LENGTH:
        raise InvalidSearchError(
            f"the search is {len(q)} characters long; "
            f"search with at most {MAX_QUERY_LENGTH}, the words that matter most"
        )
    if any(unicodedata.category(char) in ("Cc", "Cs") and not char.isspace() for char in q):
        raise InvalidSearchError("the search contains control characters; remove them")


def _is_word_character(char: str) -> bool:
    """As FTS5 reads a bare word: ASCII letters, digits and _, and anything beyond ASCII."""
    return not char.isascii() or char.isalnum() or char == "_"


_KEYWORDS = {"AND": "and", "OR": "or", "NOT": "not"}
_PUNCTUATION = {"(": "(", ")": ")", ":": ":", ",": ",", "*": "*"}


def _tokens(q: str) -> Iterator[_Token]:
    position = 0
    while position < len(q):
        char = q[position]
        if char.isspace():
            position += 1
        elif char == '"':
            text, position = _string(q, position + 1)
            yield _Token("string", text)
        elif char in _PUNCTUATION:
            position += 1
            yield _Token(_PUNCTUATION[char], char)  # type: ignore[arg-type]
        elif _is_word_character(char):
            end = position
            while end < len(q) and _is_word_character(q[end]):
                end += 1
            word = q[position:end]
            position = end
            if word == "NEAR" and q[position:].lstrip().startswith("("):
                yield _Token("near", word)
            else:
                yield _Token(_KEYWORDS.get(word, "word"), word)  # type: ignore[arg-type]
        else:
            raise _invalid_character(char, q)
    yield _Token("end", "")


def _string(q: str, position: int) -> tuple[str, int]:
    """The text of a double-quoted string starting at `position`, and where it ends."""
    parts: list[str] = []
    while True:
        close = q.find('"', position)
        if close < 0:
            raise _invalid("a double quote is not closed", q)
        parts.append(q[position:close])
        if q.startswith('"', close + 1):  # "" inside a string is one double quote
            parts.append('"')
            position = close + 2
        else:
            return "".join(parts), close + 1


class _Parser:
    """Recursive descent over the tokens, one method per precedence level."""

    def __init__(self, q: str) -> None:
        self.q = q
        self.tokens = list(_tokens(q))
        self.position = 0
        self.depth = 0

    @property
    def next(self) -> _Token:
        return self.tokens[self.position]

    def take(self) -> _Token:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def parse(self) -> Node:
        node = self.any_of()
        if self.next.kind != "end":
            raise self.unexpected()
        return node

    def any_of(self) -> Node:
        children = [self.all_of()]
        while self.next.kind == "or":
            self.take()
            children.append(self.all_of())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def all_of(self) -> Node:
        children = [self.but_not()]
        while self.next.kind in ("and", "word", "string", "near", "("):
            if self.next.kind == "and":
                self.take()
            children.append(self.but_not())
        return children[0] if len(children) == 1 else And(tuple(children))

    def but_not(self) -> Node:
        node = self.filtered()
        while self.next.kind == "not":
            self.take()
            node = Not(node, self.filtered())
        return node

    def filtered(self) -> Node:
        token = self.next
        if token.kind == "word" and self.tokens[self.position + 1].kind == ":":
            name = token.text.lower()
            if name not in ALL_COLUMNS:
                raise _unknown_column(name, self.q)
            self.position += 2
            with_column = self.nested(self.primary)
            if columns_named(with_column):
                raise _invalid("a column filter cannot contain another one", self.q)
            return Column(name, with_column)
        return self.primary()

    def nested(self, parse: Callable[[], Node]) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _invalid("the search nests too deeply; use fewer brackets", self.q)
        try:
            return parse()
        finally:
            self.depth -= 1

    def primary(self) -> Node:
        token = self.next
        if token.kind == "(":
            self.take()
            node = self.nested(self.any_of)
            self.expect(")")
            return node
        if token.kind == "near":
            return self.near()
        return self.phrase()

    def phrase(self) -> Phrase:
        token = self.take()
        if token.kind not in ("word", "string"):
            self.position -= 1
            raise self.unexpected()
        prefix = self.next.kind == "*"
        if prefix:
            self.take()
        return Phrase(token.text, prefix)

    def near(self) -> Near:
        self.take()
        self.expect("(")
        phrases = [self.phrase()]
        while self.next.kind in ("word", "string"):
            phrases.append(self.phrase())
        distance = DEFAULT_NEAR_DISTANCE
        if self.next.kind == ",":
            self.take()
            number = self.take()
            if not (number.kind == "word" and number.text.isascii() and number.text.isdigit()):
                raise _invalid(_NEAR_DISTANCE, self.q)
            distance = int(number.text)
            if distance > MAX_NEAR_DISTANCE:
                raise _invalid(_NEAR_DISTANCE, self.q)
        self.expect(")")
        return Near(tuple(phrases), distance)

    def expect(self, kind: str) -> None:
        if self.next.kind != kind:
            raise self.unexpected()
        self.take()

    def unexpected(self) -> InvalidSearchError:
        token = self.next
        if token.kind == "end":
            return _invalid("the search ends too soon", self.q)
        if token.kind == "*":
            return _invalid(
                "* goes right after a word, to find words starting with it (negot*)", self.q
            )
        return _invalid(f"the search is not valid near `{token.text}`", self.q)


_NEAR_DISTANCE = (
    f"NEAR takes a whole number of words as its distance, at most {MAX_NEAR_DISTANCE}: "
    "NEAR(word other, 10)"
)


# Messages


def _invalid(problem: str, q: str) -> InvalidSearchError:
    return InvalidSearchError(f"{problem}; {SYNTAX_HINT}; {_literal_hint(q)}")


def _invalid_character(char: str, q: str) -> InvalidSearchError:
    if char == "-":
        return InvalidSearchError(
            "- is not a search operator; to leave a word out, write: this NOT that; "
            f"{_literal_hint(q)}"
        )
    return _invalid(f"the search is not valid near `{char}`", q)


def _unknown_column(name: str, q: str) -> InvalidSearchError:
    return InvalidSearchError(
        f"`{name}` is read as a column to search in (a word before :), "
        f"but articles have only {_columns('article')} and quotes {_columns('quote')}; "
        f"to leave a word out, write: this NOT that; {_literal_hint(q)}"
    )


def _literal_hint(q: str) -> str:
    """How to search the input as it is: one phrase in double quotes (quotes inside doubled)."""
    literal_query = '"' + q.replace('"', '""') + '"'
    if len(literal_query) > 80:
        return "or put the whole input in double quotes to search it literally"
    return f"or put the whole input in double quotes to search it literally: {literal_query}"


def _columns(kind: SearchKind) -> str:
    return " and ".join(COLUMNS[kind])
