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

from collections import Counter
from collections.abc import Iterable
from functools import cache
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from app.extract.layout import is_heading, is_title_case
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
ARTICLES = {"the", "a", "an"}
DETERMINERS = ARTICLES | {"this", "that", "these", "those"}
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
    """'in the West Bank', 'at Kennedy Space Center': a preposition of place before it."""
    before = span.start - 1
    if before > 0 and span.doc[before].lower_ == "the":
        before -= 1
    return before >= 0 and span.doc[before].lower_ in LOCATIVE_PREPOSITIONS


def _relabelled(span: Span, label: str) -> Span:
    return span if label == span.label_ else Span(span.doc, span.start, span.end, label=label)


INSTITUTION_HEADS = {"center", "centre"}
"""Facility words that also head institutions ('Tax Policy Center', 'Center for X'): a place
only where the model says so or the text goes to it ('at the Kennedy Space Center')."""


def _is_institution(span: Span, head: Token) -> bool:
    if head.lower_ not in INSTITUTION_HEADS:
        return False
    after = span.doc[head.i + 1] if head.i + 1 < span.end else None
    if after is not None and after.lower_ in {"for", "of"}:
        return True
    return span.label_ != "FAC" and not _is_locative(span)


def _label_from_head(span: Span) -> str:
    """A multi-word name is what its head word says: 'Edmonton Sun' tagged PERSON is an
    organisation, 'Johnson Space Center' tagged ORG a place, 'Space Shuttle Columbia' no
    person, 'Space Shuttle Program' no organisation. A one-word 'organisation' that modifies
    a thing noun is a brand or a system ('the Polaroid camera', 'the ICI system').

    A place keeps its label where it is used as one ('in the West Bank')."""
    heads = name_heads()
    if span.label_ not in NAME_LABELS:
        return span.label_
    if len(_words(span)) < 2:
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if (
            span.label_ == "ORG"
            and after is not None
            and after.text.islower()
            and after.lower_ in heads["thing"]
        ):
            return "PRODUCT"
        return span.label_
    head_token = head_word(span)
    head = head_token.lower_
    if head in heads["facility"] and not _is_institution(span, head_token):
        return "FAC"
    if head in heads["organisation"] and not (span.label_ in {"GPE", "LOC"} and _is_locative(span)):
        return "ORG"
    if head in heads["thing"] and span.label_ == "ORG":
        return "PRODUCT"
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
        self.pairs = {(a, b) for a, b in pairwise(lower) if a and b}

    @classmethod
    def of(cls, doc: Doc) -> _Casing:
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


def _is_not_a_name(span: Span, casing: _Casing, given_and_surnames: set[str]) -> bool:
    """A PERSON span a reader would not take for someone's name.

    'the Polaroid' or 'a Booker': a single name after an article names a thing ('the Sams',
    a family, and 'the Tom Cruise video' are still people);
    'Iodine' at a sentence start when the text also writes 'iodine': a common noun; a
    lowercase word ('pro-Beijing') or one with digits ('STS-1') is none either.
    A word also used in a longer name of this document is still a name."""
    words = _words(span)
    if not words or any(c.isdigit() for c in span.text):
        return True
    if len(words) == 1 and words[0].text in given_and_surnames:
        return False
    if len(words) == 1 and not words[0].text[:1].isupper():
        return True
    if span[0].lower_ in ARTICLES and title_length(words) == 0:
        return True
    if len(words) == 1 and _after_article(words[0]) and not words[0].text.endswith("s"):
        return True
    return casing.written_lowercase(words)


def _after_article(token: Token) -> bool:
    """'the Hajj', 'a Booker': an article before a lone name; not 'the Obama administration',
    where the name modifies a noun."""
    return (
        token.i > 0
        and token.doc[token.i - 1].lower_ in ARTICLES
        and token.dep_ not in {"compound", "nmod", "poss"}
    )


