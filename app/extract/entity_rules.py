"""Corrections to spaCy's entity spans, as a pipeline component after `ner`.

The small model's spans are close but not what a reader means: titles glued to
names ('Gen Okafor'), owners glued to organisations ("the EU's X"), defined acronyms
missed ('Maritime Security Initiative (MSI)'), headings read as people, buildings read
as organisations, a country that acts read as a place. Each rule here moves or relabels
a span to where a reader would put it; `entities.py` then groups them.

Names inside other names ('University of Texas' names Texas) cannot be `doc.ents`,
which never overlap: they go to `doc._.nested_names`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from app.extract.layout import is_heading
from app.extract.patterns import _load, demonyms, reporting_verbs, role_heads, titles

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME_LABELS = {"PERSON", "ORG"} | PLACE_LABELS
ACRONYM_CONNECTORS = {"of", "for", "and", "the", "on", "de", "in", "&"}
GOVERNING_NOUNS = {
    "government",
    "administration",
    "parliament",
    "cabinet",
    "army",
    "navy",
    "police",
}
POSSESSIVE = {"’s", "'s", "’", "'"}
DASHES = {"–", "—", "-"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
LOCATIVE_PREPOSITIONS = {
    "in",
    "at",
    "to",
    "from",
    "into",
    "near",
    "across",
    "inside",
    "outside",
    "throughout",
    "toward",
    "towards",
}

if not Doc.has_extension("acronyms"):
    Doc.set_extension("acronyms", default=None)
if not Doc.has_extension("nested_names"):
    Doc.set_extension("nested_names", default=None)


@cache
def name_heads() -> dict[str, frozenset[str]]:
    """Head words that decide what a name is (see patterns/name_heads.json)."""
    return {kind: frozenset(words) for kind, words in _load("name_heads.json").items()}


@cache
def person_nouns() -> frozenset[str]:
    return frozenset(_load("person_nouns.json")["nouns"]) | role_heads()


@cache
def country_names() -> frozenset[tuple[str, ...]]:
    """Country names as token tuples ('United', 'States'), from the demonym table."""
    return frozenset(tuple(name.split()) for names in demonyms().values() for name in names)


def head_word(span: Span) -> Token:
    """The word a name is about: the one before its first 'of' ('Museum of Flight'), else its last."""
    tokens = [t for t in span if t.text not in POSSESSIVE]
    if not tokens:
        return span[-1]
    for token in tokens[1:]:
        if token.lower_ == "of":
            return span.doc[token.i - 1]
    return tokens[-1]


def _words(span: Span) -> list[Token]:
    return [t for t in span if t.lower_ not in DETERMINERS and t.text not in POSSESSIVE]


def _is_locative(span: Span) -> bool:
    return span.start > 0 and span.doc[span.start - 1].lower_ in LOCATIVE_PREPOSITIONS


def _label_from_head(span: Span) -> str:
    """A multi-word name is what its head word says: 'Edmonton Sun' tagged PERSON is an
    organisation, 'Johnson Space Center' tagged ORG a place, 'Space Shuttle Columbia' no person.

    A place keeps its label where it is used as one ('in the West Bank')."""
    if span.label_ not in NAME_LABELS or len(_words(span)) < 2:
        return span.label_
    heads = name_heads()
    head = head_word(span).lower_
    if head in heads["facility"]:
        return "FAC"
    if head in heads["organisation"] and not (span.label_ in PLACE_LABELS and _is_locative(span)):
        return "ORG"
    if span.label_ == "PERSON" and any(t.lower_ in heads["not_person"] for t in span):
        return "PRODUCT"
    return span.label_


def title_length(tokens: list[Token]) -> int:
    """How many leading tokens form an honorific or rank ('Lt Gen', 'General', 'Mr.')."""
    words = [t for t in tokens if t.text != "."]
    for size in (3, 2, 1):
        if len(words) > size - 1:
            phrase = " ".join(t.text.lower().rstrip(".") for t in words[:size])
            if phrase.replace(" - ", "-") in titles() and all(
                t.text[:1].isupper() for t in words[:size]
            ):
                last = words[size - 1]
                used = last.i - tokens[0].i + 1
                if used < len(tokens) and tokens[used].text == ".":
                    used += 1
                return used
    return 0


def _person(span: Span) -> Span | None:
    tokens = list(span)
    skip = title_length(tokens)
    while skip and skip < len(tokens):
        more = title_length(tokens[skip:])
        if not more:
            break
        skip += more
    while tokens and tokens[-1].text in POSSESSIVE:
        tokens.pop()
    tokens = tokens[skip:]
    if not tokens or not any(t.text[:1].isupper() for t in tokens):
        return None
    return Span(span.doc, tokens[0].i, tokens[-1].i + 1, label="PERSON")


class _Casing:
    """Which words and word pairs the document also writes in lower case ('iodine')."""

    def __init__(self, doc: Doc) -> None:
        lower = [t.text if t.text.islower() else None for t in doc]
        self.words = {w for w in lower if w}
        self.pairs = {(a, b) for a, b in zip(lower, lower[1:], strict=False) if a and b}

    def written_lowercase(self, tokens: list[Token]) -> bool:
        texts = [t.lower_ for t in tokens]
        if len(texts) == 1:
            return texts[0] in self.words
        return all(pair in self.pairs for pair in zip(texts, texts[1:], strict=False))


def _is_not_a_name(span: Span, casing: _Casing, given_and_surnames: set[str]) -> bool:
    """A PERSON span a reader would not take for someone's name.

    'the Polaroid' or 'a Booker': a single name after an article names a thing ('the Sams',
    a family, and 'the Tom Cruise video' are still people);
    'Iodine' at a sentence start when the text also writes 'iodine': a common noun.
    A word also used in a longer name of this document is still a name."""
    words = _words(span)
    if not words:
        return True
    if len(words) == 1 and words[0].text in given_and_surnames:
        return False
    previous = span.doc[span.start - 1] if span.start > 0 else None
    if span[0].lower_ in {"the", "a", "an"} and title_length(words) == 0:
        return True
    after_article = previous is not None and previous.lower_ in {"the", "a", "an"}
    if len(words) == 1 and after_article and not words[0].text.endswith("s"):
        return True
    return casing.written_lowercase(words)


def _organisation(span: Span) -> list[Span]:
    """Drop 'the', 'X-led' and an owner ("the EU's X" -> EU, X); extend 'UN Forces – Cyprus'."""
    doc = span.doc
    start, end = span.start, span.end
    pieces: list[Span] = []
    if doc[start].lower_ == "the":
        start += 1
    for token in doc[start:end]:
        if token.text in POSSESSIVE and token.i + 1 < end and token.i > start:
            pieces.append(Span(doc, start, token.i, label="ORG"))
            start = token.i + 1
        elif token.lower_ == "led" and token.i > start and doc[token.i - 1].text in DASHES:
            pieces.append(Span(doc, start, token.i - 1, label="ORG"))
            start = token.i + 1
    while end > start and doc[end - 1].text in POSSESSIVE:
        end -= 1
    if (
        end + 2 <= len(doc)
        and doc[end].text in DASHES
        and doc[end + 1].ent_type_ in PLACE_LABELS
        and (end + 2 == len(doc) or doc[end + 2].is_punct or doc[end + 2].lower_ in {"and", "or"})
    ):
        end += 2
    if end > start:
        pieces.append(Span(doc, start, end, label="ORG"))
    return pieces


def _is_modifier_of_proper_name(span: Span) -> bool:
    """'Navy' in 'Chief of Navy Staff' or "Kenya's Navy Commander": part of a title, not an org."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        after is not None
        and after.pos_ == "PROPN"
        and after.text[:1].isupper()
        and not after.ent_type_
    )


