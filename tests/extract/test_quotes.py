import spacy
from spacy.tokens import Doc

from app.extract.cues import find_cues


def quotes_by(facts, speaker):
    return [q for q in facts.quotes if q.speaker == speaker]


def test_said_after_and_before_the_speaker(extract):
    facts = extract(
        "“The bridge will reopen within a week,” Mayor Elena Petrova said on Monday.\n\n"
        "Said Tomas Berg, the city engineer: “We have checked every cable twice.”"
    )
    petrova = quotes_by(facts, "Elena Petrova")
    assert [q.text for q in petrova] == ["The bridge will reopen within a week"]
    assert petrova[0].kind == "direct" and petrova[0].cue == "said"
    assert any(q.text.startswith("We have checked") for q in quotes_by(facts, "Tomas Berg"))


def test_he_said_resolves_to_the_previous_named_speaker(extract):
    facts = extract(
        "Energy minister Kwame Asante defended the plan. “Prices will fall by spring,” Asante said. "
        "“Nobody should panic about the winter,” he said."
    )
    asante = [q for q in quotes_by(facts, "Kwame Asante") if q.kind == "direct"]
    assert len(asante) == 2
    assert asante[1].speaker_mention.text == "he"


def test_a_quote_split_around_the_cue_is_one_quote_with_two_segments(extract):
    text = (
        "“We did not expect this result,” she said, “but we will accept it.” "
        "The statement came from Ines Duarte, who leads the party."
    )
    facts = extract("Party leader Ines Duarte spoke late on Sunday. " + text)
    direct = [q for q in facts.quotes if q.kind == "direct"]
    assert len(direct) == 1
    assert len(direct[0].segments) == 2
    assert direct[0].speaker == "Ines Duarte"


def test_reported_speech_and_partial_quotes(extract):
    facts = extract(
        "The agreement was a “turning point” for the region, diplomats in Geneva say. "
        "Farmers’ union head Lars Nilsen said that the new tariffs would hurt exports badly."
    )
    partial = [q for q in facts.quotes if q.kind == "partial"]
    assert [q.text for q in partial] == ["turning point"]
    assert partial[0].speaker_mention.text == "diplomats in Geneva"
    indirect = [q for q in facts.quotes if q.kind == "indirect"]
    assert any(
        q.speaker == "Lars Nilsen" and q.text.startswith("the new tariffs would hurt")
        for q in indirect
    )


def test_according_to_names_the_source(extract):
    facts = extract(
        "The convoy was stopped twice at the border, according to the Red Cross Committee in Amman."
    )
    [quote] = [q for q in facts.quotes if q.cue == "according to"]
    assert quote.text.startswith("The convoy was stopped twice")
    assert "Red Cross" in quote.speaker_mention.text


def test_unnamed_source_kept_as_speaker_text(extract):
    facts = extract(
        "The ministry welcomed “the swift and peaceful handover of the northern checkpoints” "
        "a government statement said."
    )
    [quote] = [q for q in facts.quotes if q.kind != "indirect"]
    assert quote.speaker is None
    assert quote.speaker_mention.text == "a government statement"


def test_scare_quotes_without_a_cue_are_not_quotes(extract):
    facts = extract("The so-called “peace dividend” never arrived in the valley towns.")
    assert facts.quotes == []


def test_quoted_show_titles_are_not_partial_quotes(extract):
    facts = extract(
        "Senator Ruth Adeyemi said on “Morning Report” that the budget was “deeply unfair” "
        "to rural towns."
    )
    partial = [q.text for q in facts.quotes if q.kind == "partial"]
    assert partial == ["deeply unfair"]


def test_a_quoted_paragraph_without_a_cue_continues_the_quote(extract):
    facts = extract(
        "“We will rebuild the bridge,” Mayor Elena Petrova said.\n\n"
        "“And we will do it before the winter comes back.”"
    )
    [quote] = [q for q in facts.quotes if q.kind == "direct"]
    assert len(quote.segments) == 2
    assert quote.speaker == "Elena Petrova"


def test_a_long_attribution_sentence_between_two_quotes_keeps_one_speaker(extract):
    facts = extract(
        "“The harbour will be dredged by June,” said Ana Ruiz, a port engineer who has worked "
        "on the project since it began in 2019 and who advised the city on its budget. "
        "“After that, the big ships can come back.”"
    )
    [quote] = [q for q in facts.quotes if q.kind == "direct"]
    assert [quote.text[:11], len(quote.segments)] == ["The harbour", 2]
    assert quote.speaker == "Ana Ruiz"


def test_a_short_exclamation_before_its_speaker_is_a_direct_quote(extract):
    facts = extract("“No more delays,” the engineers shouted as the minister left the hall.")
    [quote] = facts.quotes
    assert (quote.kind, quote.text, quote.cue) == ("direct", "No more delays", "shouted")
    assert quote.speaker_mention.text == "the engineers"


def test_a_quote_after_reported_speech_closed_by_its_cue_continues_it(extract):
    text = (
        "Most shops will stay open during the strike, Pavel Novak said. "
        "“Nobody wants the customers to suffer.”"
    )
    [quote] = extract(text).quotes
    assert [text[s.start : s.end] for s in quote.segments] == [
        "Most shops will stay open during the strike",
        "Nobody wants the customers to suffer.",
    ]
    assert quote.speaker == "Pavel Novak"


