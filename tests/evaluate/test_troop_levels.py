"""The troop level metric: count, status and date must all agree, one gold level per prediction."""

from __future__ import annotations

from app.evaluate.troop_levels import TroopLevelTally
from tests.evaluate.make import gold_troop_level, predicted_troop_level


def test_a_prediction_is_right_only_when_count_status_and_date_agree() -> None:
    tally = TroopLevelTally()
    gold = [
        gold_troop_level(200, "planned", "2023-07"),
        gold_troop_level(350, "planned", "2023"),
        gold_troop_level(900, "reported", "2023-06-15"),
    ]
    predicted = [
        predicted_troop_level(200, "planned", "2023-07"),
        predicted_troop_level(350, "reported", "2023"),  # wrong status
        predicted_troop_level(900, "reported", "2023-06"),  # wrong date
    ]
    tally.add(gold, predicted)
    score = tally.report().score
    assert (score.predicted_correct, score.predicted, score.gold) == (1, 3, 3)


def test_matching_is_one_to_one() -> None:
    tally = TroopLevelTally()
    gold = [gold_troop_level(200, "reported", "2023")]
    twice = [predicted_troop_level(200, "reported", "2023")] * 2
    tally.add(gold, twice)
    score = tally.report().score
    assert (score.precision, score.recall) == (0.5, 1.0)


def test_fields_are_scored_on_count_matches_and_only_where_gold_states_them() -> None:
    tally = TroopLevelTally()
    gold = [
        gold_troop_level(200, "planned", "2023-07", force="norway", date_mod=None),
        gold_troop_level(350, "planned", "2023", location="Lithuania"),
        gold_troop_level(999, "planned", "2023", force="Norway"),  # nothing predicted with 999
    ]
    predicted = [
        predicted_troop_level(200, "planned", "2019", force="Norway"),  # date wrong, force right
        predicted_troop_level(350, "planned", "2023", location="Latvia", date_mod="END"),
    ]
    tally.add(gold, predicted)
    fields = tally.report().fields
    assert (fields["force"].count, fields["force"].total) == (1, 1)  # case does not matter
    assert (fields["date_mod"].count, fields["date_mod"].total) == (1, 1)  # stated null == None
    assert (fields["location"].count, fields["location"].total) == (0, 1)
    assert fields["qualifier"].total == 0


def test_count_matching_prefers_the_prediction_that_also_agrees_on_status_and_date() -> None:
    tally = TroopLevelTally()
    gold = [gold_troop_level(200, "planned", "2023-07", force="Norway")]
    predicted = [
        predicted_troop_level(200, "reported", "2023-06", force="Sweden"),
        predicted_troop_level(200, "planned", "2023-07", force="Norway"),
    ]
    tally.add(gold, predicted)
    assert tally.report().fields["force"].count == 1