def _acronym_definitions(doc: Doc) -> list[tuple[Span, Token]]:
    """'Maritime Security Initiative (MSI)': the words whose initials spell the acronym."""
    found = []
    for token in doc[2:-1]:
        text = token.text
        if not (2 <= len(text) <= 8 and text.isupper() and text.isalpha()):
            continue
        if doc[token.i - 1].text != "(" or doc[token.i + 1].text != ")":
            continue
        letters = list(text)
        i = token.i - 2
        while i >= 0 and letters:
            word = doc[i]
            if word.lower_ in ACRONYM_CONNECTORS and not word.text.isupper():
                if word.text[0].upper() == letters[-1] and word.text[0].isupper():
                    letters.pop()
                i -= 1
                continue
            if not word.text[:1].isupper() or word.text[0] != letters[-1]:
                break
            letters.pop()
            i -= 1
        if letters:
            continue
        start = i + 1
        while doc[start].lower_ in ACRONYM_CONNECTORS:
            start += 1
        found.append((Span(doc, start, token.i - 1), token))
    return found


def _is_role(span: Span) -> bool:
    return any(t.lower_ in role_heads() for t in span) and not any(
        t.ent_type_ == "ORG" and t.lower_ not in role_heads() for t in span
    )


WEAK_LABELS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}
"""Labels the small model often puts on names; a reporting verb's subject overrides them."""
OVERRIDABLE_LABELS = {"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE", "NORP", "ORG", "FAC"}
MISREAD_NAME_LABELS = OVERRIDABLE_LABELS | PLACE_LABELS
"""Labels the model puts on a surname standing alone ('Lukaku' as a place)."""


