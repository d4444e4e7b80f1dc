"""Every calendar date the text names, normalised against the publication date."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from app.extract.dates import MONTHS, Direction, normalise_date, parse_duration
from app.extract.numbers import COUNT_OF, WORD_SCALES
from app.extract.patterns import troop_level_words
from app.extract.schema import DateFact
from app.partial_date import PartialDate

_LARGE_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d{5,}$")
"""Never part of a date: '11,000', '26000'."""
_DATE_OPENERS = {"last", "next", "this", "earlier", "later", "early", "late", "in", "by"}
_YEAR = re.compile(r"^(?:1[89]|2\d)\d\d$")
_FOUR_DIGITS = re.compile(r"^\d{4}$")
_DAY = re.compile(r"^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?$")


def _direction(ent: Span) -> Direction:
    """Tense of the verb the date hangs on: 'will resume on X' looks forward, 'signed in X' back."""
    verb = next((a for a in ent.root.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return None
    children = list(verb.children)
    if any(c.tag_ == "MD" or (c.dep_ == "aux" and c.lower_ == "to") for c in children):
        return "future"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in children if c.dep_ in {"aux", "auxpass"}):
        return "past"
    return None


def date_span(ent: Span) -> Span | None:
    """A DATE entity without a count the model swept into it: '11,000 five years ago' is
    the number 11,000 and the date 'five years ago'."""
    doc = ent.doc
    if _only_numbers(ent) or _a_count_not_a_date(ent):
        return None  # 'Between two and three thousand (troops)', which the model calls a date
    start, end = ent.start, ent.end
    while start < end and _LARGE_NUMBER.match(doc[start].text):
        start += 1
    if start > 0 and doc[start].lower_.strip(".") in MONTHS and _DAY.match(doc[start - 1].text):
        start -= 1  # 'As of 1 November 2019': the model leaves the day out
    # 'down from 400 last year', 'numbered about 1700 earlier this year': a count (and its
    # qualifier) before a date that starts with its own word
    first = start
    while first < end and doc[first].lower_ in _COUNT_WORDS:
        first += 1
    if end - first > 1 and doc[first].like_num and doc[first + 1].lower_ in _DATE_OPENERS:
        start = first + 1
    elif end - first > 2 and doc[first].like_num and doc[first + 1].like_num:
        start = first + 1  # 'up from 150 two years ago': two numbers in a row, the first a count
    # 'Last year 250 took part': a count after the date, not a day or a year of it.
    while end - 1 > start and doc[end - 1].like_num and not _ends_date(doc[end - 2 : end]):
        end -= 1
    return doc[start:end] if start < end else None


_COUNT_WORDS = {
    "all",
    "another",
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "over",
    "roughly",
    "approximately",
    "only",
    "just",
}
"""Words before a number that make it a count: 'All 2000 troops', 'about 1700'."""


def _a_count_not_a_date(ent: Span) -> bool:
    """'Benin has pledged 2000 soldiers', 'All 2000 American troops', '4800 strong', 'a
    garrison of 4800': a four-digit number written without a comma that counts. 'The 2016
    elections' (a determiner before it) and 'in 2000' are years."""
    doc = ent.doc
    number = ent[-1]
    if not _FOUR_DIGITS.match(number.text) or any(t.i != number.i for t in ent if t.like_num):
        return False
    if any(not t.like_num and t.lower_ not in _COUNT_WORDS for t in ent):
        return False  # a date with words of its own: 'May 2023', 'the 1990s'
    if int(number.text) >= 3000 or (
        number.i + 1 < len(doc) and doc[number.i + 1].lower_ == "strong"
    ):
        return True  # no year a news story means, or "Barkhane, 2600 strong, ..."
    if number.dep_ == "pobj" and number.head.lower_ == "of" and _sized(number.head.head):
        return True  # 'a garrison of 1450', 'an army of only 2000', 'a peak of 2000'
    noun = number.head
    while noun.dep_ in {"amod", "compound"} and noun.head.i > noun.i:
        noun = noun.head  # '2800 Turkish soldiers', '1600 NATO troops'
    if number.dep_ != "nummod" or noun.tag_ != "NNS" or noun.i < number.i:
        return False
    if noun.lemma_.lower() in troop_level_words()["troop_nouns"]:
        return True  # 'The 1300 Romanian soldiers': no year counts soldiers
    before = doc[number.i - 1] if number.i > 0 else None
    return before is None or before.lower_ in _COUNT_WORDS or before.pos_ not in {"DET", "PRON"}


SIZE_NOUNS = COUNT_OF | {"peak", "height"}


def _sized(noun: Token) -> bool:
    """A body of troops, or a word for its size: what 'of 1450' measures."""
    words = troop_level_words()
    word = noun.lemma_.lower()
    return word in words["troop_nouns"] or word in words["military_units"] or word in SIZE_NOUNS


_RANGE_WORDS = {"between", "and", "to", "from", *WORD_SCALES}


def _only_numbers(ent: Span) -> bool:
    """Numbers and range words only, none of them a year."""
    if len(ent) < 2 or not any(t.lower_ in _RANGE_WORDS for t in ent):
        return False  # '31' alone may be a day
    return any(t.like_num for t in ent) and all(
        (t.like_num and not _YEAR.match(t.text)) or t.lower_ in _RANGE_WORDS for t in ent
    )


def _ends_date(pair: Span) -> bool:
    """'June 2019', 'June 5', '14 April'-style endings, where a number belongs to the date."""
    before, number = pair[0].lower_.strip("."), pair[1].text
    return before in MONTHS or bool(_YEAR.match(number)) or before in {"of", "the", "mid", "-"}


def extract_dates(doc: Doc, published: PartialDate | None) -> list[DateFact]:
    facts = []
    for entity in doc.ents:
        ent = date_span(entity) if entity.label_ == "DATE" else None
        if ent is None or parse_duration(ent.text) is not None:
            continue
        normalised = normalise_date(ent.text, published, _direction(ent))
        facts.append(
            DateFact(
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                value=normalised.value if normalised else None,
                precision=normalised.precision if normalised else None,
                mod=normalised.mod if normalised else None,
            )
        )
    return facts
