"""bench/robustness.py: the variants change the words and the gold together."""

from __future__ import annotations

from bench.robustness import (
    attribute,
    drop_commas,
    main,
    scale_numbers,
    swap_names,
    swap_nouns,
    swap_qualifiers,
)


def article(text: str, *levels: tuple[int, str, str | None]) -> dict:
    return {
        "id": "t-1",
        "text": text,
        "published": "2023-05-02",
        "troop_levels": [
            {
                "count": count,
                "status": "reported",
                "date": "2023-05-02",
                "date_mod": None,
                "qualifier": "exact",
                "force": force,
                "location": location,
            }
            for count, force, location in levels
        ],
    }


def test_countries_swap_both_ways_in_the_text_and_the_gold() -> None:
    swapped = swap_names(
        article("French troops in Iraq joined 300 Italian soldiers.", (300, "Italy", "Iraq"))
    )
    assert swapped is not None
    assert swapped["text"] == "Italian troops in Syria joined 300 French soldiers."
    assert [(lv["force"], lv["location"]) for lv in swapped["troop_levels"]] == [
        ("France", "Syria")
    ]


def test_counts_double_but_years_days_and_ordinals_stay() -> None:
    doubled = scale_numbers(
        article(
            "On 14 May 2021 the 82nd Airborne had 1,100 soldiers and 600 reservists in 2019.",
            (1100, "US", None),
            (600, "US", None),
        ),
        2,
    )
    assert doubled is not None
    assert doubled["text"] == (
        "On 14 May 2021 the 82nd Airborne had 2,200 soldiers and 1,200 reservists in 2019."
    )
    assert [lv["count"] for lv in doubled["troop_levels"]] == [2200, 1200]


def test_an_article_with_a_count_in_words_has_no_scaled_variant() -> None:
    words = article("Some two thousand troops remain.", (2000, None, None))
    assert scale_numbers(words, 3) is None


def test_troops_and_soldiers_swap_but_troop_levels_stay() -> None:
    swapped = swap_nouns(article("Troops and soldiers: troop levels rose.", (300, None, None)))
    assert swapped is not None
    assert swapped["text"] == "Soldiers and troops: troop levels rose."


def test_qualifiers_swap_for_synonyms_before_a_count_only() -> None:
    text = "About 300 stayed, more than 20 left, no fewer than 40 came; talk about it."
    swapped = swap_qualifiers(article(text, (300, None, None)))
    assert swapped is not None
    assert swapped["text"] == (
        "Roughly 300 stayed, over 20 left, no fewer than 40 came; talk about it."
    )


def test_the_first_sentence_is_attributed_unless_it_already_is() -> None:
    plain = attribute(article("Italy keeps 300 troops there. They stay.", (300, None, None)))
    said = attribute(article("Italy keeps 300 troops there, Rome said. Fine.", (300, None, None)))
    assert plain is not None and said is not None
    assert plain["text"] == "Italy keeps 300 troops there, officials said. They stay."
    assert said["text"] == "Italy keeps 300 troops there, Rome said. Fine."


def test_four_digit_counts_lose_their_comma_and_nothing_else_does() -> None:
    text = "Some 1,100 soldiers, 25,000 reservists and 3.5 tanks."
    dropped = drop_commas(article(text, (1100, None, None)))
    assert dropped is not None
    assert dropped["text"] == "Some 1100 soldiers, 25,000 reservists and 3.5 tanks."


def test_a_file_without_troop_levels_is_refused_with_its_line(tmp_path, capsys) -> None:
    gold = tmp_path / "quotes.jsonl"
    gold.write_text('{"id": "q-1", "text": "She said so."}\n', encoding="utf-8")
    assert main([str(gold)]) == 2
    assert f"{gold}:1: not a troop-level gold article" in capsys.readouterr().err