def _name_run(head: Token) -> tuple[int, int] | None:
    """Token range of a capitalised proper-noun name ending at `head` ('Mayor Elena Petrova')."""
    if head.pos_ != "PROPN" or not head.text[:1].isupper():
        return None
    start = head.i
    while start > 0:
        previous = head.doc[start - 1]
        if (
            previous.pos_ == "PROPN"
            and previous.text[:1].isupper()
            and previous.dep_ in {"compound", "nmod"}
        ):
            start -= 1
        else:
            break
    return start, head.i + 1


def _titled_name(doc: Doc, run: tuple[int, int] | None) -> tuple[int, int] | None:
    """The part of a proper-noun run that follows a title: 'Finance Minister [Sadia Mahmood]'."""
    if run is None:
        return None
    for start in range(run[0], run[1] - 1):
        length = title_length(list(doc[start : run[1]]))
        if length and start + length < run[1]:
            return start, run[1]
    return None


def _is_personal_name(tokens: Iterable[Token]) -> bool:
    """Capitalised words, no thing word among them ('Space Shuttle Columbia'), and a last
    word that is not an organisation or place word ('Refugee Council'). 'Park Joo-ho' is
    a name: only the last word is checked against those lists."""
    words = list(tokens)
    heads = name_heads()
    last = words[-1].lower_
    return (
        bool(words)
        and all(
            t.text[:1].isupper()
            and t.text.replace("-", "").replace(".", "").isalpha()
            and t.lower_ not in heads["not_person"]
            for t in words
        )
        and last not in heads["organisation"]
        and last not in heads["facility"]
    )


def _alone(token: Token, taken: dict[int, Span]) -> bool:
    """The token is a name on its own: no neighbouring capitalised word (other than a title)
    extends it, and any span on it covers just it ('Lukaku' tagged GPE, not 'Kennedy Space
    Center')."""
    doc = token.doc
    span = taken.get(token.i)
    if span is not None:
        words = [t for t in span if t.text not in POSSESSIVE and t.lower_ != "the"]
        if words != [token]:
            return False
        if span.label_ not in MISREAD_NAME_LABELS:
            return False
        if span.label_ in PLACE_LABELS and _is_locative(span):
            return False
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if (
        before is not None
        and before.pos_ == "PROPN"
        and before.text[:1].isupper()
        and not title_length([before])
    ):
        return False
    return not (after is not None and after.pos_ == "PROPN" and after.text[:1].isupper())


