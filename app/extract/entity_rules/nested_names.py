"""Names inside other names ('Texas' in 'University of Texas'), which go to
`doc._.nested_names` because `doc.ents` never overlap."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from app.extract.entity_rules.heads import head_word
from app.extract.entity_rules.spans import capitalised_run_end, name_tokens
from app.extract.entity_rules.vocabulary import WEAK_LABELS, country_names


def names_inside_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """People and places named inside the name of an organisation, facility or thing: 'United States' in
    'United States Navy', 'Texas' in 'University of Texas', 'Andy Warhol' in 'the Andy Warhol
    Foundation'. Only names the document uses on their own elsewhere count (and country
    names), so 'Defence' in 'Ministry of Defence' stays part of the ministry; after a few
    heads ('University of X', 'Municipality of X') the name after 'of' is always a place.
    A name the article uses as an organisation on its own (a country's team) is not a
    place inside another name either."""
    names: dict[tuple[str, ...], str] = {name: "GPE" for name in country_names()}
    for span in spans:
        if span.label_ in {"GPE", "PERSON"}:
            names[tuple(t.text for t in name_tokens(span))] = span.label_
    known = set(names)
    for span in spans:
        if span.label_ == "ORG":
            names.pop(tuple(t.text for t in name_tokens(span)), None)
    longest = max((len(n) for n in names), default=0)
    nested: list[Span] = []
    for span in spans:
        if span.label_ not in {"ORG", "FAC"} | WEAK_LABELS or len(span) < 2:
            continue
        if tuple(t.text for t in name_tokens(span)) in known:
            continue  # 'North Korea' acting as a state is not 'North' and 'Korea'.
        i = span.start
        while i < span.end:
            for size in range(min(longest, span.end - i), 0, -1):
                label = names.get(tuple(t.text for t in doc[i : i + size]))
                if label and (i, i + size) != (span.start, span.end):
                    nested.append(Span(doc, i, i + size, label=label))
                    i += size - 1
                    break
            i += 1
        owner = head_word(span)
        if owner.lower_ in PLACE_OWNED_HEADS and owner.i + 2 < span.end:
            place = Span(doc, owner.i + 2, capitalised_run_end(doc, owner.i + 2), label="GPE")
            if len(place) and not any(n.start < place.end and place.start < n.end for n in nested):
                nested.append(place)
    return nested


PLACE_OWNED_HEADS = {"university", "municipality", "government", "province", "state", "city"}
"""Heads whose 'of' names a place: 'University of Sheffield', 'Government of Ontario'."""