def test_a_passive_cue_with_an_agent_reports_on_its_subject(extract):
    facts = extract("The new zoning plan was rejected by the city council on Tuesday.")
    [quote] = facts.quotes
    assert (quote.text, quote.cue) == ("The new zoning plan", "rejected")
    assert quote.speaker_mention.text == "the city council"


def test_a_gerund_object_is_the_content(extract):
    facts = extract("Senator Maria Okafor supports raising the minimum wage to fifteen dollars.")
    [quote] = facts.quotes
    assert quote.text == "raising the minimum wage to fifteen dollars"
    assert quote.speaker == "Maria Okafor"


def test_a_preposition_before_the_cue_is_not_its_content(extract):
    facts = extract("On the radio, Mayor Tomas Berg called the levy “a tax on farmers.”")
    [quote] = [q for q in facts.quotes if q.cue == "called"]
    assert quote.text.startswith("the levy")


def test_an_allegation_with_nobody_named_is_still_an_attribution(extract):
    facts = extract("There were allegations that the treasurer had misused public funds.")
    [quote] = facts.quotes
    assert quote.text == "the treasurer had misused public funds"
    assert quote.speaker_mention is None


def test_also_known_as_is_not_a_cue_swallowing_its_sentence(extract):
    facts = extract("Moreau vowed to crush the Front, also known as the FLN.")
    [quote] = facts.quotes
    assert (quote.cue, quote.text) == ("vowed", "to crush the Front")


def test_a_question_and_its_speaker_in_the_next_sentence_continue_one_quote(extract):
    facts = extract(
        "Mayor Lena Ortiz met flood victims on Friday.\n\n"
        "“Can the dam hold another winter?” Ortiz asked. “Nobody can promise that.”"
    )
    [quote] = [q for q in facts.quotes if q.kind == "direct"]
    assert quote.cue == "asked" and quote.speaker == "Lena Ortiz"
    assert len(quote.segments) == 2 and quote.text.endswith("Nobody can promise that.")


def test_a_speaker_after_an_inverted_cue_is_not_taken_from_the_quote_before(extract):
    facts = extract(
        "“The vote was rushed through in a single night,” "
        "said the council leader, Karl Weiss.\n\n"
        "“Half of us had not read the plan,” added another council member."
    )
    added = [q for q in facts.quotes if q.cue == "added"]
    assert [q.text for q in added] == ["Half of us had not read the plan"]
    assert added[0].speaker_mention.text == "another council member"


def test_seems_and_appears_report_the_whole_clause_without_a_source(extract):
    facts = extract("The negotiators appeared exhausted after the final round of talks.")
    [quote] = facts.quotes
    assert quote.cue == "appeared" and quote.speaker_mention is None
    assert quote.text.startswith("The negotiators appeared exhausted")


def test_seems_before_a_cue_keeps_its_subject_as_speaker(extract):
    facts = extract("Senator Nora Lind seemed to urge her party to delay the vote.")
    [quote] = facts.quotes
    assert quote.speaker == "Nora Lind"
    assert quote.text == "to urge her party to delay the vote"


def test_seen_as_takes_the_subject_and_the_judgement(extract):
    text = "The new bridge is widely seen as a symbol of the city's recovery."
    [quote] = extract(text).quotes
    assert [text[s.start : s.end] for s in quote.segments] == [
        "The new bridge",
        "a symbol of the city's recovery",
    ]
    assert quote.speaker_mention is None


def test_a_leading_as_clause_reports_the_main_clause(extract):
    facts = extract("As Reuters reported on Monday, the company will cut two thousand jobs.")
    [quote] = facts.quotes
    assert quote.speaker_mention.text == "Reuters"
    assert quote.text == "the company will cut two thousand jobs"


def test_likely_to_say_takes_the_subject_of_the_sentence(extract):
    facts = extract("Younger voters are more likely to say that the tax should fall.")
    [quote] = facts.quotes
    assert quote.speaker_mention.text == "Younger voters"
    assert quote.text == "the tax should fall"


def test_the_clause_after_the_verb_wins_over_one_before_a_colon(extract):
    facts = extract(
        "There is little agreement on housing: 40% say the city should build more flats."
    )
    [quote] = facts.quotes
    assert quote.text == "the city should build more flats"


def test_a_coordinated_report_is_an_attribution_of_its_own(extract):
    facts = extract(
        "Ortiz said the repairs had finished early and suggested that the tolls would return."
    )
    by_cue = {q.cue: q for q in facts.quotes}
    assert by_cue["said"].text == "the repairs had finished early"
    assert by_cue["suggested"].text == "the tolls would return"
    assert by_cue["suggested"].speaker_mention.text == "Ortiz"


def test_a_coordinated_instruction_is_an_attribution_of_its_own(extract):
    facts = extract(
        'The ministry said it was "firmly opposed" to the strike and urged both unions '
        "to return to talks."
    )
    by_cue = {q.cue: q for q in facts.quotes if q.kind == "indirect"}
    assert by_cue["said"].text == 'it was "firmly opposed" to the strike'
    assert by_cue["urged"].text == "both unions to return to talks"
    assert by_cue["urged"].speaker_mention.text == "The ministry"


