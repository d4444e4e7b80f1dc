"""Every number in the text with its value, unit and what it counts.

'3,200 troops' counts troops; in 'the number of French troops has fallen to 3,200'
the count still belongs to the troops (the subject, less 'the number of'); in 'cut the
presence to 1,200' to the verb's object. Durations ('20-day', 'three-week') carry an
ISO 8601 value (P20D, P3W).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import Literal

import numpy
from spacy.attrs import LIKE_NUM
from spacy.tokens import Doc, Span, Token

from app.extract.date_facts import date_span
from app.extract.dates import parse_duration
from app.extract.numbers import COUNT_OF, FRACTIONS, WORD_SCALES, glued_scale, parse_number
from app.extract.schema import Figure

NUMBER_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "dollar": "USD",
    "£": "GBP",
    "pound": "GBP",
    "€": "EUR",
    "euro": "EUR",
    "rupee": "INR",
    "yen": "JPY",
    "yuan": "CNY",
}
QUALIFIERS = {
    "about": "approx",
    "around": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "some": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "c.": "approx",
    "ca.": "approx",
    "circa": "approx",
    "approx.": "approx",
    "nearly": "at_most",
    "almost": "at_most",
    "more than": "at_least",
    "over": "at_least",
    "at least": "at_least",
    "upwards of": "at_least",
    "upward of": "at_least",
    "north of": "at_least",
    "in excess of": "at_least",
    "shy of": "at_most",
    "just shy of": "at_most",
    "fewer than": "at_most",
    "less than": "at_most",
    "up to": "at_most",
    "under": "at_most",
    "no more than": "at_most",
    "below": "at_most",
    "as many as": "at_most",
    "just over": "at_least",
    "just under": "at_most",
    "well over": "at_least",
    "well above": "at_least",
    "well under": "at_most",
    "well below": "at_most",
}
UNAMBIGUOUS_SCALES = ("k", "mn", "bn", "tn")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+$")
_QUALIFIER = re.compile(
    r"^(?:(?:only|still)\s+)?("
    + "|".join(sorted(map(re.escape, QUALIFIERS), key=len, reverse=True))
    + r")\s+",
    re.I,
)
"""A qualifier opening a number phrase, after 'only' or 'still' ('only about 1,100')."""
SCALE_WORDS = {"dozen", "hundred", "thousand", "million", "billion", "trillion", "bn", "m", "k"}


NumberRole = Literal["low", "high", "from", "to"] | None
"""Where a number stands next to another: 'between 2,000 and 3,000' is a low and a high,
'from 5,200 to 3,000' (or 'down from 5,200') an old value and a new one."""


@dataclass(frozen=True)
class NumberPhrase:
    span: Span
    number_start: int
    """Token index where the number itself starts (after any 'more than')."""
    value: float
    qualifier: str
    role: NumberRole = None
    partner: int | None = None
    """Index, in the list `number_phrases` returns, of the other end of a range or change."""

    @property
    def count_token(self) -> Token:
        """The token the parse hangs the count on: its last word, or 'hundred' in 'three
        hundred and fifty', or 'two' in 'two dozen' (with 'dozen' parsed as its modifier)."""
        last = self.span[-1]
        inside = self.span.start <= last.head.i < last.i
        return last.head if last.dep_ in {"conj", "quantmod"} and inside else last


def split_qualifier(span: Span) -> tuple[str, int]:
    """('more than 3,200') -> ('at_least', index of '3,200'); a qualifier just before the span counts too."""
    match = _QUALIFIER.match(span.text)
    if match:
        inner = span.doc.char_span(
            span.start_char + match.end(), span.end_char, alignment_mode="expand"
        )
        return QUALIFIERS[match.group(1).lower()], inner.start if inner is not None else span.start
    doc = span.doc
    for size in (3, 2, 1):
        if span.start - size >= 0:
            before = doc[span.start - size : span.start].text.lower()
            if before in QUALIFIERS:
                return QUALIFIERS[before], span.start
    return "exact", span.start


RANGE_WORDS = {"to", "and", "or", "-", "–", "—"}
MAX_RANGE_GAP = 4
"""'3,000 to 5,000' and 'from 900 to more than 1,600' link two numbers; longer gaps do not."""
DASHES = {"-", "–", "—"}


