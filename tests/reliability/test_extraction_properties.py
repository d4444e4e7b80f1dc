"""Extraction never crashes, and every offset it gives points at the words it cites,
whatever text it is given: property-based tests with Hypothesis.

Two sources of text: arbitrary Unicode mixed with the tokens news is made of, and
mutations of a realistic article (quotes left open or nested, emoji, right-to-left
script, combining marks, NUL, sentences hundreds of words long).

CI runs a fixed, derandomised set of examples (`HYPOTHESIS_PROFILE=ci`, the default);
`HYPOTHESIS_PROFILE=explore` tries many more, with a new seed each run.
Lone surrogates are left out: a Python str may hold one, but ingest refuses them
(tests/reliability/test_bad_input.py) and no reader can produce one otherwise.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.extract.pipeline import Extractor
from app.extract.schema import ArticleFacts
from app.partial_date import PartialDate

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,  # the same examples on every machine, whatever explore runs found before
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "explore",
    max_examples=500,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
PUBLISHED = PartialDate(2024, 3, 12)

ARTICLE = """Harbour authorities in Velmora said on Tuesday that 1,200 troops would stay \
at the northern base until March 2025, after talks with the Ostrian defence ministry.

“We will not leave before the bridge is finished,” Defence Minister Ilse Varnholt told \
reporters in Kessingport. “The engineers need another winter.”

Colonel Tomasz Reding, who commands the garrison, said the force had grown by 15% since \
2022. “It is “temporary”, as I keep saying,” he added, quoting an earlier statement.

The Northern Ports Authority (NPA) said about 300 sailors were also deployed. According \
to the NPA, costs rose to $4.5 million in the first quarter.