def test_a_coordinated_instruction_after_an_accusation_is_its_own(extract):
    facts = extract(
        "The union will also accuse the council’s staff of being “fooled” by “a fraud” and "
        "encourage members to look at what it called the city’s “final offer.”"
    )
    by_cue = {q.cue: q for q in facts.quotes if q.kind == "indirect"}
    assert "encourage" not in by_cue["accuse"].text
    assert by_cue["accuse"].text.endswith("by “a fraud”")
    assert by_cue["encourage"].speaker_mention.text == "The union"


def test_a_clause_the_parser_hung_on_a_time_phrase_is_reported(extract):
    """'reported at the time that X', with 'that' taken for a relative adverb of 'time'."""
    facts = extract(
        "The Ledger reported at the time that the mayor, Ana Bell, told her staff that the "
        "plan was “not in line with our budget.”"
    )
    reported = [q for q in facts.quotes if q.cue.startswith("reported")]
    assert len(reported) == 1
    assert reported[0].speaker_mention.text == "The Ledger"
    assert reported[0].text.startswith("that the mayor, Ana Bell, told her staff")


def test_a_coordinated_instruction_in_another_tense_stays_in_the_content(extract):
    facts = extract("Ortiz said a few drivers block the road and encourage others to join them.")
    [quote] = facts.quotes
    assert quote.text == "a few drivers block the road and encourage others to join them"


def test_a_contrasting_report_by_another_speaker_is_its_own(extract):
    facts = extract('Ortiz refers to the mayor as "Ms. Hale," while Hale refers to him as "Luis."')
    by_speaker = {q.speaker_mention.text: q for q in facts.quotes if q.kind == "indirect"}
    assert by_speaker["Ortiz"].text == 'the mayor as "Ms. Hale,"'
    assert by_speaker["Hale"].text == 'him as "Luis."'


def test_the_writers_word_for_a_report_is_not_part_of_it(extract):
    facts = extract(
        'Mayor Lopez called him a "dreamer," a pointed jab at a rival who entered politics '
        "as a reformer.\n\n"
        'Ortiz said some renters would pay "a little more" in fees, an acknowledgment that '
        "her opponents quickly seized on."
    )
    by_cue = {q.cue: q for q in facts.quotes if q.kind == "indirect"}
    assert by_cue["called"].text == 'him a "dreamer,"'
    assert by_cue["said"].text == 'some renters would pay "a little more" in fees'


def test_a_which_clause_after_the_quoted_words_is_the_writers(extract):
    facts = extract(
        'Lopez described the judge as "biased," which is what some critics call anyone who '
        "rules against him."
    )
    [quote] = [q for q in facts.quotes if q.cue == "described" and q.kind == "indirect"]
    assert quote.text == 'the judge as "biased,"'


def test_a_contrasting_report_after_while_is_its_own(extract):
    facts = extract(
        'Lopez accuses Ruiz of running a "cynical campaign" about the budget while Ruiz '
        "suggests the mayor is a captive of developers."
    )
    by_cue = {q.cue: q for q in facts.quotes if q.kind == "indirect"}
    assert by_cue["accuses"].text == 'running a "cynical campaign" about the budget'
    assert by_cue["suggests"].text == "the mayor is a captive of developers"
    assert by_cue["suggests"].speaker_mention.text == "Ruiz"


def test_an_instruction_after_a_told_object_and_its_quoted_sequel(extract):
    facts = extract(
        "Lopez tells her volunteers at a Denver rally to “knock on every door” and then "
        "“call every neighbor you have and make sure they vote.”"
    )
    [report] = [q for q in facts.quotes if q.kind == "indirect"]
    assert report.text.startswith("her volunteers at a Denver rally to “knock on every door”")
    assert report.text.endswith("make sure they vote.”")
    assert report.cue == "tells" and report.speaker_mention.text == "Lopez"


def test_a_sentence_ending_in_its_speaker_reports_all_before_the_comma(extract):
    facts = extract("Those who take on heavy debt struggle, even with a good job, the dean said.")
    [quote] = facts.quotes
    assert quote.text == "Those who take on heavy debt struggle, even with a good job"
    assert quote.speaker_mention.text == "the dean"


def test_while_adding_starts_the_speakers_next_report(extract):
    facts = extract(
        "Ruiz insisted it was “premature” to back the plan while adding on budget matters, "
        "“I have no doubt the mayor means well.”"
    )
    [report] = [q for q in facts.quotes if q.kind == "indirect"]
    assert report.text == "it was “premature” to back the plan"


def test_according_to_when_the_parser_hangs_the_clause_on_the_source(extract):
    facts = extract(
        "According to radio host Dan Ortiz, the move reeks of “fear” and desperation.\n\n"
        "The council meets again on Monday."
    )
    [quote] = [q for q in facts.quotes if q.kind == "indirect"]
    assert quote.text == "the move reeks of “fear” and desperation"
    assert quote.speaker == "Dan Ortiz"


