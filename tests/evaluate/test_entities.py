"""The entity metric: recall over named gold, precision over any gold mention of the type."""

from __future__ import annotations

from app.evaluate.entities import EntityTally, score_kind
from app.extract.schema import ArticleFacts, Entity, Mention
from tests.evaluate.make import gold_entity


def test_precision_counts_unnamed_gold_and_strict_precision_does_not() -> None:
    gold = [
        gold_entity(0, 10, "person", named=True),
        gold_entity(20, 30, "person", named=False),  # a real name GUM did not link
    ]
    score = score_kind(gold, [(0, 10), (20, 30), (40, 50)], "person")
    assert (score.predicted, score.predicted_correct, score.predicted_correct_strict) == (3, 2, 1)
    assert (score.gold, score.gold_found) == (1, 1)  # recall is over named mentions only


def test_any_overlap_counts_but_the_type_must_agree() -> None:
    gold = [gold_entity(0, 20, "place"), gold_entity(30, 40, "organization")]
    score = score_kind(gold, [(15, 25), (30, 40)], "place")
    assert (score.predicted_correct, score.gold_found) == (1, 1)


def test_one_prediction_can_cover_two_gold_mentions() -> None:
    gold = [gold_entity(0, 5, "person"), gold_entity(6, 12, "person")]
    score = score_kind(gold, [(0, 12)], "person")
    assert (score.precision, score.recall) == (1.0, 1.0)


def test_tally_maps_our_kinds_to_gum_types_and_adds_a_micro_average() -> None:
    facts = ArticleFacts(
        id="a",
        people=[Entity(name="Ines Varga", mentions=[Mention(start=0, end=10, text="Ines Varga")])],
        places=[Entity(name="Ghent", mentions=[Mention(start=20, end=25, text="Ghent")])],
    )
    tally = EntityTally()
    tally.add([gold_entity(0, 10, "person"), gold_entity(40, 45, "place")], facts)
    report = tally.report()
    assert report.by_type["people"].recall == 1.0
    assert (report.by_type["places"].precision, report.by_type["places"].recall) == (0.0, 0.0)
    assert report.by_type["organisations"].precision is None
    assert (report.by_type["all"].predicted, report.by_type["all"].gold) == (2, 2)
