"""Levels in a list of short items after a heading, as wire factboxes write them:
'Deployments at a glance: Poland (US, c. 10,000 troops); Romania (France, approx. 800)',
'NATO troop strength (May 2023): Lithuania battlegroup 1,600; Latvia battlegroup 1,700',
or a heading line ending in a colon over lines of '- Estonia: about 900'. The parser makes
little of these, so each item is read from its words: its place, the force in it or in the
heading, its one count, the heading's date."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from app.extract.date_facts import date_span
from app.extract.figures import NumberPhrase
from app.extract.schema import TroopLevel
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.denials import is_year_label
from app.extract.troop_levels.force import own_force
from app.extract.troop_levels.levels import build_level
from app.extract.troop_levels.names import force_named, place_after_in, place_of
from app.extract.troop_levels.nouns import is_troop_body
from app.extract.troop_levels.parse import lemma
from app.extract.troop_levels.status import is_plan_word
from app.extract.troop_levels.vocabulary import ADDITION_WORDS

HEADING_WORDS = {"deployment", "strength", "presence", "troop", "force"}
ITEM_SEPARATORS = {";", ":"}
"""What ends a heading or an item; the tokenizer may glue them to a bracket ('):')."""
BULLETS = ("-", "\u2022", "*", "\u2013")


def factbox_level(
    ctx: Context, phrase: NumberPhrase, phrases: list[NumberPhrase]
) -> TroopLevel | None:
    number = phrase.count_token
    found = _inline(ctx.doc, number) or _lines(ctx.doc, number)
    if found is None:
        return None
    heading, item = found
    troops = next((t for t in heading if is_troop_body(t) or lemma(t) in HEADING_WORDS), None)
    if troops is None or sum(1 for p in phrases if _inside(p.span, item)) != 1:
        return None
    if any(t.lower_ in ADDITION_WORDS for t in item):
        return None  # 'Poland (US, 1,000 more)': a change
    words = [t for t in item if not t.is_punct]
    names = [name for t in words if (name := place_of(ctx, t) or force_named(ctx, t))]
    if not names and words and words[0].is_title and words[0].is_alpha:
        names = [words[0].text]  # '- Falklands: 1,200', a place the model did not label
    own = own_force(ctx, troops) or (
        own_force(ctx, troops.head) if troops.dep_ == "compound" else None
    )
    where = place_after_in(ctx, heading)  # 'Peacekeepers in Lebanon, top contributors:'
    year = _year_key(item)
    if year is not None and not names and own is not None and where is not None:
        # 'Planned Canadian troop numbers in Latvia - 2025: 1,500; 2026: 2,200'
        ctx.date_owner.setdefault(number.i, []).insert(0, year)
        force, place = own, where
    elif not names:
        return None
    elif own is None and where is not None:
        # 'Peacekeepers in Lebanon, top contributors: Indonesia 1,230': whose, not where
        force, place = names[0], where
    else:
        place = names[0]
        others = [name for name in names[1:] if name != place]
        heading_names = (force_named(ctx, t) for t in heading)
        force = own or next(iter(others), None) or next((f for f in heading_names if f), None)
        if others and own is None:
            force = others[0]  # 'Poland (US, c. 10,000 troops)'
    if force is None:
        return None
    dated = ctx.date_owner.setdefault(troops.i, [])
    for ent in heading.ents:
        span = date_span(ent) if ent.label_ == "DATE" else None
        if span is not None and span not in dated:
            dated.append(span)  # 'NATO troop strength (May 2023):' dates every item
    return build_level(
        ctx,
        reading=Reading(troops, number, None),
        count=int(phrase.value),
        qualifier=phrase.qualifier,
        evidence=phrase.span,
        date_owners=[number, troops],
        planned=True if any(is_plan_word(t) for t in heading) else None,
        force=force,
        location=place,
    )


def _inline(doc: Doc, number: Token) -> tuple[Span, Span] | None:
    """A heading and a ';'-separated list of two or more items in one sentence."""
    sentence = number.sent
    colon = next((t for t in sentence if t.is_punct and ":" in t.text), None)
    if colon is None or colon.i > number.i:
        return None
    listing = doc[colon.i : sentence.end]
    cuts = [t.i for t in listing if t.is_punct and not ITEM_SEPARATORS.isdisjoint(t.text)]
    if len(cuts) < 2:
        return None
    start = max(i for i in cuts if i < number.i) + 1
    end = min([i for i in cuts if i > number.i] or [listing.end])
    return doc[sentence.start : colon.i], doc[start:end]


_KEYED_ITEM = re.compile(r"^(?!(?:Q|A):)[A-Z][\w .'-]{0,40}:\s")
"""'Indonesia: about 1,150': an item keyed by a name (not the 'Q:' and 'A:' of an interview)."""
_LABEL = re.compile(r"^[A-Z][A-Z ]{2,}(?:-|\u2013|:)")
"""'FACTBOX-', 'KEY FACTS:': a wire label that opens a heading."""


def _is_item(line: str) -> bool:
    return line.startswith(BULLETS) or _KEYED_ITEM.match(line) is not None


def _lines(doc: Doc, number: Token) -> tuple[Span, Span] | None:
    """A heading line (ending in a colon, or opening with a wire label such as 'FACTBOX-')
    over lines of items, bulleted or keyed by a name, one of them the number's."""
    text = doc.text
    start = text.rfind("\n", 0, number.idx) + 1
    end = text.find("\n", number.idx)
    end = len(text) if end < 0 else end
    if not _is_item(text[start:end].lstrip()):
        return None
    above = start - 1
    while above > 0:
        line_start = text.rfind("\n", 0, above) + 1
        line = text[line_start:above].strip()
        if not _is_item(line):
            if line.endswith(":"):
                heading_end = text.rfind(":", 0, above)
            elif _LABEL.match(line) is not None:
                heading_end = above
            else:
                return None
            heading = doc.char_span(line_start, heading_end, alignment_mode="expand")
            item = doc.char_span(start, end, alignment_mode="expand")
            return (heading, item) if heading is not None and item is not None else None
        above = line_start - 1
    return None


def _year_key(item: Span) -> Span | None:
    """The year an item is filed under: '2026' in '2026: 2,200'."""
    if item.start < 2:
        return None
    key = item.doc[item.start - 2]
    return item.doc[key.i : key.i + 1] if is_year_label(key) else None


def _inside(span: Span, item: Span) -> bool:
    return item.start <= span.start and span.end <= item.end
