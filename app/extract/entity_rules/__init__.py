"""Corrections to spaCy's entity spans, as a pipeline component after `ner`.

The small model's spans are close but not what a reader means: titles glued to
names ('Gen Okafor'), owners glued to organisations ("the EU's X"), defined acronyms
missed ('Maritime Security Initiative (MSI)'), headings read as people, buildings read
as organisations, a country that acts read as a place. Each rule in this package moves
or relabels a span to where a reader would put it; `entities.py` then groups them.
The component below runs the rules in order; the modules say what each one does.

Names inside other names ('University of Texas' names Texas) cannot be `doc.ents`,
which never overlap: they go to `doc._.nested_names`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from app.extract.entity_rules.acronyms import bare_acronyms, with_defined_acronyms
from app.extract.entity_rules.headings import Layout, confirmed_by_the_body
from app.extract.entity_rules.heads import names_by_head_word, things_named_again
from app.extract.entity_rules.model_spans import corrected_model_spans
from app.extract.entity_rules.nested_names import names_inside_names
from app.extract.entity_rules.one_sense import (
    one_sense_per_name,
    organisation_names_again,
    same_name_again,
)
from app.extract.entity_rules.organisations import (
    organisations_before_roles,
    organisations_people_belong_to,
)
from app.extract.entity_rules.people import (
    first_names_split_off,
    groups_of_people,
    missed_people,
    people_read_as_organisations,
)
from app.extract.entity_rules.people_by_context import (
    people_after_person_nouns,
    people_by_apposition,
    people_by_coordination,
)
from app.extract.entity_rules.places import (
    places_acting_as_organisations,
    places_by_apposition,
    places_named_by_kind,
)
from app.extract.entity_rules.spans import prefer
from app.extract.entity_rules.teams import teams_as_organisations
from app.extract.entity_rules.titles import title_length
from app.extract.entity_rules.vocabulary import PLACE_LABELS, POSSESSIVE

__all__ = ["PLACE_LABELS", "POSSESSIVE", "entity_rules", "title_length"]

if not Doc.has_extension("acronyms"):
    Doc.set_extension("acronyms", default=None)
if not Doc.has_extension("nested_names"):
    Doc.set_extension("nested_names", default=None)


@Language.component("entity_rules")
def entity_rules(doc: Doc) -> Doc:
    layout = Layout(doc)
    spans, name_words = corrected_model_spans(doc, layout)
    spans, acronyms = with_defined_acronyms(doc, spans)
    spans += bare_acronyms(doc, spans, layout)
    spans = prefer(spans, names_by_head_word(doc, spans))
    spans += same_name_again(doc, spans)
    spans = prefer(spans, places_named_by_kind(doc, spans))
    spans = prefer(spans, places_by_apposition(doc, spans))
    spans = one_sense_per_name(spans, name_words)
    spans = things_named_again(doc, spans)
    spans = organisations_people_belong_to(doc, spans)
    spans = prefer(spans, organisations_before_roles(doc, spans))
    spans = prefer(spans, organisation_names_again(doc, spans))
    for rule in (
        first_names_split_off,
        people_read_as_organisations,
        people_by_apposition,
        people_by_coordination,
        people_after_person_nouns,
        missed_people,
        groups_of_people,
    ):
        spans = prefer(spans, rule(doc, spans))
    spans = confirmed_by_the_body(doc, filter_spans(spans), layout)
    spans = filter_spans(teams_as_organisations(doc, spans))
    doc.ents = places_acting_as_organisations(spans)
    doc._.acronyms = acronyms
    doc._.nested_names = names_inside_names(doc, list(doc.ents))
    return doc
