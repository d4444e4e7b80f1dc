import json
from collections import Counter
from pathlib import Path

from app.extract.pipeline import Extractor
from app.partial_date import PartialDate


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
        "Lithuania. Up to 1,500 Polish troops will be deployed to Romania. North of 2,000 US "
        "troops are in Greece. Italy keeps just shy of 900 soldiers in Libya.",
        published="2023-05",
    )
    assert [lv.qualifier for lv in facts.troop_levels] == [
        "at_least",
        "at_most",
        "at_most",
        "at_least",
        "at_most",
    ]
    assert [lv.status for lv in facts.troop_levels] == [
        "reported",
        "reported",
        "planned",
        "reported",
        "reported",
    ]


def test_figure_without_troops_is_not_a_level(extract):
    facts = extract("The company hired 4,000 workers in Ohio last year.", published="2023-05")
    assert facts.troop_levels == []


def test_a_range_is_its_low_end_at_least(extract):
    facts = extract("Turkey keeps between 30,000 and 40,000 troops in Cyprus.", published="2019-01")
    assert levels(facts) == [("Turkey", "Cyprus", 30000, "at_least", "reported", "2019-01", None)]


def test_a_change_keeps_its_old_value_only_when_dated(extract):
    facts = extract(
        "The number of Spanish troops in Iraq fell from 500 to 300 in May. Australia's force in "
        "Qatar shrank to 400 personnel last month, down from 1,200 in 2016.",
        published="2017-08-22",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (300, "reported", "2017-05"),
        (400, "reported", "2017-07"),
        (1200, "reported", "2016"),
    ]


def test_changes_casualties_and_other_people_are_not_levels(extract):
    facts = extract(
        "Britain cut 2,000 troops from its army last year. Fighting killed 45 soldiers. Kenya "
        "will deploy 1,000 police officers to Haiti, and Italy will send 200 more soldiers.",
        published="2024-01-15",
    )
    assert facts.troop_levels == []


def test_leaving_troops_are_counted_now_and_zero_later(extract):
    facts = extract(
        "All 2,000 American troops in Syria will leave by the end of January.", published="2018-12"
    )
    assert sorted(levels(facts), key=lambda lv: lv[2]) == [
        ("US", "Syria", 0, "exact", "planned", "2019-01", "END"),
        ("US", "Syria", 2000, "exact", "reported", "2018-12", None),
    ]


def test_spelled_out_counts_and_levels_referred_back_to(extract):
    facts = extract(
        "Forty-five Hungarian soldiers guard the camp in Kosovo. Budapest plans to raise that "
        "number to three hundred by mid-2026.",
        published="2025-03",
    )
    assert levels(facts) == [
        ("Hungary", "Kosovo", 45, "exact", "reported", "2025-03", None),
        ("Hungary", "Kosovo", 300, "exact", "planned", "2026", "MID"),
    ]


def test_a_size_said_on_the_side_is_the_size_now(extract):
    facts = extract(
        "Portugal's garrison in Sao Tome, currently 120 troops, will shrink to 60 by June. "
        "The Irish force in Syria — about 130 soldiers today — could grow to 200 next year. "
        "Spain wants its 900-strong contingent in Senegal trimmed to 700 in May.",
        published="2027-02-10",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (120, "reported", "2027-02-10"),
        (60, "planned", "2027-06"),
        (130, "reported", "2027-02-10"),
        (200, "planned", "2028"),
        (900, "reported", "2027-02-10"),
        (700, "planned", "2027-05"),
    ]


def test_units_counted_are_not_soldiers(extract):
    facts = extract(
        "Austria will send two battalions, about 1,200 soldiers, to Bosnia.", published="2027-02"
    )
    assert [lv.count for lv in facts.troop_levels] == [1200]


def test_an_old_value_behind_a_peak_is_dated_by_it(extract):
    facts = extract(
        "Roughly 800 Dutch soldiers serve in Jordan, down from a high of about 1,900 in 2019.",
        published="2027-02-10",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (800, "reported", "2027-02-10"),
        (1900, "reported", "2019"),
    ]


def test_troops_asked_to_leave_are_still_there(extract):
    facts = extract(
        "Gabon has asked the 350 French soldiers based in Libreville to leave.",
        published="2027-02-10",
    )
    assert levels(facts) == [("France", "Libreville", 350, "exact", "reported", "2027-02-10", None)]


def test_forces_named_by_who_leads_sends_or_speaks(extract):
    facts = extract(
        "The Italian-led force in Kosovo numbered about 3,800 earlier this year. It includes "
        "a company of 150 soldiers, including 40 from Austria. Clashes have cost 12 soldiers "
        "their lives since May, the Chadian army said, and 9,000 troops are now deployed there.",
        published="2027-09-15",
    )
    assert [(lv.force, lv.count, lv.date) for lv in facts.troop_levels] == [
        ("Italy", 3800, "2027"),
        ("Italy", 150, "2027-09-15"),
        ("Austria", 40, "2027-09-15"),
        ("Chad", 9000, "2027-09-15"),
    ]


