"""Who said it: the subject of a reporting verb, resolved to an entity when the text allows.

A name resolves to its entity; 'he'/'she' to the person spoken of most recently
(the last speaker first); 'the envoy' to the one person whose role has that word.
Anything else ('an official statement', 'Kenyan officials') stays as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from app.extract.entities import EntityCluster, EntityIndex
from app.extract.schema import EntityKind, Mention

PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
RELATIVE_TAGS = {"WP", "WDT"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
TRIM_DEPS = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj"}
PRONOUN_WINDOW = 1500
"""How far back (characters) a pronoun looks for its person."""


@dataclass
class Speaker:
    mention: Mention | None
    entity: EntityCluster | None

    @property
    def name(self) -> str | None:
        return self.entity.name if self.entity else None

    @property
    def kind(self) -> EntityKind | None:
        return self.entity.kind if self.entity else None


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if (
        verb.dep_ in {"conj", "xcomp"}
        and verb.head.pos_ in {"VERB", "AUX"}
        and verb.head.i != verb.i
    ):
        return subject_of(verb.head)
    return None


def noun_phrase(head: Token) -> Span:
    """The head with its modifiers, without relative clauses, appositions and trailing phrases."""
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in TRIM_DEPS:
            break
        end = child.right_edge.i + 1
    colon = next((t.i for t in head.doc[head.i : end] if t.text == ":"), end)
    span = head.doc[start:colon]  # 'RAMOS: Secretary Lee, ...': a label ends at its colon
    while len(span) > 1 and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return span


class SpeakerResolver:
    def __init__(self, entities: EntityIndex) -> None:
        self.entities = entities
        self.last_person: EntityCluster | None = None
        self.last_person_at = -1

    def resolve(self, head: Token | None) -> Speaker:
        if head is None:
            return Speaker(None, None)
        span = noun_phrase(head)
        mention = Mention(start=span.start_char, end=span.end_char, text=span.text)
        entity = (
            self._by_surname_in_capitals(head)
            or self._named_by(head, span)
            or self._antecedent(head)
        )
        apposition = next(
            (
                c
                for c in head.rights
                if c.dep_ == "appos" and all(t.text != ":" for t in head.doc[head.i : c.i])
            ),
            None,
        )  # not across a label's colon ('RAMOS: Secretary Lee, ...' addresses Lee)
        if entity is None and apposition is not None:
            named = head.doc[span.start : noun_phrase(apposition).end]
            entity = self.entities.in_span(named)
            if entity is not None:
                mention = Mention(start=named.start_char, end=named.end_char, text=named.text)
        if entity is None and head.lower_ in PERSONAL_PRONOUNS:
            entity = self._recent_person(head)
        elif entity is None and head.pos_ == "NOUN":
            entity = self._by_role(head)
        if entity is not None and entity.kind == "person":
            self.last_person, self.last_person_at = entity, head.idx
        return Speaker(mention, entity)

    def _by_surname_in_capitals(self, head: Token) -> EntityCluster | None:
        """'PENCE: ...': a transcript labels its speakers by surname in capitals, which the
        model often takes for an organisation; the person named in full elsewhere is meant."""
        labelled = head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == ":"
        if not (labelled and head.is_upper and head.is_alpha and len(head.text) > 1):
            return None
        return next(
            (
                person
                for person in self.entities.of_kind("person")
                if len(person.name_words) > 1 and person.name_words[-1].lower() == head.lower_
            ),
            None,
        )

    def _antecedent(self, head: Token) -> EntityCluster | None:
        """'Lee, who said X': a relative pronoun speaks for the noun its clause hangs on."""
        clause = head.head
        if head.tag_ not in RELATIVE_TAGS or clause.dep_ != "relcl" or clause.head.i == clause.i:
            return None
        noun = clause.head
        return self._named_by(noun, noun_phrase(noun))

    def _named_by(self, head: Token, span: Span) -> EntityCluster | None:
        """The entity a noun phrase names: the head's own, or a person or organisation in
        it ('Clinton's campaign'); not a place it merely mentions ('the senator from Ohio')."""
        own = self.entities.at(head.i)
        if own is not None:
            return own
        inside = [self.entities.at(t.i) for t in span if t.i < head.i]
        people = [e for e in inside if e is not None and e.kind == "person"]
        organisations = [e for e in inside if e is not None and e.kind == "organisation"]
        return (people or organisations or [None])[0]

    def _recent_person(self, pronoun: Token) -> EntityCluster | None:
        if self.last_person is not None and pronoun.idx - self.last_person_at < PRONOUN_WINDOW:
            return self.last_person
        best: tuple[int, EntityCluster] | None = None
        for person in self.entities.of_kind("person"):
            for mention in person.mentions:
                if (
                    mention.start_char < pronoun.idx
                    and pronoun.idx - mention.start_char < PRONOUN_WINDOW
                ) and (best is None or mention.start_char > best[0]):
                    best = (mention.start_char, person)
        return best[1] if best else None

    def _by_role(self, head: Token) -> EntityCluster | None:
        word = head.lemma_.lower()
        matches = [
            person
            for person in self.entities.of_kind("person")
            if any(word in role.role.lower().split() for role in person.roles)
        ]
        return matches[0] if len(matches) == 1 else None