def _missed_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names the model missed: titled names, subjects of reporting verbs, known surnames."""
    found: list[Span] = []
    taken = {i: s for s in spans for i in range(s.start, s.end)}

    def free(start: int, end: int, overridable: set[str] = WEAK_LABELS) -> bool:
        return all(i not in taken or taken[i].label_ in overridable for i in range(start, end))

    for token in doc:
        run = None
        overridable = WEAK_LABELS
        if token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_.lower() in reporting_verbs():
            run = _name_run(token)
        if token.pos_ == "PROPN" and token.dep_ != "compound":
            titled = _titled_name(doc, _name_run(token))
            if titled is not None:
                run, overridable = titled, OVERRIDABLE_LABELS
        if (
            run
            and free(*run, overridable)
            and not any(doc[i].ent_type_ in PLACE_LABELS for i in range(*run))
        ):
            person = _person(Span(doc, run[0], run[1], label="PERSON"))
            if person is not None and (
                (len(person) >= 2 and _is_personal_name(person))
                or title_length(list(doc[run[0] : run[1]]))
            ):
                found.append(person)
    surnames = {
        s[-1].text
        for s in [*spans, *found]
        if s.label_ == "PERSON" and len(s) >= 2 and _is_personal_name(s)
    }
    for token in doc:
        if token.text in surnames and token.pos_ == "PROPN" and _alone(token, taken):
            found.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    return found


def _people_read_as_organisations(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Tariq Mahmood' tagged ORG: a short name with no organisation word whose surname
    also stands alone elsewhere, or that says something, is a person. Never one after
    'the' ('the Greek Orthodox Church') or a plural ('United Nations')."""
    alone = {
        t.text
        for t in doc
        if t.pos_ == "PROPN"
        and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")
        and not (t.i > 0 and doc[t.i - 1].pos_ == "PROPN")
    }
    people = []
    for span in spans:
        if span.label_ != "ORG" or not 2 <= len(span) <= 3:
            continue
        if not all(t.pos_ == "PROPN" and t.is_title for t in span):
            continue
        if not _is_personal_name(span) or span[-1].tag_ == "NNPS":
            continue
        if span.start > 0 and doc[span.start - 1].lower_ == "the":
            continue
        speaks = (
            span.root.dep_.startswith("nsubj")
            and span.root.head.lemma_.lower() in reporting_verbs()
        )
        if span[-1].text in alone or speaks:
            people.append(Span(doc, span.start, span.end, label="PERSON"))
    return people