def test_a_coordinated_clause_that_quotes_goes_on_with_the_report(extract):
    facts = extract(
        "The mayor also said that it was too early to tell whether the fire was set on "
        "purpose, and there was “no evidence” yet that it was an act of arson.\n\n"
        'Reyes said both Lopez and Ruiz are "lightweights in the council," but he gave the '
        'mayor a back-handed compliment: "You never have to guess where she stands."'
    )
    reports = [q.text for q in facts.quotes if q.kind == "indirect"]
    assert reports == [
        "it was too early to tell whether the fire was set on purpose, and there was "
        "“no evidence” yet that it was an act of arson",
        'both Lopez and Ruiz are "lightweights in the council,"',
    ]


def test_a_reported_clause_the_parser_took_for_a_relative_clause(extract):
    facts = extract(
        "Officials told a meeting of county leaders that few people understood the stakes "
        "better than farmers.\n\n"
        'In October, Ruiz told Lopez at a debate that voters were "sick and tired of hearing '
        'about your parking tickets."'
    )
    reports = [(q.text, q.speaker_mention.text) for q in facts.quotes if q.kind == "indirect"]
    assert reports == [
        ("few people understood the stakes better than farmers", "Officials"),
        ('voters were "sick and tired of hearing about your parking tickets."', "Ruiz"),
    ]


def test_a_person_described_after_a_comma_stays_in_the_report(extract):
    facts = extract("Ortiz said she had met Hale, a supporter of the plan.")
    [quote] = [q for q in facts.quotes if q.cue == "said"]
    assert quote.text == "she had met Hale, a supporter of the plan"


def test_quoted_words_as_the_object_are_the_report_not_the_clause_before(extract):
    facts = extract(
        "Rosa Vega drew cheers when, at the end of her rendition of the hymn "
        "''Morning Has Broken,'' she added the words, ''Vote Ortiz.''"
    )
    assert not any(q.text.startswith("Rosa Vega drew cheers") for q in facts.quotes)


def test_a_quoted_nickname_inside_a_name_is_not_a_quote(extract):
    facts = extract(
        'Delegate Marcia "Cia" Lopez said the county would open two new clinics next year.'
    )
    assert [q.text for q in facts.quotes] == ["the county would open two new clinics next year"]


def test_one_scare_quoted_word_far_from_its_cue_is_no_quote(extract):
    facts = extract(
        'Only 3 percent of self-identified "moderates" said they would vote for the Greens.\n\n'
        'Mayor Ruiz described the plan as "reckless."'
    )
    assert [q.text for q in facts.quotes if q.kind == "partial"] == ["reckless."]


def test_a_few_scare_quoted_words_far_from_their_cue_are_no_quote(extract):
    facts = extract(
        "“We were told how to fix it,” said Rep. Ana Bell, one of the original “gang of five” "
        "negotiators, along with Tom Reyes and Lee Ortiz.\n\n"
        "Mayor Ruiz described the plan as “a fine piece of work.”"
    )
    partial = [q.text for q in facts.quotes if q.kind == "partial"]
    assert partial == ["a fine piece of work."]


def test_a_speech_verb_with_a_noun_object_reports_it(extract):
    facts = extract("Last year 30 percent of voters said the same.")
    [quote] = facts.quotes
    assert quote.text == "the same" and quote.speaker_mention.text == "30 percent of voters"


def test_a_reported_clause_the_parser_took_for_an_object(extract):
    facts = extract(
        "Lena Ortiz says the delay that the union blames on the weather also makes "
        "the opening less likely."
    )
    [quote] = facts.quotes
    assert quote.text.startswith("the delay that the union blames")
    assert quote.text.endswith("less likely")


def test_raising_money_is_not_a_quote_but_raising_questions_is_one(extract):
    facts = extract(
        "The mayor raised money for the new school. "
        "Her critics raised questions about the cost of the project."
    )
    [quote] = facts.quotes
    assert quote.cue == "raised questions"
    assert quote.speaker_mention.text == "Her critics"
    assert "the cost of the project" in quote.text


def test_selling_a_stake_is_not_an_attribution(extract):
    assert extract("The company sold its stake in the port last year.").quotes == []


def test_that_is_according_to_a_source(extract):
    facts = extract(
        "Prices rose by a fifth in the capital. That’s according to the statistics office."
    )
    [quote] = facts.quotes
    assert quote.cue == "according to"
    assert quote.speaker_mention.text == "the statistics office"


def test_a_quoted_fragment_belongs_to_the_report_that_holds_it(extract):
    facts = extract(
        "Mayor Lena Ortiz told the council on Monday, saying the port would "
        "“never accept the toll plan.”"
    )
    [partial] = [q for q in facts.quotes if q.kind == "partial"]
    assert partial.cue == "saying"
    saying = [q for q in facts.quotes if q.kind == "indirect" and q.cue == "saying"]
    assert saying and saying[0].start <= partial.start and partial.end <= saying[0].end


def test_a_participle_report_inside_the_content_is_its_own_attribution(extract):
    facts = extract(
        "The council leaders called for new elections, saying the budget vote had been rigged."
    )
    by_cue = {q.cue: q for q in facts.quotes}
    assert by_cue["called for"].text == "new elections"
    assert by_cue["saying"].text == "the budget vote had been rigged"
    assert by_cue["saying"].speaker_mention.text == "The council leaders"


