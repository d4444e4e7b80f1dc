"""Numbers as news writes them: '3,200', '1.5 million', 'three', 'twenty-five', '$3bn'."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
WORD_SCALES = {word: _SCALES[word] for word in ("hundred", "thousand", "million", "billion")}
"""The scales written as words: 'three to four hundred' shares one; not 'm' or 'k'."""
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_GLUED_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|b|tn)$")
_SPACED_THOUSANDS = re.compile(r"\b(\d{1,3})((?: \d{3})+)\b(?![.,]\d)")
"""'300 000', '1 500': thousands set apart by spaces, as much of Europe writes them."""
FRACTIONS = {"half": "0.5", "quarter": "0.25"}
_FRACTION = re.compile(r"\b(?:(?:a|an|one) )?(half|quarter)(?: of)?(?: (?:a|an)\b)?")
"""'half a million', 'a quarter of a million', 'two and a half thousand'."""


COUNT_OF = {
    "number",
    "total",
    "level",
    "strength",
    "size",
    "commitment",
    "contribution",
    "complement",
    "headcount",
    "count",
}
"""Nouns a number gives the size of ('the number of troops', 'a strength of 4,800')."""


def glued_scale(word: str) -> bool:
    """'1.5k', '3bn': a number and its scale in one token."""
    return bool(_GLUED_SCALE.match(word.lower()))


def is_number_word(word: str) -> bool:
    low = word.lower()
    return low in _UNITS or low in _TENS or low in _SCALES or bool(_DIGITS.match(low))


def parse_number(text: str) -> float | None:
    """Value of a number phrase, or None when the words are not a number.

    Currency signs and a trailing '%' are ignored here; the caller reads the unit.
    """
    cleaned = text.lower().replace("–", "-").strip().strip("$£€¥%~").strip()
    cleaned = _SPACED_THOUSANDS.sub(lambda m: m.group(1) + m.group(2).replace(" ", ""), cleaned)
    cleaned = _FRACTION.sub(lambda m: FRACTIONS[m.group(1)], " ".join(re.split(r"[\s-]+", cleaned)))
    words = [w for w in cleaned.split() if w and w != "and"]
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        glued = _GLUED_SCALE.match(word)
        if _DIGITS.match(word):
            current += float(word.replace(",", ""))
        elif glued:
            current += float(glued.group(1)) * _SCALES[glued.group(2)]
        elif word in _UNITS and not (word in {"a", "an"} and seen):
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen" and not seen:
            current = 12
        elif word in _SCALES and seen:
            scale = _SCALES[word]
            if scale <= 100:
                current *= scale
            else:
                total += current * scale
                current = 0.0
        else:
            return None
        seen = True
    return total + current
