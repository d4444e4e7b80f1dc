"""The quote metric on hand-made pairs: coverage of the gold span, greedy matching, speakers."""

from __future__ import annotations

import pytest

from app.evaluate.quotes import QuoteTally, match_quotes, speaker_is_right
from tests.evaluate.make import gold_quote, predicted_quote


def pairs(matches) -> list[tuple[int, int]]:
    return [(m.gold, m.predicted) for m in matches]


def test_coverage_is_measured_on_the_gold_span() -> None:
    gold = [gold_quote(0, 100)]
    a_third = [predicted_quote(60, 100)]  # 40 of the gold's 100 characters
    assert pairs(match_quotes(gold, a_third, 0.3)) == [(0, 0)]
    assert match_quotes(gold, a_third, 0.8) == []
    much_longer = [predicted_quote(0, 400)]  # covers all of the gold: length does not matter
    assert pairs(match_quotes(gold, much_longer, 0.8)) == [(0, 0)]


def test_threshold_is_inclusive() -> None:
    match = match_quotes([gold_quote(0, 10)], [predicted_quote(7, 10)], 0.3)
    assert [m.coverage for m in match] == [pytest.approx(0.3)]


def test_one_prediction_matches_one_gold_only() -> None:
    gold = [gold_quote(0, 50), gold_quote(60, 100)]
    one_long_quote = [predicted_quote(0, 100)]
    assert pairs(match_quotes(gold, one_long_quote, 0.3)) == [(0, 0)]


def test_greedy_takes_the_best_pair_first_even_when_that_leaves_a_gold_unmatched() -> None:
    gold = [gold_quote(0, 100), gold_quote(100, 150)]
    predicted = [
        predicted_quote(0, 120),  # covers gold 0 fully and 40% of gold 1
        predicted_quote(50, 100),  # covers half of gold 0
    ]
    # A maximum matching would pair (0, 1) and (1, 0); greedy takes (0, 0) at 1.0 first.
    assert pairs(match_quotes(gold, predicted, 0.3)) == [(0, 0)]


def test_segments_leave_out_the_words_between_them() -> None:
    # “Part one,” she said, “part two.”: content 0-10 and 20-30, speaker and cue between.
    gold = [gold_quote(0, 30, segments=[(0, 10), (20, 30)])]
    just_the_gap = [predicted_quote(10, 20)]
    assert match_quotes(gold, just_the_gap, 0.3) == []
    outer_bounds = [predicted_quote(0, 30)]
    assert match_quotes(gold, outer_bounds, 0.8)[0].coverage == 1.0
    second_part_only = [predicted_quote(20, 30, segments=[(20, 30)])]
    assert match_quotes(gold, second_part_only, 0.3)[0].coverage == 0.5
    assert match_quotes(gold, second_part_only, 0.8) == []


def test_predicted_segments_count_only_their_own_characters() -> None:
    gold = [gold_quote(0, 30)]
    split = [predicted_quote(0, 30, segments=[(0, 4), (26, 30)])]
    assert match_quotes(gold, split, 0.2)[0].coverage == pytest.approx(8 / 30)
    assert match_quotes(gold, split, 0.3) == []  # the outer bounds would have covered it all


TEXT = (
    "Mayor Ines Varga opened the bridge on Monday. Later that day she said the repairs "
    "were finished."
)
SHE = TEXT.index("she said")


def test_speaker_right_when_the_mention_overlaps_the_gold_speaker() -> None:
    gold = gold_quote(70, 95, speaker=(SHE, SHE + 3, "she"))
    predicted = predicted_quote(70, 95, mention=(SHE, SHE + 3, "she"))
    assert speaker_is_right(gold, predicted, TEXT) is True


def test_speaker_right_when_a_name_word_is_shared_ignoring_case() -> None:
    gold = gold_quote(70, 95, speaker=(0, 16, "Mayor Ines Varga"))
    assert speaker_is_right(gold, predicted_quote(70, 95, speaker="VARGA"), TEXT) is True
    assert speaker_is_right(gold, predicted_quote(70, 95, speaker="Tomas Reyes"), TEXT) is False