def test_a_relative_pronoun_speaker_resolves_to_its_antecedent(extract):
    facts = extract("The plan was opposed by Mayor Lena Ortiz, who said the tolls were too high.")
    [said] = [q for q in facts.quotes if q.cue == "said"]
    assert said.speaker_mention.text == "who"
    assert said.speaker == "Lena Ortiz"


def test_content_that_only_points_elsewhere_is_not_a_quote(extract):
    assert extract("Karl Weiss denied it. Lena Ortiz said that.").quotes == []


def test_quoted_paragraphs_without_cues_go_on_with_each_other(extract):
    """And with the reported speech before them, which they continue."""
    facts = extract(
        "Weiss said the port would reopen in May.\n\n"
        "“The ships will come back.”\n\n“The cranes are ready for them.”"
    )
    [report] = facts.quotes
    assert report.speaker == "Weiss" and report.cue == "said"
    assert len(report.segments) == 3
    assert report.text.endswith("The cranes are ready for them.")


def test_a_report_and_its_source_holding_each_other_keep_the_source(extract):
    facts = extract(
        "A former aide said the mayor had ignored the warnings, according to the inquiry report."
    )
    [quote] = [q for q in facts.quotes if q.cue == "according to"]
    assert quote.text.startswith("A former aide said the mayor had ignored")
    assert quote.speaker_mention.text == "the inquiry report"


def test_any_verb_ending_in_a_colon_introduces_the_quotation_after_it(extract):
    facts = extract(
        "“The vote was rushed,” said Karl Weiss.\n\n"
        "Mayor Lena Ortiz leaned in and boomed: “We will rebuild the harbour by spring.”"
    )
    [quote] = [q for q in facts.quotes if q.text.startswith("We will rebuild")]
    assert quote.cue == "boomed" and quote.speaker == "Lena Ortiz"


def test_an_infinitive_with_its_own_subject_is_what_is_wanted(extract):
    facts = extract("Most residents want all the old ferries to be replaced by next summer.")
    [quote] = facts.quotes
    assert quote.cue == "want" and quote.speaker_mention.text == "Most residents"
    assert quote.text == "all the old ferries to be replaced by next summer"


def test_a_dateline_is_a_place_not_a_speaker(extract):
    """Only when the model knows the place: an untagged city still reads as a speaker."""
    facts = extract(
        "Ferry workers walk out\n\n"
        "Nairobi: Ferry workers across the estuary stopped work on Monday over pay.\n\n"
        "“We cannot live on these wages,” said union leader Rita Sousa."
    )
    assert [place.name for place in facts.places] == ["Nairobi"]
    assert all(q.speaker != "Nairobi" for q in facts.quotes)
    assert not any(q.text.startswith("Ferry workers across") and q.cue == ":" for q in facts.quotes)


def test_a_quoted_fragment_inside_a_reported_sentence_stays_partial(extract):
    facts = extract(
        "The minister praised “the tireless work of the harbour crews in the storm” "
        "a government statement said."
    )
    fragment = [q for q in facts.quotes if q.text.startswith("the tireless work")]
    assert fragment and all(q.kind == "partial" for q in fragment)
    assert any(
        q.kind == "indirect" and q.text.startswith("The minister praised") for q in facts.quotes
    )


def test_a_quote_after_reported_speech_goes_on_with_it(extract):
    facts = extract(
        "Harbour director Sofia Lindqvist said the ferry service would resume in May. "
        "“We are confident about the schedule.”"
    )
    [quote] = facts.quotes
    assert quote.kind == "indirect" and quote.speaker == "Sofia Lindqvist"
    assert len(quote.segments) == 2
    assert quote.text.endswith("We are confident about the schedule.")


def test_a_quote_after_reported_speech_with_a_quoted_fragment_goes_on_with_it(extract):
    facts = extract(
        "Councillor Mateo Ruiz said the new parking fees were “a quiet tax on nurses.” "
        "“They work nights and they cannot take the bus.”"
    )
    [report] = [q for q in facts.quotes if q.kind == "indirect"]
    assert len(report.segments) == 2
    assert report.text.endswith("they cannot take the bus.")
    assert not [q for q in facts.quotes if q.kind == "direct"]


def test_reported_speech_with_quoted_fragments_and_words_around_them_is_kept(extract):
    facts = extract(
        "Professor Anika Brandt argued that the library “is a public good” and that "
        "“nobody should pay to read.”"
    )
    [report] = [q for q in facts.quotes if q.kind == "indirect"]
    assert report.speaker == "Anika Brandt" and report.cue == "argued"
    assert report.text.startswith("the library “is a public good”")
    assert report.text.endswith("nobody should pay to read.”")


def test_reported_speech_ending_in_a_split_quotation_holds_all_of_it(extract):
    facts = extract(
        "At small clinics, patients may wait longer ''because there are only two doctors,'' "
        "Dr. Pavel Novak said. ''Nobody wants that, but the budget is fixed.''"
    )
    [report] = [q for q in facts.quotes if q.kind == "indirect"]
    assert report.text.startswith("At small clinics")
    assert report.text.endswith("the budget is fixed.")
    assert len(report.segments) == 2