def _people_by_apposition(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Valeska Paris, an Australian woman, ...': a two- to four-word proper name in
    apposition to a noun that only describes a person is a person, whatever the model
    called it."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    people = []
    for token in doc:
        if token.dep_ != "appos" or token.lemma_.lower() not in person_nouns():
            continue
        run = _name_run(token.head)
        if run is None or not 2 <= run[1] - run[0] <= 4:
            continue
        name = doc[run[0] : run[1]]
        if not _is_personal_name(name) or title_length(list(name)):
            continue
        covering = {id(taken[i]): taken[i] for i in range(*run) if i in taken}.values()
        if any(s.label_ == "PERSON" for s in covering):
            continue
        if all(run[0] <= s.start and s.end <= run[1] for s in covering):
            people.append(Span(doc, run[0], run[1], label="PERSON"))
    return people


def _prefer_people(spans: list[Span], people: list[Span]) -> list[Span]:
    covered = {i for p in people for i in range(p.start, p.end)}
    kept = [s for s in spans if not any(i in covered for i in range(s.start, s.end))]
    return kept + people


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _places_acting_as_organisations(spans: list[Span]) -> list[Span]:
    """'North Korea fired artillery', 'Sweden defeated South Korea': a country or city as the
    subject of an action is its government or team, an organisation (GUM's convention).
    'Afghanistan is mountainous' keeps it a place."""
    relabelled = []
    for span in spans:
        if span.label_ == "GPE":
            subject = _first_conjunct(span.root)
            verb = subject.head
            if (
                subject.dep_ == "nsubj"
                and verb.pos_ == "VERB"
                and verb.lemma_ != "be"
                and not span[-1].text in POSSESSIVE
            ):
                span = Span(span.doc, span.start, span.end, label="ORG")
        relabelled.append(span)
    return relabelled


def _nested_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """People and places named inside an organisation or facility name: 'United States' in
    'United States Navy', 'Texas' in 'University of Texas', 'Andy Warhol' in 'the Andy Warhol
    Foundation'. Only names the document uses on their own elsewhere count (and country
    names), so 'Defence' in 'Ministry of Defence' stays part of the ministry."""
    names: dict[tuple[str, ...], str] = {name: "GPE" for name in country_names()}
    for span in spans:
        if span.label_ in {"GPE", "LOC", "PERSON"}:
            names[tuple(t.text for t in _words(span))] = span.label_
    longest = max((len(n) for n in names), default=0)
    nested: list[Span] = []
    for span in spans:
        if span.label_ not in {"ORG", "FAC"} or len(span) < 2:
            continue
        i = span.start
        while i < span.end:
            for size in range(min(longest, span.end - i), 0, -1):
                label = names.get(tuple(t.text for t in doc[i : i + size]))
                if label and (i, i + size) != (span.start, span.end):
                    nested.append(Span(doc, i, i + size, label=label))
                    i += size - 1
                    break
            i += 1
    return nested


@Language.component("entity_rules")
def entity_rules(doc: Doc) -> Doc:
    spans: list[Span] = []
    headings = {s.start for s in doc.sents if is_heading(s)}
    sentence_of = {t.i: t.sent.start for t in doc}
    casing = _Casing(doc)
    name_words = {
        t.text
        for e in doc.ents
        if e.label_ == "PERSON" and len(_words(e)) >= 2 and sentence_of[e.start] not in headings
        for t in _words(e)
    }
    for ent in doc.ents:
        label = _label_from_head(ent)
        if label != ent.label_:
            ent = Span(doc, ent.start, ent.end, label=label)
        if ent.label_ == "PERSON":
            if _is_not_a_name(ent, casing, name_words) or (
                sentence_of[ent.start] in headings
                and not all(t.text in name_words for t in _words(ent))
            ):
                continue
            person = _person(ent)
            if person is not None:
                spans.append(person)
        elif ent.label_ == "ORG":
            if _is_modifier_of_proper_name(ent):
                continue
            spans.extend(_organisation(ent))
        elif ent.label_ == "NORP" and ent.end < len(doc) and doc[ent.end].lower_ in GOVERNING_NOUNS:
            spans.append(Span(doc, ent.start, ent.end + 1, label="ORG"))
        else:
            spans.append(ent)
    acronyms: dict[tuple[int, int], str] = {}
    for expansion, acronym in _acronym_definitions(doc):
        if _is_role(expansion):
            spans = [s for s in spans if not (s.start <= acronym.i < s.end)]
            continue
        overlapping = [s for s in spans if s.start < expansion.end and expansion.start < s.end]
        label = next((s.label_ for s in overlapping if s.label_ in NAME_LABELS), "ORG")
        spans = [s for s in spans if s not in overlapping]
        spans.append(Span(doc, expansion.start, expansion.end, label=label))
        spans.append(Span(doc, acronym.i, acronym.i + 1, label=label))
        acronyms[(expansion.start_char, expansion.end_char)] = acronym.text
    covered = {i for s in spans for i in range(s.start, s.end)}
    for token in doc:
        if (
            token.i not in covered
            and 2 <= len(token.text) <= 6
            and token.text.isupper()
            and token.text.isalpha()
            and token.pos_ == "PROPN"
            and token.lower_ not in person_nouns()
            and sentence_of[token.i] not in headings
            and not (token.i > 0 and doc[token.i - 1].text == "(")
        ):
            spans.append(Span(doc, token.i, token.i + 1, label="ORG"))
    spans = _prefer_people(spans, _people_read_as_organisations(doc, spans))
    spans = _prefer_people(spans, _people_by_apposition(doc, spans))
    spans = _prefer_people(spans, _missed_people(doc, spans))
    spans = _places_acting_as_organisations(filter_spans(spans))
    doc.ents = spans
    doc._.acronyms = acronyms
    doc._.nested_names = _nested_names(doc, spans)
    return doc
