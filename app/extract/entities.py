"""One canonical entity per real-world person, organisation or place in an article.

'General Maria Elena Okafor', 'Gen Okafor' and 'Okafor' are one person: shorter forms join
the longest name they are compatible with (same surname, no clashing first name).
Organisations join by name, by 'the' dropped, and by a defined acronym.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from app.extract.entity_rules import PLACE_LABELS, POSSESSIVE
from app.extract.role_references import role_references
from app.extract.roles import (
    Role,
    apposition_before,
    appositions_after,
    describes_one_person,
    description_after,
    role_before,
    titles_before,
)
from app.extract.schema import Entity, EntityKind, Mention, RoleMention

KIND_OF_LABEL: dict[str, EntityKind] = {"PERSON": "person", "ORG": "organisation"} | {
    label: "place" for label in PLACE_LABELS
}


@dataclass
class EntityCluster:
    kind: EntityKind
    name: str
    mentions: list[Span] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)
    organisations: list[EntityCluster] = field(default_factory=list)

    @property
    def name_words(self) -> list[str]:
        return self.name.split()

    def add_alias(self, alias: str) -> None:
        alias = " ".join(alias.split())
        if alias and alias != self.name:
            self.aliases.add(alias)

    def to_schema(self) -> Entity:
        role_names = list(dict.fromkeys(r.role for r in sorted(self.roles, key=lambda r: r.title)))
        return Entity(
            name=self.name,
            aliases=sorted(self.aliases),
            roles=role_names,
            mentions=[
                Mention(start=m.start_char, end=m.end_char, text=m.text) for m in self.mentions
            ],
            role_mentions=[
                RoleMention(role=r.role, start=r.start, end=r.end, text=r.text) for r in self.roles
            ],
            organisations=list(dict.fromkeys(o.name for o in self.organisations)),
        )


def _name_text(span: Span) -> str:
    words = [t.text for t in span if t.text not in POSSESSIVE]
    return " ".join(" ".join(words).split())


def _compatible(short: list[str], full: list[str]) -> bool:
    """'Okafor' or 'Maria Okafor' fits 'Maria Elena Okafor'; 'John Smith' does not fit 'Jane Smith'."""
    if not short or (short[-1] != full[-1] and not (len(short) == 1 and short[0] in full)):
        return False
    remaining = iter(full)
    return all(word in remaining for word in short)


class EntityIndex:
    """The entities of one document and which token belongs to which."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.clusters: list[EntityCluster] = []
        self._by_token: dict[int, EntityCluster] = {}
        self._group(doc)

    def at(self, token_index: int) -> EntityCluster | None:
        return self._by_token.get(token_index)

    def in_span(self, span: Span) -> EntityCluster | None:
        """The entity named in a span (its longest-named person first, then anything)."""
        found = [self._by_token[t.i] for t in span if t.i in self._by_token]
        people = [c for c in found if c.kind == "person"]
        return (people or found or [None])[0]

    def of_kind(self, kind: EntityKind) -> list[EntityCluster]:
        return [c for c in self.clusters if c.kind == kind]

    def _group(self, doc: Doc) -> None:
        named = [e for e in doc.ents if e.label_ in KIND_OF_LABEL]
        people = sorted(
            (e for e in named if e.label_ == "PERSON"),
            key=lambda e: (-len(_name_text(e).split()), e.start),
        )
        for span in people:
            self._add_person(span)
        acronyms = {(s, e): text for (s, e), text in (doc._.acronyms or {}).items()}
        for span in named:
            if span.label_ != "PERSON":
                self._add_named(span, acronyms)
        for cluster in self.clusters:
            for mention in cluster.mentions:
                for token in mention:
                    self._by_token[token.i] = cluster
        # After the token map: 'Texas' in 'University of Texas' is a mention of Texas,
        # but its tokens still belong to the university.
        for span in doc._.nested_names or []:
            if span.label_ == "PERSON":
                self._add_person(span)
            else:
                self._add_named(span, acronyms)
        for cluster in self.clusters:
            cluster.mentions.sort(key=lambda m: m.start)
        self.clusters.sort(key=lambda c: c.mentions[0].start)
        self._attach_roles()
        self._add_role_references()

    def _add_role_references(self) -> None:
        people = self.of_kind("person")
        taken = set(self._by_token)
        for cluster in people:
            spans = [*cluster.mentions, *(self._span_of(r) for r in cluster.roles)]
            for span in spans:
                if span is not None:
                    taken.update(range(span.start, span.end))
        for phrase, person in role_references(self.doc, people, taken):
            person.mentions.append(phrase)
            for token in phrase:
                self._by_token[token.i] = person
        for person in people:
            person.mentions.sort(key=lambda m: m.start)

    def _add_person(self, span: Span) -> None:
        words = _name_text(span).split()
        candidates = [c for c in self.of_kind("person") if _compatible(words, c.name_words)]
        if candidates:
            cluster = max(candidates, key=lambda c: len(c.mentions))
            cluster.add_alias(_name_text(span))
        else:
            cluster = EntityCluster("person", " ".join(words))
            self.clusters.append(cluster)
        cluster.mentions.append(span)

    def _add_named(self, span: Span, acronyms: dict[tuple[int, int], str]) -> None:
        kind = KIND_OF_LABEL[span.label_]
        name = _name_text(span)
        key = name.casefold()
        for cluster in self.of_kind(kind):
            keys = {cluster.name.casefold()} | {a.casefold() for a in cluster.aliases}
            if key in keys:
                break
        else:
            cluster = EntityCluster(kind, name)
            self.clusters.append(cluster)
        acronym = acronyms.get((span.start_char, span.end_char))
        if acronym:
            cluster.add_alias(acronym)
        cluster.mentions.append(span)

    def _attach_roles(self) -> None:
        """Titles and positions around each name. A position set off by commas ('John Roe,
        the mayor,') or a description ('Jane Roe, a local teacher') is also a mention of the
        person; a title glued to the name is part of the name's own mention."""
        person_starts = {m.start for c in self.of_kind("person") for m in c.mentions}
        for cluster in self.of_kind("person"):
            phrases: list[Span | None] = []
            for mention in list(cluster.mentions):
                ahead = [r for r in (role_before(mention), apposition_before(mention)) if r]
                after = appositions_after(mention, person_starts)
                for role in [*titles_before(mention), *ahead, *after]:
                    cluster.roles.append(role)
                    if role.title and role.end == mention.start_char - 1:
                        cluster.add_alias(self.doc.text[role.start : mention.end_char])
                    self._link_organisations(cluster, role)
                following = [self._span_of(r) for r in after] or [
                    description_after(mention, person_starts)
                ]
                phrases += [self._span_of(r) for r in ahead]
                phrases += [p for p in following if p is not None and describes_one_person(p)]
            cluster.mentions += [p for p in phrases if p is not None]
            cluster.mentions.sort(key=lambda m: m.start)

    def _span_of(self, role: Role) -> Span | None:
        return self.doc.char_span(role.start, role.end, alignment_mode="expand")

    def _link_organisations(self, person: EntityCluster, role: Role) -> None:
        span = self.doc.char_span(role.start, role.end, alignment_mode="expand")
        if span is None:
            return
        for token in span:
            other = self._by_token.get(token.i)
            if (
                other is not None
                and other.kind == "organisation"
                and other not in person.organisations
            ):
                person.organisations.append(other)
