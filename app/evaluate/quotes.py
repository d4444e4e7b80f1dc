"""Quotes against PolNeAR attributions: greedy one-to-one matching by overlap, then speakers.

The metric follows ../shared/eval/README.md. A gold attribution and a predicted quote
pair up when the characters they share cover at least a threshold T of the gold content
(both sides as the union of their segments, so the "she said" between two parts of a
quote is not content). Every (gold, predicted) pair is ranked by that coverage, best
first, and taken when neither side is taken yet: greedy, one-to-one. Because pairs below
T come after all pairs at or above it, matching at T is the same as matching once and
counting the pairs that reach T.

Kinds do not line up exactly, so they are reported without pretending they do.
PolNeAR's `quote_type` was derived from quotation marks over the whole attribution
(direct: all quoted, mixed: partly, indirect: none); ours says how the quote was found.
Our `partial` quote is a quoted fragment also reported on its own: inside a quote from
the same cue it is part of that attribution (which is then `mixed`), elsewhere it stands
for a mixed attribution itself (`as_attributions`). Recall per kind is over gold kinds
(found by a quote of any kind); precision per kind is over the mapped kinds (matched to
gold of any kind). Whether the kinds agree on matched pairs is its own share.

Speaker words: the metric says a predicted name "shares a word" with the gold speaker.
Words here are letters and digits, lower-cased, with articles, prepositions, honorifics
("Mr."), single letters and pronouns left out: otherwise "the" alone would make almost
every pronoun speaker right through the 300-character rule, and "he" would match any "he".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.evaluate.gold import GoldQuote
from app.evaluate.report import KindScore, QuoteReport, QuoteThresholdScores, Score, Share
from app.evaluate.spans import Range, covered, overlaps, shared
from app.extract.schema import Quote

THRESHOLDS = (0.3, 0.8)
SPEAKER_THRESHOLD = 0.3
PRONOUN_CONTEXT = 300
"""Characters before a gold pronoun speaker in which the predicted name may stand."""

GOLD_KINDS = ("direct", "mixed", "indirect")
GOLD_KIND_OF = {"direct": "direct", "partial": "mixed", "indirect": "indirect"}
"""Our quote kind -> the PolNeAR kind it corresponds to."""

# fmt: off
PRONOUNS = frozenset({
    "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours",
    "he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their", "theirs",
    "who", "whom", "whose", "which", "that", "this", "these", "those", "one",
})
_NOT_NAME_WORDS = PRONOUNS | {
    "the", "a", "an", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "from",
    "mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "lt", "col", "jr", "sr", "st",
}
# fmt: on
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class QuoteMatch:
    gold: int
    """Index into the gold attributions."""
    predicted: int
    """Index into the predicted quotes."""
    coverage: float
    """Shared characters / gold content characters."""


def predicted_ranges(quote: Quote) -> list[Range]:
    return [(s.start, s.end) for s in quote.segments] or [(quote.start, quote.end)]


def match_quotes(
    gold: Sequence[GoldQuote], predicted: Sequence[Quote], threshold: float
) -> list[QuoteMatch]:
    """Greedy one-to-one pairs with coverage ≥ threshold, best coverage first.

    Ties go to the pair sharing more characters, then to the earlier gold and prediction,
    so the result does not depend on set ordering.
    """
    candidates: list[tuple[float, int, int, int]] = []
    predicted_spans = [predicted_ranges(quote) for quote in predicted]
    for g, gold_quote in enumerate(gold):
        spans = gold_quote.spans
        size = covered(spans)
        if size == 0:
            continue
        for p, other in enumerate(predicted_spans):
            common = shared(spans, other)
            if common and common / size >= threshold:
                candidates.append((common / size, common, g, p))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    taken_gold: set[int] = set()
    taken_predicted: set[int] = set()
    matches = []
    for coverage, _common, g, p in candidates:
        if g not in taken_gold and p not in taken_predicted:
            taken_gold.add(g)
            taken_predicted.add(p)
            matches.append(QuoteMatch(g, p, coverage))
    return sorted(matches, key=lambda m: m.gold)


def name_words(text: str | None) -> set[str]:
    """The words of a name that can identify someone (see the module docstring)."""
    if not text:
        return set()
    words = _WORD.findall(text.lower())
    return {w for w in words if len(w) > 1 and w not in _NOT_NAME_WORDS}


def is_pronoun(text: str) -> bool:
    return text.strip().lower() in PRONOUNS


def speaker_is_right(gold: GoldQuote, predicted: Quote, text: str) -> bool | None:
    """Whether the predicted speaker is the gold one; None when the gold names no speaker.

    Right when (1) the predicted speaker mention overlaps the gold speaker span, or
    (2) a word of the predicted name or mention equals a word of the gold speaker, or
    (3) the gold speaker is a pronoun and a word of the predicted name stands in the
    300 characters before it: a resolved name is better for users than "he".
    """
    span = gold.speaker_span
    if gold.speaker is None or span is None:
        return None
    mention = predicted.speaker_mention
    if mention is not None and overlaps((mention.start, mention.end), span):
        return True
    predicted_words = name_words(predicted.speaker) | name_words(mention and mention.text)
    if predicted_words & name_words(gold.speaker):
        return True
    if is_pronoun(gold.speaker):
        before = text[max(0, span[0] - PRONOUN_CONTEXT) : span[0]]
        return bool(name_words(predicted.speaker) & name_words(before))
    return False


def _same_cue(a: Quote, b: Quote) -> bool:
    return (
        a.cue_mention is not None
        and b.cue_mention is not None
        and a.cue_mention.start == b.cue_mention.start
    )


def as_attributions(quotes: Sequence[Quote]) -> tuple[list[Quote], list[str]]:
    """Our quotes as PolNeAR attributions, with the PolNeAR kind of each.

    A quotation (direct or partial) is also reported on its own; when it lies inside
    reported speech from the same cue it is part of that attribution, not one more, and
    the attribution holding it is `mixed`.
    """
    inner = {
        i
        for i, quote in enumerate(quotes)
        for other in quotes
        if quote.kind != "indirect"
        and other.kind == "indirect"
        and other is not quote
        and _same_cue(quote, other)
        and other.start <= quote.start
        and quote.end <= other.end
    }
    kept = [quote for i, quote in enumerate(quotes) if i not in inner]
    kinds = []
    for quote in kept:
        holds_partial = any(_same_cue(quote, quotes[i]) for i in inner)
        kinds.append("mixed" if holds_partial else GOLD_KIND_OF[quote.kind])
    return kept, kinds


def has_no_speaker(quote: Quote) -> bool:
    return quote.speaker is None and quote.speaker_mention is None


class QuoteTally:
    """Counts summed over articles; `report()` turns them into a QuoteReport."""

    def __init__(self, thresholds: Sequence[float] = THRESHOLDS) -> None:
        self.thresholds = tuple(thresholds)
        self.articles = 0
        self.predicted = 0
        self.gold = 0
        self.without_speaker = 0
        self.matched = dict.fromkeys(self.thresholds, 0)
        self.kinds_agree = dict.fromkeys(self.thresholds, 0)
        self.gold_by_kind = dict.fromkeys(GOLD_KINDS, 0)
        self.predicted_by_kind = dict.fromkeys(GOLD_KINDS, 0)
        self.gold_found = {t: dict.fromkeys(GOLD_KINDS, 0) for t in self.thresholds}
        self.predicted_correct = {t: dict.fromkeys(GOLD_KINDS, 0) for t in self.thresholds}
        self.speakers_right = 0
        self.speakers_judged = 0

    def add(self, text: str, gold: Sequence[GoldQuote], quotes: Sequence[Quote]) -> None:
        """Score one article's predicted quotes against its gold attributions."""
        predicted, kinds = as_attributions(quotes)
        self.articles += 1
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.without_speaker += sum(has_no_speaker(quote) for quote in predicted)
        for quote in gold:
            self.gold_by_kind[quote.quote_type] += 1
        for kind in kinds:
            self.predicted_by_kind[kind] += 1
        for threshold in self.thresholds:
            matches = match_quotes(gold, predicted, threshold)
            self.matched[threshold] += len(matches)
            for match in matches:
                gold_kind = gold[match.gold].quote_type
                predicted_kind = kinds[match.predicted]
                self.gold_found[threshold][gold_kind] += 1
                self.predicted_correct[threshold][predicted_kind] += 1
                self.kinds_agree[threshold] += gold_kind == predicted_kind
        for match in match_quotes(gold, predicted, SPEAKER_THRESHOLD):
            right = speaker_is_right(gold[match.gold], predicted[match.predicted], text)
            if right is not None:
                self.speakers_judged += 1
                self.speakers_right += right

    def report(self) -> QuoteReport:
        thresholds = []
        for t in self.thresholds:
            by_kind = {
                kind: KindScore(
                    predicted=self.predicted_by_kind[kind],
                    predicted_correct=self.predicted_correct[t][kind],
                    gold=self.gold_by_kind[kind],
                    gold_found=self.gold_found[t][kind],
                )
                for kind in GOLD_KINDS
            }
            overall = Score(self.predicted, self.matched[t], self.gold, self.matched[t])
            agreement = Share(self.kinds_agree[t], self.matched[t])
            thresholds.append(QuoteThresholdScores(t, overall, by_kind, agreement))
        return QuoteReport(
            articles=self.articles,
            thresholds=thresholds,
            speaker_threshold=SPEAKER_THRESHOLD,
            speaker_accuracy=Share(self.speakers_right, self.speakers_judged),
            without_speaker=Share(self.without_speaker, self.predicted),
        )
