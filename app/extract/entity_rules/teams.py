"""Countries fielding teams: in a match report 'Sweden 1 – 0 Korea Republic' and 'Belgium
faced Panama' name teams, organisations (GUM's convention), in every mention of the
article, and 'the Belgians' are then that team too."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from app.extract.entity_rules.spans import name_tokens, with_label
from app.extract.entity_rules.vocabulary import PLACE_LABELS, contest_verbs
from app.extract.patterns import demonyms

DASHES = {"–", "-", "—"}
SIDE_LABELS = PLACE_LABELS | {"ORG"}


def _is_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper()


def _score_line_sides(doc: Doc) -> list[tuple[int, int]]:
    """'Sweden 1 – 0 Korea Republic': the names on both sides of a score."""
    sides = []
    for token in doc[1:-3]:
        if not (token.like_num and doc[token.i + 1].text in DASHES and doc[token.i + 2].like_num):
            continue
        start = token.i
        while start > 0 and _is_name_word(doc[start - 1]):
            start -= 1
        end = token.i + 3
        while end < len(doc) and _is_name_word(doc[end]):
            end += 1
        if start < token.i and end > token.i + 3:
            sides += [(start, token.i), (token.i + 3, end)]
    return sides


def _opponent(span: Span) -> bool:
    """'defeated South Korea', 'faced Panama': the object of a contest verb."""
    root = span.root
    return root.dep_ == "dobj" and root.head.lemma_.lower() in contest_verbs()


def _key(span: Span) -> tuple[str, ...]:
    return tuple(t.text for t in name_tokens(span))


def teams_as_organisations(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names shown to be sides in a match (a score line, or a country as the object of
    'defeat', 'face' ...) are organisations wherever the article uses them; so is a shorter
    form ('Korea' for 'South Korea') and the people of that country ('the Belgians')."""
    sides = _score_line_sides(doc)
    teams = {tuple(t.text for t in doc[s:e]) for s, e in sides}
    teams |= {_key(s) for s in spans if s.label_ in PLACE_LABELS and _opponent(s)}
    if not teams:
        return spans
    team_words = {w for team in teams for w in team}
    plural_of = {
        f"{adjective.title()}s": tuple(country.split())
        for adjective, countries in demonyms().items()
        for country in countries[:1]
    }

    def is_team(span: Span) -> bool:
        key = _key(span)
        if span.label_ == "NORP" or (span.label_ == "PERSON" and len(key) == 1):
            return plural_of.get(" ".join(key)) in teams
        return span.label_ in SIDE_LABELS and bool(key) and set(key) <= team_words

    covered = {i for s in spans for i in range(s.start, s.end)}
    found = [
        Span(doc, start, end, label="ORG")
        for start, end in sides
        if not any(i in covered for i in range(start, end))
    ]
    return [with_label(s, "ORG") if is_team(s) else s for s in spans] + found
