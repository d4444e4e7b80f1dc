"""One sense per article: a name keeps the label the document gives it most, also where the
model labelled it otherwise or not at all."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from app.extract.entity_rules.spans import name_tokens, with_label
from app.extract.entity_rules.vocabulary import MISREAD_NAME_LABELS, country_names


def _plurality(votes: Counter[str]) -> str | None:
    """The label given more often than any other, if one is."""
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def one_sense_per_name(spans: list[Span], name_words: set[str]) -> list[Span]:
    """One word, one sense per article: 'Tunisia' tagged a place four times and a person
    once is a place, 'Gloria' tagged a person four times and a place once a person (a word
    of someone's full name is left to the surname rule). A country's name tagged ORG is a place,
    until `places_acting_as_organisations` reads how it is used."""
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
        elif span.label_ == "ORG" and tuple(t.text for t in name_tokens(span)) in country_names():
            label = "GPE"
        relabelled.append(with_label(span, label))
    return relabelled


def same_name_again(doc: Doc, spans: list[Span]) -> list[Span]:
    """A one-word organisation or place keeps its label where the model left the same word
    unlabelled ('Scientology officials' after 'Scientology said'): one sense per article.
    Words that begin a sentence or stand inside a longer capitalised run are left alone."""
    labels: dict[str, Counter[str]] = {}
    for span in spans:
        words = name_tokens(span)
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


def full_names_again(
    doc: Doc, full_names: list[Span], taken: dict[int, Span], label: str = "PERSON"
) -> list[Span]:
    """A full name the document gives a person (or an organisation) is that person wherever
    it recurs ('Image: Twitter / Barack Obama', where the model saw no name; 'Environment
    Canada spokesperson', where it saw only 'Canada')."""
    by_first: dict[str, set[tuple[str, ...]]] = {}
    for span in full_names:
        words = tuple(t.text for t in name_tokens(span))
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


def organisation_names_again(doc: Doc, spans: list[Span]) -> list[Span]:
    """The multi-word organisations of the document, wherever they recur unlabelled or
    only partly labelled (a place the text goes to keeps its label: 'at Johnson Space
    Center')."""
    taken = {i: s for s in spans for i in range(s.start, s.end)}
    names = [s for s in spans if s.label_ == "ORG" and len(name_tokens(s)) >= 2]
    return full_names_again(doc, names, taken, label="ORG")