def _number_groups(span: Span) -> list[tuple[int, int]]:
    """'5,200 to 3,000' and '5,200-6,000' are two numbers; '1.5 million', '$3 billion' and
    'forty-five' are one."""
    groups: list[tuple[int, int]] = []
    start = span.start
    for token in span:
        if token.lower_ in RANGE_WORDS and token.i > start:
            if token.text in DASHES and not span.doc[token.i - 1].text[:1].isdigit():
                continue
            if token.lower_ == "and" and span.doc[token.i - 1].lower_ in {"hundred", "thousand"}:
                continue  # 'three hundred and fifty' is one number
            if token.lower_ == "and" and _fraction_follows(span.doc, token.i + 1):
                continue  # 'two and a half thousand' is one number
            groups.append((start, token.i))
            start = token.i + 1
    if start < span.end:
        groups.append((start, span.end))
    return [g for g in groups if any(_number_word(t) for t in span.doc[g[0] : g[1]])]


def _number_word(token: Token) -> bool:
    """A word a number is written with: '3,200', 'three', 'million', '1.5k', 'half'."""
    return (
        token.like_num
        or token.lower_ in SCALE_WORDS
        or token.lower_ in FRACTIONS
        or glued_scale(token.text)
    )


def _fraction_follows(doc: Doc, index: int) -> bool:
    """'a half' or 'half' from `index` on, hyphens aside: 'two-and-a-half'."""
    words = [t.lower_ for t in doc[index : index + 5] if t.text not in DASHES][:2]
    return words[:1] == ["half"] or words == ["a", "half"]


