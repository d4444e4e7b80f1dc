"""One spaCy pipeline for the whole extraction suite: loading it takes seconds."""

from __future__ import annotations

import pytest

from app.extract.pipeline import Extractor
from app.extract.schema import ArticleFacts
from app.partial_date import PartialDate


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def extract(extractor: Extractor):
    def run(text: str, published: str | None = "2023-03") -> ArticleFacts:
        anchor = PartialDate.parse(published) if published else None
        facts = extractor.extract(text, article_id="test", published=anchor)
        assert_offsets_match(text, facts)
        return facts

    return run


def assert_offsets_match(text: str, facts: ArticleFacts) -> None:
    """Every fact's offsets point at exactly its text."""
    for entity in [*facts.people, *facts.organisations, *facts.places]:
        for mention in [*entity.mentions, *entity.role_mentions]:
            assert text[mention.start : mention.end] == mention.text
    for item in [*facts.quotes, *facts.figures, *facts.dates, *facts.troop_levels]:
        assert text[item.start : item.end] == item.text
    for quote in facts.quotes:
        for segment in quote.segments:
            assert quote.start <= segment.start < segment.end <= quote.end
        for mention in (quote.speaker_mention, quote.cue_mention):
            if mention is not None:
                assert text[mention.start : mention.end] == mention.text
    for level in facts.troop_levels:
        assert text[level.sentence.start : level.sentence.end] == level.sentence.text