def test_articles_and_pronouns_are_not_shared_words() -> None:
    gold = gold_quote(70, 95, speaker=(0, 16, "the city council"))
    assert speaker_is_right(gold, predicted_quote(70, 95, speaker="the ministry"), TEXT) is False
    gold_he = gold_quote(70, 95, speaker=(0, 2, "he"))
    elsewhere = predicted_quote(70, 95, mention=(50, 52, "he"))
    assert speaker_is_right(gold_he, elsewhere, "x" * 100) is False


def test_pronoun_speaker_right_when_the_name_stands_in_the_300_characters_before() -> None:
    gold = gold_quote(70, 95, speaker=(SHE, SHE + 3, "she"))
    resolved = predicted_quote(70, 95, speaker="Ines Varga", mention=(0, 16, "Mayor Ines Varga"))
    assert speaker_is_right(gold, resolved, TEXT) is True
    someone_else = predicted_quote(70, 95, speaker="Karin Holm")
    assert speaker_is_right(gold, someone_else, TEXT) is False


def test_pronoun_rule_looks_only_300_characters_back_and_never_ahead() -> None:
    far = "Ines Varga spoke. " + "x" * 300 + " she said it. Varga left."
    she = far.index("she said")
    gold = gold_quote(she + 9, she + 11, speaker=(she, she + 3, "she"))
    assert (
        speaker_is_right(gold, predicted_quote(she + 9, she + 11, speaker="Ines Varga"), far)
        is False
    )


def test_pronoun_rule_does_not_apply_to_nouns() -> None:
    text = "Ines Varga spoke. The mayor said it."
    mayor = text.index("The mayor")
    gold = gold_quote(30, 32, speaker=(mayor, mayor + 9, "The mayor"))
    assert speaker_is_right(gold, predicted_quote(30, 32, speaker="Ines Varga"), text) is False


def test_gold_without_speaker_is_left_out_of_speaker_accuracy() -> None:
    tally = QuoteTally()
    gold = [gold_quote(0, 10), gold_quote(20, 30, speaker=(40, 45, "Varga"))]
    tally.add("x" * 50, gold, [predicted_quote(0, 10), predicted_quote(20, 30, speaker="Varga")])
    report = tally.report()
    assert (report.speaker_accuracy.count, report.speaker_accuracy.total) == (1, 1)
    assert report.without_speaker.count == 1  # the first prediction has neither speaker nor mention


def test_tally_reports_both_thresholds_and_kinds() -> None:
    tally = QuoteTally()
    gold = [
        gold_quote(0, 100, kind="direct"),
        gold_quote(200, 300, kind="mixed"),
        gold_quote(400, 500, kind="indirect"),
    ]
    predicted = [
        predicted_quote(0, 100, kind="direct"),
        predicted_quote(200, 250, kind="indirect"),  # half of the mixed one
        predicted_quote(600, 700, kind="partial"),  # nothing in gold
    ]
    tally.add("x" * 800, gold, predicted)
    low, high = tally.report().thresholds
    assert (low.threshold, low.overall.predicted_correct, low.overall.gold_found) == (0.3, 2, 2)
    assert low.overall.precision == low.overall.recall == pytest.approx(2 / 3)
    assert high.overall.gold_found == 1
    assert low.by_kind["mixed"].recall == 1.0  # found, by an indirect quote
    assert low.by_kind["mixed"].precision == 0.0  # our one partial quote matched nothing
    assert low.by_kind["indirect"].recall == 0.0
    assert low.by_kind["indirect"].precision == 1.0
    assert low.by_kind["mixed"].f1 is None  # the two sides count different quotes
    assert (low.kind_agreement.count, low.kind_agreement.total) == (1, 2)


def test_no_gold_and_no_prediction_gives_no_ratio_rather_than_zero() -> None:
    tally = QuoteTally()
    tally.add("", [], [])
    overall = tally.report().thresholds[0].overall
    assert (overall.precision, overall.recall, overall.f1) == (None, None, None)
