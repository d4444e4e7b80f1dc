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