def _grown(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The number's words the model left out of its entity: 'half a' and 'a quarter of a'
    before 'million', 'and a half' after 'two'."""
    before = [t.lower_ for t in doc[max(0, start - 4) : start]]
    for words in (["a", "quarter", "of", "a"], ["quarter", "of", "a"], ["half", "a"], ["half"]):
        if before[-len(words) :] == words and doc[start].lower_ in SCALE_WORDS:
            start -= len(words)
            break
    if (doc[end - 1].like_num and end < len(doc) and doc[end].lower_ == "and") or (
        end + 1 < len(doc) and doc[end].text in DASHES and doc[end + 1].lower_ == "and"
    ):
        after = end + (1 if doc[end].lower_ == "and" else 2)
        if _fraction_follows(doc, after):
            end = next(t.i for t in doc[after : after + 5] if t.lower_ == "half") + 1
            if end < len(doc) and doc[end].lower_ in SCALE_WORDS:
                end += 1
    return start, end


def tokens_where(doc: Doc, attribute: int, values: Collection[int]) -> list[int]:
    """Indices of the tokens whose attribute has one of the values (a flag's 1, a word's
    hash), found without a Python loop over the doc."""
    if len(doc) == 0:
        return []
    column = doc.to_array([attribute])
    return [int(i) for i in numpy.isin(column, list(values)).nonzero()[0]]


VAGUE_WORDS = {"few", "several", "many"}


def _vague(token: Token) -> bool:
    """'few' in 'a few dozen', 'several' in 'several hundred' (not 'as many as 2,200')."""
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return token.lower_ in VAGUE_WORDS and following is not None and following.lower_ in SCALE_WORDS


def _in_fraction(token: Token) -> bool:
    """'a', 'of' and 'and' inside 'a quarter of a million' and 'two and a half'."""
    doc = token.doc
    near = [t.lower_ for t in doc[max(0, token.i - 2) : token.i + 3]]
    return "half" in near or "quarter" in near


def _a_couple(group: Span) -> bool:
    """'a couple of thousand': about two of a scale."""
    return [t.lower_ for t in group[:3]] == ["a", "couple", "of"] and group[
        -1
    ].lower_ in WORD_SCALES


def _odd(doc: Doc, start: int, end: int) -> bool:
    """'200-odd', 'thousand-odd', '30 odd': 'odd' right after the number's words."""
    following = [t for t in doc[start : min(end + 2, len(doc))] if t.text not in DASHES]
    words = [t.lower_ for t in following]
    return "odd" in words and words.index("odd") > 0 and following[words.index("odd") - 1].i < end


def _a_scale(token: Token) -> bool:
    """The 'a' of 'a hundred', 'a thousand': one of that scale."""
    doc = token.doc
    return (
        token.lower_ in {"a", "an"}
        and token.i + 1 < len(doc)
        and doc[token.i + 1].lower_ in {"hundred", "thousand", "million"}
    )


def number_phrases(doc: Doc) -> list[NumberPhrase]:
    found = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in NUMBER_LABELS:
            qualifier, first = split_qualifier(ent)
            if doc[first].lower_ == "between":
                first += 1
            for group_start, end in _number_groups(doc[first : ent.end]):
                # 'from 900 to roughly 1,600': each end of a range has its own qualifier.
                group_qualifier, start = (
                    (qualifier, group_start)
                    if group_start == first
                    else split_qualifier(doc[group_start:end])
                )
                grown_start, end = _grown(doc, start, end)
                if grown_start < start:
                    start = grown_start
                    group_qualifier, _ = split_qualifier(doc[start:end])
                if start > 0 and _a_scale(doc[start - 1]):
                    start -= 1  # 'A thousand-strong contingent': the model leaves out the 'A'
                group = doc[start:end]
                if any(_vague(t) for t in doc[max(ent.start, start - 2) : end]):
                    continue  # 'a few dozen', 'several hundred': no number is said
                words = [
                    t.text
                    for t in group
                    if _number_word(t)
                    or t.text in "$£€"
                    or _a_scale(t)
                    or (t.lower_ in {"a", "an", "of", "and"} and _in_fraction(t))
                ]
                value = parse_number(" ".join(words))
                if value is None and len(words) == 1 and _a_couple(group):
                    value = parse_number(f"two {words[0]}")  # 'a couple of thousand'
                    group_qualifier = "approx"
                if doc[start].text.startswith("~") and group_qualifier == "exact":
                    group_qualifier = "approx"  # '~1,700' in a table
                if _odd(doc, start, end):
                    # 'the 200-odd soldiers', 'the thousand-odd troops': about that many
                    if value is None and len(words) == 1:
                        value = parse_number(f"a {words[0]}")
                    group_qualifier = "approx" if group_qualifier == "exact" else group_qualifier
                    while end - start > 1 and not _number_word(doc[end - 1]):
                        end -= 1
                    group = doc[start:end]
                if value is not None:
                    found.append(NumberPhrase(group, start, value, group_qualifier))
                    covered.update(range(start, end))
            covered.update(range(ent.start, ent.end))
    for ent in doc.ents:
        if ent.label_ == "DATE":
            inner = date_span(ent)
            covered.update(range(inner.start, inner.end) if inner is not None else ())
        elif ent.label_ in {"TIME", "ORDINAL"} or not all(t.like_num for t in ent):
            # a bare number the model mislabels ('its 210 troops' as a PRODUCT) is still one;
            # so is a count in thousands it takes into a name ('Nepal 5,100', not 'Boeing 747')
            end = ent.end
            if ent.label_ != "TIME" and end - 1 > ent.start and _THOUSANDS.match(doc[end - 1].text):
                end -= 1
            covered.update(range(ent.start, end))
    # '1.5k', which is no like_num; not '10m' or '2b' outside an entity (metres, pencils)
    glued = [t.i for t in doc if glued_scale(t.text) and t.lower_.endswith(UNAMBIGUOUS_SCALES)]
    for index in sorted({*tokens_where(doc, LIKE_NUM, [1]), *glued}):
        token = doc[index]
        marked = token.text[:1] == "~" or index in glued
        if index not in covered and (token.pos_ == "NUM" or marked):
            start, end = _grown(doc, index, index + 1)
            while end < len(doc) and end not in covered:
                # 'three thousand' with no entity over it; 'two thousand five hundred'
                word = doc[end]
                spelled = word.like_num and word.is_alpha and end + 1 < len(doc)
                if spelled and doc[end + 1].lower_ in WORD_SCALES and end + 1 not in covered:
                    end += 2
                elif word.lower_ in WORD_SCALES:
                    end += 1
                else:
                    break
            value = parse_number(doc[start:end].text)
            if value is None and index > 0 and _a_scale(doc[index - 1]):
                # 'fewer than a hundred soldiers'
                start = index - 1
                value = parse_number(doc[start:end].text)
            if value is not None:
                qualifier, _ = split_qualifier(doc[start:end])
                loose = _odd(doc, start, end) or doc[start].text.startswith("~")
                qualifier = "approx" if qualifier == "exact" and loose else qualifier
                found.append(NumberPhrase(doc[start:end], start, value, qualifier))
                covered.update(range(start, end))
    return _pair_ranges(sorted(found, key=lambda p: p.span.start))


def _pair_ranges(phrases: list[NumberPhrase]) -> list[NumberPhrase]:
    """Mark ranges ('between 8,000 and 9,000', '3,000 to 5,000', '20-30') and changes
    ('from 500 to 300', 'down from 5,100'): the parse attaches these unreliably, the words do not.
    The low end of a range is at least its value."""
    marked = list(phrases)
    for index, phrase in enumerate(phrases):
        before = _word_before(phrase)
        if before in OLD_VALUE_WORDS and marked[index].role is None:
            marked[index] = replace(phrase, role="from")
        if index + 1 == len(phrases):
            continue
        following = phrases[index + 1]
        if following.span.start - phrase.span.end > MAX_RANGE_GAP:
            continue
        gap = [t.lower_ for t in phrase.span.doc[phrase.span.end : following.span.start]]
        linked = (
            bool(gap)
            and gap[0] in RANGE_WORDS
            and " ".join(gap[1:]) in {"", *QUALIFIERS}
            and (gap[0] != "and" or before == "between")
        )
        if not linked or before == "by":
            continue  # 'will grow by 700 to about 4,300': a change, then where it ends
        if before == "from" and not _spans_a_range(phrase):
            marked[index] = replace(phrase, role="from", partner=index + 1)
            marked[index + 1] = replace(following, role="to", partner=index)
        else:
            qualifier = "at_least" if phrase.qualifier == "exact" else phrase.qualifier
            value = phrase.value * _shared_scale(phrase, following)
            marked[index] = replace(
                phrase, role="low", partner=index + 1, qualifier=qualifier, value=value
            )
            marked[index + 1] = replace(following, role="high", partner=index)
    return marked


def _shared_scale(low: NumberPhrase, high: NumberPhrase) -> int:
    """'three to four hundred', 'between two and three thousand': the low end is written
    without the scale the high end ends with."""
    scale = WORD_SCALES.get(high.span[-1].lower_, 1)
    if any(t.lower_ in WORD_SCALES for t in low.span) or low.value * scale > high.value:
        return 1
    return scale


RANGING_WORDS = {"range", "ranging", "vary", "varying", "anywhere"}


def _spans_a_range(phrase: NumberPhrase) -> bool:
    """'estimates range from 1,000 to 1,500', 'anywhere from 20 to 30': a range, not a
    change from one value to another."""
    doc = phrase.span.doc
    word = next((t for t in reversed(doc[: phrase.span.start]) if t.lower_ == "from"), None)
    if word is None or word.i == 0 or phrase.span.start - word.i > 3:
        return False
    before = doc[word.i - 1]
    return before.lemma_.lower() in RANGING_WORDS or before.lower_ in RANGING_WORDS


SHARE_WORDS = {"fraction", "shadow"}
OLD_VALUE_WORDS = {"from", "compared with", "compared to", "against", "fraction of", "shadow of"}
"""'down from 5,100', 'compared with 700 last year': the value a level is measured against."""


def _word_before(phrase: NumberPhrase) -> str:
    """The word before a number and its qualifier: 'from' in 'from about 5,000', 'compared
    with' in 'compared with 700'."""
    doc = phrase.span.doc
    start = phrase.span.start
    for size in (3, 2, 1):
        if start - size > 0 and doc[start - size : start].text.lower() in QUALIFIERS:
            start -= size
            break
    if (
        start >= 3
        and doc[start - 2].lower_ in {"the", "its"}
        and doc[start - 1].lower_ in NOW_MODIFIERS
    ):
        start -= 2  # 'compared to the current 5,100'
    if start >= 2 and doc[start - 2].lower_ == "compared":
        return f"compared {doc[start - 1].lower_}"

    if start >= 4 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in EXTREME_WORDS:
        # 'down from a peak of about 170,000': the old value behind its description
        start -= 3 if doc[start - 3].lower_ in {"a", "an", "the", "its", "their"} else 2
    elif start >= 2 and doc[start - 1].lower_ == "the":
        start -= 1  # 'a far cry from the 170,000 there in 2007'
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in SHARE_WORDS:
        return f"{doc[start - 2].lower_} of"  # 'a fraction of the 100,000 it had in 2011'
    return doc[start - 1].lower_ if start > 0 else ""


NOW_MODIFIERS = {"current", "present"}
EXTREME_WORDS = {"peak", "high", "low", "maximum", "minimum", "level", "total", "record"}
"""'from a peak of 170,000', 'from a high of 5,000': words naming an earlier value."""


def noun_words(head: Token) -> str:
    """'the number of American troops' -> 'American troops'; modifiers and head, no determiner."""
    if head.lemma_ in COUNT_OF:
        inner = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = (
            next((c for c in inner.children if c.dep_ == "pobj"), None)
            if inner is not None
            else None
        )
        if pobj is not None:
            head = pobj
    left = [
        c
        for c in head.lefts
        if c.dep_ in {"amod", "compound", "nmod", "npadvmod"} and not c.like_num
    ]
    start = min([head.i, *(c.left_edge.i for c in left)])
    words = [
        t.text
        for t in head.doc[start : head.i + 1]
        if t.dep_ not in {"det", "predet", "poss", "case", "nummod"}
    ]
    return " ".join(w for w in words if w not in {"’s", "'s"})


def counted_noun(number: Token) -> Token | None:
    """The noun a number counts, read from the parse.

    '3,200 troops', 'a 1,100-strong contingent', 'a 5,000-member force' and 'a force of
    4,000' count the noun; in 'cut the presence (from 5,000) to 1,200' the number counts the
    verb's object, in 'the number of troops fell to 300' its subject.
    """
    head = number.head
    if head.lower_ == "strong" and head.head.pos_ == "NOUN":
        return head.head
    if number.dep_ == "nummod" and head.dep_ == "amod" and head.head.pos_ == "NOUN":
        return head.head  # '240 Danish soldiers' with the count hung on 'Danish'
    if number.dep_ in {"nummod", "quantmod", "amod", "compound"} and head.pos_ in {"NOUN", "PROPN"}:
        hyphenated = head.i == number.i + 2 and number.doc[number.i + 1].text in DASHES
        if hyphenated and head.dep_ in {"compound", "amod"} and head.head.pos_ == "NOUN":
            return head.head
        return head
    if number.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head
    shared = next((c for c in number.children if c.dep_ == "conj" and c.pos_ == "NOUN"), None)
    if shared is not None and any(c.dep_ == "nummod" for c in shared.children):
        return shared  # '8,400 and 6,300 soldiers', parsed as a number and a noun
    if number.dep_ == "pobj" and head.lower_ in {"to", "from", "at", "of", "by"}:
        verb = head.head
        while verb.like_num and verb.dep_ == "pobj" and verb.head.i != verb.i:
            verb = verb.head.head
        if verb.pos_ in {"VERB", "AUX"}:
            for dep in ("dobj", "nsubj", "nsubjpass"):
                noun = next((c for c in verb.children if c.dep_ == dep), None)
                if noun is not None:
                    return noun
    if number.dep_ in {"dobj", "nsubj", "nsubjpass", "attr", "appos"} and any(
        c.dep_ == "prep" for c in number.children
    ):
        of = next((c for c in number.children if c.lower_ == "of"), None)
        if of is not None:
            return next((c for c in of.children if c.dep_ == "pobj"), None)
    return None


def _unit(phrase: NumberPhrase) -> str:
    label = phrase.span.label_ or ("CARDINAL" if len(phrase.span) == 1 else "")
    text = phrase.span.text.lower()
    if label == "PERCENT" or "%" in text or "percent" in text or "per cent" in text:
        return "percent"
    if label == "MONEY":
        return next((code for sign, code in CURRENCIES.items() if sign in text), "money")
    if label == "QUANTITY":
        return phrase.span[-1].lemma_.lower()
    return "count"


def extract_figures(doc: Doc) -> list[Figure]:
    figures: list[Figure] = []
    for phrase in number_phrases(doc):
        last_number = phrase.span[-1]
        noun = counted_noun(last_number)
        figures.append(
            Figure(
                value=phrase.value,
                unit=_unit(phrase),
                object=noun_words(noun) if noun is not None else None,
                text=phrase.span.text,
                start=phrase.span.start_char,
                end=phrase.span.end_char,
            )
        )
    for ent in doc.ents:
        duration = (
            parse_duration(ent.text)
            if ent.label_ in {"DATE", "TIME", "QUANTITY", "CARDINAL"}
            else None
        )
        if duration is None:
            continue
        amount, unit, iso = duration
        head = ent.root.head if ent.root.head.i not in range(ent.start, ent.end) else ent.root
        figures = [f for f in figures if not (ent.start_char <= f.start < ent.end_char)]
        figures.append(
            Figure(
                value=amount,
                unit=unit,
                object=head.text if head.pos_ == "NOUN" and head.i >= ent.end else None,
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                duration=iso,
            )
        )
    return sorted(figures, key=lambda f: f.start)
