"""What a person's name looks like, for the rules that find or reject people: capitalised
words with no organisation, place or thing word among them, none the text writes in lower case."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from app.extract.entity_rules.casing import Casing
from app.extract.entity_rules.spans import after_article, name_tokens
from app.extract.entity_rules.titles import title_length
from app.extract.entity_rules.vocabulary import (
    ARTICLES,
    MISREAD_NAME_LABELS,
    PLACE_LABELS,
    name_heads,
)
from app.extract.patterns import role_heads


def name_run(head: Token) -> tuple[int, int] | None:
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


def is_personal_name(tokens: Iterable[Token]) -> bool:
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


def has_no_role_or_organisation_word(name: Span) -> bool:
    """'United Nations High Commissioner recommended': a speaker with such words is no name."""
    heads = name_heads()
    return not any(
        t.lower_ in heads["organisation"]
        or t.lower_ in heads["facility"]
        or t.lower_ in role_heads()
        for t in name
    )


def is_not_a_name(span: Span, casing: Casing, given_and_surnames: set[str]) -> bool:
    """A PERSON span a reader would not take for someone's name.

    'the Polaroid' or 'a Booker': a single name after an article names a thing ('the Sams',
    a family, and 'the Tom Cruise video' are still people);
    'Iodine' at a sentence start when the text also writes 'iodine': a common noun; a
    lowercase word ('pro-Beijing') or one with digits ('STS-1') is none either.
    A word also used in a longer name of this document is still a name."""
    words = name_tokens(span)
    if not words or any(c.isdigit() for c in span.text):
        return True
    if len(words) == 1 and words[0].text in given_and_surnames:
        return False
    if len(words) == 1 and not words[0].text[:1].isupper():
        return True
    if span[0].lower_ in ARTICLES and title_length(words) == 0:
        return True
    if len(words) == 1 and after_article(words[0]) and not words[0].text.endswith("s"):
        return True
    return casing.written_lowercase(words)


def covered_only_by_misread_names(
    name: Span, taken: dict[int, Span], *, places_anywhere: bool = False
) -> bool:
    """Any span inside the name is one the model puts on names by mistake; a place only
    as the surname ('Vitas [Gerulaitis]', not '[Yemen] Mediation') unless the
    context leaves no doubt (`places_anywhere`: '[Valeska] [Paris], an Australian woman')."""
    covering = {id(taken[i]): taken[i] for i in range(name.start, name.end) if i in taken}
    return all(
        s.label_ in MISREAD_NAME_LABELS
        and name.start <= s.start
        and s.end <= name.end
        and (places_anywhere or s.label_ not in PLACE_LABELS or s.end == name.end)
        for s in covering.values()
    )


def could_be_new_name(name: Span, spans: list[Span], *, places_anywhere: bool = False) -> bool:
    """For names found by context alone: no word the document also writes in lower case
    ('Yemen Mediation' beside 'mediation process') and no place of the
    document before the surname, unless the context leaves no doubt."""
    places = set() if places_anywhere else {s.text for s in spans if s.label_ in PLACE_LABELS}
    casing = Casing.of(name.doc)
    return not any(t.lower_ in casing.words for t in name) and not any(
        t.text in places for t in name[:-1]
    )