def test_reported_speech_that_opens_a_quotation_runs_to_its_close(extractor):
    from app.extract.quotation_marks import find_quotations
    from app.extract.quotes import _through_quotation

    text = "She added that the plan sends “a message that we listen, we act, we deliver” to all."
    doc = extractor.nlp(text)
    start = text.index("the plan")
    inside = text.index(", we act")
    closing = text.index("”") + 1
    segment = _through_quotation(doc, (start, inside), find_quotations(text))
    assert segment == (start, closing)
    assert _through_quotation(doc, (start, closing), find_quotations(text)) == (start, closing)


def test_a_name_and_a_colon_before_a_quotation_name_its_speaker(extract):
    facts = extract(
        "The debate ended in a familiar way. "
        "Jonas Halvorsen: “We will never sell the port to anyone.”"
    )
    [quote] = facts.quotes
    assert quote.kind == "direct" and quote.cue == ":"
    assert quote.speaker == "Jonas Halvorsen"
    assert quote.text == "We will never sell the port to anyone."


def test_a_second_cue_before_the_next_quotation_starts_a_second_quote(extract):
    facts = extract(
        "“The harbour will stay open all winter,” Mayor Elena Petrova said, adding, "
        "“I will not let the ferries stop again.”"
    )
    direct = [q for q in facts.quotes if q.kind == "direct"]
    assert [q.text for q in direct] == [
        "The harbour will stay open all winter",
        "I will not let the ferries stop again.",
    ]
    assert all(len(q.segments) == 1 for q in direct)


def test_a_quote_split_by_a_long_attribution_stays_one_quote(extract):
    facts = extract(
        "“The harbour will stay open all winter,” Mayor Elena Petrova said, noting that "
        "the ice had come early. “I will not let the ferries stop again.”"
    )
    [quote] = [q for q in facts.quotes if q.kind == "direct"]
    assert len(quote.segments) == 2


def test_any_verb_right_after_a_quotation_names_its_speaker(extract):
    facts = extract(
        "“The ferry will run on time,” Mayor Elena Petrova said.\n\n"
        "“It has not run on time once this year,” Tomas Berg shot back with a laugh."
    )
    direct = [q for q in facts.quotes if q.kind == "direct"]
    assert len(direct) == 2
    assert direct[1].cue == "shot" and direct[1].speaker_mention.text == "Tomas Berg"


def test_a_following_sentence_with_an_object_is_not_a_speaker(extract):
    facts = extract(
        "“Why should we stay?” Mayor Elena Petrova asked. "
        "“Who would miss us here?” Petrova put her house up for sale the next week."
    )
    assert not any(q.cue == "put" for q in facts.quotes)


def test_words_before_a_quotation_on_its_own_line_end_the_previous_quote(extract):
    facts = extract(
        "“The ferry will run on time,” Mayor Elena Petrova said.\n\n"
        "According to Tomas Berg, “it has not run on time once this year.”"
    )
    [first] = [q for q in facts.quotes if q.text.startswith("The ferry")]
    assert len(first.segments) == 1


def test_a_quotation_signed_with_a_dash_is_the_signer_s(extract):
    facts = extract(
        "Readers wrote to us after the vote.\n\n"
        "”The council never asked the people who live by the river.” ― Ana Ruiz\n"
        "“We will vote them all out next spring, every one of them.” — Carla Mendes, teacher\n"
    )
    direct = [q for q in facts.quotes if q.kind == "direct"]
    assert [q.text for q in direct] == [
        "The council never asked the people who live by the river.",
        "We will vote them all out next spring, every one of them.",
    ]
    assert "Ruiz" in direct[0].speaker_mention.text
    assert "Mendes" in direct[1].speaker_mention.text


def test_a_second_report_after_a_comma_or_before_is_its_own(extract):
    facts = extract(
        "Mayor Lena Hart insisted that the tunnel has “paid for itself,” claiming that traffic "
        "fell by a third. Councillor Omar Reyes said the budget was “a fantasy” on Tuesday "
        "before arguing that taxes would rise. Hart found the audit “thorough” and called "
        "its author “a careful reader.”"
    )
    reports = [(q.cue, q.speaker, q.text) for q in facts.quotes if q.kind == "indirect"]
    assert reports == [
        ("insisted", "Lena Hart", "the tunnel has “paid for itself,”"),
        ("claiming", "Lena Hart", "traffic fell by a third"),
        ("said", "Omar Reyes", "the budget was “a fantasy” on Tuesday"),
        ("arguing", "Omar Reyes", "taxes would rise"),
        ("found", "Lena Hart", "the audit “thorough”"),
        ("called", "Lena Hart", "its author “a careful reader.”"),
    ]


def test_quotation_marks_inside_markup_quote_nobody(extract):
    facts = extract(
        'The minister denied it. <post author="ministry" id="77">We never said that.</post> '
        "“It is false,” the minister said."
    )
    assert [q.text for q in facts.quotes if q.kind == "direct"] == ["It is false"]


def test_a_capitalised_word_after_a_possessive_is_a_show_not_words_said(extract):
    facts = extract(
        "Senator Ada Rivera told Channel 9’s “Sunrise” on Monday that the count was “rigged.”"
    )
    partial = [q.text for q in facts.quotes if q.kind == "partial"]
    assert partial == ["rigged."]


