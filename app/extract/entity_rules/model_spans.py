"""The first pass: spaCy's own entities, relabelled by their head word, with titles, owners
and 'the' taken off, and what is no name dropped."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from app.extract.entity_rules.casing import Casing
from app.extract.entity_rules.headings import Layout
from app.extract.entity_rules.heads import label_from_head
from app.extract.entity_rules.organisations import is_modifier_of_proper_name, organisation_pieces
from app.extract.entity_rules.people import surname_compounds_trimmed
from app.extract.entity_rules.person_names import is_not_a_name
from app.extract.entity_rules.places import is_attitude
from app.extract.entity_rules.spans import name_tokens, with_label
from app.extract.entity_rules.titles import person_without_title
from app.extract.entity_rules.vocabulary import PLACE_LABELS, person_nouns

GOVERNING_NOUNS = {
    "government",
    "administration",
    "parliament",
    "cabinet",
    "army",
    "navy",
    "police",
}


def corrected_model_spans(doc: Doc, layout: Layout) -> tuple[list[Span], set[str]]:
    """The model's spans, relabelled by their head word, with titles, owners and 'the' taken
    off, and what is no name dropped; also the words of the people's full names."""
    casing = Casing.of(doc)
    ents = [with_label(ent, label_from_head(ent)) for ent in doc.ents]
    people = surname_compounds_trimmed([e for e in ents if e.label_ == "PERSON"])
    ents = sorted([e for e in ents if e.label_ != "PERSON"] + people, key=lambda e: e.start)
    name_words = {
        t.text
        for e in people
        if len(name_tokens(e)) >= 2 and not layout.in_headline(e.start)
        for t in name_tokens(e)
    }
    spans: list[Span] = []
    for ent in ents:
        if len(name_tokens(ent)) == 1 and name_tokens(ent)[0].lower_ in person_nouns():
            continue  # 'QC', 'MP', 'the Sheriff': a position, not a name
        if ent.label_ == "PERSON":
            person = None if is_not_a_name(ent, casing, name_words) else person_without_title(ent)
            if person is not None:
                spans.append(person)
        elif ent.label_ == "ORG":
            if not is_modifier_of_proper_name(ent):
                spans.extend(organisation_pieces(ent))
        elif ent.label_ == "NORP" and ent.end < len(doc) and doc[ent.end].lower_ in GOVERNING_NOUNS:
            spans.append(Span(doc, ent.start, ent.end + 1, label="ORG"))
        elif not (
            ent.label_ in PLACE_LABELS and (is_attitude(ent) or any(c.isdigit() for c in ent.text))
        ):
            spans.append(ent)
    return spans, name_words
