from app.extract.schema import ArticleFacts


def person(facts: ArticleFacts, name: str):
    matches = [p for p in facts.people if p.name == name]
    assert matches, f"{name!r} not among {[p.name for p in facts.people]}"
    return matches[0]


def test_titled_and_short_forms_are_one_person(extract):
    facts = extract(
        "Berlin: Defence Minister Helga Brandt met Colonel Jonas Weber on Friday.\n\n"
        "Brandt told reporters the talks were useful. Col Weber declined to comment, "
        "and Minister Brandt left for Vilnius."
    )
    brandt = person(facts, "Helga Brandt")
    assert {"Brandt", "Minister Brandt"} <= set(brandt.aliases)
    assert "Defence Minister" in brandt.roles
    assert len(brandt.mentions) == 3
    weber = person(facts, "Jonas Weber")
    assert "Colonel" in weber.roles
    assert len(facts.people) == 2


def test_people_sharing_a_surname_stay_apart(extract):
    facts = extract("Anna Kowalski and Piotr Kowalski, her brother, both ran for mayor of Gdansk.")
    names = {p.name for p in facts.people}
    assert {"Anna Kowalski", "Piotr Kowalski"} <= names


def test_apposition_gives_a_role_up_to_the_next_person(extract):
    facts = extract(
        "Senator Ruth Adeyemi, chair of the Senate Armed Services Committee and General Mark "
        "Olsen, commander of the Northern Task Force, visited the base on Monday."
    )
    adeyemi = person(facts, "Ruth Adeyemi")
    assert any(
        role.startswith("chair of the Senate Armed Services Committee") for role in adeyemi.roles
    )
    assert not any("Olsen" in role for role in adeyemi.roles)
    olsen = person(facts, "Mark Olsen")
    assert "commander of the Northern Task Force" in olsen.roles
    assert "General" in olsen.roles


def test_defined_acronym_is_an_alias_and_later_mentions_join(extract):
    facts = extract(
        "The European-led Maritime Security Initiative (MSI) extended its patrols. "
        "A spokesman for the MSI said the ships would stay until June."
    )
    orgs = {o.name: o for o in facts.organisations}
    assert "Maritime Security Initiative" in orgs
    assert "MSI" in orgs["Maritime Security Initiative"].aliases
    assert len(orgs["Maritime Security Initiative"].mentions) >= 2


def test_owner_and_led_prefixes_are_dropped_from_organisation_names(extract):
    facts = extract(
        "Germany’s Federal Police Service deployed officers. The UN-led Stabilisation Mission "
        "said it welcomed the move."
    )
    names = {o.name for o in facts.organisations}
    assert not any(name.startswith(("Germany", "UN-led", "the ")) for name in names)


def test_section_headings_are_never_people(extract):
    facts = extract(
        "The ministry confirmed the figures on Tuesday.\n\nBorder tensions\n\n"
        "Officials in Kyiv said the crossing would reopen."
    )
    assert "Border tensions" not in {p.name for p in facts.people}


def test_acronym_role_is_not_an_organisation(extract):
    facts = extract(
        "The delegation was led by Chief of Naval Operations (CNO) Admiral Lisa Franchetti, "
        "who met Director General MI5 Ken Holloway."
    )
    assert "Chief of Naval Operations" in person(facts, "Lisa Franchetti").roles
    assert "CNO" not in {o.name for o in facts.organisations}