def _surname_compounds_trimmed(people: list[Span]) -> list[Span]:
    """'Warhol Polaroid exhibits': a two-word PERSON that starts with another person's
    surname and goes on with a word no other name has is that person, then a thing."""
    full = [p for p in people if len(_words(p)) >= 2]
    trimmed = []
    for person in people:
        words = _words(person)
        others = [o for o in full if o.text != person.text]
        if (
            len(words) == 2
            and words[0].text in {_words(o)[-1].text for o in others}
            and words[1].text not in {t.text for o in others for t in _words(o)}
        ):
            person = Span(person.doc, words[0].i, words[0].i + 1, label="PERSON")
        trimmed.append(person)
    return trimmed


def _organisation(span: Span) -> list[Span]:
    """Drop 'the', 'X-led' and an owner ("the EU's X" -> EU, X); extend 'UN Forces – Cyprus'.
    A piece that does not start with a capital ("Trump's 1995") is no name."""
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
    return [p for p in pieces if p.text[:1].isupper() or p.text[:1] == "@"]


def _is_modifier_of_proper_name(span: Span) -> bool:
    """'Navy' in 'Chief of Navy Staff' or "Kenya's Navy Commander": part of a title, not an org
    ('the Refugee Council Enver Solomon' is still one)."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        after is not None
        and after.pos_ == "PROPN"
        and after.text[:1].isupper()
        and not after.ent_type_
        and (after.lower_ in role_heads() or after.lower_ == "staff" or title_length([after]) > 0)
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


def _has_no_role_or_organisation_word(name: Span) -> bool:
    """'United Nations High Commissioner recommended': a speaker with such words is no name."""
    heads = name_heads()
    return not any(
        t.lower_ in heads["organisation"]
        or t.lower_ in heads["facility"]
        or t.lower_ in role_heads()
        for t in name
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
            if run is not None and not _has_no_role_or_organisation_word(doc[run[0] : run[1]]):
                run = None
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
    full_names = [
        s for s in [*spans, *found] if s.label_ == "PERSON" and len(s) >= 2 and _is_personal_name(s)
    ]
    found += _full_names_again(doc, full_names, taken)
    surnames = {s[-1].text for s in full_names}
    for token in doc:
        if (
            token.text in surnames
            and (token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.dep_ in NAME_HEAD_DEPS))
            and not _after_article(token)
            and _alone(token, taken)
        ):
            found.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    return found


NAME_HEAD_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "conj", "appos"}
"""Where a surname the tagger calls a common noun still heads its phrase ('Rathbun requested')."""


def _full_names_again(
    doc: Doc, full_names: list[Span], taken: dict[int, Span], label: str = "PERSON"
) -> list[Span]:
    """A full name the document gives a person (or an organisation) is that person wherever
    it recurs ('Image: Twitter / Barack Obama', where the model saw no name; 'Environment
    Canada spokesperson', where it saw only 'Canada')."""
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for span in full_names:
        words = tuple(t.text for t in _words(span))
        if words:
            by_first.setdefault(words[0], set()).add(words)
    found = []
    for token in doc:
        for words in by_first.get(token.text, ()):
            end = token.i + len(words)
            if end > len(doc) or tuple(t.text for t in doc[token.i : end]) != words:
                continue
            covering = {id(taken[i]): taken[i] for i in range(token.i, end) if i in taken}
            if all(
                s.label_ in MISREAD_NAME_LABELS - {label}
                and token.i <= s.start
                and s.end <= end
                and (label == "PERSON" or (s.label_ != "FAC" and len(s) < len(words)))
                for s in covering.values()
            ):
                found.append(Span(doc, token.i, end, label=label))
    return found


def _organisation_names_again(doc: Doc, spans: list[Span]) -> list[Span]:
    """The multi-word organisations of the document, wherever they recur unlabelled or
    only partly labelled (a place the text goes to keeps its label: 'at Johnson Space
    Center')."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    names = [s for s in spans if s.label_ == "ORG" and len(_words(s)) >= 2]
    return _full_names_again(doc, names, taken, label="ORG")


def _people_read_as_organisations(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Tariq Mahmood' tagged ORG: a short name with no organisation word whose surname
    also stands alone elsewhere, or that says something, is a person. Never one after
    'the' ('the Greek Orthodox Church'), a plural ('United Nations') or one with a place
    in it ('Forestry Norway')."""
    alone = {
        t.text
        for t in doc
        if t.pos_ == "PROPN"
        and t.ent_type_ not in PLACE_LABELS
        and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN")
        and not (t.i > 0 and doc[t.i - 1].pos_ == "PROPN")
    }
    places = {s.text for s in spans if s.label_ in PLACE_LABELS} | {
        name[0] for name in country_names() if len(name) == 1
    }
    people = []
    for span in spans:
        if span.label_ != "ORG" or not 2 <= len(span) <= 3:
            continue
        if not all(t.pos_ == "PROPN" and t.is_title for t in span):
            continue
        if not _is_personal_name(span) or span[-1].tag_ == "NNPS":
            continue
        if any(t.text in places for t in span):
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
        if not any(
            taken.get(i) is not None and taken[i].label_ == "PERSON" for i in range(*run)
        ) and (
            _covered_only_by_misread_names(name, taken, places_anywhere=True)
            and _could_be_new_name(name, spans, places_anywhere=True)
        ):
            people.append(Span(doc, run[0], run[1], label="PERSON"))
    return people


def _covered_only_by_misread_names(
    name: Span, taken: dict[int, Span], *, places_anywhere: bool = False
) -> bool:
    """Any span inside the name is one the model puts on names by mistake; a place only
    as the surname ('Vitas [Gerulaitis]', not '[Afghanistan] Reconciliation') unless the
    context leaves no doubt (`places_anywhere`: '[Valeska] [Paris], an Australian woman')."""
    covering = {id(taken[i]): taken[i] for i in range(name.start, name.end) if i in taken}
    return all(
        s.label_ in MISREAD_NAME_LABELS
        and name.start <= s.start
        and s.end <= name.end
        and (places_anywhere or s.label_ not in PLACE_LABELS or s.end == name.end)
        for s in covering.values()
    )


def _could_be_new_name(name: Span, spans: list[Span], *, places_anywhere: bool = False) -> bool:
    """For names found by context alone: no word the document also writes in lower case
    ('Afghanistan Reconciliation' beside 'reconciliation process') and no place of the
    document before the surname, unless the context leaves no doubt."""
    places = set() if places_anywhere else {s.text for s in spans if s.label_ in PLACE_LABELS}
    casing = _Casing.of(name.doc)
    return not any(t.lower_ in casing.words for t in name) and not any(
        t.text in places for t in name[:-1]
    )


def _people_by_coordination(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Ansel Adams, Chuck Close, Walker Evans and Robert Mapplethorpe': a two- or three-word
    proper name listed with people, and with no organisation or place, is a person."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    people = []
    for token in doc:
        if token.pos_ != "PROPN" or not token.conjuncts or token.dep_ == "compound":
            continue
        if token.i in taken and taken[token.i].label_ == "PERSON":
            continue
        run = _name_run(token)
        if run is None or not 2 <= run[1] - run[0] <= 3:
            continue
        name = doc[run[0] : run[1]]
        if (
            not _is_personal_name(name)
            or not _has_no_role_or_organisation_word(name)
            or title_length(list(name))
            or _after_article(name[0])
        ):
            continue
        labels = {taken[c.i].label_ for c in token.conjuncts if c.i in taken}
        if (
            labels == {"PERSON"}
            and _covered_only_by_misread_names(name, taken)
            and _could_be_new_name(name, spans)
        ):
            people.append(Span(doc, run[0], run[1], label="PERSON"))
    return people


def _people_after_person_nouns(doc: Doc, spans: list[Span]) -> list[Span]:
    """'fashion designer Halston', 'athletes Vitas Gerulaitis': a proper name that a
    lowercase noun describing a person modifies is that person, unless the article names
    a place so more than once ('NATO member Estonia')."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    places = Counter(s.text for s in spans if s.label_ in PLACE_LABELS)
    people = []
    for token in doc[:-1]:
        if not (token.pos_ == "NOUN" and token.text.islower()):
            continue
        if token.lemma_.lower() not in person_nouns():
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3 and doc[end].pos_ == "PROPN":
            end += 1
        if end == token.i + 1 or not (
            token.i < token.head.i < end or doc[end - 1].head == token.head
        ):
            continue  # the noun must describe the name: modify it or stand beside it
        name = doc[token.i + 1 : end]
        if places[name.text] > 1:
            continue  # 'NATO member Estonia'
        if (
            _is_personal_name(name)
            and not title_length(list(name))
            and not any(taken.get(t.i) is not None and taken[t.i].label_ == "PERSON" for t in name)
            and _covered_only_by_misread_names(name, taken)
            and _could_be_new_name(name, spans)
        ):
            people.append(Span(doc, name.start, name.end, label="PERSON"))
    return people


def _plurality(votes: Counter[str]) -> str | None:
    """The label given more often than any other, if one is."""
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _one_sense_per_name(spans: list[Span], name_words: set[str]) -> list[Span]:
    """One word, one sense per article: 'Tunisia' tagged a place four times and a person
    once is a place, 'Gloria' tagged a person four times and a place once a person (a word
    of someone's full name is left to the surname rule). A country's name tagged ORG is a place,
    until `_places_acting_as_organisations` reads how it is used."""
    votes: dict[str, Counter[str]] = {}
    for span in spans:
        if len(span) == 1 and span.label_ in {"PERSON", "GPE", "ORG"}:
            votes.setdefault(span.text, Counter())[span.label_] += 1
    relabelled = []
    for span in spans:
        label = span.label_
        if len(span) == 1 and span.text in votes:
            if span.text not in name_words:
                label = _plurality(votes[span.text]) or label
        elif span.label_ == "ORG" and tuple(t.text for t in _words(span)) in country_names():
            label = "GPE"
        relabelled.append(_relabelled(span, label))
    return relabelled


def _same_name_again(doc: Doc, spans: list[Span]) -> list[Span]:
    """A one-word organisation or place keeps its label where the model left the same word
    unlabelled ('Scientology officials' after 'Scientology said'): one sense per article.
    Words that begin a sentence or stand inside a longer capitalised run are left alone."""
    labels: dict[str, Counter[str]] = {}
    for span in spans:
        words = _words(span)
        if len(words) == 1 and span.label_ in {"ORG", "GPE", "PERSON"}:
            labels.setdefault(words[0].text, Counter())[span.label_] += 1
    covered = {i for s in spans for i in range(s.start, s.end)}
    found = []
    for token in doc:
        votes = labels.get(token.text)
        if not votes or token.i in covered or token.pos_ != "PROPN" or token.is_sent_start:
            continue
        neighbours = [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)]
        if any(n.pos_ == "PROPN" and n.text[:1].isupper() for n in neighbours):
            continue
        if _plurality(votes) == "ORG":
            found.append(Span(doc, token.i, token.i + 1, label="ORG"))
    return found


def _organisations_people_belong_to(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Nathan Law of Demosisto', 'Nick Rhodes of Duran Duran': a name right after
    'PERSON of' is the person's party, band or employer, an organisation, unless the
    model calls it a place ('Ali of Kuwait')."""
    in_person = {i for s in spans if s.label_ == "PERSON" for i in range(s.start, s.end)}
    relabelled = []
    for span in spans:
        owner = doc[span.start - 2] if span.start >= 2 else None
        if (
            span.label_ in {"PERSON", "NORP", "FAC"} | WEAK_LABELS
            and owner is not None
            and doc[span.start - 1].lower_ == "of"
            and owner.i in in_person
        ):
            span = _relabelled(span, "ORG")
        relabelled.append(span)
    return relabelled


def _capitalised_run_end(doc: Doc, start: int) -> int:
    """End of the proper-noun run from `start`, through 'of' ('Municipality of Livorno')."""
    end = start
    while end < len(doc):
        token = doc[end]
        capitalised = token.pos_ == "PROPN" and token.text[:1].isupper()
        joins = (
            token.lower_ == "of"
            and end > start
            and end + 1 < len(doc)
            and doc[end + 1].pos_ == "PROPN"
            and doc[end + 1].text[:1].isupper()
        )
        if not (capitalised or joins):
            break
        end += 1
    return end


def _names_by_head_word(doc: Doc, spans: list[Span]) -> list[Span]:
    """Capitalised proper-noun runs the model left unlabelled, named by their head word:
    'Shandao Station' is a place, 'Toronto Star' and 'Municipality of Livorno'
    organisations."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    heads = name_heads()
    found = []
    i = 0
    while i < len(doc):
        end = _capitalised_run_end(doc, i)
        if end - i >= 2 and not any(j in covered for j in range(i, end)):
            run = doc[i:end]
            head = head_word(run).lower_
            label = "FAC" if head in heads["facility"] else None
            label = "ORG" if head in heads["organisation"] else label
            if label:
                found.append(Span(doc, i, end, label=label))
        i = max(end, i + 1)
    return found


def _places_named_by_kind(doc: Doc, spans: list[Span]) -> list[Span]:
    """'the town of Yeoncheon', 'the province of Helmand', 'the Lombardy region': the name
    after a place noun and 'of', or between 'the' and such a noun, is a place, whatever the
    model called it."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    names = []
    for token in doc[2:]:
        if doc[token.i - 1].lower_ == "of" and doc[token.i - 2].lower_ in PLACE_NOUNS:
            names.append(doc[token.i : _capitalised_run_end(doc, token.i)])
        if token.lower_ in PLACE_NOUNS and token.text.islower():
            start = token.i
            while (
                start > 0
                and doc[start - 1].pos_ in {"PROPN", "ADJ"}
                and doc[start - 1].is_title
                and doc[start - 1].lower_ not in demonyms()
            ):
                start -= 1
            if start < token.i and start > 0 and doc[start - 1].lower_ == "the":
                names.append(doc[start : token.i])
    places = []
    for name in names:
        covering = {id(taken[i]): taken[i] for i in range(name.start, name.end) if i in taken}
        if len(name) and all(
            s.label_ in MISREAD_NAME_LABELS - {"GPE", "NORP"}
            and name.start <= s.start
            and s.end <= name.end
            for s in covering.values()
        ):
            places.append(Span(doc, name.start, name.end, label="GPE"))
    return places


PLACE_NOUNS = {
    "town",
    "city",
    "village",
    "province",
    "region",
    "district",
    "county",
    "island",
    "islands",
    "state",
    "capital",
    "port",
    "municipality",
    "republic",
    "kingdom",
    "emirate",
}
"""Lowercase nouns that name a place by the name after 'of' ('the town of X')."""


def _is_attitude(span: Span) -> bool:
    """'anti-Pyongyang propaganda', 'pro-Beijing candidates': a stance, not a place."""
    doc = span.doc
    if span.text.lower().startswith(("pro-", "anti-")):
        return True
    return (
        span.start >= 2
        and doc[span.start - 1].text == "-"
        and doc[span.start - 2].lower_ in {"pro", "anti"}
    )


def _first_names_split_off(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Dries Mertens' where the model took 'Dries' for an organisation and 'Mertens' for a
    person, or 'the Refugee Council Enver Solomon' where it saw only 'Solomon': a capitalised
    word right before a one-word person, with nothing else around it, is the first name (not
    a place, 'Governor of Washington Chris Gregoire'; not a word also written in lower case,
    'Rival Clinton' beside 'a rival'; not a people, 'Republican Trump')."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    heads = name_heads()
    casing = _Casing.of(doc)
    people = []
    for span in spans:
        if span.label_ != "PERSON" or span.start == 0 or len(span) > 1:
            continue
        first = doc[span.start - 1]
        own = taken.get(first.i)
        if (
            first.pos_ != "PROPN"
            or not first.is_title
            or not first.is_alpha
            or first.lower_ in casing.words
            or (own is not None and (len(own) > 1 or own.label_ not in WEAK_LABELS | {"ORG"}))
            or title_length([first])
            or first.lower_ in heads["organisation"] | heads["facility"] | role_heads()
        ):
            continue
        before = doc[first.i - 1] if first.i > 0 else None
        if before is not None and (
            (before.pos_ == "PROPN" and before.i not in taken) or before.lower_ == "of"
        ):
            continue
        people.append(Span(doc, first.i, span.end, label="PERSON"))
    return people


def _organisations_before_roles(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Facebook creator Mark Zuckerberg', 'Environment Canada spokesperson Julie Hahn': the
    proper name before a lowercase role noun that stands before a person is the person's
    organisation; so is an unlabelled name before a noun for an organisation's people
    ('Scientology officials'). A country, a people or a person keeps its label ('US envoy
    Zalmay Khalilzad', 'Trump adviser')."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    found = []
    for token in doc[1:-1]:
        if not token.text.islower() or token.lemma_.lower() not in person_nouns():
            continue
        after = taken.get(token.i + 1)
        before_person = after is not None and after.label_ == "PERSON"
        if not before_person and token.lemma_.lower() not in MEMBER_NOUNS:
            continue
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        if start == token.i or title_length(list(doc[start : token.i])):
            continue
        covering = {id(taken[i]): taken[i] for i in range(start, token.i) if i in taken}.values()
        if not before_person and covering:
            continue
        if all(
            start <= s.start
            and s.end <= token.i
            and s.label_ not in {"PERSON", "NORP"}
            and not (s.label_ in PLACE_LABELS and (s.start, s.end) == (start, token.i))
            for s in covering
        ):
            found.append(Span(doc, start, token.i, label="ORG"))
    return found


MEMBER_NOUNS = {
    "official",
    "employee",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "attorney",
    "lawyer",
    "executive",
    "staff",
    "member",
    "officer",
}
"""People who speak or act for an organisation: 'Scientology officials', 'Acme spokesman'."""


def _prefer(spans: list[Span], preferred: list[Span]) -> list[Span]:
    """`spans` without those that overlap a preferred span, plus the preferred spans."""
    covered = {i for p in preferred for i in range(p.start, p.end)}
    kept = [s for s in spans if not any(i in covered for i in range(s.start, s.end))]
    return kept + preferred


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _acts(span: Span) -> bool:
    """Subject of an action. A dateline ('WASHINGTON —', all capitals) only says where."""
    subject = _first_conjunct(span.root)
    verb = subject.head
    return (
        not (span.text.isupper() and len(span.text) > 3)
        and subject.dep_ == "nsubj"
        and verb.pos_ == "VERB"
        and verb.lemma_ != "be"
        and span[-1].text not in POSSESSIVE
    )


def _places_acting_as_organisations(spans: list[Span]) -> list[Span]:
    """'North Korea fired artillery', 'Sweden defeated South Korea': a country or city as the
    subject of an action is its government or team, an organisation (GUM's convention).
    One sense per article: a name that acts in most of its mentions is an organisation
    in all of them ('a loudspeaker in South Korea'), otherwise a place in all of them
    ('Thailand has cracked down' in an article about Thailand as a place)."""
    uses: dict[str, Counter[bool]] = {}
    for span in spans:
        if span.label_ == "GPE":
            key = " ".join(t.text for t in _words(span))
            uses.setdefault(key, Counter())[_acts(span)] += 1
    relabelled = []
    for span in spans:
        if span.label_ == "GPE":
            counts = uses[" ".join(t.text for t in _words(span))]
            if counts[True] * 2 > counts.total():
                span = _relabelled(span, "ORG")
        relabelled.append(span)
    return relabelled


def _nested_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """People and places named inside the name of an organisation, facility or thing: 'United States' in
    'United States Navy', 'Texas' in 'University of Texas', 'Andy Warhol' in 'the Andy Warhol
    Foundation'. Only names the document uses on their own elsewhere count (and country
    names), so 'Defence' in 'Ministry of Defence' stays part of the ministry; after a few
    heads ('University of X', 'Municipality of X') the name after 'of' is always a place."""
    names: dict[tuple[str, ...], str] = {name: "GPE" for name in country_names()}
    for span in spans:
        if span.label_ in {"GPE", "PERSON"}:
            names[tuple(t.text for t in _words(span))] = span.label_
    longest = max((len(n) for n in names), default=0)
    nested: list[Span] = []
    for span in spans:
        if span.label_ not in {"ORG", "FAC"} | WEAK_LABELS or len(span) < 2:
            continue
        if tuple(t.text for t in _words(span)) in names:
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
            place = Span(doc, owner.i + 2, _capitalised_run_end(doc, owner.i + 2), label="GPE")
            if len(place) and not any(n.start < place.end and place.start < n.end for n in nested):
                nested.append(place)
    return nested


PLACE_OWNED_HEADS = {"university", "municipality", "government", "province", "state", "city"}
"""Heads whose 'of' names a place: 'University of Sheffield', 'Government of Ontario'."""


@cache
def _capitalised_anywhere() -> frozenset[str]:
    """Words written with a capital in running text too: titles and positions."""
    return frozenset(word for title in titles() for word in title.split()) | role_heads()


class _Layout:
    """Which sentences are headings, or a title in headline style on the first line, found
    once per document. (Headline style further down is more often a byline or a caption,
    where names are real: 'Reporting by Will Dunham'.)"""

    def __init__(self, doc: Doc) -> None:
        self.sentence_of: dict[int, int] = {}
        self.headlines: set[int] = set()
        first_line = doc[: next((t.i + 1 for t in doc if "\n" in t.text_with_ws), len(doc))]
        title = is_title_case(first_line, _Casing.of(doc).words, _capitalised_anywhere())
        for sentence in doc.sents:
            if is_heading(sentence) or (title and sentence.start < first_line.end):
                self.headlines.add(sentence.start)
            for i in range(sentence.start, sentence.end):
                self.sentence_of[i] = sentence.start

    def in_headline(self, token_index: int) -> bool:
        return self.sentence_of[token_index] in self.headlines


def _confirmed_by_the_body(doc: Doc, spans: list[Span], layout: _Layout) -> list[Span]:
    """A name in a heading or a headline-style line ('Obama Sees Personal Insult') counts
    only if the body of the article writes it too: capitals there mark words, not names."""
    body_starts: dict[str, list[int]] = {}
    for token in doc:
        if not layout.in_headline(token.i):
            body_starts.setdefault(token.text, []).append(token.i)

    def in_body(words: list[str]) -> bool:
        return any(
            [t.text for t in doc[i : i + len(words)]] == words
            for i in body_starts.get(words[0], ())
        )

    return [
        s
        for s in spans
        if not layout.in_headline(s.start) or in_body([t.text for t in _words(s)] or [s.text])
    ]


def _corrected_model_spans(doc: Doc, layout: _Layout) -> tuple[list[Span], set[str]]:
    """The model's spans, relabelled by their head word, with titles, owners and 'the' taken
    off, and what is no name dropped; also the words of the people's full names."""
    casing = _Casing.of(doc)
    ents = [_relabelled(ent, _label_from_head(ent)) for ent in doc.ents]
    people = _surname_compounds_trimmed([e for e in ents if e.label_ == "PERSON"])
    ents = sorted([e for e in ents if e.label_ != "PERSON"] + people, key=lambda e: e.start)
    name_words = {
        t.text
        for e in people
        if len(_words(e)) >= 2 and not layout.in_headline(e.start)
        for t in _words(e)
    }
    spans: list[Span] = []
    for ent in ents:
        if len(_words(ent)) == 1 and _words(ent)[0].lower_ in person_nouns():
            continue  # 'QC', 'MP', 'the Sheriff': a position, not a name
        if ent.label_ == "PERSON":
            person = None if _is_not_a_name(ent, casing, name_words) else _person(ent)
            if person is not None:
                spans.append(person)
        elif ent.label_ == "ORG":
            if not _is_modifier_of_proper_name(ent):
                spans.extend(_organisation(ent))
        elif ent.label_ == "NORP" and ent.end < len(doc) and doc[ent.end].lower_ in GOVERNING_NOUNS:
            spans.append(Span(doc, ent.start, ent.end + 1, label="ORG"))
        elif not (
            ent.label_ in PLACE_LABELS and (_is_attitude(ent) or any(c.isdigit() for c in ent.text))
        ):
            spans.append(ent)
    return spans, name_words


def _with_defined_acronyms(doc: Doc, spans: list[Span]) -> tuple[list[Span], dict]:
    """'Maritime Security Initiative (MSI)': the expansion and the acronym as one name (or
    neither, when the words are a position: 'Chief of Naval Operations (CNO)'). The acronym
    elsewhere is what its expansion is: 'KSC employees' after 'Kennedy Space Center (KSC)'
    is a place."""
    acronyms: dict[tuple[int, int], str] = {}
    labels: dict[str, str] = {}
    for expansion, acronym in _acronym_definitions(doc):
        if _is_role(expansion):
            spans = [s for s in spans if not (s.start <= acronym.i < s.end)]
            continue
        overlapping = [s for s in spans if s.start < expansion.end and expansion.start < s.end]
        label = next((s.label_ for s in overlapping if s.label_ in NAME_LABELS), "ORG")
        spans = [s for s in spans if s not in overlapping and not s.start <= acronym.i < s.end]
        spans.append(Span(doc, expansion.start, expansion.end, label=label))
        spans.append(Span(doc, acronym.i, acronym.i + 1, label=label))
        acronyms[(expansion.start_char, expansion.end_char)] = acronym.text
        labels[acronym.text] = label
    spans = [
        _relabelled(s, labels[s.text]) if len(s) == 1 and s.text in labels else s for s in spans
    ]
    spans += [
        Span(doc, token.i, token.i + 1, label=labels[token.text])
        for token in doc
        if token.text in labels and not token.ent_type_ and not _in_any(token.i, spans)
    ]
    return spans, acronyms


def _in_any(index: int, spans: list[Span]) -> bool:
    return any(s.start <= index < s.end for s in spans)


def _bare_acronyms(doc: Doc, spans: list[Span], layout: _Layout) -> list[Span]:
    """An all-capital proper noun the model left unlabelled ('ISI') is an organisation,
    unless it is a position ('MP', 'QC')."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    return [
        Span(doc, token.i, token.i + 1, label="ORG")
        for token in doc
        if token.i not in covered
        and 2 <= len(token.text) <= 6
        and token.text.isupper()
        and token.text.isalpha()
        and token.pos_ == "PROPN"
        and token.lower_ not in person_nouns()
        and not layout.in_headline(token.i)
        and not (token.i > 0 and doc[token.i - 1].text == "(")
    ]


@Language.component("entity_rules")
def entity_rules(doc: Doc) -> Doc:
    layout = _Layout(doc)
    spans, name_words = _corrected_model_spans(doc, layout)
    spans, acronyms = _with_defined_acronyms(doc, spans)
    spans += _bare_acronyms(doc, spans, layout)
    spans += _names_by_head_word(doc, spans)
    spans += _same_name_again(doc, spans)
    spans = _prefer(spans, _places_named_by_kind(doc, spans))
    spans = _one_sense_per_name(spans, name_words)
    spans = _organisations_people_belong_to(doc, spans)
    spans = _prefer(spans, _organisations_before_roles(doc, spans))
    spans = _prefer(spans, _organisation_names_again(doc, spans))
    for rule in (
        _first_names_split_off,
        _people_read_as_organisations,
        _people_by_apposition,
        _people_by_coordination,
        _people_after_person_nouns,
        _missed_people,
    ):
        spans = _prefer(spans, rule(doc, spans))
    spans = _confirmed_by_the_body(doc, filter_spans(spans), layout)
    doc.ents = _places_acting_as_organisations(spans)
    doc._.acronyms = acronyms
    doc._.nested_names = _nested_names(doc, list(doc.ents))
    return doc
