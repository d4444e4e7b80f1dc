"""Corrections to spaCy's entity spans, as a pipeline component after `ner`.

The small model's spans are close but not what a reader means: titles glued to
names ('Gen Okafor'), owners glued to organisations ("the EU's X"), defined acronyms
missed ('Maritime Security Initiative (MSI)'), headings read as people. Each rule
here moves a span to where a reader would put it; `entities.py` then groups them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from app.extract.layout import is_heading
from app.extract.patterns import reporting_verbs, role_heads, titles

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

if not Doc.has_extension("acronyms"):
    Doc.set_extension("acronyms", default=None)


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
            if (
                person is not None
                and (len(person) >= 2 or title_length(list(doc[run[0] : run[1]])))
            ) or (person is not None and token.dep_.startswith("nsubj")):
                found.append(person)
    surnames = {s[-1].text for s in [*spans, *found] if s.label_ == "PERSON" and len(s) >= 2}
    for token in doc:
        if (
            token.text in surnames
            and token.pos_ == "PROPN"
            and free(token.i, token.i + 1, OVERRIDABLE_LABELS)
        ):
            found.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    return found


ORGANISATION_WORDS = {
    "ministry",
    "council",
    "party",
    "group",
    "bank",
    "company",
    "corp",
    "corporation",
    "inc",
    "ltd",
    "university",
    "agency",
    "army",
    "forces",
    "force",
    "command",
    "mission",
    "office",
    "department",
    "committee",
    "commission",
    "union",
    "association",
    "organisation",
    "organization",
    "institute",
    "court",
    "parliament",
    "assembly",
    "government",
    "police",
    "news",
    "times",
    "post",
    "press",
    "network",
    "service",
    "services",
    "foundation",
    "fund",
    "federation",
    "alliance",
    "coalition",
    "movement",
    "front",
    "brigade",
    "corps",
    "league",
    "club",
    "board",
    "authority",
    "bureau",
    "centre",
    "center",
    "school",
    "college",
    "hospital",
    "airlines",
    "airways",
    "media",
    "tv",
    "radio",
    "guard",
    "navy",
    "senate",
    "house",
    "congress",
    "cabinet",
    "embassy",
}


def _people_read_as_organisations(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Tariq Mahmood' tagged ORG: a short name with no organisation word whose surname
    also stands alone elsewhere, or that says something, is a person."""
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
        if any(t.lower_ in ORGANISATION_WORDS for t in span):
            continue
        speaks = (
            span.root.dep_.startswith("nsubj")
            and span.root.head.lemma_.lower() in reporting_verbs()
        )
        if span[-1].text in alone or speaks:
            people.append(Span(doc, span.start, span.end, label="PERSON"))
    return people


def _prefer_people(spans: list[Span], people: list[Span]) -> list[Span]:
    covered = {i for p in people for i in range(p.start, p.end)}
    kept = [s for s in spans if not any(i in covered for i in range(s.start, s.end))]
    return kept + people


@Language.component("entity_rules")
def entity_rules(doc: Doc) -> Doc:
    spans: list[Span] = []
    headings = {s.start for s in doc.sents if is_heading(s)}
    sentence_of = {t.i: t.sent.start for t in doc}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            if sentence_of[ent.start] in headings:
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
            and sentence_of[token.i] not in headings
            and not (token.i > 0 and doc[token.i - 1].text == "(")
        ):
            spans.append(Span(doc, token.i, token.i + 1, label="ORG"))
    spans = _prefer_people(spans, _people_read_as_organisations(doc, spans))
    spans = _prefer_people(spans, _missed_people(doc, spans))
    doc.ents = filter_spans(spans)
    doc._.acronyms = acronyms
    return doc
