import pytest

from app.extract.dates import normalise_date, parse_duration
from app.extract.figures import number_phrases
from app.extract.numbers import parse_number
from app.partial_date import PartialDate


@pytest.mark.parametrize(
    ("text", "value"),
    [("4,500", 4500), ("1.5 million", 1_500_000), ("twenty-five", 25), ("three", 3), ("$3bn", 3e9)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "anchor", "direction", "expected"),
    [
        ("mid-January", "2020-12", None, ("2021-01", "month", "MID")),
        ("January 5", "2020-12", None, ("2021-01-05", "day", None)),
        ("May 2021", "2020-12", None, ("2021-05", "month", None)),
        ("in June", "2022-12", "past", ("2022-06", "month", None)),
        ("in June", "2022-12", "future", ("2023-06", "month", None)),
        ("early next year", "2019-05-02", None, ("2020", "year", "START")),
        ("by the end of the year", "2019-05", None, ("2019", "year", "END")),
        ("last month", "2021-01", None, ("2020-12", "month", None)),
        ("3 March 2018", None, None, ("2018-03-03", "day", None)),
        ("earlier this year", "2022-06-30", None, ("2022", "year", None)),
        ("later in June", "2022-05-01", "future", ("2022-06", "month", None)),
        ("last summer", "2024-03-05", None, ("2023", "year", None)),
        ("this summer", "2024-03-05", None, ("2024", "year", None)),
        ("this summer", "2020-06-09", "past", ("2020", "year", None)),
        ("this July", "2020-01-05", "past", ("2020-07", "month", None)),
        ("last summer", "2019-08-27", "future", ("2018", "year", None)),
        ("last summer", "2019-09-27", None, ("2019", "year", None)),
        ("next summer", "2019-06-02", None, ("2020", "year", None)),
        ("a week ago", "2026-10-20", None, ("2026-10-13", "day", None)),
        ("three days ago", "2026-10-02", None, ("2026-09-29", "day", None)),
        ("by spring", "2018-11-14", "future", ("2019", "year", None)),
        ("in the autumn", "2020-02-01", "past", ("2019", "year", None)),
        ("early winter 2019", "2024-01", None, ("2019", "year", "START")),
        ("by Christmas", "2020-10-07", "future", ("2020-12-25", "day", None)),
        ("in the new year", "2021-11-10", None, ("2022", "year", None)),
        ("the new year", "2022-01-05", None, ("2022", "year", None)),
        ("by the end of the decade", "2023-06-13", "future", ("2029", "year", "END")),
        ("by year-end", "2024-01-02", "past", ("2023", "year", "END")),
        ("by the end of the year", "2024-01-02", "future", ("2024", "year", "END")),
        ("the end of this decade", "2030-02-01", None, ("2039", "year", "END")),
    ],
)
def test_normalise_date(text, anchor, direction, expected):
    anchor_date = PartialDate.parse(anchor) if anchor else None
    result = normalise_date(text, anchor_date, direction)
    assert (result.value, result.precision, result.mod) == expected


def test_unplaceable_dates_give_none():
    assert normalise_date("Tuesday", PartialDate.parse("2020-12")) is None
    assert normalise_date("February 30", PartialDate.parse("2020-12")) is None
    assert normalise_date("early this decade", PartialDate.parse("2024-05")) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [("20-day", "P20D"), ("three-week", "P3W"), ("two years", "P2Y"), ("a decade", "P10Y")],
)
def test_durations(text, iso):
    assert parse_duration(text)[2] == iso


def test_figures_know_what_they_count(extract):
    facts = extract(
        "The number of Danish troops in Mali has fallen to 350. Rescuers saved 12 miners "
        "after a 36-hour search, and the fund raised 45 percent more."
    )
    by_text = {f.text: f for f in facts.figures}
    assert by_text["350"].object == "Danish troops"
    assert by_text["12"].object == "miners"
    assert by_text["36-hour"].duration == "P36H"
    assert any(f.unit == "percent" and f.value == 45 for f in facts.figures)


def test_dates_are_normalised_against_publication(extract):
    facts = extract("Talks resumed on March 3 and will end in mid-April.", published="2024-03-20")
    values = {d.text: (d.value, d.mod) for d in facts.dates}
    assert values["March 3"] == ("2024-03-03", None)
    assert values["mid-April"] == ("2024-04", "MID")


@pytest.mark.parametrize(
    ("text", "anchor", "direction", "expected"),
    [
        ("five years ago", "2023-06", None, ("2018", "year", None)),
        ("two decades ago", "2023-06", None, ("2003", "year", None)),
        ("within a decade", "2022-11-29", "future", ("2032", "year", None)),
        ("two months ago", "2021-03-10", None, ("2021-01", "month", None)),
        ("at the start of the year", "2022-11", None, ("2022", "year", "START")),
        ("by year's end", "2026-02-10", None, ("2026", "year", "END")),
        ("last December", "2018-07-09", None, ("2017-12", "month", None)),
        ("next March", "2018-07-09", None, ("2019-03", "month", None)),
        ("last July", "2022-07-26", None, ("2021-07", "month", None)),  # not this July
        ("next July", "2022-07-01", None, ("2023-07", "month", None)),
        ("in July", "2022-07-26", "past", ("2022-07", "month", None)),
    ],
)
def test_relative_dates(text, anchor, direction, expected):
    result = normalise_date(text, PartialDate.parse(anchor), direction)
    assert (result.value, result.precision, result.mod) == expected


