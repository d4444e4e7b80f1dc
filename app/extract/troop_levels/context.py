"""What the troop-level rules carry while reading one article, and how a number is tied
to troops."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from app.extract.entities import EntityIndex
from app.extract.schema import TroopLevel
from app.partial_date import PartialDate


@dataclass
class Reading:
    """How a number is tied to troops in the parse."""

    noun: Token | None
    """The troop noun counted; None when the number refers to an earlier level."""
    node: Token
    """The token standing for the number in the clause (the noun, or the number itself)."""
    verb: Token | None


@dataclass
class Context:
    doc: Doc
    entities: EntityIndex
    published: PartialDate | None
    sentence_index: dict[int, int] = field(default_factory=dict)
    subjects: list[tuple[int, str]] = field(default_factory=list)
    """(token index, name) of places and organisations that are subjects, in text order."""
    places: list[tuple[int, str]] = field(default_factory=list)
    """(token index, name) of every place mention, in text order."""
    date_owner: dict[int, list[Span]] = field(default_factory=dict)
    """Token index of the number or verb date phrases attach to -> the date phrases."""
    date_root: dict[int, Token] = field(default_factory=dict)
    """Token index inside a date phrase -> the phrase's root."""
    line_dates: list[tuple[int, int, str]] = field(default_factory=list)
    """(start, end) characters of a line headed by a date label ('2011: The force peaks
    at ...') -> the label."""
    emptied: set[int] = field(default_factory=set)
    """Troop nouns already read as leaving ('All the remaining troops': once)."""
    last: TroopLevel | None = None
    last_sentence: int = -10

    def read_in(self, token: Token) -> bool:
        """Whether the last level read is from the token's sentence."""
        return self.last is not None and self.last.sentence.start == token.sent.start_char
