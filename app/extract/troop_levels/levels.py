"""Assembling a TroopLevel from a reading of a number: force, location, status, date, evidence."""

from __future__ import annotations

from spacy.tokens import Span, Token

from app.extract.dates import NormalisedDate
from app.extract.schema import Mention, TroopLevel
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.dating import attached_date, is_later, line_date
from app.extract.troop_levels.force import force_of
from app.extract.troop_levels.location import location_of
from app.extract.troop_levels.nouns import QUALIFIER_WORDS
from app.extract.troop_levels.status import condition_of, is_planned


def _sentence_mention(sentence: Span) -> Mention:
    text = sentence.text.rstrip()
    return Mention(start=sentence.start_char, end=sentence.start_char + len(text), text=text)


def build_level(
    ctx: Context,
    *,
    reading: Reading,
    count: int,
    qualifier: str,
    evidence: Span,
    date_owners: list[Token],
    planned: bool | None = None,
    force: str | None = None,
    location: str | None = None,
) -> TroopLevel | None:
    """A level read from the parse; `force` and `location`, when given, are what the caller
    read from the words instead."""
    sentence = evidence.sent
    if reading.noun is None and ctx.sentence_index[sentence.start] - ctx.last_sentence > 1:
        return None
    force = force or force_of(ctx, reading)
    if force is None:
        return None
    location = location or location_of(ctx, reading, sentence, force)
    decided = planned is not None
    if planned is None:
        planned = is_planned(reading.verb)
    direction = "future" if planned else "past"
    date = attached_date(ctx, date_owners, direction) or line_date(
        ctx, evidence.start_char, direction
    )
    if date is not None and not decided and not planned and is_later(date, ctx.published):
        # 'rotates in next month' in the present tense is still a plan.
        planned = True
    if date is None and not planned and (_formerly(reading) or _formerly_said(evidence)):
        return None  # 'which once had 1,000 soldiers there': some time before, but when?
    if date is None:
        if ctx.published is None:
            return None
        date = NormalisedDate(ctx.published.value, ctx.published.precision)
    level = TroopLevel(
        text=evidence.text,
        start=evidence.start_char,
        end=evidence.end_char,
        force=force,
        location=location,
        count=count,
        qualifier=qualifier,  # type: ignore[arg-type]
        date=date.value,
        date_precision=date.precision,
        date_mod=date.mod,
        status="planned" if planned else "reported",
        condition=condition_of(ctx.doc, sentence) if planned else None,
        sentence=_sentence_mention(sentence),
    )
    ctx.last, ctx.last_sentence = level, ctx.sentence_index[sentence.start]
    return level


FORMER_MARKS = {"once", "formerly"}


def _formerly(reading: Reading) -> bool:
    """The count held at some past time the text does not give ('once stationed there')."""
    holders = [reading.verb] + [c for c in reading.node.children if c.dep_ == "acl"]
    return any(
        word is not None
        and word.tag_ in {"VBD", "VBN"}
        and any(c.dep_ == "advmod" and c.lower_ in FORMER_MARKS for c in word.children)
        for word in holders
    )


def _formerly_said(evidence: Span) -> bool:
    """'The number of soldiers at the base, once around 7,000, has fallen to 1,500', 'its
    contingent, some 250 strong at its height, is down to 200'."""
    doc = evidence.doc
    before = evidence.start - 1
    while before >= 0 and doc[before].lower_ in QUALIFIER_WORDS:
        before -= 1
    if before >= 0 and doc[before].lower_ in FORMER_MARKS:
        return True
    after = [t.lower_ for t in doc[evidence.end : evidence.end + 5]]
    return any(
        word == "at" and any(w in PEAK_WORDS for w in after[i + 1 : i + 3])
        for i, word in enumerate(after)
    )


PEAK_WORDS = {"height", "peak"}


def keep(level: TroopLevel | None) -> list[TroopLevel]:
    return [level] if level is not None else []