def test_an_object_cast_in_quoted_words_is_the_subject_s_report(extract):
    facts = extract(
        "Governor Mara Quint went after the mayor as “reckless and vain” on Monday. "
        "Auditor Ines Lowe rated 40% of the claims as “false” or “misleading,” "
        "compared to 12% last year. Later he served as the council’s “fixer,” or go-between."
    )
    reports = [(q.cue, q.speaker, q.text) for q in facts.quotes if q.kind == "indirect"]
    assert reports == [
        ("went", "Mara Quint", "the mayor as “reckless and vain”"),
        ("rated", "Ines Lowe", "40% of the claims as “false” or “misleading,”"),
    ]
    partial = [(q.cue, q.text) for q in facts.quotes if q.kind == "partial"]
    assert partial == [
        ("went", "reckless and vain"),
        ("rated", "false"),
        ("rated", "misleading"),
    ]


def test_a_cast_stops_before_a_clause_the_parser_hung_inside_it(extract):
    facts = extract(
        "The choice was between going after Quint as “unfit for office” or poking holes in "
        "her record."
    )
    assert [q.text for q in facts.quotes if q.kind == "indirect"] == ["Quint as “unfit for office”"]


def test_it_labeled_in_quoted_words_is_a_judgement_on_it(extract):
    facts = extract("When the panel checked the senator’s claim, it was labeled “Mostly True.”")
    reports = [(q.cue, q.text) for q in facts.quotes if q.kind == "indirect"]
    assert reports == [("labeled", "it was labeled “Mostly True.”")]


def test_exhorting_someone_to_do_something_reports_it(extract):
    facts = extract("Senator Ivo Brandt exhorted delegates to “vote your conscience” on Friday.")
    assert [(q.cue, q.text) for q in facts.quotes if q.kind == "indirect"] == [
        ("exhorted", "delegates to “vote your conscience” on Friday")
    ]


def test_a_phrasal_cue_in_a_leading_as_clause_reports_the_main_clause(extract):
    facts = extract("As Senator Ivo Brandt has pointed out, the levy is a tax on renters.")
    [quote] = facts.quotes
    assert (quote.cue, quote.text) == ("pointed", "the levy is a tax on renters")
    assert quote.speaker_mention.text == "Senator Ivo Brandt"


def test_a_temporal_as_clause_reports_nothing(extract):
    assert extract("As Ines Lowe spoke, the crowd grew quiet.").quotes == []


def test_a_cue_inside_the_clause_it_reports_when_the_parser_made_it_the_head(extract):
    facts = extract(
        "These workers, Jonas Ek explained earlier in the hearing, were “well paid,” "
        "earning a good wage."
    )
    [report] = [q for q in facts.quotes if q.kind == "indirect"]
    assert report.speaker_mention.text == "Jonas Ek"
    assert report.text.startswith("These workers")
    assert report.text.endswith("earning a good wage")


def test_a_that_clause_the_parser_took_for_an_adverbial_is_still_the_report():
    # The parse spaCy gives one news sentence: 'that' as an adverb, 'was' as an adverbial
    # clause. Built by hand, since it depends on the exact words.
    words = ["Kemp", "tweeted", "at", "dawn", "that", "Ortiz", "was", "“", "a", "con", "”", "."]
    heads = [1, 1, 1, 2, 6, 6, 1, 9, 9, 6, 9, 1]
    deps = [
        "nsubj",
        "ROOT",
        "prep",
        "pobj",
        "advmod",
        "nsubj",
        "advcl",
        "punct",
        "det",
        "attr",
        "punct",
        "punct",
    ]
    pos = [
        "PROPN",
        "VERB",
        "ADP",
        "NOUN",
        "SCONJ",
        "PROPN",
        "AUX",
        "PUNCT",
        "DET",
        "NOUN",
        "PUNCT",
        "PUNCT",
    ]
    lemmas = ["Kemp", "tweet", "at", "dawn", "that", "Ortiz", "be", "“", "a", "con", "”", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas,
        sent_starts=[True] + [False] * 11,
    )
    [cue] = find_cues(doc)
    assert cue.token.text == "tweeted" and cue.source.text == "Kemp"
    assert doc[cue.content[0] : cue.content[1]].text == "that Ortiz was “ a con ”"


def test_a_told_clause_the_parser_hung_on_the_report_still_reports_it(extract):
    facts = extract(
        "The deal comes days after Mara Quint told The Daily Post she was “not quite there "
        "yet” on the plan."
    )
    [report] = [q for q in facts.quotes if q.kind == "indirect"]
    assert (report.cue, report.speaker_mention.text) == ("told", "Mara Quint")
    assert report.text == "she was “not quite there yet” on the plan"


def test_no_sentence_starts_right_after_a_word(extractor):
    doc = extractor.nlp(
        "Lopez said she felt the 13th Amendment was worth examining because “most people "
        "don’t know about that loop-hole,” she said."
    )
    assert len(list(doc.sents)) == 1


