"""People the model missed whom the sentence gives away: a name in apposition to a person
noun, listed with people, or right after a person noun ('fashion designer Halston')."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from app.extract.entity_rules.person_names import (
    could_be_new_name,
    covered_only_by_misread_names,
    has_no_role_or_organisation_word,
    is_personal_name,
    name_run,
)
from app.extract.entity_rules.spans import after_article
from app.extract.entity_rules.titles import title_length
from app.extract.entity_rules.vocabulary import PLACE_LABELS, person_nouns


def people_by_apposition(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Valeska Paris, an Australian woman, ...': a two- to four-word proper name in
    apposition to a noun that only describes a person is a person, whatever the model
    called it."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    people = []
    for token in doc:
        if token.dep_ != "appos" or token.lemma_.lower() not in person_nouns():
            continue
        run = name_run(token.head)
        if run is None or not 2 <= run[1] - run[0] <= 4:
            continue
        name = doc[run[0] : run[1]]
        if not is_personal_name(name) or title_length(list(name)):
            continue
        if not any(
            taken.get(i) is not None and taken[i].label_ == "PERSON" for i in range(*run)
        ) and (
            covered_only_by_misread_names(name, taken, places_anywhere=True)
            and could_be_new_name(name, spans, places_anywhere=True)
        ):
            people.append(Span(doc, run[0], run[1], label="PERSON"))
    return people


def people_by_coordination(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Ansel Adams, Chuck Close, Walker Evans and Robert Mapplethorpe': a two- or three-word
    proper name listed with people, and with no organisation or place, is a person. A
    one-word name needs a list that is mostly people, two at least ('Zeus, Hera, Poseidon'),
    and is never an acronym ('Jane Roe, John Doe and the BBC')."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    places = {s.text for s in spans if s.label_ in PLACE_LABELS}
    people = []
    for token in doc:
        if token.pos_ != "PROPN" or not token.conjuncts or token.dep_ == "compound":
            continue
        if token.i in taken and taken[token.i].label_ == "PERSON":
            continue
        run = name_run(token)
        if run is None or not 1 <= run[1] - run[0] <= 3:
            continue
        name = doc[run[0] : run[1]]
        if (
            not is_personal_name(name)
            or not has_no_role_or_organisation_word(name)
            or title_length(list(name))
            or after_article(name[0])
        ):
            continue
        labels = Counter(taken[c.i].label_ for c in token.conjuncts if c.i in taken)
        listed_with_people = (
            set(labels) == {"PERSON"}
            if len(name) > 1
            else not name.text.isupper()
            and labels["PERSON"] >= 2
            and labels["PERSON"] * 2 > labels.total()
        )
        if (
            listed_with_people
            and (len(name) > 1 or name.text not in places)
            and covered_only_by_misread_names(name, taken)
            and could_be_new_name(name, spans)
        ):
            people.append(Span(doc, run[0], run[1], label="PERSON"))
    return people


def people_after_person_nouns(doc: Doc, spans: list[Span]) -> list[Span]:
    """'fashion designer Halston', 'athletes Vitas Gerulaitis': a proper name that a
    lowercase noun describing a person modifies is that person, unless the article names
    a place so more than once ('NATO member Estonia')."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    places = Counter(s.text for s in spans if s.label_ in PLACE_LABELS)
    people = []
    for token in doc[:-1]:
        if not (token.pos_ == "NOUN" and token.text.islower()):
            continue
        if token.lemma_.lower() not in person_nouns():
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3 and doc[end].pos_ == "PROPN":
            end += 1
        if end == token.i + 1 or not (
            token.i < token.head.i < end or doc[end - 1].head == token.head
        ):
            continue  # the noun must describe the name: modify it or stand beside it
        name = doc[token.i + 1 : end]
        if places[name.text] > 1:
            continue  # 'NATO member Estonia'
        if (
            is_personal_name(name)
            and not title_length(list(name))
            and not any(taken.get(t.i) is not None and taken[t.i].label_ == "PERSON" for t in name)
            and covered_only_by_misread_names(name, taken)
            and could_be_new_name(name, spans)
        ):
            people.append(Span(doc, name.start, name.end, label="PERSON"))
    return people
