"""One spaCy pipeline for the evaluation tests, handed to `article-facts eval` as well."""

from __future__ import annotations

import pytest

from app.extract import pipeline
from app.extract.pipeline import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture
def shared_extractor(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> Extractor:
    """Make `Extractor()` inside the CLI return the session's pipeline instead of loading one."""
    monkeypatch.setattr(pipeline, "Extractor", lambda: extractor)
    return extractor