def test_each_turn_of_a_quoted_transcript_is_a_quote_by_its_label(extract):
    """Some sites quote a whole interview, opening every turn with a mark and a label in
    capitals and closing none; the label names the speaker, and inner quotations stay in."""
    facts = extract(
        "Senator Rosa Delgado spoke to the Morning Hour on Sunday. Partial transcript:\n\n"
        '"HALLORAN:\u00a0 Senator Delgado, will you back the bill on Tuesday?\n\n'
        '"DELGADO: Look, my opponents call it “a blank cheque.” It is not. We will vote for '
        "it.\n\n"
        '"It protects the harbour towns.\n\n'
        '"HALLORAN: And the cost?'
    )
    turns = [(q.speaker_mention.text, q.text) for q in facts.quotes]
    assert turns == [
        ("HALLORAN", "Senator Delgado, will you back the bill on Tuesday?"),
        (
            "DELGADO",
            "Look, my opponents call it “a blank cheque.” It is not. We will vote for it."
            '\n\n"It protects the harbour towns.',
        ),
        ("HALLORAN", "And the cost?"),
    ]
    assert facts.quotes[1].speaker == "Rosa Delgado"  # the surname in capitals
    assert facts.quotes[0].speaker != "Rosa Delgado"  # addressed after the label, not speaking


def test_a_quotation_added_with_and_after_the_cue_is_part_of_the_report(extract):
    text = (
        "Ortiz is “a born leader,” Maria Bell wrote in a letter to the board, and “the best "
        "mayor we have had.” Nobody disagreed."
    )
    facts = extract(text)
    [report] = [q for q in facts.quotes if q.kind == "indirect"]
    assert [text[s.start : s.end] for s in report.segments] == [
        "Ortiz is “a born leader,”",
        "the best mayor we have had.",
    ]
    assert report.speaker == "Maria Bell"
    assert not [q for q in facts.quotes if q.text.startswith("the best mayor")]


def test_the_same_text_gives_the_same_quotes_every_time(extractor):
    """A quotation that spans two sentences, each with a cue the same distance from it,
    once went to whichever sentence a set of spans happened to yield first."""
    text = (
        "The agency publishes its own count. (The bureau says it tracks another 300 "
        "''family farms.'.')\n\n''The quality of these counts comes down to staff,'' "
        "Mr. Ortiz said. ''The more people you have, the better.''"
    )
    results = {tuple((q.text, q.cue) for q in extractor.extract(text).quotes) for _ in range(12)}
    assert len(results) == 1


def test_what_it_calls_names_a_speaker(extract):
    """'it' that calls something a name speaks; the 'it' of 'it is clear that' does not."""
    facts = extract("The union is denouncing what it calls “a betrayal of every worker.”")
    [quote] = [q for q in facts.quotes if q.kind == "indirect"]
    assert quote.text == "what it calls “a betrayal of every worker.”"
    assert quote.cue == "calls" and quote.speaker_mention.text == "it"
    assert not extract("It is clear that the strike will go ahead.").quotes


def test_a_bare_verb_after_the_cue_goes_on_with_the_infinitive_in_the_content(extract):
    """The parser hangs 'let' on 'said', as if the nominee had said one thing and let
    people know another."""
    facts = extract(
        "Ortiz said he wanted to thank “every single volunteer” and let them know that “the "
        "work is not over.”"
    )
    [report] = [q for q in facts.quotes if q.kind == "indirect"]
    assert report.cue == "said"
    assert report.text.endswith("and let them know that “the work is not over.”")


def test_a_clause_with_its_own_subject_after_the_cue_is_not_content(extract):
    facts = extract("The mayor said she plans to cut fares, but the council would block it.")
    [report] = [q for q in facts.quotes if q.cue == "said"]
    assert report.text == "she plans to cut fares"


def test_an_infinitive_list_stops_before_a_report_with_its_own_subject(extract):
    facts = extract(
        "Ortiz promised to repair the bridges, fix the city’s “broken” bus system and he, "
        "once again, pledged a “fresh start.”"
    )
    promised = [q for q in facts.quotes if q.cue == "promised"]
    assert promised and "pledged" not in promised[0].text


def test_according_to_a_source_whose_first_word_the_parser_took_for_a_verb(extract):
    """'according to show insiders' comes out as 'to show (verb) insiders (object)'."""
    facts = extract(
        "The host repeatedly mocked guests with crude jokes, according to show insiders."
    )
    according = [q for q in facts.quotes if q.cue == "according to"]
    assert [q.text for q in according] == ["The host repeatedly mocked guests with crude jokes"]
    assert according[0].speaker_mention.text.endswith("insiders")


def test_a_pronoun_reporting_again_after_a_dash_starts_its_own_report(extract):
    facts = extract(
        "Tom Reyes, a businessman who had sat on the campaign’s board, said Ortiz had been led "
        "astray by “advisers” running his campaign — and he singled out campaign manager Ana "
        "Bell, a longtime political operative, as the root of the problem."
    )
    by_cue = {q.cue: q for q in facts.quotes if q.kind == "indirect"}
    assert by_cue["said"].text == "Ortiz had been led astray by “advisers” running his campaign"
    assert by_cue["singled out"].text.startswith("campaign manager Ana Bell")


def test_a_report_ends_before_the_words_of_a_coordinated_one(extract):
    facts = extract(
        "Rubio said he would offer “a prayer” for the eventual nominee but did not say "
        "whether he would vote for him."
    )
    said = [q for q in facts.quotes if q.cue == "said" and q.kind == "indirect"]
    assert [q.text for q in said] == ["he would offer “a prayer” for the eventual nominee"]
