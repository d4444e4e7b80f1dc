"""Which words a document also writes in lower case: there a capital marks a sentence start
or a heading, not a name ('Iodine' beside 'iodine')."""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Doc, Token


class Casing:
    """Which words and word pairs the document also writes in lower case ('iodine')."""

    def __init__(self, doc: Doc) -> None:
        lower = [t.text if t.text.islower() else None for t in doc]
        self.words = {w for w in lower if w}
        self.pairs = {(a, b) for a, b in pairwise(lower) if a and b}

    @classmethod
    def of(cls, doc: Doc) -> Casing:
        """One table per document: building it reads every token."""
        casing = doc.user_data.get("casing")
        if casing is None:
            casing = doc.user_data["casing"] = cls(doc)
        return casing

    def written_lowercase(self, tokens: list[Token]) -> bool:
        texts = [t.lower_ for t in tokens]
        if len(texts) == 1:
            return texts[0] in self.words
        return all(pair in self.pairs for pair in pairwise(texts))
