"""People the model missed or mislabelled: titled names, speakers and surnames it did not
tag, first names it split off, people it read as organisations or glued to a thing."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from app.extract.entity_rules.casing import Casing
from app.extract.entity_rules.one_sense import full_names_again
from app.extract.entity_rules.person_names import (
    has_no_role_or_organisation_word,
    is_personal_name,
    name_run,
)
from app.extract.entity_rules.spans import after_article, is_locative, name_tokens, with_label
from app.extract.entity_rules.titles import person_without_title, title_length
from app.extract.entity_rules.vocabulary import (
    MISREAD_NAME_LABELS,
    OVERRIDABLE_LABELS,
    PLACE_LABELS,
    POSSESSIVE,
    WEAK_LABELS,
    country_names,
    name_heads,
)
from app.extract.patterns import reporting_verbs, role_heads


def surname_compounds_trimmed(people: list[Span]) -> list[Span]:
    """'Warhol Polaroid exhibits': a two-word PERSON that starts with another person's
    surname and goes on with a word no other name has is that person, then a thing."""
    full = [p for p in people if len(name_tokens(p)) >= 2]
    trimmed = []
    for person in people:
        words = name_tokens(person)
        others = [o for o in full if o.text != person.text]
        if (
            len(words) == 2
            and words[0].text in {name_tokens(o)[-1].text for o in others}
            and words[1].text not in {t.text for o in others for t in name_tokens(o)}
        ):
            person = Span(person.doc, words[0].i, words[0].i + 1, label="PERSON")
        trimmed.append(person)
    return trimmed


def _titled_name(doc: Doc, run: tuple[int, int] | None) -> tuple[int, int] | None:
    """The part of a proper-noun run that follows a title: 'Finance Minister [Sadia Mahmood]'."""
    if run is None:
        return None
    for start in range(run[0], run[1] - 1):
        length = title_length(list(doc[start : run[1]]))
        if length and start + length < run[1]:
            return start, run[1]
    return None


def _alone(token: Token, taken: dict[int, Span]) -> bool:
    """The token is a name on its own: no neighbouring capitalised word (other than a title)
    extends it, and any span on it covers just it ('Lukaku' tagged GPE, not 'Kennedy Space
    Center')."""
    doc = token.doc
    span = taken.get(token.i)
    if span is not None:
        words = [t for t in span if t.text not in POSSESSIVE and t.lower_ != "the"]
        if words != [token]:
            return False
        if span.label_ not in MISREAD_NAME_LABELS:
            return False
        if span.label_ in PLACE_LABELS and is_locative(span):
            return False
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if (
        before is not None
        and before.pos_ == "PROPN"
        and before.text[:1].isupper()
        and not title_length([before])
    ):
        return False
    return not (after is not None and after.pos_ == "PROPN" and after.text[:1].isupper())


def missed_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names the model missed: titled names, subjects of reporting verbs, known surnames."""
    found: list[Span] = []
    taken = {i: s for s in spans for i in range(s.start, s.end)}

    def free(start: int, end: int, overridable: set[str] = WEAK_LABELS) -> bool:
        return all(i not in taken or taken[i].label_ in overridable for i in range(start, end))

    for token in doc:
        run = None
        overridable = WEAK_LABELS
        if token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_.lower() in reporting_verbs():
            run = name_run(token)
            if run is not None and not has_no_role_or_organisation_word(doc[run[0] : run[1]]):
                run = None
        if token.pos_ == "PROPN" and token.dep_ != "compound":
            titled = _titled_name(doc, name_run(token))
            if titled is not None:
                run, overridable = titled, OVERRIDABLE_LABELS
        if (
            run
            and free(*run, overridable)
            and not any(doc[i].ent_type_ in PLACE_LABELS for i in range(*run))
        ):
            person = person_without_title(Span(doc, run[0], run[1], label="PERSON"))
            if person is not None and (
                (len(person) >= 2 and is_personal_name(person))
                or title_length(list(doc[run[0] : run[1]]))
            ):
                found.append(person)
    full_names = [
        s for s in [*spans, *found] if s.label_ == "PERSON" and len(s) >= 2 and is_personal_name(s)
    ]
    found += full_names_again(doc, full_names, taken)
    surnames = {s[-1].text for s in full_names}
    for token in doc:
        if (
            token.text in surnames
            and (token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.dep_ in NAME_HEAD_DEPS))
            and not after_article(token)
            and _alone(token, taken)
        ):
            found.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    return found


NAME_HEAD_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos"}
"""Where a surname the tagger calls a common noun still heads its phrase ('Rathbun requested')."""


def first_names_split_off(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Dries Mertens' where the model took 'Dries' for an organisation and 'Mertens' for a
    person, or 'the Refugee Council Enver Solomon' where it saw only 'Solomon': a capitalised
    word right before a one-word person, with nothing else around it, is the first name (not
    a place, 'Governor of Washington Chris Gregoire'; not a word also written in lower case,
    'Rival Clinton' beside 'a rival'; not a people, 'Republican Trump')."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    heads = name_heads()
    casing = Casing.of(doc)
    people = []
    for span in spans:
        if span.label_ != "PERSON" or span.start == 0 or len(span) > 1:
            continue
        first = doc[span.start - 1]
        own = taken.get(first.i)
        if (
            first.pos_ != "PROPN"
            or not first.is_title
            or not first.is_alpha
            or first.lower_ in casing.words
            or (own is not None and (len(own) > 1 or own.label_ not in WEAK_LABELS | {"ORG"}))
            or title_length([first])
            or first.lower_ in heads["organisation"] | heads["facility"] | role_heads()
        ):
            continue
        before = doc[first.i - 1] if first.i > 0 else None
        if before is not None and (
            (before.pos_ == "PROPN" and before.i not in taken) or before.lower_ == "of"
        ):
            continue
        people.append(Span(doc, first.i, span.end, label="PERSON"))
    return people


def people_read_as_organisations(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Tariq Mahmood' tagged ORG: a short name with no organisation word whose surname
    also stands alone elsewhere, or that says something, is a person. Never one after
    'the' ('the Greek Orthodox Church'), a plural ('United Nations') or one with a place
    in it ('Forestry Norway')."""
    alone = {
        t.text
        for t in doc
        if t.pos_ == "PROPN"
        and t.ent_type_ not in PLACE_LABELS
        and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")
        and not (t.i > 0 and doc[t.i - 1].pos_ == "PROPN")
    }
    places = {s.text for s in spans if s.label_ in PLACE_LABELS} | {
        name[0] for name in country_names() if len(name) == 1
    }
    people = []
    for span in spans:
        if span.label_ != "ORG" or not 2 <= len(span) <= 3:
            continue
        if not all(t.pos_ == "PROPN" and t.is_title for t in span):
            continue
        if not is_personal_name(span) or span[-1].tag_ == "NNPS":
            continue
        if any(t.text in places for t in span):
            continue
        if span.start > 0 and doc[span.start - 1].lower_ == "the":
            continue
        speaks = (
            span.root.dep_.startswith("nsubj")
            and span.root.head.lemma_.lower() in reporting_verbs()
        )
        if span[-1].text in alone or speaks:
            people.append(Span(doc, span.start, span.end, label="PERSON"))
    return people


def groups_of_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """'hostility toward Muslims', 'the rescued included Bangladeshis': a nationality or
    faith in the plural, heading its own phrase, names people (GUM's convention), not a
    mere adjective ('Muslim pilgrims', 'Kenyan team')."""
    return [
        with_label(span, "PERSON")
        for span in spans
        if span.label_ == "NORP"
        and span[-1].text.endswith("s")
        and span[-1].tag_ in {"NNPS", "NNP"}
        and span.root.dep_ not in {"amod", "compound", "nmod", "poss"}
        and not span.text[:1].islower()
    ]