"We expect the cuts to be conditions-based," Varnholt said, declining to give a date. \
Britain plans to reduce its contingent in Velmora to 800 by the end of next year."""

EXOTIC = [
    "\u00a0",  # no-break space
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\u0301",  # combining acute accent
    "e\u0301\u0323\u0308",  # stacked combining marks
    "\x00",
    "\t",
    "\r\n",
    "\n\n",
    "\ufeff",
    "\ufffd",
    "👩\u200d👩\u200d👧",  # a family emoji: several code points, one glyph
    "🇫🇷",  # a flag: two regional indicators
    "😀",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "שלום עולם",  # Hebrew
    "قال الوزير",  # Arabic: 'the minister said'
    "北京",
    "Ⅻ",
    "٣٠٠",  # Arabic-Indic digits
    "１２００",  # full-width digits
    "ﬁ",  # ligature that NFKC expands
    "İ",  # its lowercase is two code points
]
NEWS_TOKENS = [
    "said",
    "told reporters",
    "according to",
    "troops",
    "soldiers",
    "1,200",
    "15%",
    "$4.5 million",
    "in March 2025",
    "on Tuesday",
    "General",
    "Minister",
    "Anna Kovacs",
    "Mr Kovacs",
    "she",
    "the ministry",
    "Velmora",
    "NATO",
    "“",
    "”",
    '"',
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "``",
    "''",
    ",",
    ".",
    ":",
    "—",
    "(",
    ")",
    " ",
    "\n",
]

any_character = st.characters(exclude_categories=["Cs"])  # lone surrogates: see above
token = st.one_of(
    st.sampled_from(NEWS_TOKENS),
    st.sampled_from(EXOTIC),
    st.text(any_character, min_size=1, max_size=6),
)
random_text = st.one_of(
    st.text(any_character, max_size=300),
    st.lists(token, max_size=120).map(" ".join),
    st.lists(token, max_size=120).map("".join),
)


@st.composite
def mutated_article(draw: st.DrawFn) -> str:
    """The article with a few edits at random places: inserts, deletions, repeats."""
    text = ARTICLE
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(text)))
        kind = draw(
            st.sampled_from(["insert", "delete", "drop_marks", "long_sentence", "repeat", "nest"])
        )
        if kind == "insert":
            text = text[:position] + draw(token) + text[position:]
        elif kind == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 80)) :]
        elif kind == "drop_marks":  # quotes left open
            text = text[:position] + text[position:].replace("”", "", 1).replace('"', "", 1)
        elif kind == "long_sentence":  # one sentence of several hundred words
            clause = "the ministry said that 1,200 troops, and the engineers, would stay"
            text = (
                text[:position] + ", ".join([clause] * draw(st.integers(20, 80))) + text[position:]
            )
        elif kind == "repeat":
            end = min(len(text), position + draw(st.integers(1, 200)))
            text = text[:end] + text[position:end] * draw(st.integers(2, 5)) + text[end:]
        else:  # a quote inside a quote inside a quote
            text = (
                text[:position] + "“He said “she said “we stay” twice” again,” " + text[position:]
            )
    return text


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def assert_offsets_valid(text: str, facts: ArticleFacts) -> None:
    """Every span lies inside the text; every span with a surface text cites exactly it."""

    def check(span: object, surface: str | None) -> None:
        start, end = span.start, span.end  # type: ignore[attr-defined]
        assert 0 <= start <= end <= len(text), (start, end, len(text))
        if surface is not None:
            assert text[start:end] == surface, (start, end, surface)

    for entity in [*facts.people, *facts.organisations, *facts.places]:
        for mention in [*entity.mentions, *entity.role_mentions]:
            check(mention, mention.text)
    for quote in facts.quotes:
        check(quote, quote.text)
        for segment in quote.segments:
            check(segment, None)
            assert quote.start <= segment.start <= segment.end <= quote.end
        for mention in (quote.speaker_mention, quote.cue_mention):
            if mention is not None:
                check(mention, mention.text)
    for item in [*facts.figures, *facts.dates]:
        check(item, item.text)
    for level in facts.troop_levels:
        check(level, level.text)
        check(level.sentence, level.sentence.text)


def test_the_seed_of_the_mutations_has_every_kind_of_fact(extractor: Extractor) -> None:
    """Mutating an article that yields nothing would test nothing."""
    facts = extractor.extract(ARTICLE, published=PUBLISHED)
    assert facts.people and facts.organisations and facts.places
    assert facts.quotes and facts.figures and facts.dates and facts.troop_levels
    assert_offsets_valid(ARTICLE, facts)


@PROFILE
@given(text=random_text)
@example(text="")
@example(text="“")
@example(text="\x00" * 5)
@example(text="“" * 50 + "said General Anna Kovacs" + "”" * 49)
@example(text="\u202eGeneral Anna Kovacs said “1,200 troops”\u202c")
def test_random_text_extracts_without_crashing(extractor: Extractor, text: str) -> None:
    assert_offsets_valid(text, extractor.extract(text, article_id="x", published=PUBLISHED))


@PROFILE
@given(text=mutated_article())
def test_a_mutated_article_extracts_without_crashing(extractor: Extractor, text: str) -> None:
    assert_offsets_valid(text, extractor.extract(text, article_id="x", published=PUBLISHED))


@PROFILE
@given(texts=st.lists(st.one_of(random_text, mutated_article()), min_size=2, max_size=5))
def test_batches_keep_their_articles_apart(extractor: Extractor, texts: list[str]) -> None:
    """Ingest extracts in batches (`nlp.pipe`): each article comes back in order, with
    offsets into its own text. (Not always the very same facts as alone: spaCy's
    predictions can shift with the batch around a text, explosion/spaCy#5294; exploring
    found such a case.)"""
    from app.extract.pipeline import ExtractionInput

    items = [ExtractionInput(str(n), text, PUBLISHED) for n, text in enumerate(texts)]
    results = list(extractor.extract_many(items))
    assert [item for item, _facts in results] == items
    for item, facts in results:
        assert facts.id == item.id
        assert_offsets_valid(item.text, facts)
