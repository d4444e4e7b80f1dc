"""Every calendar date the text names, normalised against the publication date."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from app.extract.dates import Direction, normalise_date, parse_duration
from app.extract.schema import DateFact
from app.partial_date import PartialDate


def _direction(ent: Span) -> Direction:
    """Tense of the verb the date hangs on: 'will resume on X' looks forward, 'signed in X' back."""
    verb = next((a for a in ent.root.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return None
    children = list(verb.children)
    if any(c.tag_ == "MD" or (c.dep_ == "aux" and c.lower_ == "to") for c in children):
        return "future"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in children if c.dep_ in {"aux", "auxpass"}):
        return "past"
    return None


def extract_dates(doc: Doc, published: PartialDate | None) -> list[DateFact]:
    facts = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or parse_duration(ent.text) is not None:
            continue
        normalised = normalise_date(ent.text, published, _direction(ent))
        facts.append(
            DateFact(
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                value=normalised.value if normalised else None,
                precision=normalised.precision if normalised else None,
                mod=normalised.mod if normalised else None,
            )
        )
    return facts
