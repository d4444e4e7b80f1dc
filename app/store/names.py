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

# Titles in front of a person's name: "Gen Maria Lopez" is the person Maria Lopez.
# fmt: off
TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev",
    "gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major", "capt", "captain",
    "cmdr", "commander", "adm", "admiral", "rear", "vice", "sgt", "sergeant", "brig",
    "brigadier", "field", "marshal", "president", "pm", "premier", "prime", "minister",
    "secretary", "chancellor", "ambassador", "envoy", "senator", "sen", "rep", "gov",
    "governor", "mayor", "judge", "justice",
})
# fmt: on


def normalise_name(name: str) -> str:
    """Casefold and collapse whitespace: the key two spellings must share to match."""
    return _WHITESPACE.sub(" ", name.casefold()).strip()


def organisation_key(name: str) -> str:
    """Organisations and places also match without a leading "the" ("The Daily Post")."""
    key = normalise_name(name)
    return key[4:] if key.startswith("the ") else key


def _is_title(word: str) -> bool:
    return _PUNCTUATION.sub("", word.casefold()) in TITLES


def without_titles(name: str) -> str:
    """A person's name without the titles in front ("Lt Gen Maria Lopez" -> "Maria Lopez").

    Only leading words are titles ("Angus King" keeps "King"), and at least one word stays.
    """
    words = name.split()
    while len(words) > 1 and _is_title(words[0]):
        words.pop(0)
    return " ".join(words)


@dataclass(frozen=True)
class PersonName:
    given: tuple[str, ...]
    """Normalised given names and initials, in order ("maria", "elena")."""
    surname: str

    @classmethod
    def parse(cls, name: str) -> PersonName | None:
        """Split a name into given names and surname, ignoring titles; None if nothing is left."""
        tokens = _PUNCTUATION.sub(" ", normalise_name(without_titles(name))).split()
        if not tokens or (len(tokens) == 1 and tokens[0] in TITLES):
            return None
        return cls(given=tuple(tokens[:-1]), surname=tokens[-1])

    def compatible_with(self, other: PersonName) -> bool:
        """Same surname and one list of given names fits inside the other.

        "Maria Lopez" fits "Maria Elena Lopez", "M. Lopez" fits "Maria Lopez" (an
        initial fits any name it starts), a bare "Lopez" fits every Lopez;
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


def name_size(name: str) -> tuple[int, int]:
    """Order names by how full they are: more words, then more characters."""
    return len(name.split()), len(name)


def slugify(text: str, fallback: str) -> str:
    """ASCII slug for URLs ("María López" -> "maria-lopez"); `fallback` if nothing survives."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-") or fallback