@pytest.mark.parametrize(
    ("text", "value"), [("a dozen", 12), ("two dozen", 24), ("forty-five", 45)]
)
def test_parse_number_words(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("300 000", 300_000),
        ("1 500", 1_500),
        ("1.5k", 1_500),
        ("half a million", 500_000),
        ("a quarter of a million", 250_000),
        ("two and a half thousand", 2_500),
        ("Two-and-a-half thousand", 2_500),
        ("one and a half million", 1_500_000),
        ("three hundred and fifty", 350),
    ],
)
def test_parse_number_in_other_hands(text, value):
    """Spaces between thousands, a scale glued on, fractions of a scale."""
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("Nearly a quarter of a million soldiers were there.", "a quarter of a million", 250_000),
        ("The army keeps roughly 1.5k troops there.", "1.5k", 1_500),
        ("Two-and-a-half thousand marines will come.", "Two-and-a-half thousand", 2_500),
        ("It will call up 300 000 reservists.", "300 000", 300_000),
    ],
)
def test_a_number_the_model_cuts_short_is_read_whole(extractor, sentence, phrase, value):
    """The model's entity holds 'million' without 'a quarter of a', 'Two' without the
    rest, or no entity finds '1.5k': the phrase is the whole number anyway."""
    found = [(p.span.text, p.value) for p in number_phrases(extractor.nlp(sentence))]
    assert (phrase, value) in found


def test_both_ends_of_a_range_are_figures(extract):
    facts = extract(
        "Between 8,000 and 9,000 troops took part. The force fell from 5,200 to 3,000 in May."
    )
    values = [f.value for f in facts.figures if f.unit == "count"]
    assert values == [8000, 9000, 5200, 3000]


def test_number_roles(extractor):
    doc = extractor.nlp(
        "Between 8,000 and 9,000 troops took part, down from 12,000 last year. The force fell "
        "from 5,200 to 3,000 in May. Estimates range from 400 to 600. Three to four hundred "
        "came."
    )
    roles = [(p.value, p.role, p.qualifier) for p in number_phrases(doc)]
    assert roles == [
        (8000, "low", "at_least"),
        (9000, "high", "exact"),
        (12000, "from", "exact"),
        (5200, "from", "exact"),
        (3000, "to", "exact"),
        (400, "low", "at_least"),
        (600, "high", "exact"),
        (300, "low", "at_least"),
        (400, "high", "exact"),
    ]


def test_a_count_swept_into_a_date_is_still_a_count(extract):
    facts = extract("The army counts 15,000 soldiers, up from 11,000 five years ago.", "2023-06")
    assert [d.text for d in facts.dates] == ["five years ago"]
    assert 11000 in [f.value for f in facts.figures]


def test_a_hundred_is_a_number(extract):
    facts = extract("Fewer than a hundred guards and an estimated 40 clerks work there.")
    phrases = [(f.text, f.value) for f in facts.figures]
    assert ("a hundred", 100) in phrases


@pytest.mark.parametrize(
    ("sentence", "phrase", "value", "qualifier"),
    [
        ("The 300-odd soldiers stayed.", "300", 300, "approx"),
        ("It kept the thousand-odd sailors at sea.", "thousand", 1_000, "approx"),
        ("He has 200 soldiers, odd as it seems.", "200", 200, "exact"),
        ("Portugal will withdraw its 210 troops.", "210", 210, "exact"),
        ("Estonia (UK, ~900).", "~900", 900, "approx"),
        ("Poland (US, c. 10,000 troops).", "10,000", 10_000, "approx"),
        ("Romania (France, approx. 800).", "800", 800, "approx"),
    ],
)
def test_odd_counts_and_numbers_the_model_labels_as_something_else(
    extractor, sentence, phrase, value, qualifier
):
    """'-odd' makes a count approximate and stands for 'a' before a bare scale; a bare
    number the model tags as a product is still a number; tables write 'c.', 'approx.' and
    '~' for about."""
    found = [(p.span.text, p.value, p.qualifier) for p in number_phrases(extractor.nlp(sentence))]
    assert (phrase, value, qualifier) in found


def test_a_day_the_model_leaves_out_of_a_date_is_in_it(extract):
    facts = extract("As of 1 November 2019, there were 75 engineers on the base.", "2019-12-03")
    assert [(d.text, d.value) for d in facts.dates] == [("1 November 2019", "2019-11-01")]


def test_numbers_the_model_calls_a_date_are_numbers(extract):
    facts = extract(
        "Between two and three thousand soldiers arrived. She was 31 on 4 May.", "2024-05-10"
    )
    assert [f.value for f in facts.figures if f.unit == "count"][:2] == [2000, 3000]
    assert "Between two and three thousand" not in [d.text for d in facts.dates]


def test_a_year_like_number_counting_a_plural_is_a_count_not_a_date(extract):
    pledged = extract("Benin has pledged 2000 soldiers to the mission.", published="2024-06")
    assert [d.text for d in pledged.dates] == []
    assert [(lv.count, str(lv.date)) for lv in pledged.troop_levels] == [(2000, "2024-06")]
    elections = extract("Republicans lost the 2016 elections and won in 2020.", published="2024-06")
    assert [d.text for d in elections.dates] == ["2016", "2020"]


def test_four_digit_counts_beside_a_date_or_strong_are_counts(extract):
    facts = extract(
        "The British battlegroup, which numbered about 1700 earlier this year, will grow. "
        "France's force, 4500 strong, stays until 2030.",
        published="2022-06-30",
    )
    assert [d.text for d in facts.dates] == ["earlier this year", "2030"]
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels][:2] == [
        (1700, "2022"),
        (4500, "2022-06-30"),
    ]
