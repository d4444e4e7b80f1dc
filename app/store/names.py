"""How names are compared: normalised keys, person-name compatibility and slugs.

Pure functions, no database, so the rules can be read and tested on their own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WHITESPACE = re.compile(r"\s+")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PUNCTUATION = re.compile(r"[.,]")

# Titles dropped before comparing person names: "Gen Lopez" is the person Lopez.
# fmt: off
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev",
    "gen", "general", "lt", "col", "colonel", "maj", "major", "capt", "captain", "cmdr",
    "adm", "admiral", "sgt", "brig", "president", "pm", "minister", "senator", "sen", "rep",
    "gov", "governor", "judge", "justice", "sheikh", "king", "queen", "prince", "princess",
})
# fmt: on


def normalise_name(name: str) -> str:
    """Casefold and collapse whitespace: the key two spellings must share to match."""
    return _WHITESPACE.sub(" ", name.casefold()).strip()


def organisation_key(name: str) -> str:
    """Organisations and places also match without a leading "the" ("The Daily Post")."""
    key = normalise_name(name)
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True)
class PersonName:
    given: tuple[str, ...]
    """Normalised given names and initials, in order ("qamar", "javed")."""
    surname: str

    @classmethod
    def parse(cls, name: str) -> PersonName | None:
        """Split a name into given names and surname, ignoring titles; None if nothing is left."""
        tokens = [
            token
            for token in _PUNCTUATION.sub(" ", normalise_name(name)).split()
            if token not in HONORIFICS
        ]
        if not tokens:
            return None
        return cls(given=tuple(tokens[:-1]), surname=tokens[-1])

    def compatible_with(self, other: PersonName) -> bool:
        """Same surname and one list of given names fits inside the other.

        "Qamar Bajwa" fits "Qamar Javed Bajwa", "Q. Bajwa" fits "Qamar Bajwa" (an
        initial fits any name it starts), a bare "Bajwa" fits every Bajwa;
        "John Smith" and "Jane Smith" do not fit each other.
        """
        if self.surname != other.surname:
            return False
        shorter, longer = sorted((self.given, other.given), key=len)
        return _fits_in_order(shorter, longer)

    def shared_given_names(self, other: PersonName) -> int:
        return sum(1 for name in self.given if any(_same_given(name, o) for o in other.given))


def _same_given(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) == 1 and longer.startswith(shorter)


def _fits_in_order(shorter: tuple[str, ...], longer: tuple[str, ...]) -> bool:
    """Every name of `shorter` matches a name of `longer`, in the same order."""
    position = 0
    for name in shorter:
        while position < len(longer) and not _same_given(name, longer[position]):
            position += 1
        if position == len(longer):
            return False
        position += 1
    return True


def name_size(name: str, *, is_person: bool) -> tuple[int, int, int]:
    """Order names by how full they are: more words, then fewer titles, then more characters.

    "Maria Elena Lopez" > "Maria Lopez" > "Gen Lopez" > "Lopez"; for people a
    title is not part of the name, so "Maria Lopez" > "Gen Maria Lopez".
    """
    words = normalise_name(_PUNCTUATION.sub(" ", name) if is_person else name).split()
    titles = sum(word in HONORIFICS for word in words) if is_person else 0
    return len(words) - titles, -titles, len(name)


def slugify(text: str, fallback: str) -> str:
    """ASCII slug for URLs ("María López" -> "maria-lopez"); `fallback` if nothing survives."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-") or fallback