def test_a_host_with_an_additional_force_holds_a_level(extract):
    facts = extract(
        "Moldova hosts an additional 1,500 Russian soldiers in Transnistria, while Moscow "
        "will send 300 more troops to Armenia.",
        published="2027-02-10",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [("Russia", 1500)]


def test_troops_being_withdrawn_or_counted_aside_are_there_now(extract):
    facts = extract(
        "Belgium has begun withdrawing the roughly 300 Belgian troops in Niger. The remaining "
        "Dutch soldiers in Mali, about 90, should be home by Christmas.",
        published="2027-10-05",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (300, "reported", "2027-10-05"),
        (90, "reported", "2027-10-05"),
        (0, "planned", "2027-12-25"),
    ]


def test_a_target_aimed_for_and_a_count_placed_follow_the_level_before(extract):
    facts = extract(
        "Norway's army had 9,000 soldiers at the end of 2026 and aims for 12,000 by 2032. "
        "NATO has put 30,000 troops on alert; Spain has placed 2,000 on standby.",
        published="2027-10-05",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (9000, "reported", "2026"),
        (12000, "planned", "2032"),
        (30000, "reported", "2027-10-05"),
        (2000, "reported", "2027-10-05"),
    ]


def test_vague_counts_are_not_levels(extract):
    facts = extract(
        "Portugal will keep only a few dozen soldiers in Mozambique. Several hundred Dutch "
        "troops are in Iraq. Portugal will keep as many as 600 soldiers in Lithuania in the "
        "new year.",
        published="2027-10-05",
    )
    assert [(lv.count, lv.date) for lv in facts.troop_levels] == [(600, "2028")]


def test_misparsed_verbs_shared_plans_asides_and_purposes(extract):
    facts = extract(
        "Estonia's armed forces number about 7,000 in peacetime. Latvia is set to buy new "
        "radars and grow its army to 14,000 soldiers. Spain's share of the mission, about 600 "
        "soldiers, will be extended. Chile deployed 300 personnel to help rebuild Haiti in May.",
        published="2027-10-05",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (7000, "reported", "2027-10-05"),
        (14000, "planned", "2027-10-05"),
        (600, "reported", "2027-10-05"),
        (300, "reported", "2027-05"),
    ]


# --- Gold files: tests/gold/README.md says how they are written ---------------------------

GOLD = Path(__file__).resolve().parents[1] / "gold"


def score(extractor: Extractor, path: Path) -> tuple[float, float, float]:
    """Precision, recall and F1 of troop levels: a prediction is right when its count,
    status and date equal a gold level's, each gold level matched at most once per article."""
    right = predicted = expected = 0
    for line in path.read_text("utf-8").splitlines():
        article = json.loads(line)
        facts = extractor.extract(
            article["text"], published=PartialDate.parse(article["published"])
        )
        gold = Counter((g["count"], g["status"], g["date"]) for g in article["troop_levels"])
        found = Counter((lv.count, lv.status, lv.date) for lv in facts.troop_levels)
        right += sum((gold & found).values())
        predicted += sum(found.values())
        expected += sum(gold.values())
    precision = right / predicted if predicted else 0.0
    recall = right / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def test_a_line_headed_by_a_date_dates_its_levels(extract):
    facts = extract(
        "TIMELINE\n1999: NATO has 48,000 troops in the province.\n"
        "March 2008 - Some 14,000 troops remain.\nUPDATE 2 - Italy has 600 soldiers there.",
        published="2015-06-01",
    )
    assert [(lv.count, lv.date) for lv in facts.troop_levels] == [
        (48000, "1999"),
        (14000, "2008-03"),
        (600, "2015-06-01"),
    ]


def test_a_count_answering_how_many_troops_counts_them(extract):
    facts = extract(
        "Q: How many Spanish soldiers are still in Latvia?\nA: Roughly 600, most of them in "
        'Adazi. Asked how many troops Spain has in Lebanon, she said: "About 650."',
        published="2023-09-12",
    )
    assert levels(facts) == [
        ("Spain", "Latvia", 600, "approx", "reported", "2023-09-12", None),
        ("Spain", "Lebanon", 650, "approx", "reported", "2023-09-12", None),
    ]
    assert extract("How many workers are there? About 600.", published="2023").troop_levels == []


def test_limits_figures_referred_to_and_shortfalls(extract):
    facts = extract(
        "Under the deal, the number of Australian troops at the base may rise to a maximum of "
        "2,500 from next year. Nearly 1,800 Australian Defence Force members are there now, a "
        "figure Canberra says could rise to 2,000. The navy has a shortfall of 3,000 members.",
        published="2023-02-10",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (2500, "planned", "2024"),
        (1800, "reported", "2023-02-10"),
        (2000, "planned", "2023-02-10"),
    ]


def test_sizes_now_said_at_present_or_before_a_part_of_them_moves(extract):
    facts = extract(
        "Latvia will raise its army's strength to 14,000 by 2026, from about 9,000 at present. "
        "Of the 400 Latvian soldiers deployed in Iraq, half are due to rotate out in May.",
        published="2024-01-15",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (14000, "planned", "2026"),
        (9000, "reported", "2024-01-15"),
        (400, "reported", "2024-01-15"),
    ]


def test_forces_of_a_multinational_unit_and_of_a_speaker_after_a_time(extract):
    facts = extract(
        "16:30 GMT: The Czech defence ministry says its contingent in Slovakia has grown to "
        "700 soldiers. "
        "The multinational battlegroup in Hungary has 800 troops.",
        published="2022-05-01",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("Czech Republic", 700),
        ("foreign", 800),
    ]


def test_headlines_state_plans_and_dates_without_a_verb(extract):
    facts = extract(
        "Norway to send 200 troops to Lithuania\nOslo will deploy the soldiers soon.\n\n"
        "Poland's new division: 18,000 troops by 2026\nWarsaw confirmed the plan.",
        published="2023-02-01",
    )
    assert [(lv.force, lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        ("Norway", 200, "planned", "2023-02-01"),
        ("Poland", 18000, "planned", "2026"),
    ]


def test_a_part_leaving_and_a_change_by_an_amount_are_not_levels(extract):
    facts = extract(
        "Italy will bring home 50 of its 300 soldiers in Niger by June. Rome is expected to "
        "cut its force of 1,200 soldiers in Iraq by about 400 next year.",
        published="2024-03-05",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (300, "reported", "2024-03-05"),
        (1200, "reported", "2024-03-05"),
    ]


def test_troops_due_back_leave(extract):
    facts = extract("All 300 Dutch soldiers in Mali are due back in May.", published="2020-04-07")
    assert sorted((lv.count, lv.status, lv.date) for lv in facts.troop_levels) == [
        (0, "planned", "2020-05"),
        (300, "reported", "2020-04-07"),
    ]


def test_leaving_some_behind_going_somewhere_and_being_recalled(extract):
    facts = extract(
        "Canada would withdraw 300 soldiers from Latvia, leaving about 700 in the country. "
        "Some 250 Dutch soldiers would go to Lithuania next year. All 90 Irish troops in Chad "
        "will be recalled by March.",
        published="2024-10-01",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (700, "planned", "2024-10-01"),
        (250, "planned", "2025"),
        (0, "planned", "2025-03"),
        (90, "reported", "2024-10-01"),
    ]


def test_counts_said_after_there_were_or_beside_a_place(extract):
    facts = extract(
        "Today there are 1,200 Spanish troops in Turkey. Five years ago there were 900. "
        "Austria's troops in Bosnia, currently 180, will be joined by 50 more in May. "
        "The army recruited 3,000 soldiers last year.",
        published="2024-02-01",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (1200, "reported", "2024-02-01"),
        (900, "reported", "2019"),
        (180, "reported", "2024-02-01"),
    ]


def test_lists_that_leave_out_the_verb_and_the_noun(extract):
    facts = extract(
        "Belgium has 300 troops in Romania, Portugal about 220 and Luxembourg 30. "
        "Italy leads in Bulgaria with 750 soldiers, Greece in Cyprus with 1,000. "
        "France sent 300 soldiers to Estonia, Britain 40 tanks.",
        published="2024-05-14",
    )
    assert [(lv.force, lv.location, lv.count) for lv in facts.troop_levels] == [
        ("Belgium", "Romania", 300),
        ("Portugal", "Romania", 220),
        ("Luxembourg", "Romania", 30),
        ("Italy", "Bulgaria", 750),
        ("Greece", "Cyprus", 1000),
        ("France", "Estonia", 300),
    ]


def test_what_a_count_was_is_dated_by_its_own_clause(extract):
    facts = extract(
        "Compared with the 1,800 soldiers it sent to Kosovo in 1999, Norway's force is small. "
        "By 2030, Romania wants an army of 90,000, double the 45,000 it had in 2020. "
        "Two years ago Latvia hosted no allied troops; it hosts no fewer than 2,000 now.",
        published="2024-01-09",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (1800, "reported", "1999"),
        (90000, "planned", "2030"),
        (45000, "reported", "2020"),
        (0, "reported", "2022"),
        (2000, "reported", "2024-01-09"),
    ]


def test_british_spelled_counts_and_dates_the_model_runs_together(extract):
    facts = extract(
        "Two hundred and forty Danish soldiers will serve in Estonia this year, down from 300 "
        "last year. A thousand-strong Dutch battalion arrived in Lithuania on Monday. Belgian "
        "forces in Romania will be cut by a third this autumn, leaving about 200 in the country.",
        published="2023-03-07",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (240, "planned", "2023"),
        (300, "reported", "2022"),
        (1000, "reported", "2023-03-07"),
        (200, "planned", "2023"),
    ]


def test_the_last_of_a_force_leaving_and_a_total_someone_owns(extract):
    facts = extract(
        "The last of Spain's 600 soldiers left Herat last week. Marines deployed to Norway "
        "in January, the ministry said, bringing the Netherlands' contribution to about 400.",
        published="2021-03-02",
    )
    assert [(lv.force, lv.count, lv.status) for lv in facts.troop_levels] == [
        ("Spain", 0, "reported"),
        ("Netherlands", 400, "reported"),
    ]


def test_asides_in_brackets_ceilings_and_extra_units(extract):
    facts = extract(
        "Norway's troop numbers in Lithuania (currently 80) are set to rise to 300 by 2026. "
        "The UN mission's authorised strength is 6,000, but only about 4,900 UN peacekeepers "
        "are deployed in Cyprus. Latvia will host an extra Canadian battalion of 1,000 in a crisis.",
        published="2024-02-20",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (80, "reported", "2024-02-20"),
        (300, "planned", "2026"),
        (4900, "reported", "2024-02-20"),
    ]
    capped = extract("Ireland's contingent in Lebanon shall not exceed 500.", published="2024")
    assert capped.troop_levels == []


def test_a_strength_said_plainly_and_a_unit_due_when_a_date_comes(extract):
    facts = extract(
        "Today Finland's contingent in Lebanon is about 200 strong. Its soldiers will stay "
        "until the autumn, when a Norwegian unit of about 150 is due to take over.",
        published="2022-03-01",
    )
    assert [(lv.force, lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        ("Finland", 200, "reported", "2022-03-01"),
        ("Norway", 150, "planned", "2022"),
    ]


def test_troops_sent_or_arrived_with_are_dated_by_that(extract):
    facts = extract(
        "Chad said it would withdraw the 800 soldiers it sent to Niger last month. Benin's "
        "force in Togo has grown to 900 troops since it arrived last May with 300.",
        published="2021-05-20",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (800, "reported", "2021-04"),
        (0, "planned", "2021-05-20"),
        (900, "reported", "2021-05-20"),
        (300, "reported", "2020-05"),
    ]


def test_men_under_arms_and_a_comparison_that_dates_nothing(extract):
    facts = extract(
        "Albania's army has fewer than 7,000 men under arms. Eight thousand Romanian soldiers "
        "now guard the border, twice as many as in October.",
        published="2022-03-22",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (7000, "reported", "2022-03-22"),
        (8000, "reported", "2022-03-22"),
    ]


def test_places_the_model_labels_as_something_else(extract):
    facts = extract(
        "About 400 Dutch soldiers arrived in June. Some 3,500 French troops remain in the "
        "Sahel. Around 3,000 U.S. soldiers from the 101st Airborne Division deployed to Romania.",
        published="2022-10-01",
    )
    assert [(lv.count, lv.location) for lv in facts.troop_levels] == [
        (400, None),
        (3500, "Sahel"),
        (3000, "Romania"),
    ]


def test_a_national_army_or_ministry_stands_for_its_country(extract):
    facts = extract(
        "The Czech army has 650 soldiers in Slovakia. Some 3,000 Bundeswehr soldiers are on "
        "standby. The Dutch defence ministry said 270 Dutch troops would stay in Lithuania.",
        published="2022-06-01",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("Czech Republic", 650),
        ("Germany", 3000),
        ("Netherlands", 270),
    ]


def test_counts_the_parse_loses_and_list_items_with_verbs_of_their_own(extract):
    facts = extract(
        "Turkey's forces in Syria number about 9,000, the monitor said. Russia has massed "
        "more than 40,000 troops near the border and moved about 5,000 into Belarus. Some "
        "2,000 Iranian soldiers are in Syria, and Tehran could send up to 3,000 more.",
        published="2022-02-10",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("Turkey", 9000),
        ("Russia", 40000),
        ("Russia", 5000),
        ("Iran", 2000),
    ]


def test_the_national_guard_and_troops_already_there(extract):
    facts = extract(
        "About 200 Iowa guardsmen will deploy to Kosovo in May. The Pentagon will send 1,000 "
        "troops to the border, joining 2,000 Guard members already there. Poland's Border "
        "Guard has 14,000 officers.",
        published="2023-03-02",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (200, "planned", "2023-05"),
        (1000, "planned", "2023-03-02"),
        (2000, "reported", "2023-03-02"),
    ]


def test_a_force_named_as_a_subject_just_before(extract):
    facts = extract(
        "Q. Is Spain sending troops to Latvia? A. We already have about 500 soldiers there.",
        published="2022-01-27",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [("Spain", 500)]


def test_a_time_clause_dates_the_main_one_and_the_coalition_is_foreign(extract):
    facts = extract(
        "When the ceasefire was signed in 1999, NATO sent 40,000 troops to Kosovo. In 2003 "
        "the coalition assembled 300,000 troops in Kuwait.",
        published="2019-12-20",
    )
    assert [(lv.force, lv.count, lv.date) for lv in facts.troop_levels] == [
        ("NATO", 40000, "1999"),
        ("foreign", 300000, "2003"),
    ]


def test_men_of_a_presence_a_current_size_compared_and_the_dead(extract):
    facts = extract(
        "Britain will reduce its presence in Estonia to between 900 and 1,000 men, compared "
        "to the current 1,700. The three British soldiers who died in the crash were based "
        "in Tapa.",
        published="2021-07-06",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [
        (900, "planned"),
        (1700, "reported"),
    ]


def test_a_wire_dateline_dates_the_story_not_its_levels(extract):
    facts = extract(
        "OSLO, March 3 (Reuters) - Norway has about 700 soldiers in Lithuania, the defence "
        "ministry said.",
        published="2023-03-04",
    )
    assert [(lv.count, lv.date) for lv in facts.troop_levels] == [(700, "2023-03-04")]


def test_old_values_dated_in_a_change_and_a_far_cry(extract):
    facts = extract(
        "The Danish force in Oman fell from 5,000 troops in May to about 3,000 in June. "
        "Norway's force has grown from 800 soldiers in 2014 to 1,100 today. Madrid now keeps "
        "600 troops in Cyprus, a far cry from the 4,000 stationed there in 2009.",
        published="2019-11-02",
    )
    assert [(lv.force, lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        ("Denmark", 5000, "reported", "2019-05"),
        ("Denmark", 3000, "reported", "2019-06"),
        ("Norway", 800, "reported", "2014"),
        ("Norway", 1100, "reported", "2019-11-02"),
        ("Spain", 600, "reported", "2019-11-02"),
        ("Spain", 4000, "reported", "2009"),
    ]


def test_a_part_moved_is_no_level_and_what_is_left_is(extract):
    facts = extract(
        "About 1,200 of the 5,000 Dutch troops in Norway would be moved, leaving some 3,800 "
        "in the country.",
        published="2020-07-30",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [
        (5000, "reported"),
        (3800, "planned"),
    ]


def test_sizes_aside_dates_ahead_and_raised_well_over(extract):
    facts = extract(
        "Chile's contingent in Haiti, 450 soldiers strong, will shrink to 340 by the end of "
        "the year. Syria's Republican Guards, 25,000 strong, protect the capital. Greece "
        "wants its army to grow to 90,000 soldiers within five years. Oslo will raise the "
        "number of troops on alert to well over 3,000.",
        published="2021-02-10",
    )
    assert [
        (lv.force, lv.count, lv.qualifier, lv.status, lv.date) for lv in facts.troop_levels
    ] == [
        ("Chile", 450, "exact", "reported", "2021-02-10"),
        ("Chile", 340, "exact", "planned", "2021"),
        ("Syria", 25000, "exact", "reported", "2021-02-10"),
        ("Greece", 90000, "exact", "planned", "2026"),
        ("Norway", 3000, "at_least", "planned", "2021-02-10"),
    ]


def test_a_level_a_sentence_says_twice_is_one_level(extract):
    facts = extract(
        "When the last Austrian soldier left Chad on August 30, Austria had no troops left "
        "in the country.",
        published="2021-09-14",
    )
    assert levels(facts) == [("Austria", "Chad", 0, "exact", "reported", "2021-08-30", None)]


def test_counts_written_other_ways_and_a_list_past_an_aside(extract):
    facts = extract(
        "Nearly a quarter of a million Dutch soldiers were stationed in Aruba in 1985. "
        "Chile fields about 80,000 active troops, according to a yearbook, and Peru some "
        "81,000. Norway keeps roughly 1.5k troops in Iceland.",
        published="2020-11-11",
    )
    assert [(lv.force, lv.count, lv.qualifier, lv.date) for lv in facts.troop_levels] == [
        ("Netherlands", 250000, "at_most", "1985"),
        ("Chile", 80000, "approx", "2020-11-11"),
        ("Peru", 81000, "approx", "2020-11-11"),
        ("Norway", 1500, "approx", "2020-11-11"),
    ]


def test_denied_counts_are_not_levels_but_troops_not_moved_still_are(extract):
    facts = extract(
        "Belgium has not sent 6,000 soldiers to Romania. Norway does not intend to keep "
        "more than 800 troops in Iceland. Austria has 350 troops in Kosovo, not 500 as "
        "reported. Greece has not reduced its contingent of 1,300 soldiers in Cyprus. "
        "Portugal will not withdraw its 210 troops from the Central African Republic.",
        published="2022-04-20",
    )
    assert [(lv.force, lv.count, lv.status) for lv in facts.troop_levels] == [
        ("Austria", 350, "reported"),
        ("Greece", 1300, "reported"),
        ("Portugal", 210, "reported"),
    ]


def test_members_of_a_force_and_a_part_of_those_deployed(extract):
    facts = extract(
        "The minister said 2,400 Canadian Armed Forces personnel were deployed abroad on "
        "1 March, including about 900 in Latvia. Approximately 120 members of the Korean "
        "armed forces are currently in South Sudan.",
        published="2024-03-20",
    )
    assert [(lv.force, lv.location, lv.count, lv.date) for lv in facts.troop_levels] == [
        ("Canada", None, 2400, "2024-03-01"),
        ("Canada", "Latvia", 900, "2024-03-01"),
        ("South Korea", "South Sudan", 120, "2024-03-20"),
    ]


def test_brought_home_every_one_and_the_troops_kept_or_cut_are_there_now(extract):
    facts = extract(
        "The candidate vowed to bring all 320 Dutch troops in Lithuania home by the end of "
        "2027. America has 700 troops in Niger, and she would bring every one of them home "
        "by Christmas. The plan would cut the 12,000 US troops stationed in Japan to 9,000. "
        "Oslo would keep the 400-odd Norwegian soldiers in Iceland there.",
        published="2026-02-10",
    )
    assert levels(facts) == [
        ("Netherlands", "Lithuania", 0, "exact", "planned", "2027", "END"),
        ("Netherlands", "Lithuania", 320, "exact", "reported", "2026-02-10", None),
        ("America", "Niger", 700, "exact", "reported", "2026-02-10", None),
        ("America", "Niger", 0, "exact", "planned", "2026-12-25", None),
        ("US", "Japan", 12000, "exact", "reported", "2026-02-10", None),
        ("US", "Japan", 9000, "exact", "planned", "2026-02-10", None),
        ("Norway", "Iceland", 400, "approx", "reported", "2026-02-10", None),
    ]


def test_an_old_promise_compared_is_still_a_plan(extract):
    facts = extract(
        "Some 600 US Marines rotate through Norway this year, against the 1,000 promised by 2025.",
        published="2023-09-01",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (600, "reported", "2023"),
        (1000, "planned", "2025"),
    ]


def test_a_cleft_a_season_over_which_and_a_perfect_participle_date_a_level(extract):
    facts = extract(
        "It was in 2019 that the first 300 Spanish soldiers reached Latvia. Having shrunk to "
        "about 500 over the winter, the Dutch contingent in Mali will leave in May.",
        published="2023-06-15",
    )
    assert [(lv.force, lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        ("Spain", 300, "reported", "2019"),
        ("Netherlands", 500, "reported", "2023"),
        ("Netherlands", 0, "planned", "2024-05"),  # the contingent in Mali leaves in May
    ]


def test_regulars_two_word_demonyms_the_first_of_more_and_bases_counted(extract):
    facts = extract(
        "Its 45,000 regulars make the Irish army small. Vilnius says the 200 Dutch troops "
        "already in Lithuania are the first of some 1,000 that The Hague has promised to "
        "send. The 1,200 North Korean soldiers at three bases in Russia will stay.",
        published="2023-06-15",
    )
    assert [(lv.force, lv.count, lv.status) for lv in facts.troop_levels] == [
        ("Ireland", 45000, "reported"),
        ("Netherlands", 200, "reported"),
        ("Netherlands", 1000, "planned"),
        ("North Korea", 1200, "planned"),
    ]


def test_counts_taken_back_and_figures_named_are_not_levels(extract):
    facts = extract(
        "Correction: An earlier version of this article said Italy has 2,400 soldiers in "
        "Kosovo. It has 240. Earlier reports that Finland would send 600 troops to Estonia "
        "were wrong. The figure of 5,000 Chinese troops in Laos is false. The 900 figure "
        "given on Friday included Belgian soldiers who had left. Officials have revised "
        "the Dutch troop count in Iraq from 150 to about 400.",
        published="2024-05-02",
    )
    assert [(lv.force, lv.location, lv.count) for lv in facts.troop_levels] == [
        ("Italy", "Kosovo", 240),
        ("Netherlands", "Iraq", 400),
    ]


def test_forces_that_each_have_a_count_and_counts_given_respectively(extract):
    facts = extract(
        "Norway and Sweden each have about 250 soldiers in Iceland. Poland and Romania keep "
        "700 and 400 troops in Moldova, respectively.",
        published="2025-01-20",
    )
    assert [(lv.force, lv.location, lv.count) for lv in facts.troop_levels] == [
        ("Norway", "Iceland", 250),
        ("Sweden", "Iceland", 250),
        ("Poland", "Moldova", 700),
        ("Romania", "Moldova", 400),
    ]


def test_other_names_for_soldiers_units_added_and_a_season_that_names_a_kind(extract):
    facts = extract(
        "Chile sent 900 servicemen to Haiti in 2005. Peru keeps about 400 infantrymen in "
        "Sinai. The UN mission has about 3,000 troops after 300 Polish commandos were added "
        "this month. Roughly 120 Dutch commandos are in Norway for winter training.",
        published="2021-12-07",
    )
    assert [(lv.force, lv.count, lv.date) for lv in facts.troop_levels] == [
        ("Chile", 900, "2005"),
        ("Peru", 400, "2021-12-07"),
        ("UN", 3000, "2021-12-07"),
        ("Netherlands", 120, "2021-12-07"),
    ]


def test_a_goal_beside_a_level_is_a_plan_and_a_shortfall_is_no_level(extract):
    facts = extract(
        "The Finnish army had 13,400 active personnel at the end of 2021, against a goal of "
        "15,000 by 2027. Statistics put the strength of the Latvian armed forces at about "
        "7,800 members. The army was short of its authorised strength of 8,000 by some 400 "
        "personnel.",
        published="2022-03-01",
    )
    assert [(lv.force, lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        ("Finland", 13400, "reported", "2021"),
        ("Finland", 15000, "planned", "2027"),
        ("Latvia", 7800, "reported", "2022-03-01"),
    ]


def test_answers_to_questions_take_the_troops_and_force_asked_about(extract):
    facts = extract(
        "Q: How many Dutch marines remain in Aruba? A: Officially 250. What is the size of "
        "the EU force in Bosnia? Roughly 1,100 troops from 20 countries. Are more troops on "
        "the way? Yes. Ankara is sending about 500 more, which will bring the total in the "
        "region to roughly 3,500.",
        published="2024-05-27",
    )
    assert [(lv.force, lv.count, lv.status) for lv in facts.troop_levels] == [
        ("Netherlands", 250, "reported"),
        ("EU", 1100, "reported"),
        ("Turkey", 3500, "planned"),
    ]


def test_a_base_where_troops_are_what_a_change_adds_to_and_a_ceiling_allowed(extract):
    facts = extract(
        "Ankara offered to keep Turkish troops at the port, where about 300 are stationed. "
        "Kenya pledged another 800 peacekeepers for Somalia, on top of the 3,600 already "
        "there. A pact allows up to 2,000 Australian troops to train in Japan each year.",
        published="2021-06-14",
    )
    assert [(lv.force, lv.count, lv.status) for lv in facts.troop_levels] == [
        ("Turkey", 300, "reported"),
        ("Kenya", 3600, "reported"),
    ]


def test_counts_beside_other_numbers_what_is_left_and_what_some_of_them_are(extract):
    facts = extract(
        "The Slovak battalion's 450 soldiers can deploy within 48 hours; 60 of them are "
        "women. In 2019 the Dutch army lost 2,000 soldiers to retirement and recruited "
        "1,500, leaving it with 21,000. About 900 of Poland's 110,000 service members have "
        "tested positive for the virus.",
        published="2021-02-02",
    )
    assert [(lv.force, lv.count, lv.date) for lv in facts.troop_levels] == [
        ("Slovakia", 450, "2021-02-02"),
        ("Netherlands", 21000, "2019"),
        ("Poland", 110000, "2021-02-02"),
    ]


def test_a_fraction_of_an_old_level_and_none_left(extract):
    facts = extract(
        "Britain now has a mere 250 troops in Kenya, a fraction of the 4,000 it had in 1963. "
        "Eight years ago Italy had 500 soldiers in Libya; today it has none.",
        published="2020-02-20",
    )
    assert [(lv.force, lv.count, lv.date) for lv in facts.troop_levels] == [
        ("Britain", 250, "2020-02-20"),
        ("Britain", 4000, "1963"),
        ("Italy", 500, "2012"),
        ("Italy", 0, "2020-02-20"),
    ]


def test_nationals_who_serve_and_the_part_of_them_somewhere(extract):
    facts = extract(
        "Some 230,000 Germans serve on active duty, about 3,000 of them abroad. About 2,000 "
        "Americans live in Lisbon. Britain has 900 troops in Estonia, 150 of them women. "
        "Italy has 1,200 troops in the Balkans, 400 of them in Kosovo.",
        published="2024-03-01",
    )
    assert [(lv.force, lv.location, lv.count) for lv in facts.troop_levels] == [
        ("Germany", None, 230000),
        ("Germany", None, 3000),
        ("Britain", "Estonia", 900),
        ("Italy", "Balkans", 1200),
        ("Italy", "Kosovo", 400),
    ]


def test_factbox_lists_after_a_heading_give_one_level_an_item(extract):
    facts = extract(
        "Forces at a glance: Lithuania (Germany, c. 1,500 troops); Latvia (Canada, approx. "
        "2,000); Estonia (UK, ~900). EU troop strength (March 2024): Bosnia mission 1,100; "
        "Kosovo mission 300. Prices at a glance: Poland 1,600; Latvia 1,700. Pledges: "
        "Romania (France, 300 more); Slovakia (Czech Republic, 200 more).",
        published="2024-04-10",
    )
    assert [
        (lv.force, lv.location, lv.count, lv.qualifier, lv.date) for lv in facts.troop_levels
    ] == [
        ("Germany", "Lithuania", 1500, "approx", "2024-04-10"),
        ("Canada", "Latvia", 2000, "approx", "2024-04-10"),
        ("UK", "Estonia", 900, "approx", "2024-04-10"),
        ("EU", "Bosnia", 1100, "exact", "2024-03"),
        ("EU", "Kosovo", 300, "exact", "2024-03"),
    ]


def test_factboxes_on_lines_with_the_force_in_the_heading_or_in_each_item(extract):
    facts = extract(
        "Dutch troops abroad, by location:\n- Lithuania: about 270\n- Aruba: 300\n- "
        "Curacao: 150\n\nPeacekeepers in Cyprus, top contributors: Argentina 250; "
        "Austria 240. Troop plans - 2027: 900; 2028: 1,200. Planned Danish troop numbers "
        "in Estonia - 2026: 300; 2027: 450.",
        published="2024-02-02",
    )
    assert [(lv.force, lv.location, lv.count) for lv in facts.troop_levels] == [
        ("Netherlands", "Lithuania", 270),
        ("Netherlands", "Aruba", 300),
        ("Netherlands", "Curacao", 150),
        ("Argentina", "Cyprus", 250),
        ("Austria", "Cyprus", 240),
        ("Denmark", "Estonia", 300),
        ("Denmark", "Estonia", 450),
    ]
    assert [(lv.status, lv.date) for lv in facts.troop_levels[-2:]] == [
        ("planned", "2026"),
        ("planned", "2027"),
    ]


def test_ranges_sharing_a_scale_a_couple_of_thousand_and_all_who_served(extract):
    facts = extract(
        "Between two and three thousand Serbian troops are near the border. Three to four "
        "hundred Greek soldiers will go to Bulgaria next year. A couple of thousand Czech "
        "soldiers will be stationed in Slovakia from 2026. The better part of 6,000 Dutch "
        "troops served in the mission over the years.",
        published="2025-06-06",
    )
    assert [(lv.force, lv.count, lv.qualifier, lv.status) for lv in facts.troop_levels] == [
        ("Serbia", 2000, "at_least", "reported"),
        ("Greece", 300, "at_least", "planned"),
        ("Czech Republic", 2000, "approx", "planned"),
    ]


def test_a_strong_size_the_parser_hangs_on_the_noun(extract):
    facts = extract(
        "The 800-strong Spanish garrison in Latvia will be reinforced by 200 troops this year.",
        published="2018-05-09",
    )
    assert [(lv.force, lv.count, lv.status) for lv in facts.troop_levels] == [
        ("Spain", 800, "reported")
    ]


def test_which_numbered_said_of_the_troops_not_the_region_nor_in_their_capital(extract):
    facts = extract(
        "Ankara's peacekeeping contingent in the region, which numbered about 1,200 when it "
        "arrived in 2019, has been cut to fewer than 500, officials say.",
        published="2023-09-26",
    )
    assert [(lv.force, lv.location, lv.count, lv.date) for lv in facts.troop_levels] == [
        ("Turkey", None, 1200, "2019"),
        ("Turkey", None, 500, "2023-09-26"),
    ]


def test_an_army_now_at_a_size_and_a_plan_within_a_decade(extract):
    facts = extract(
        "Hungary's army, now at 20,000, is to add 5,000 troops over the next three years. "
        "Greece plans to double the size of its army to 120,000 within a decade.",
        published="2023-06-15",
    )
    assert [(lv.force, lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        ("Hungary", 20000, "reported", "2023-06-15"),
        ("Greece", 120000, "planned", "2033"),
    ]


def test_room_for_troops_is_no_level_but_what_it_holds_is(extract):
    facts = extract(
        "The new barracks at Tapa can house up to 3,000 soldiers, though only about 1,100 "
        "Danish troops are there today. A second camp was built for 500 peacekeepers but holds "
        "nearly 800, the UN said. The port has room for 2,000 marines.",
        published="2024-03-12",
    )
    assert [(lv.force, lv.count, lv.qualifier) for lv in facts.troop_levels] == [
        ("Denmark", 1100, "approx"),
        ("UN", 800, "at_most"),
    ]


def test_a_cap_in_force_is_no_level_but_a_cap_to_come_is_a_plan(extract):
    facts = extract(
        "Congress capped the number of US troops in Honduras at 600 in 2001. Ottawa will cap "
        "its presence in Latvia at 1,900 next year.",
        published="2022-11-20",
    )
    assert [(lv.force, lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        ("Canada", 1900, "planned", "2023")
    ]


def test_a_count_on_a_condition_is_no_plan_but_a_plan_with_a_condition_is(extract):
    facts = extract(
        "If Berlin were to send 9,000 troops to Norway, Moscow would object. Chad says it could "
        "deploy as many as 1,800 soldiers to Haiti if the UN pays for them. Spain will send 600 "
        "troops to Latvia in May if parliament approves. Portugal has about 300 troops in "
        "Romania.",
        published="2024-02-01",
    )
    assert [(lv.force, lv.count, lv.status) for lv in facts.troop_levels] == [
        ("Spain", 600, "planned"),
        ("Portugal", 300, "reported"),
    ]


def test_a_share_of_the_troops_is_no_count(extract):
    facts = extract(
        "Women make up 12% of Romania's 70,000 active-duty troops, and 30 percent of the "
        "9,000 Latvian soldiers are reservists.",
        published="2023-02-14",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("Romania", 70000),
        ("Latvia", 9000),
    ]


def test_all_of_them_counts_the_troops_the_sentence_before_named(extract):
    facts = extract(
        "The first Czech soldiers reached the base at Adazi in 2018. There were 140 of them "
        "then.\n\nColonel Ivo Marek has commanded Norway's contingent in Mali since spring. His "
        "soldiers, about 210 of them, guard the airfield. The unit has 300 troops, 40 of them "
        "women.",
        published="2023-04-18",
    )
    assert [(lv.force, lv.count, lv.date) for lv in facts.troop_levels] == [
        ("Czech Republic", 140, "2018"),
        ("Norway", 210, "2023-04-18"),
        ("Norway", 300, "2023-04-18"),
    ]


def test_a_time_clause_hung_on_the_number_dates_it(extract):
    facts = extract(
        "London has said the number of British soldiers in Estonia will rise to about 1,300 "
        "when a second squadron arrives next year.",
        published="2025-08-14",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (1300, "planned", "2026")
    ]


def test_one_of_the_troops_then_is_a_count_of_that_time(extract):
    facts = extract(
        "As a lieutenant in 1996, Jean Moreau was one of about 1,700 French troops sent to "
        "Bosnia. Two of the 900 Belgian soldiers there will leave in May.",
        published="2019-11-25",
    )
    assert [(lv.force, lv.count, lv.date) for lv in facts.troop_levels] == [
        ("France", 1700, "1996"),
        ("Belgium", 900, "2019-11-25"),
    ]


def test_by_then_takes_the_date_and_it_the_troops_of_the_sentence_before(extract):
    facts = extract(
        "Lieutenant Colonel Mikko Virta will command Finland's contingent in Lebanon from "
        "November. By then it is expected to number about 220 soldiers, up from 180 today.",
        published="2025-10-14",
    )
    assert [(lv.force, lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        ("Finland", 220, "planned", "2025-11"),
        ("Finland", 180, "reported", "2025-10-14"),
    ]


def test_troops_said_to_be_based_somewhere_are_there_now_whatever_is_planned(extract):
    facts = extract(
        "The amendment would forbid any cut to the roughly 31,000 American troops based in "
        "Italy. The 900 soldiers deployed to Chad next month will stay a year.",
        published="2024-11-05",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (31000, "reported", "2024-11-05"),
        (900, "planned", "2024-12"),
    ]


def test_troops_counted_with_police_are_no_level_but_each_with_its_own_count_are(extract):
    facts = extract(
        "Some 6,000 Bulgarian soldiers and police are deployed on the Turkish border. The army "
        "alone has about 3,200 there. The UN mission in Mali has 12,000 troops and 1,700 police "
        "officers.",
        published="2020-03-03",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("Bulgaria", 3200),
        ("UN", 12000),
    ]


def test_now_on_the_verb_dates_the_level_now_over_a_comparison(extract):
    facts = extract(
        "Iraqi troops on the border now number around 14,000, three times the count in "
        "January, a commander said.",
        published="2019-07-02",
    )
    assert [(lv.count, lv.date) for lv in facts.troop_levels] == [(14000, "2019-07-02")]


def test_lengths_totals_and_shortfalls_are_no_levels(extract):
    facts = extract(
        "About 1,800 UN troops patrol the buffer zone, which stretches 170 km across the "
        "island. Oslo has rotated more than 700 troops through the mission since 2015, and "
        "3,000 US Marines will rotate through Norway next year. The army had 90,000 soldiers, "
        "12,000 short of its authorised size. Bahrain hosts 9,000 US troops and family members.",
        published="2021-06-15",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [
        (1800, "reported"),
        (3000, "planned"),
        (90000, "reported"),
    ]


def test_troops_named_in_one_sentence_are_counted_in_the_next(extract):
    facts = extract(
        "Judges upheld the mandate that allows up to 1,200 Dutch soldiers to serve in Mali. "
        "Some 900 are deployed there today. No Dutch troops will remain in Iraq by the end of "
        "the year.",
        published="2020-10-08",
    )
    assert [(lv.force, lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        ("Netherlands", 900, "reported", "2020-10-08"),
        ("Netherlands", 0, "planned", "2020"),
    ]


def test_a_definite_count_a_change_would_touch_and_a_figure_compared_are_now(extract):
    facts = extract(
        "The bill bars the Pentagon from reducing the 26,000 US troops stationed in Japan. "
        "Greek forces on Evros number about 6,000, a senior officer said, double the figure in "
        "February. Vietnam's army has about 5,000 soldiers in Quang Nam, up from 2,000 a week "
        "ago.",
        published="2020-09-09",
    )
    assert [(lv.count, lv.date) for lv in facts.troop_levels] == [
        (26000, "2020-09-09"),
        (6000, "2020-09-09"),
        (5000, "2020-09-09"),
        (2000, "2020-09-02"),
    ]


def test_counts_in_brackets_after_the_forces_they_belong_to(extract):
    facts = extract(
        "Troops from Canada (about 1,100 soldiers) and Spain (600) serve in Latvia. The "
        "largest contingents in Lebanon come from Ghana (870) and Nepal (850). Ministers from "
        "Spain (three) and Italy (two) attended the talks.",
        published="2023-11-02",
    )
    assert [(lv.force, lv.location, lv.count) for lv in facts.troop_levels] == [
        ("Canada", "Latvia", 1100),
        ("Spain", "Latvia", 600),
        ("Ghana", "Lebanon", 870),
        ("Nepal", "Lebanon", 850),
    ]


def test_a_part_said_first_of_the_whole_and_the_place_of_the_mission_served_with(extract):
    facts = extract(
        "Of the 33,000 US troops in Italy, about 11,000 will be moved. Some 340 Irish troops "
        "serve with UNDOF in the Golan Heights.",
        published="2023-06-15",
    )
    assert [(lv.count, lv.status, lv.location) for lv in facts.troop_levels] == [
        (33000, "reported", "Italy"),
        (340, "reported", "Golan Heights"),
    ]


def test_a_date_right_after_the_old_value_said_last_is_the_old_value_s(extract):
    facts = extract(
        "The number of Russian troops in Belarus has fallen to roughly 1,200 from 28,000 in "
        "February, Western officials say.",
        published="2023-06-15",
    )
    assert [(lv.count, lv.date) for lv in facts.troop_levels] == [
        (1200, "2023-06-15"),
        (28000, "2023-02"),
    ]


def test_a_size_aside_after_some_and_a_target_dated_beside_the_level(extract):
    facts = extract(
        "Romania's KFOR contingent, some 300 strong, will be doubled next year. The army has "
        "72,000 active soldiers, short of its target of 80,000 by 2030.",
        published="2023-06-15",
    )
    assert [(lv.count, lv.status, lv.date) for lv in facts.troop_levels] == [
        (300, "reported", "2023-06-15"),
        (72000, "reported", "2023-06-15"),
        (80000, "planned", "2030"),
    ]


def test_troops_that_defend_a_place_are_there_but_those_that_reinforce_are_a_change(extract):
    facts = extract(
        "Romania's Black Sea coast is now defended by roughly 9,000 troops under NATO command. "
        "The 700-strong Polish garrison there will be reinforced by 200 troops this year.",
        published="2023-06-15",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [
        (9000, "reported"),
        (700, "reported"),
    ]


def test_a_spelled_out_count_after_numbers_and_a_qualifier(extract):
    facts = extract(
        "The Slovak contingent numbers just under three hundred. Russia's garrison in "
        "Transnistria numbers between 1,200 and 1,500, analysts say.",
        published="2023-06-15",
    )
    assert [(lv.force, lv.count, lv.qualifier) for lv in facts.troop_levels] == [
        ("Slovakia", 300, "at_most"),
        ("Russia", 1200, "at_least"),
    ]


def test_a_people_named_for_its_state(extract):
    facts = extract(
        "The Dutch will keep 150 soldiers in Lithuania. The Americans have about 900 in Syria.",
        published="2023-06-15",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("Netherlands", 150),
        ("US", 900),
    ]


def test_a_clause_after_a_semicolon_is_no_ceiling_and_a_country_of_three_words(extract):
    facts = extract(
        "The Philippines allows US forces to rotate through nine bases; about 400 American "
        "troops are in the country at any time. Papua New Guinea's army has fewer than 3,500 "
        "soldiers.",
        published="2023-06-15",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("US", 400),
        ("Papua New Guinea", 3500),
    ]


def test_a_count_along_with_a_level_from_another_force(extract):
    facts = extract(
        "About 800 German troops are in Lithuania, along with 250 from the Netherlands.",
        published="2023-06-15",
    )
    assert [(lv.force, lv.location, lv.count) for lv in facts.troop_levels] == [
        ("Germany", "Lithuania", 800),
        ("Netherlands", "Lithuania", 250),
    ]


def test_a_unit_of_some_size_added_is_a_change(extract):
    facts = extract(
        "Britain has roughly 850 troops in Estonia and plans to add a brigade of 3,500 in a "
        "crisis.",
        published="2023-06-15",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [(850, "reported")]


def test_troops_left_somewhere_remain_there(extract):
    facts = extract(
        "Fewer than 900 Italian soldiers are left in Iraq. The last 60 Czech soldiers left "
        "Mali on Friday.",
        published="2023-06-15",
    )
    assert [(lv.force, lv.count, lv.qualifier) for lv in facts.troop_levels] == [
        ("Italy", 900, "at_most"),
        ("Czech Republic", 0, "exact"),
    ]


def test_nationals_among_the_troops_counted_are_troops_of_their_state(extract):
    facts = extract(
        "Poland currently hosts some 10,000 NATO troops, including about 8,000 Americans.",
        published="2023-06-15",
    )
    assert [(lv.force, lv.location, lv.count) for lv in facts.troop_levels] == [
        ("NATO", "Poland", 10000),
        ("US", "Poland", 8000),
    ]


def test_an_old_value_dated_by_ago_right_after_it(extract):
    facts = extract(
        "Latvia's army now counts 9,000 soldiers, up from 6,000 five years ago.",
        published="2023-06-15",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [
        (9000, "2023-06-15"),
        (6000, "2018"),
    ]


def test_a_verb_tagged_as_a_noun_before_a_semicolon_holds_its_level(extract):
    facts = extract(
        "Lithuania hosts around 6,400 NATO troops; Vilnius wants that raised to a full "
        "brigade of 20,000.",
        published="2022-05-30",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [
        (6400, "reported"),
        (20000, "planned"),
    ]


def test_the_answer_to_how_many_soldiers_is_a_level(extract):
    facts = extract(
        'Asked how many soldiers Britain has in Estonia, the minister replied: "About 3,200 '
        'at the moment, and we are proud of every one of them."',
        published="2019-05-22",
    )
    assert [(lv.count, lv.force, lv.location) for lv in facts.troop_levels] == [
        (3200, "Britain", "Estonia")
    ]


def test_the_first_of_a_planned_force_arriving_later_is_planned(extract):
    facts = extract(
        "Portugal will contribute 180 troops to the EU mission in Mozambique, the minister "
        "announced, with the first 60 arriving in March.",
        published="2021-02-23",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (180, "planned", "2021-02-23"),
        (60, "planned", "2021-03"),
    ]


def test_a_level_once_a_contingent_arrives_is_planned_for_then(extract):
    facts = extract(
        "The NATO battlegroup in Estonia will number about 2,400 troops once the British "
        "contingent of 1,600 arrives in April.",
        published="2017-03-08",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (2400, "planned", "2017-04"),
        (1600, "planned", "2017-04"),
    ]


def test_as_at_a_date_dates_the_strength(extract):
    facts = extract(
        "As at 1 January 2022, the Royal Navy's trained strength stood at 58,180, according "
        "to quarterly personnel statistics.",
        published="2022-04-12",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [(58180, "2022-01-01")]


def test_a_count_the_model_took_into_a_name_is_still_a_list_item(extract):
    facts = extract(
        "Peacekeepers in South Sudan, largest contributors: Rwanda 7,800; India 7,200; "
        "Nepal 5,100.",
        published="2021-06-30",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("Rwanda", 7800),
        ("India", 7200),
        ("Nepal", 5100),
    ]


def test_a_strength_aside_parsed_as_a_second_subject(extract):
    facts = extract(
        "Ghana's contingent in South Sudan, 2,160 strong, will be relieved in December by a "
        "Rwandan battalion.",
        published="2019-10-02",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (2160, "reported", "2019-10-02")
    ]


def test_respectively_pairs_counts_that_share_their_noun(extract):
    facts = extract(
        "France and Germany keep 8,400 and 6,300 soldiers in Lithuania, respectively.",
        published="2023-02-14",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("France", 8400),
        ("Germany", 6300),
    ]


def test_of_which_around_a_count_parsed_as_a_preposition(extract):
    facts = extract(
        "The Spanish Armed Forces currently have some 21,000 military personnel deployed in "
        "112 operations abroad, of which around 4,200 are in Lebanon.",
        published="2022-03-15",
    )
    assert [lv.count for lv in facts.troop_levels] == [21000, 4200]


def test_bringing_troops_home_when_the_place_hangs_on_the_troops(extract):
    facts = extract(
        "The opposition leader promised to bring all 1,950 British troops in Estonia home by "
        "the end of 2025.",
        published="2024-06-15",
    )
    assert sorted((lv.count, lv.status) for lv in facts.troop_levels) == [
        (0, "planned"),
        (1950, "reported"),
    ]


def test_a_gapped_item_whose_name_the_tagger_took_for_an_adjective(extract):
    facts = extract(
        "The treaty limits each side to 4,500 troops in the zone. In practice, the North "
        "keeps roughly 3,000 there and the South fewer than 2,100, observers say.",
        published="2020-02-18",
    )
    assert [(lv.count, lv.qualifier) for lv in facts.troop_levels] == [
        (3000, "approx"),
        (2100, "at_most"),
    ]


def test_all_but_a_few_is_not_all(extract):
    facts = extract(
        "In 2014 the UK had around 18,000 troops in Germany; by 2020 all but a few hundred "
        "had come home.",
        published="2023-04-18",
    )
    assert [lv.count for lv in facts.troop_levels] == [18000]


def test_a_measuring_verb_after_a_long_aside_counts_the_troops_before_it(extract):
    facts = extract(
        "Greek forces on Evros, a 400-km river frontier with Turkey, number about 14,000, a "
        "senior officer said.",
        published="2020-09-09",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [("Greece", 14000)]


def test_of_the_troops_a_share_rotating_out_hung_beside_the_troops(extract):
    facts = extract(
        "Of the roughly 1,200 Nigerian troops deployed to the multinational task force around "
        "Lake Chad, about a third are due to rotate out next month, officials said.",
        published="2020-08-19",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (1200, "reported", "2020-08-19")
    ]


def test_an_answer_after_its_label_takes_the_state_the_question_asked_about(extract):
    facts = extract(
        "TRANSCRIPT: Q. Is France sending soldiers to Romania? A. We already have about 900 "
        "troops there, and we're going to add a company, roughly 150 more.",
        published="2022-01-27",
    )
    assert [(lv.force, lv.location, lv.count) for lv in facts.troop_levels] == [
        ("France", "Romania", 900)
    ]


def test_bringing_a_total_hung_on_the_verb_of_saying_shares_the_reported_plan(extract):
    facts = extract(
        "The talks resumed on a cold morning. Uganda will deploy another 1,000 troops to "
        "eastern Congo, the army said, bringing its deployment there to roughly 2,000.",
        published="2022-11-22",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [(2000, "planned")]


def test_bringing_a_total_hung_on_the_verb_of_saying_takes_the_reported_date(extract):
    facts = extract(
        "The talks resumed on a cold morning. Soldiers of the Irish Guards deployed to Mali "
        "in the summer as part of the UN mission, the MoD said, bringing the UK's "
        "contribution to about 300.",
        published="2020-10-06",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [(300, "2020")]


def test_ending_a_deployment_counts_the_deployment_as_it_is(extract):
    facts = extract(
        "Troop levels in Somalia are set to be reduced to zero by January 15, a Pentagon "
        "spokesman confirmed, ending a deployment of some 700 U.S. personnel.",
        published="2020-11-30",
    )
    assert sorted((lv.count, lv.status) for lv in facts.troop_levels) == [
        (0, "planned"),
        (700, "reported"),
    ]


def test_a_qualifier_parsed_as_a_preposition_still_qualifies_what_is_held(extract):
    facts = extract(
        "Canada's contribution to the mission peaked at 2,800 troops in 2011. Ottawa now "
        "deploys under 200.",
        published="2025-01-30",
    )
    assert [(lv.count, lv.qualifier, str(lv.date)) for lv in facts.troop_levels] == [
        (2800, "exact", "2011"),
        (200, "at_most", "2025-01-30"),
    ]


def test_of_which_about_some_are_somewhere_counts_the_troops_named(extract):
    facts = extract(
        "The Spanish Armed Forces currently have approximately 3,000 military personnel "
        "deployed in 16 operations abroad, of which about 600 are in Lebanon, according to "
        "data from the Ministry.",
        published="2022-03-15",
    )
    assert [(lv.count, lv.location) for lv in facts.troop_levels] == [
        (3000, "Lebanon"),
        (600, "Lebanon"),
    ]


def test_an_infinitive_on_the_count_dates_it(extract):
    facts = extract(
        "The Bundeswehr has roughly 1,000 troops there as part of a NATO battlegroup, and "
        "Berlin has pledged a brigade of as many as 5,000 to be based in the country by 2027.",
        published="2022-11-20",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (1000, "reported", "2022-11-20"),
        (5000, "planned", "2027"),
    ]


def test_a_glued_scale_outside_any_entity_is_still_a_count(extract):
    facts = extract(
        "The UK keeps around 1.5k troops in Kenya for training.", published="2021-05-19"
    )
    assert [(lv.count, lv.location) for lv in facts.troop_levels] == [(1500, "Kenya")]


def test_some_of_them_somewhere_parsed_as_an_adverbial_clause(extract):
    facts = extract(
        "Approximately 1.3 million Americans serve on active duty, roughly 170,000 of them "
        "overseas.",
        published="2024-03-01",
    )
    assert [lv.count for lv in facts.troop_levels] == [1300000, 170000]


def test_whose_troops_when_the_clause_naming_them_is_itself_reported(extract):
    facts = extract(
        "Italian commanders say their force in Niger, now 290 strong, could double within a "
        "year, officials said. The first 70 soldiers arrived in March 2019.",
        published="2020-08-30",
    )
    assert [(lv.force, lv.count, str(lv.date)) for lv in facts.troop_levels] == [
        ("Italy", 290, "2020-08-30"),
        ("Italy", 70, "2019-03"),
    ]


def test_an_answer_that_is_the_subject_of_its_attribution(extract):
    facts = extract(
        "How many British troops are in Estonia? About 900, most of them at Tapa, officials said.",
        published="2023-06-06",
    )
    assert [(lv.force, lv.location, lv.count) for lv in facts.troop_levels] == [
        ("UK", "Estonia", 900)
    ]


def test_a_count_held_once_with_no_date_is_no_level(extract):
    facts = extract(
        "Chad, which once kept 1,400 soldiers in the mission, now has none.",
        published="2021-04-02",
    )
    assert [(lv.force, lv.count, str(lv.date)) for lv in facts.troop_levels] == [
        ("Chad", 0, "2021-04-02")
    ]


def test_what_remains_of_troops_named_before_when_remain_is_read_as_a_noun(extract):
    facts = extract(
        "Of the 6,000 Italian soldiers once based in the valley, only 450 remain, the "
        "prefect said.",
        published="2022-10-11",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [("Italy", 450)]


def test_a_count_hung_on_the_verb_as_a_measure(extract):
    facts = extract(
        "British troop numbers in Kenya have hovered around 300 for a decade.",
        published="2023-01-17",
    )
    assert levels(facts) == [("UK", "Kenya", 300, "approx", "reported", "2023-01-17", None)]


def test_the_troops_just_counted_leave_on_a_date(extract):
    facts = extract(
        "Portugal sent 180 soldiers to the island after the storm. The soldiers were "
        "withdrawn in March.",
        published="2024-06-03",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (180, "reported", "2024-06-03"),
        (0, "reported", "2024-03"),
    ]


def test_the_troops_moved_elsewhere_or_undated_are_not_gone(extract):
    for text in (
        "Portugal sent 180 soldiers to the island. The soldiers were withdrawn to the "
        "capital in March.",
        "Portugal sent 180 soldiers to the island. The soldiers were withdrawn quietly.",
    ):
        facts = extract(text, published="2024-06-03")
        assert [lv.count for lv in facts.troop_levels] == [180], text


def test_since_an_event_dates_nothing_and_its_when_clause_takes_its_date(extract):
    facts = extract(
        "The mission of about 900 Dutch soldiers is the largest since the 2004 tsunami, when "
        "2,000 Dutch troops helped.",
        published="2025-02-11",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [
        (900, "2025-02-11"),
        (2000, "2004"),
    ]


def test_nationals_deployed_somewhere_are_troops(extract):
    facts = extract(
        "The Czech company will join 450 Romanians already stationed at the airbase.",
        published="2023-03-08",
    )
    assert [(lv.force, lv.count, lv.status) for lv in facts.troop_levels] == [
        ("Romania", 450, "reported")
    ]


def test_a_whole_that_has_mostly_gone_home_is_no_size_now(extract):
    facts = extract(
        "Most of the 2,300 Dutch soldiers have been flown home, leaving about 140 at the port.",
        published="2022-05-24",
    )
    assert [(lv.count, lv.qualifier) for lv in facts.troop_levels] == [(140, "approx")]


def test_a_level_that_dropped_below_a_count(extract):
    facts = extract(
        "The number of Belgian troops abroad has dropped below 500.", published="2023-09-19"
    )
    assert levels(facts) == [("Belgium", None, 500, "at_most", "reported", "2023-09-19", None)]


def test_a_withdrawal_dated_in_its_own_aside_dates_what_it_leaves(extract):
    facts = extract(
        "The drawdown, due to be complete by November, will leave about 90 German soldiers to "
        "guard the airport in Gao.",
        published="2022-06-07",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (90, "planned", "2022-11")
    ]


def test_the_last_units_leaving_in_a_time_clause_of_a_plan(extract):
    facts = extract(
        "Rome said it would keep about 200 soldiers in Niger after the last Italian units "
        "leave Mali in October.",
        published="2022-07-12",
    )
    assert [(lv.count, lv.location, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (200, "Niger", "planned", "2022-07-12"),
        (0, "Mali", "planned", "2022-10"),
    ]


def test_keeping_a_force_at_a_size_is_a_plan(extract):
    facts = extract(
        "Ghana will keep its battalion in Lebanon at about 870 through 2026, its army "
        "said, and has offered up to 1,000 soldiers for a new mission.",
        published="2025-10-14",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (870, "planned", "2026"),
        (1000, "planned", "2025-10-14"),
    ]


def test_a_plan_whose_infinitive_was_parsed_as_a_clause_takes_the_deadline(extract):
    facts = extract(
        "The Kenyan navy has about 300 sailors and marines at Manda Bay. By 2028 it wants "
        "that figure to reach 900.",
        published="2024-02-06",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (300, "reported", "2024-02-06"),
        (900, "planned", "2028"),
    ]


def test_a_clause_on_the_force_does_not_date_a_count_given_by_the_verb(extract):
    facts = extract(
        "Ukraine's army, which grew to about 900,000 in 2023, will be cut to 600,000 by 2030.",
        published="2025-11-04",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (900000, "reported", "2023"),
        (600000, "planned", "2030"),
    ]


def test_a_change_under_way_towards_a_size_is_a_plan(extract):
    facts = extract(
        "Fiji's contingent in the Golan is being reduced to 150 by March.",
        published="2024-11-12",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (150, "planned", "2025-03")
    ]


def test_an_old_value_dated_by_the_when_clause_after_it(extract):
    facts = extract(
        "Estonian troops in Mali now number about 95, up from 50 when they first arrived in "
        "May 2018.",
        published="2021-03-02",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [
        (95, "2021-03-02"),
        (50, "2018-05"),
    ]


def test_officers_and_soldiers_counted_together_are_troops(extract):
    facts = extract(
        "Mongolia sent a unit of 150 officers and soldiers to South Sudan in 2023.",
        published="2024-01-09",
    )
    assert [(lv.force, lv.count, str(lv.date)) for lv in facts.troop_levels] == [
        ("Mongolia", 150, "2023")
    ]


def test_a_size_participle_on_the_subject_shares_its_plan_and_date(extract):
    facts = extract(
        "Three companies numbering about 450 Austrian soldiers will join the mission next year.",
        published="2024-04-23",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (450, "planned", "2025")
    ]


def test_a_size_it_once_had_is_no_level(extract):
    facts = extract(
        "The number of French soldiers in Chad, once about 3,000, has fallen to about 1,000.",
        published="2024-09-03",
    )
    assert [lv.count for lv in facts.troop_levels] == [1000]


def test_as_many_at_a_count_counts_the_troops_just_named(extract):
    facts = extract(
        "Greece keeps 110 troops in Kosovo. Romania has almost twice as many, at about 200.",
        published="2023-05-16",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("Greece", 110),
        ("Romania", 200),
    ]


def test_a_clause_on_the_force_does_not_date_what_it_numbers_now(extract):
    facts = extract(
        "The Polish battalion, which arrived in March, numbers about 250.",
        published="2022-08-30",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [(250, "2022-08-30")]


def test_troops_sent_that_bring_a_total_up_are_an_increment(extract):
    facts = extract(
        "Minsk has sent an estimated 3,000 soldiers to the frontier this month, officials "
        "said, bringing the total there to about 20,000.",
        published="2024-06-18",
    )
    assert [lv.count for lv in facts.troop_levels] == [20000]


def test_troops_held_that_bring_a_total_up_are_a_level(extract):
    facts = extract(
        "Spain has 600 soldiers in Latvia, bringing the allied total there to about 4,000.",
        published="2024-06-18",
    )
    assert [lv.count for lv in facts.troop_levels] == [600, 4000]


def test_what_an_army_can_muster_is_no_level(extract):
    facts = extract(
        "Norway's army has about 8,000 soldiers and can muster 40,000 with its reserves.",
        published="2023-01-31",
    )
    assert [lv.count for lv in facts.troop_levels] == [8000]


def test_troops_ordered_to_leave_are_there_now_and_planned_gone(extract):
    facts = extract(
        "Mali's rulers have ordered the roughly 2,400 French soldiers in the country to leave.",
        published="2022-02-22",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [
        (2400, "reported"),
        (0, "planned"),
    ]


def test_a_date_on_the_infinitive_below_a_plan_dates_it(extract):
    facts = extract(
        "The 1,500-troop Czech battlegroup is expected to be fully deployed by October.",
        published="2023-04-04",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (1500, "planned", "2023-10")
    ]


def test_a_total_with_those_already_there_keeps_the_plan(extract):
    facts = extract(
        "Up to 800 Dutch soldiers could be sent to the base, a total of 1,100 with those "
        "already there.",
        published="2024-07-16",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [
        (800, "planned"),
        (1100, "planned"),
    ]


def test_a_whole_force_that_left_on_a_date_is_zero_from_then(extract):
    facts = extract(
        "The roughly 400-strong Swedish contingent in Mali left the country in June.",
        published="2023-08-01",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (0, "reported", "2023-06")
    ]


def test_the_troop_strength_of_a_mission(extract):
    facts = extract(
        "The troop strength of the UN mission in Cyprus is about 800.", published="2024-03-12"
    )
    assert [(lv.force, lv.location, lv.count) for lv in facts.troop_levels] == [
        ("UN", "Cyprus", 800)
    ]


def test_out_of_a_total_counts_the_troops_just_named(extract):
    facts = extract(
        "About 2,000 British soldiers are at Tapa alone, officials said, out of 2,600 in "
        "the country.",
        published="2024-05-28",
    )
    assert [lv.count for lv in facts.troop_levels] == [2000, 2600]


def test_a_rotation_of_troops_is_a_unit(extract):
    facts = extract(
        "The Irish contingent rotates every six months; the current rotation of 340 arrived "
        "in May.",
        published="2024-09-03",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [("Ireland", 340)]


def test_a_qualifier_read_as_a_preposition_in_a_list_of_troops(extract):
    facts = extract(
        "Key figures: Italian troops in Lebanon, about 1,100; in Iraq, about 600.",
        published="2024-04-16",
    )
    assert [lv.count for lv in facts.troop_levels] == [1100, 600]


def test_an_estimate_of_the_figure_a_question_asked_for(extract):
    facts = extract(
        "How many Iranian troops are in Syria? Estimates differ, but most analysts put the "
        "figure at between 2,000 and 3,000.",
        published="2018-05-15",
    )
    assert [(lv.force, lv.count, lv.qualifier) for lv in facts.troop_levels] == [
        ("Iran", 2000, "at_least")
    ]


def test_nationals_listed_after_a_troop_label_are_troops(extract):
    facts = extract(
        "Troops in Djibouti: roughly 4,000 Americans and 1,500 French, according to a briefing.",
        published="2023-08-22",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("US", 4000),
        ("France", 1500),
    ]


def test_counted_troops_who_leave_later_are_there_now_and_planned_gone(extract):
    facts = extract(
        "Belgium will send 120 soldiers to Romania in March, replacing the 180 Spanish troops "
        "who leave next month.",
        published="2023-01-10",
    )
    assert [(lv.force, lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        ("Belgium", 120, "planned", "2023-03"),
        ("Spain", 180, "reported", "2023-01-10"),
        ("Spain", 0, "planned", "2023-02"),
    ]


def test_a_plan_that_was_to_have_happened_is_no_level(extract):
    facts = extract(
        "Sweden was to have sent 500 soldiers to Latvia by now, but only 300 have arrived.",
        published="2024-07-09",
    )
    assert [lv.count for lv in facts.troop_levels] == [300]


def test_a_unit_a_count_grows_to_stands_for_its_size(extract):
    facts = extract(
        "Poland hopes the number of American troops on its soil will grow to a division, "
        "roughly 20,000, within a few years.",
        published="2023-06-27",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [(20000, "planned")]


def test_a_past_report_takes_the_date_of_its_saying(extract):
    facts = extract(
        "The ministry said in March that about 700 Danish soldiers were in Estonia.",
        published="2024-08-13",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [(700, "2024-03")]


def test_a_fraction_of_the_troops_is_no_count(extract):
    facts = extract(
        "Two-thirds of the 1,200 Italian troops still in Iraq are based in Erbil.",
        published="2023-09-05",
    )
    assert [lv.count for lv in facts.troop_levels] == [1200]


def test_a_size_for_a_crisis_is_no_level(extract):
    facts = extract(
        "Norway has about 250 soldiers in the standby force, which could grow to 20,000 in a "
        "crisis.",
        published="2023-05-16",
    )
    assert [lv.count for lv in facts.troop_levels] == [250]


def test_troops_joined_count_as_the_troops_sent(extract):
    facts = extract(
        "France will send about 200 marines to Mayotte, joining 300 already on the island.",
        published="2024-08-27",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [
        (200, "planned"),
        (300, "reported"),
    ]


def test_allies_are_a_foreign_force(extract):
    facts = extract(
        "Allies have committed some 2,000 troops to the new air policing mission.",
        published="2025-05-20",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [("foreign", 2000)]


def test_troops_readied_are_planned(extract):
    facts = extract(
        "Pakistan has readied 5,000 troops for a possible peacekeeping force.",
        published="2025-10-14",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [(5000, "planned")]


def test_a_peak_in_a_clause_on_the_number_of_troops(extract):
    facts = extract(
        "The number of Lithuanian troops on the border, which peaked at 4,000 in August, is "
        "now below 2,000.",
        published="2022-04-19",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [
        (4000, "2021-08"),
        (2000, "2022-04-19"),
    ]


def test_troops_due_somewhere_by_a_date_are_planned_for_it(extract):
    facts = extract(
        "Of the 800 Nepali troops due in Lebanon by October, about 300 had arrived by Monday.",
        published="2023-08-22",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (800, "planned", "2023-10"),
        (300, "reported", "2023-08-22"),
    ]


def test_may_on_a_condition_is_hypothetical(extract):
    facts = extract(
        "Up to 2,000 Armenian troops may be sent to the border if the talks fail.",
        published="2024-05-07",
    )
    assert facts.troop_levels == []


def test_troops_slated_to_go_are_planned(extract):
    facts = extract(
        "About 400 Spanish troops are slated to join the mission in Latvia by mid-June.",
        published="2023-03-07",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (400, "planned", "2023-06")
    ]


def test_a_plan_someone_had_made_before_it_was_dropped_is_no_level(extract):
    facts = extract(
        "London had planned to bring troop numbers in Cyprus down to 1,500 before the war "
        "changed its mind.",
        published="2024-02-09",
    )
    assert facts.troop_levels == []


def test_a_size_at_its_height_is_no_level(extract):
    facts = extract(
        "Ghana's contingent in Mali, some 800 strong at its peak, is down to about 150.",
        published="2022-12-20",
    )
    assert [lv.count for lv in facts.troop_levels] == [150]


def test_a_whole_force_home_on_a_weekday_is_zero_by_publication(extract):
    facts = extract(
        "Latvia's 40-strong contingent in Kosovo returned home on Friday.",
        published="2023-09-26",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [(0, "2023-09-26")]


def test_another_count_placed_elsewhere_is_a_level(extract):
    facts = extract(
        "Altogether, Italy has about 900 soldiers deployed to Lebanon, with another 200 in Kosovo.",
        published="2022-09-13",
    )
    assert [(lv.count, lv.location) for lv in facts.troop_levels] == [
        (900, "Lebanon"),
        (200, "Kosovo"),
    ]


def test_a_change_by_a_count_to_a_size_is_no_range(extract):
    facts = extract(
        "The NATO force in Kosovo will grow by 600 to about 4,300 over the winter.",
        published="2023-01-17",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [(4300, "planned")]


def test_troops_fewer_than_a_ceiling_are_a_difference(extract):
    facts = extract(
        "The Indian contingent in Congo now has about 900 troops fewer than its ceiling.",
        published="2025-06-10",
    )
    assert facts.troop_levels == []


def test_personnel_including_civilians_are_no_troop_count(extract):
    facts = extract(
        "The airbase houses roughly 3,000 British personnel, including 400 civilians.",
        published="2022-07-26",
    )
    assert facts.troop_levels == []


def test_a_unit_sized_in_brackets_and_ordered_somewhere_is_planned(extract):
    facts = extract(
        "Britain's 7th Infantry Brigade (about 3,500 soldiers) has been ordered to Estonia.",
        published="2023-10-24",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [(3500, "planned")]


def test_its_troops_in_the_place_just_counted_leave(extract):
    facts = extract(
        "Chad says its soldiers in Niger, whose numbers have fallen to about 400, will leave "
        "by October.",
        published="2024-06-18",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (400, "reported", "2024-06-18"),
        (0, "planned", "2024-10"),
    ]


def test_a_comparison_with_a_past_time_does_not_date_the_count(extract):
    facts = extract(
        "Denmark's army has about 9,000 active personnel, a third fewer than a decade ago.",
        published="2022-09-27",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [(9000, "2022-09-27")]


def test_troops_including_uncounted_volunteers_are_still_troops(extract):
    facts = extract(
        "Romania's army now counts some 70,000 soldiers, including reserve volunteers.",
        published="2025-04-29",
    )
    assert [lv.count for lv in facts.troop_levels] == [70000]


def test_troops_from_a_country_named_after_them_are_its_troops(extract):
    facts = extract(
        "Some 120 soldiers from Estonia and 80 from Latvia are on board the ship.",
        published="2025-09-16",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("Estonia", 120),
        ("Latvia", 80),
    ]


def test_another_count_that_is_somewhere_else_is_a_level(extract):
    facts = extract(
        "Around 90 Irish soldiers serve with the mission in Mali; another 130 are in Lebanon.",
        published="2023-02-28",
    )
    assert [(lv.count, lv.location) for lv in facts.troop_levels] == [
        (90, "Mali"),
        (130, "Lebanon"),
    ]


def test_completing_a_withdrawal_by_a_date_leaves_none(extract):
    facts = extract(
        "With about 200 soldiers left in Mali, Sweden will complete its withdrawal by the end "
        "of June.",
        published="2022-05-10",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (200, "reported", "2022-05-10"),
        (0, "planned", "2022-06"),
    ]


def test_a_count_parsed_as_an_adjectival_complement(extract):
    facts = extract(
        "The troop strength of the UN mission in Lebanon is roughly 10,000, drawn from almost "
        "50 countries.",
        published="2024-03-12",
    )
    assert [(lv.force, lv.count, lv.qualifier) for lv in facts.troop_levels] == [
        ("UN", 10000, "approx")
    ]


def test_a_count_the_parser_hung_on_the_aside_after_it(extract):
    # tl-804 with 'some' swapped for 'approximately' by bench/robustness.py: the parser
    # makes 54,000 count 'deployment'
    facts = extract(
        "U.S. forces in Japan total approximately 54,000, the largest American deployment abroad.",
        published="2023-02-27",
    )
    assert [(lv.count, lv.location) for lv in facts.troop_levels] == [(54000, "Japan")]


def test_a_comma_less_count_of_soldiers_after_the_is_no_year(extract):
    facts = extract(
        "The 1300 Romanian soldiers taking part in the exercise will return to their bases on "
        "Friday.",
        published="2024-07-23",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [
        (1300, "reported"),
        (0, "planned"),
    ]


def test_a_comma_less_count_measuring_a_force_is_no_year(extract):
    # like tl-132 and tl-134 without their commas, as bench/robustness.py writes them
    facts = extract(
        "Montenegro, which joined the alliance this month, has an army of only 2000. The "
        "Dutch presence in Uruzgan peaked at around 1900 in 2009.",
        published="2017-06-14",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [
        (2000, "2017-06-14"),
        (1900, "2009"),
    ]


def test_a_size_participle_set_off_by_commas_is_its_own_clause(extract):
    facts = extract(
        "The Slovak contingent in Latvia, numbering just under 150, is commanded this year by "
        "a woman for the first time.",
        published="2024-04-23",
    )
    assert [(lv.count, lv.qualifier, str(lv.date)) for lv in facts.troop_levels] == [
        (150, "at_most", "2024-04-23")
    ]


def test_another_count_serving_elsewhere_is_a_level(extract):
    # the tagger reads 'serve' after the bare count as a noun
    facts = extract(
        "Nepal has about 900 soldiers in Lebanon. Another 75 serve in the Golan Heights.",
        published="2024-05-02",
    )
    assert [(lv.count, lv.location) for lv in facts.troop_levels] == [
        (900, "Lebanon"),
        (75, "Golan Heights"),
    ]


def test_a_bare_count_is_placed_by_its_own_sentence(extract):
    facts = extract(
        "Austria has about 180 soldiers in Lebanon. Another 60 serve in Bosnia.",
        published="2024-05-02",
    )
    assert [(lv.count, lv.location) for lv in facts.troop_levels] == [
        (180, "Lebanon"),
        (60, "Bosnia"),
    ]


def test_a_count_hung_on_today_is_the_verbs_object(extract):
    facts = extract(
        "Romania wants an army of 100,000. It has roughly 71,000 today, counting the reserve.",
        published="2024-01-09",
    )
    assert [(lv.force, lv.count, lv.status) for lv in facts.troop_levels] == [
        ("Romania", 100000, "planned"),
        ("Romania", 71000, "reported"),
    ]


def test_a_force_in_place_on_a_date_has_its_size_then(extract):
    facts = extract(
        "Each of the new battalions will number about 1,000 soldiers and should be fully "
        "operational by mid-2026, Finland said.",
        published="2024-11-20",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (1000, "planned", "2026")
    ]


def test_troops_ordered_to_prepare_are_on_standby_now(extract):
    facts = extract(
        "Britain has ordered 600 paratroopers to prepare for deployment to Cyprus. It has also "
        "ordered 300 marines to sail to Cyprus next week.",
        published="2023-10-20",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [
        (600, "reported"),
        (300, "planned"),
    ]


def test_the_nationals_of_the_force_just_counted_leave(extract):
    facts = extract(
        "Niger has told the Italians to pull out the roughly 300 soldiers they keep near "
        "Niamey. The Italians are expected to be gone by the end of March.",
        published="2025-02-03",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (300, "reported", "2025-02-03"),
        (0, "planned", "2025-03"),
    ]


def test_troops_moved_with_no_one_destination_are_a_change(extract):
    facts = extract(
        "Tokyo and Washington agreed to cut the Marine force on Okinawa to 10,000. About 9,000 "
        "Marines will be relocated, some to Guam and the rest to Hawaii. Australia has moved "
        "400 soldiers to Darwin.",
        published="2024-07-28",
    )
    assert [lv.count for lv in facts.troop_levels] == [10000, 400]


def test_a_deployment_not_before_a_date_is_dated_by_it(extract):
    facts = extract(
        "Norway will have 400 soldiers in Lithuania by 2027, but the first 100 will not arrive "
        "until next spring.",
        published="2025-10-01",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (400, "planned", "2027"),
        (100, "planned", "2026"),
    ]


def test_a_size_it_had_before_is_dated_by_its_clause(extract):
    facts = extract(
        "Canada will keep some 800 soldiers in Latvia next year, officials said, rather than "
        "the 1,200 it had there last autumn.",
        published="2023-06-05",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (800, "planned", "2024"),
        (1200, "reported", "2022"),
    ]


def test_it_for_the_army_of_the_sentence_before(extract):
    facts = extract(
        "Chile's army patrols the northern border. It numbers roughly 45,000, the ministry says.",
        published="2024-03-01",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [("Chile", 45000)]


def test_a_count_after_a_ceiling_on_the_same_troops_is_a_level(extract):
    facts = extract(
        "The new mandate allows up to 250 Danish soldiers in Iraq; about 120 are there now.",
        published="2024-04-10",
    )
    assert [(lv.count, lv.location) for lv in facts.troop_levels] == [(120, "Iraq")]


def test_an_answer_of_a_hundred_counts_the_troops_asked_about(extract):
    facts = extract(
        'Asked how many Chinese soldiers are in Djibouti, the envoy replied: "About a thousand."',
        published="2021-05-12",
    )
    assert [(lv.force, lv.count, lv.qualifier) for lv in facts.troop_levels] == [
        ("China", 1000, "approx")
    ]


def test_the_force_newcomers_join_is_there_now(extract):
    facts = extract(
        "Portugal voted to send 150 soldiers to Romania. They will reinforce the "
        "3,000-strong French-led brigade there in May.",
        published="2022-03-08",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (150, "planned", "2022-03-08"),
        (3000, "reported", "2022-03-08"),
    ]


def test_all_of_its_troops_brought_home_by_a_date(extract):
    facts = extract(
        "Austria will bring all 160 of its soldiers stationed on the Golan Heights home by the "
        "end of June.",
        published="2024-01-15",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (160, "reported", "2024-01-15"),
        (0, "planned", "2024-06"),
    ]


def test_its_entire_contingent_home_is_its_size_now_and_none_later(extract):
    facts = extract(
        "Ghana said its entire contingent of 870 soldiers in Mali would be home by the end of "
        "next year, when the UN mission there closes.",
        published="2023-04-04",
    )
    assert sorted((lv.force, lv.count, lv.status) for lv in facts.troop_levels) == [
        ("Ghana", 0, "planned"),
        ("Ghana", 870, "reported"),
    ]


def test_an_answer_in_single_quotation_marks(extract):
    facts = extract(
        "How many soldiers does France still have in Chad? 'About 1,000,' an army spokesman "
        "said on Monday.",
        published="2023-10-02",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [("France", 1000)]


def test_of_which_after_something_else_counts_no_troops(extract):
    facts = extract(
        "Poland has about 3,000 troops near the border and will buy more Abrams tanks, of "
        "which the army has 250.",
        published="2024-02-12",
    )
    assert [lv.count for lv in facts.troop_levels] == [3000]


def test_a_floor_is_no_level(extract):
    facts = extract(
        "About 36,000 American troops are in Germany. A new law bars the president from "
        "cutting the force below 30,000, and officials say it will not drop below 33,000 "
        "this year.",
        published="2024-12-20",
    )
    assert [lv.count for lv in facts.troop_levels] == [36000]


def test_some_of_them_moved_elsewhere_are_a_change(extract):
    facts = extract(
        "Some 2,500 US Marines are based in Darwin, and the allies agreed that about 800 of them "
        "will be moved to Guam next year.",
        published="2024-09-01",
    )
    assert [lv.count for lv in facts.troop_levels] == [2500]


def test_home_to_a_count_is_its_size_now(extract):
    facts = extract(
        "The French base in Djibouti, home to about 1,500 soldiers, will shrink to 1,000 "
        "troops by 2026.",
        published="2024-06-11",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (1500, "reported", "2024-06-11"),
        (1000, "planned", "2026"),
    ]


def test_a_clause_goes_on_past_an_aside_of_saying(extract):
    facts = extract(
        "Peru had about 6,000 soldiers on the border last year. The figure has since fallen to "
        "about 4,000, the defence ministry said, and is expected to drop to 3,000 early next "
        "year.",
        published="2025-05-05",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (6000, "reported", "2024"),
        (4000, "reported", "2025-05-05"),
        (3000, "planned", "2026"),
    ]


def test_already_does_not_date_a_count_by_publication(extract):
    facts = extract(
        "The coalition already had about 9,000 troops in Iraq as of last month, an official said.",
        published="2017-03-14",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [(9000, "2017-02")]


def test_a_verb_tagged_as_a_noun_with_its_subject_as_a_modifier(extract):
    facts = extract(
        "The United States stations about 24,000 service members in Bahrain.",
        published="2021-07-07",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [("United States", 24000)]


def test_a_contingent_of_soldiers_from_a_country_is_its_troops(extract):
    facts = extract(
        "A contingent of four hundred soldiers from Bangladesh was flown into Juba on Sunday.",
        published="2024-08-19",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [("Bangladesh", 400)]


def test_a_rotation_that_numbers_people(extract):
    facts = extract(
        "Next year's British rotation in Estonia will number about 900. Last year's rotation "
        "numbered 1,100, the ministry said.",
        published="2024-10-10",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (900, "planned", "2025"),
        (1100, "reported", "2023"),
    ]


def test_a_part_of_a_planned_count_is_planned_too(extract):
    facts = extract(
        "A new NATO battlegroup in Hungary is expected to number about 1,200 troops by April, "
        "up to 300 of them from Croatia, officials in Budapest said on Friday.",
        published="2025-01-20",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (1200, "planned", "2025-04"),
        (300, "planned", "2025-04"),
    ]


def test_an_acronym_before_a_force_names_it(extract):
    facts = extract(
        "Leaders agreed to deploy a SADC standby force of up to 3,000 troops, a diplomat said.",
        published="2021-06-24",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [("SADC", 3000)]


def test_what_a_unit_cut_leaves_is_a_level(extract):
    facts = extract(
        "Norway will cut its 300-strong mission in Iraq by 100 soldiers, leaving about 200 by "
        "June, officials said.",
        published="2024-01-30",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (300, "reported", "2024-01-30"),
        (200, "planned", "2024-06"),
    ]


def test_the_unit_replaced_is_there_now(extract):
    facts = extract(
        "Austria will send 190 soldiers to Lebanon in the spring. They will relieve a smaller "
        "Austrian unit of eighty soldiers that has served there since 2021.",
        published="2023-11-02",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [
        (190, "planned"),
        (80, "reported"),
    ]


def test_military_officers_are_troops_and_police_officers_are_not(extract):
    facts = extract(
        "Uruguay has 12 army officers in Congo and 30 police officers in Haiti.",
        published="2022-09-09",
    )
    assert [(lv.count, lv.location) for lv in facts.troop_levels] == [(12, "Congo")]


def test_a_date_the_model_took_into_a_place(extract):
    facts = extract(
        "Senegal will deploy about 600 soldiers to a regional force in the Sahel early next "
        "year, its army said.",
        published="2025-04-14",
    )
    assert [(lv.count, str(lv.date), lv.date_mod) for lv in facts.troop_levels] == [
        (600, "2026", "START")
    ]


def test_dates_said_as_mid_year_and_as_a_month_of_next_year(extract):
    facts = extract(
        "Chile will send up to 300 troops to Haiti by mid-year. Peru will have 200 soldiers "
        "there by April next year.",
        published="2025-02-03",
    )
    assert [(lv.count, str(lv.date), lv.date_mod) for lv in facts.troop_levels] == [
        (300, "2025", "MID"),
        (200, "2026-04", None),
    ]


def test_none_since_after_a_level_in_the_sentence_before(extract):
    facts = extract(
        "At its peak in 2006, Poland had some 2,500 troops in Iraq. Warsaw has had none in the "
        "country since 2011.",
        published="2020-06-01",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [
        (2500, "2006"),
        (0, "2020-06-01"),
    ]


def test_an_old_count_right_before_a_spelled_out_date(extract):
    facts = extract(
        "Norway has about 700 troops in Lithuania, up from 150 two years ago, a Norwegian "
        "official said.",
        published="2024-05-20",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [
        (700, "2024-05-20"),
        (150, "2022"),
    ]


def test_a_dated_change_set_off_by_commas_before_the_verb(extract):
    facts = extract(
        "Spain's contingent in Latvia, up from 300 in 2019 to about 600 now, will grow to 800 "
        "by 2026, the ministry said.",
        published="2024-02-02",
    )
    assert sorted((lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels) == [
        (300, "reported", "2019"),
        (600, "reported", "2024-02-02"),
        (800, "planned", "2026"),
    ]


def test_a_size_a_mandate_allows_is_a_ceiling(extract):
    facts = extract(
        "The UN mission in Cyprus has about 800 troops, well below the 1,100 allowed by its "
        "mandate. Canada has 20 soldiers authorized to deploy there.",
        published="2023-03-03",
    )
    assert [lv.count for lv in facts.troop_levels] == [800, 20]


def test_a_deadline_the_parser_hung_on_the_saying(extract):
    facts = extract(
        "About 400 Japanese troops are to be stationed on Miyako, a small island, by June "
        "next year, the ministry said, adding to the 200 already posted on Amami.",
        published="2024-08-01",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (400, "planned", "2025-06"),
        (200, "reported", "2024-08-01"),
    ]


def test_an_answer_with_a_verb_of_its_own(extract):
    facts = extract(
        "How many Italian soldiers are in Iraq? Officials put the figure at about 600, and all "
        "of them will be out of the country by the end of May. About 50 will stay on in Erbil, "
        "a spokesman said.",
        published="2024-02-01",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (600, "reported", "2024-02-01"),
        (0, "planned", "2024-05"),
        (50, "planned", "2024-02-01"),
    ]


def test_a_unit_changed_to_a_count(extract):
    facts = extract(
        "Spain plans to double its 130-strong detachment in Senegal to 260 by next spring.",
        published="2024-09-12",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (130, "reported", "2024-09-12"),
        (260, "planned", "2025"),
    ]


def test_whose_troops_a_relative_clause_says(extract):
    facts = extract(
        "That is fewer than the 3,000 troops Sweden is to station in Finland by 2028, but more "
        "than the 450-strong battalion Norway keeps in Lithuania.",
        published="2025-03-03",
    )
    assert [(lv.force, lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        ("Sweden", 3000, "planned", "2028"),
        ("Norway", 450, "reported", "2025-03-03"),
    ]


def test_as_recently_as_and_until_in_the_past_date_a_count(extract):
    facts = extract(
        "The French presence in Niger numbered about 1,500 as recently as last year. Chad, "
        "which hosted about 90 French special forces until March, wants none now.",
        published="2024-06-10",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels][:2] == [
        (1500, "2023"),
        (90, "2024-03"),
    ]


def test_completing_the_withdrawal_of_all_troops_by_a_date(extract):
    facts = extract(
        "Germany said it would complete the withdrawal of all German troops from Mali by "
        "December 31.",
        published="2023-05-05",
    )
    assert [(lv.force, lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        ("Germany", 0, "planned", "2023-12-31")
    ]


def test_a_bodys_strength_of_a_count(extract):
    facts = extract(
        "The mission's current strength of 4,800 is drawn from seven countries.",
        published="2022-01-01",
    )
    facts_before = extract(
        "UN peacekeepers have served in Abyei since 2011. The mission's current strength of "
        "3,100 is drawn from seven countries.",
        published="2022-01-01",
    )
    assert [lv.count for lv in facts.troop_levels] == []  # no force named
    assert [(lv.force, lv.count) for lv in facts_before.troop_levels] == [("UN", 3100)]


def test_the_figure_answering_a_question(extract):
    facts = extract(
        "How many U.S. troops does Japan host? The official figure is 54,000; in 1995 it was "
        "about forty-seven thousand.",
        published="2023-02-11",
    )
    # the date of the clause after the semicolon is not the figure's
    first = facts.troop_levels[0]
    assert (first.count, str(first.date)) == (54000, "2023-02-11")


def test_a_denial_before_a_colon_denies_something_else(extract):
    facts = extract(
        "Posts say France has doubled its force in Chad. It has not: about 1,000 French "
        "soldiers were in the country last month.",
        published="2023-05-10",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [(1000, "2023-04")]


def test_an_acronym_the_model_missed_names_the_force(extract):
    facts = extract(
        "UNFICYP had about 900 peacekeepers at its peak in 2018.",
        published="2024-02-02",
    )
    assert [(lv.force, lv.count, str(lv.date)) for lv in facts.troop_levels] == [
        ("UNFICYP", 900, "2018")
    ]


def test_a_factbox_of_keyed_lines_under_a_wire_label(extract):
    facts = extract(
        "FACTBOX-Top troop contributors to the UN force in South Sudan\nRwanda: about 2,700\n"
        "Nepal: 1,700\nIn all, the UN has about 13,000 peacekeepers there; its mandate "
        "allows up to 17,000.",
        published="2023-02-02",
    )
    assert [(lv.force, lv.count) for lv in facts.troop_levels] == [
        ("Rwanda", 2700),
        ("Nepal", 1700),
        ("UN", 13000),
    ]


def test_interview_lines_are_no_factbox(extract):
    facts = extract(
        "Q&A-How many troops does Britain have in Estonia?\nQ: How many?\nA: About 900.",
        published="2023-02-02",
    )
    assert all(lv.force != "A" for lv in facts.troop_levels)


def test_an_event_a_possessive_date_names_is_not_the_counts_date(extract):
    facts = extract(
        "Armenia has deployed about 3,000 troops near the border since last month's clashes.",
        published="2023-10-05",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [(3000, "2023-10-05")]


def test_an_old_value_dated_by_the_clause_on_its_troops(extract):
    facts = extract(
        "Peru's army will deploy about 5,000 soldiers in Lima during the summit, up from the "
        "2,000 troops deployed in the city in March, the ministry said.",
        published="2024-10-02",
    )
    assert [(lv.count, str(lv.date)) for lv in facts.troop_levels] == [
        (5000, "2024-10-02"),
        (2000, "2024-03"),
    ]


def test_troops_whose_staying_is_in_question_are_there_now(extract):
    facts = extract(
        "Kenya has not said whether its roughly 3,000 troops in Somalia will stay.",
        published="2024-09-15",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [(3000, "reported")]


def test_parts_of_a_count_that_come_from_other_countries(extract):
    facts = extract(
        "The NATO battlegroup in Romania has about 900 soldiers. Of those, 500 come from "
        "France, 250 from Belgium and 150 from Portugal, officials said.",
        published="2023-04-04",
    )
    assert [(lv.force, lv.location, lv.count) for lv in facts.troop_levels] == [
        ("NATO", "Romania", 900),
        ("France", "Romania", 500),
        ("Belgium", "Romania", 250),
        ("Portugal", "Romania", 150),
    ]


def test_a_spelled_count_of_two_scales_the_model_calls_a_date(extract):
    facts = extract(
        "Ghana has two thousand five hundred troops in Lebanon, where it has served since 1979.",
        published="2025-01-27",
    )
    assert [lv.count for lv in facts.troop_levels] == [2500]


def test_a_verb_sharing_a_modal_shares_its_date(extract):
    facts = extract(
        "Norway will take over the mission in March next year and raise its contingent there "
        "to about 300 soldiers, the ministry said.",
        published="2024-06-06",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (300, "planned", "2025-03")
    ]


def test_an_infantry_group_with_a_size_is_a_unit(extract):
    facts = extract(
        "Finland will send a 250-strong infantry group to Lebanon in October.",
        published="2024-06-06",
    )
    assert [(lv.count, lv.status, str(lv.date)) for lv in facts.troop_levels] == [
        (250, "planned", "2024-10")
    ]


def test_a_named_force_that_was_a_size_when_it_arrived(extract):
    facts = extract(
        "SFOR, which was about 32,000 strong when it deployed in Bosnia in 1996, now numbers "
        "roughly 7,000 troops there.",
        published="2004-03-05",
    )
    assert sorted((lv.count, str(lv.date)) for lv in facts.troop_levels) == [
        (7000, "2004-03-05"),
        (32000, "1996"),
    ]


def test_a_number_that_could_rise_if_is_a_condition(extract):
    facts = extract(
        "Ecuador has 150 soldiers in Haiti. Their number could rise to 400 by the spring if "
        "Congress approves the funding.",
        published="2024-12-02",
    )
    assert [lv.count for lv in facts.troop_levels] == [150]


def test_bringing_a_contingent_back_up_to_a_size_is_no_departure(extract):
    facts = extract(
        "Italy has about 800 soldiers in Lebanon. Rome said it would bring its contingent back "
        "up to 1,100 if the fighting spread.",
        published="2024-10-10",
    )
    assert [lv.count for lv in facts.troop_levels] == [800]


def test_conditions_the_parser_hangs_elsewhere(extract):
    facts = extract(
        "Georgia keeps about 2,000 soldiers on the boundary, a think tank estimates, and could "
        "cut that to 1,200 if talks held through the winter. Tbilisi is also planning a force "
        "of up to 5,000 troops that could be sent north if a truce is agreed.",
        published="2024-02-02",
    )
    assert [lv.count for lv in facts.troop_levels] == [2000]


def test_a_treaty_allowing_a_force_to_keep_a_count_is_a_ceiling(extract):
    facts = extract(
        "Russia now has at least 9,000 troops in Tajikistan. A 2012 treaty allows Moscow to "
        "keep up to 12,000 in the country.",
        published="2019-04-04",
    )
    assert [lv.count for lv in facts.troop_levels] == [9000]


def test_an_advance_party_with_a_size_is_a_unit(extract):
    facts = extract(
        "Finland expects to have 500 soldiers in Lebanon by May. A 40-strong advance party has "
        "been in Naqoura since Sunday.",
        published="2024-02-05",
    )
    assert [(lv.count, lv.status) for lv in facts.troop_levels] == [
        (500, "planned"),
        (40, "reported"),
    ]


def test_two_dozen_with_the_scale_parsed_as_a_modifier(extract):
    facts = extract("Belize has about two dozen soldiers in Haiti.", published="2024-12-02")
    assert [(lv.count, lv.qualifier) for lv in facts.troop_levels] == [(24, "approx")]


def test_troops_listed_as_missing_are_no_level(extract):
    facts = extract(
        "Armenia's army numbers about 45,000. Some 200 Armenian soldiers are listed as "
        "missing, and 40 more remain missing after the clashes.",
        published="2023-10-10",
    )
    assert [lv.count for lv in facts.troop_levels] == [45000]


def test_gold_troop_levels(extractor: Extractor):
    """Measured at F1 0.972 (P 0.984, R 0.960) on 2,093 levels when last tuned."""
    precision, recall, f1 = score(extractor, GOLD / "troop_levels.jsonl")
    assert f1 >= 0.90, (precision, recall, f1)


def test_holdout_troop_levels_never_tuned_on(extractor: Extractor):
    """Written after the rules and never tuned on: F1 0.884 (P 0.915, R 0.855) on 695 levels;
    the margin allows for small drift in the parse and the entities."""
    precision, recall, f1 = score(extractor, GOLD / "troop_levels_holdout.jsonl")
    assert f1 >= 0.80, (precision, recall, f1)
