"""Paragraphs and headings: what the parser cannot see in plain text.

A blank line always ends a sentence, no sentence starts at a capital right after a word (the
small model splits 'the 13th Amendment' after '13th'), and a short paragraph without final
punctuation is a heading ('Ceasefire urgency'): it starts no sentence with the
next paragraph and names nobody. A line in headline style ('Obama Sees Personal
Insult in Vote') capitalises words, not names: the model's names there are guesses.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

_FINAL = (".", "!", "?", "”", '"', "’", "'", ":", ";", ")")
MAX_HEADING_WORDS = 10
MIN_TITLE_CASE_WORDS = 3
TITLE_CASE_SHARE = 0.75
MIN_COMMON_WORDS = 2

if not Span.has_extension("is_heading"):
    Span.set_extension("is_heading", getter=lambda span: is_heading(span))


@Language.component("paragraph_sentences")
def paragraph_sentences(doc: Doc) -> Doc:
    """Mark where sentences start (after a line break) and cannot start (at a capital right
    after a word), before the parser runs. Only capitals: constraints on every token slow
    the parser by a tenth."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif not (token.is_punct or token.is_space) and doc[token.i + 1].is_title:
            doc[token.i + 1].is_sent_start = False
    return doc


def is_heading(sentence: Span) -> bool:
    words = [t for t in sentence if not t.is_space and not t.is_punct]
    text = sentence.text.strip()
    if not words or len(words) > MAX_HEADING_WORDS or text.endswith(_FINAL):
        return False
    return _is_whole_line(sentence)


def sentence_of(token: Token) -> Span:
    """The sentence holding a token.

    spaCy's `token.sent` walks the document on every call; rules ask it often, so the
    answer comes from a table built once per document.
    """
    doc = token.doc
    table = doc.user_data.get("sentence_table")
    if table is None:
        table = [None] * len(doc)
        for sentence in doc.sents:
            table[sentence.start : sentence.end] = [sentence] * len(sentence)
        doc.user_data["sentence_table"] = table
    return table[token.i]


def is_title_case(
    sentence: Span, lowercase_words: set[str], ignore: frozenset[str] = frozenset()
) -> bool:
    """A whole line in headline style: its words nearly all start with a capital, and at
    least two of them are words the article otherwise writes in lower case ('31 Latinos
    Share Their Most Honest Thoughts' beside 'share', 'honest'). A sentence full of names
    ('supported by the Croucher Foundation and US National Park Service') is no headline.
    Words in `ignore` (titles, capitalised in any sentence) do not count."""
    words = [t for t in sentence[1:] if t.is_alpha and len(t) >= 3 and t.lower_ not in ignore]
    capitalised = [t for t in words if t.text[:1].isupper()]
    if len(words) < MIN_TITLE_CASE_WORDS or len(capitalised) < TITLE_CASE_SHARE * len(words):
        return False
    common = sum(t.lower_ in lowercase_words for t in capitalised)
    return common >= MIN_COMMON_WORDS and _is_whole_line(sentence)


def _is_whole_line(sentence: Span) -> bool:
    doc = sentence.doc
    starts_line = sentence.start == 0 or "\n" in doc[sentence.start - 1].text_with_ws
    ends_line = sentence.end == len(doc) or "\n" in sentence[-1].text_with_ws
    return starts_line and ends_line


def text_of(doc: Doc) -> str:
    """The document's text; spaCy rebuilds `doc.text` from its tokens on every call."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text
