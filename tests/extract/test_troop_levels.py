def levels(facts):
    return [
        (lv.force, lv.location, lv.count, lv.qualifier, lv.status, lv.date, lv.date_mod)
        for lv in facts.troop_levels
    ]


def test_reported_level_is_dated_by_publication(extract):
    facts = extract(
        "Canada has some 800 soldiers in Latvia, officials said.", published="2022-06-15"
    )
    assert levels(facts) == [("Canada", "Latvia", 800, "approx", "reported", "2022-06-15", None)]


def test_planned_cut_with_a_date_and_a_condition(extract):
    facts = extract(
        "The number of French troops in Mali has fallen to 5,100. Paris has ordered commanders "
        "to cut the French military presence to 2,000 by early next year. The drawdown will be "
        "conditions-based, the ministry said.",
        published="2021-07",
    )
    assert levels(facts) == [
        ("France", "Mali", 5100, "exact", "reported", "2021-07", None),
        ("France", "Mali", 2000, "exact", "planned", "2022", "START"),
    ]
    assert facts.troop_levels[1].condition == "conditions-based"
    assert facts.troop_levels[0].condition is None


def test_all_remaining_troops_leaving_is_a_planned_zero(extract):
    facts = extract(
        "About 900 German soldiers are in Lithuania. All the remaining German troops are expected "
        "to leave the country by August 2024.",
        published="2024-03",
    )
    assert levels(facts)[-1] == ("Germany", "Lithuania", 0, "exact", "planned", "2024-08", None)


def test_qualifiers(extract):
    facts = extract(
        "More than 3,000 British troops are in Estonia. Fewer than 400 Dutch soldiers remain in "
        "Lithuania. Up to 1,500 Polish troops will be deployed to Romania.",
        published="2023-05",
    )
    assert [lv.qualifier for lv in facts.troop_levels] == ["at_least", "at_most", "at_most"]
    assert [lv.status for lv in facts.troop_levels] == ["reported", "reported", "planned"]


def test_figure_without_troops_is_not_a_level(extract):
    facts = extract("The company hired 4,000 workers in Ohio last year.", published="2023-05")
    assert facts.troop_levels == []
