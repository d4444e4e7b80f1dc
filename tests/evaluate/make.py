"""Hand-made gold and predicted facts for metric tests: only the fields a metric reads."""

from __future__ import annotations

from app.evaluate.gold import GoldEntity, GoldQuote, GoldTroopLevel
from app.extract.schema import Mention, Quote, QuoteKind, Span, TroopLevel


def gold_quote(
    start: int,
    end: int,
    *,
    segments: list[tuple[int, int]] | None = None,
    kind: str = "indirect",
    speaker: tuple[int, int, str] | None = None,
) -> GoldQuote:
    speaker_start, speaker_end, speaker_text = speaker or (None, None, None)
    return GoldQuote(
        text="",
        start=start,
        end=end,
        segments=segments or [(start, end)],
        speaker=speaker_text,
        speaker_start=speaker_start,
        speaker_end=speaker_end,
        quote_type=kind,
    )


def predicted_quote(
    start: int,
    end: int,
    *,
    segments: list[tuple[int, int]] | None = None,
    kind: QuoteKind = "indirect",
    speaker: str | None = None,
    mention: tuple[int, int, str] | None = None,
) -> Quote:
    return Quote(
        start=start,
        end=end,
        text="",
        segments=[Span(start=s, end=e) for s, e in segments or [(start, end)]],
        kind=kind,
        speaker=speaker,
        speaker_mention=Mention(start=mention[0], end=mention[1], text=mention[2])
        if mention
        else None,
        cue=None,
    )


def gold_entity(start: int, end: int, kind: str, *, named: bool = True) -> GoldEntity:
    return GoldEntity(start=start, end=end, type=kind, named=named)


def gold_troop_level(count: int, status: str, date: str, **optional: str | None) -> GoldTroopLevel:
    return GoldTroopLevel(count=count, status=status, date=date, **optional)


def predicted_troop_level(
    count: int, status: str, date: str, *, force: str = "Norway", **others: object
) -> TroopLevel:
    values: dict = {
        "start": 0,
        "end": 1,
        "text": str(count),
        "force": force,
        "location": None,
        "count": count,
        "qualifier": "exact",
        "date": date,
        "date_precision": "day",
        "date_mod": None,
        "status": status,
        "condition": None,
        "sentence": Mention(start=0, end=1, text="x"),
    }
    return TroopLevel.model_validate(values | others)
