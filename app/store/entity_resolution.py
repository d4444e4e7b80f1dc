"""Map an entity extracted from one article to the entity shared across articles.

Organisations and places match when any normalised form (name or alias) equals
an existing name or alias. People match on surname plus compatible given names
(see `PersonName.compatible_with`); a bare surname joins the best-known person
with that surname. The fullest name seen (for people, without titles) becomes
the entity's name, every other form an alias. Ids are slugs of the first name
and never change.

`ArticleEntities` resolves every name of a batch of articles with a handful of
indexed queries: it first loads every stored entity any of their names could
match (people by surname, the others by name or alias key), then applies the
rules above in memory, article by article in the order they name them, and
finally writes the new entities, renames, aliases, counts and appearances in one
statement each. Entities created or renamed earlier in the batch are matched like
stored ones, so a batch resolves exactly as its articles saved one at a time would.
Counts are written as increments, so they stay exact whoever else writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, bindparam, insert, select, update

from app.extract.schema import EntityKind
from app.store.models import Entity, EntityAlias, EntityArticle
from app.store.names import (
    PersonName,
    name_size,
    normalise_name,
    organisation_key,
    slugify,
    without_titles,
)

ENTITY = Entity.__table__
ALIAS = EntityAlias.__table__
ENTITY_ARTICLE = EntityArticle.__table__
_ENTITY_COLUMNS = (
    ENTITY.c.id,
    ENTITY.c.kind,
    ENTITY.c.name,
    ENTITY.c.name_key,
    ENTITY.c.surname_key,
    ENTITY.c.mention_count,
)


def name_key(kind: EntityKind, name: str) -> str:
    return normalise_name(name) if kind == "person" else organisation_key(name)


@dataclass
class ResolvedEntity:
    """A stored (or new) entity as the batch leaves it; written by `ArticleEntities.save`."""

    id: str
    kind: EntityKind
    name: str
    name_key: str
    surname_key: str | None
    mention_count: int
    """Stored count plus what the batch added: ties between candidates compare it."""
    is_new: bool = False
    renamed: bool = False
    added_mentions: int = 0
    added_articles: int = 0
    """Articles of the batch that name it (its `article_count` goes up by as many)."""
    alias_keys: set[str] = field(default_factory=set)
    """Alias keys known here: all of them for a new entity; for a stored one those among
    the batch's keys, those added here and those looked up (`checked_keys`)."""
    checked_keys: set[str] = field(default_factory=set)
    new_aliases: list[tuple[str, str]] = field(default_factory=list)
    """(alias, alias_key) to insert."""

    def set_name(self, name: str) -> None:
        self.name = name
        person_name = PersonName.parse(name) if self.kind == "person" else None
        self.name_key = name_key(self.kind, name)
        self.surname_key = person_name.surname if person_name else None


@dataclass(frozen=True)
class NameRequest:
    """One name an article gives an entity of `kind`, with its other forms."""

    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> list[str]:
        return [_tidy(form) for form in (self.name, *self.aliases)]

    @property
    def fullest(self) -> str:
        return _fullest(self.kind, _name_candidates(self.kind, self.forms))


@dataclass(frozen=True)
class _ArticleKeys:
    """What an appearance row copies from its article, to page an entity's articles."""

    seq: int
    published_key: date


class ArticleEntities:
    """Resolves the entities of a batch of articles; the caller holds the write lock (see
    writer) and names the article each `resolve` and `appear` belongs to (`start_article`)."""

    def __init__(self, connection: Connection, requests: Iterable[NameRequest]) -> None:
        self.connection = connection
        self.by_id: dict[str, ResolvedEntity] = {}
        self._articles: dict[str, _ArticleKeys] = {}
        self._article_id: str | None = None
        self._appearances: dict[tuple[str, str], int] = {}
        """(entity id, article id): the mentions that article makes of that entity."""
        self._free_ids: set[str] = set()
        """Ids looked up and found unused, so creating an entity rarely costs a query."""
        self._load(list(requests))

    def start_article(self, article_id: str, *, seq: int, published_key: date) -> None:
        """Later appearances are in this article (with its sort keys, for paging them)."""
        self._articles[article_id] = _ArticleKeys(seq, published_key)
        self._article_id = article_id

    # ------------------------------------------------------------------ loading

    def _load(self, requests: list[NameRequest]) -> None:
        """Every stored entity a request could match, with its aliases among the keys."""
        keys: set[str] = set()
        surnames: set[str] = set()
        for request in requests:
            forms = request.forms
            keys.update(normalise_name(form) for form in forms)
            keys.update(organisation_key(form) for form in forms)
            person_name = PersonName.parse(request.fullest) if request.kind == "person" else None
            if person_name is not None:
                surnames.add(person_name.surname)
        keys.discard("")
        if not keys:
            return
        slugs = {slugify(request.fullest, fallback=request.kind) for request in requests}
        taken = self.connection.execute(select(ENTITY.c.id).where(ENTITY.c.id.in_(slugs)))
        self._free_ids = slugs - set(taken.scalars())
        owners: dict[str, set[str]] = {}
        rows = self.connection.execute(
            select(ALIAS.c.entity_id, ALIAS.c.alias_key).where(ALIAS.c.alias_key.in_(keys))
        )
        for entity_id, alias_key in rows:
            owners.setdefault(entity_id, set()).add(alias_key)
        statements = [
            select(*_ENTITY_COLUMNS).where(
                ENTITY.c.kind.in_(["person", "organisation", "place"]),
                ENTITY.c.name_key.in_(keys),
            )
        ]
        if surnames:
            statements.append(
                select(*_ENTITY_COLUMNS).where(
                    ENTITY.c.kind == "person", ENTITY.c.surname_key.in_(surnames)
                )
            )
        if owners:
            statements.append(select(*_ENTITY_COLUMNS).where(ENTITY.c.id.in_(owners)))
        for statement in statements:
            for row in self.connection.execute(statement):
                if row.id not in self.by_id:
                    self.by_id[row.id] = ResolvedEntity(
                        id=row.id,
                        kind=row.kind,
                        name=row.name,
                        name_key=row.name_key,
                        surname_key=row.surname_key,
                        mention_count=row.mention_count,
                        alias_keys=set(owners.get(row.id, ())),
                        checked_keys=set(keys),
                    )

    # ------------------------------------------------------------------ resolving

    def resolve(self, request: NameRequest) -> ResolvedEntity:
        """The entity for this name (created if new), with every form recorded."""
        forms = request.forms
        fullest = request.fullest
        entity = self._find(request.kind, fullest, forms)
        if entity is None:
            entity = self._create(request.kind, fullest)
        self._record_names(entity, forms)
        return entity

    def appear(self, entity: ResolvedEntity, mention_count: int) -> None:
        """The current article names `entity` (`mention_count` times, maybe 0: implied)."""
        if self._article_id is None:
            raise RuntimeError("call start_article before appear")
        key = (entity.id, self._article_id)
        if key not in self._appearances:
            self._appearances[key] = 0
            entity.added_articles += 1
        self._appearances[key] += mention_count
        entity.added_mentions += mention_count
        entity.mention_count += mention_count

    def _find(self, kind: EntityKind, name: str, forms: list[str]) -> ResolvedEntity | None:
        """The entity that `name` (the fullest form) or any of `forms` refers to."""
        person_name = PersonName.parse(name) if kind == "person" else None
        if person_name is not None:
            return self._find_person(name, person_name)
        keys = {name_key(kind, form) for form in forms} - {""}
        matches = [
            entity
            for entity in self.by_id.values()
            if entity.kind == kind and (entity.name_key in keys or entity.alias_keys & keys)
        ]
        if not matches:
            return None
        return min(matches, key=lambda entity: (-entity.mention_count, entity.id))

    def _find_person(self, name: str, person_name: PersonName) -> ResolvedEntity | None:
        candidates = []
        namesakes = sorted(
            (
                entity
                for entity in self.by_id.values()
                if entity.kind == "person" and entity.surname_key == person_name.surname
            ),
            key=lambda entity: entity.id,
        )
        for entity in namesakes:
            existing = PersonName.parse(entity.name)
            if existing is not None and person_name.compatible_with(existing):
                candidates.append((entity, existing))
        if not candidates:
            return None
        key = normalise_name(name)
        best, _ = max(  # the first of equals, in id order
            candidates,
            key=lambda pair: (
                pair[0].name_key == key,
                person_name.shared_given_names(pair[1]),
                pair[0].mention_count,
            ),
        )
        return best

    def _create(self, kind: EntityKind, name: str) -> ResolvedEntity:
        base = slugify(name, fallback=kind)
        entity_id, suffix = base, 1
        while self._id_taken(entity_id):
            suffix += 1
            entity_id = f"{base}-{suffix}"
        entity = ResolvedEntity(
            id=entity_id,
            kind=kind,
            name=name,
            name_key="",
            surname_key=None,
            mention_count=0,
            is_new=True,
        )
        entity.set_name(name)
        self.by_id[entity_id] = entity
        return entity

    def _id_taken(self, entity_id: str) -> bool:
        if entity_id in self.by_id:
            return True
        if entity_id in self._free_ids:
            return False
        statement = select(ENTITY.c.id).where(ENTITY.c.id == entity_id)
        return self.connection.execute(statement).first() is not None

    def _has_alias_key(self, entity: ResolvedEntity, key: str) -> bool:
        if key in entity.alias_keys:
            return True
        if entity.is_new or key in entity.checked_keys:
            return False
        entity.checked_keys.add(key)
        statement = select(ALIAS.c.id).where(
            ALIAS.c.entity_id == entity.id, ALIAS.c.alias_key == key
        )
        if self.connection.execute(statement).first() is None:
            return False
        entity.alias_keys.add(key)
        return True

    def _record_names(self, entity: ResolvedEntity, forms: list[str]) -> None:
        """Keep the fullest form as the name; store the others as aliases once each."""
        kind = entity.kind
        fullest = _fullest(kind, [entity.name, *_name_candidates(kind, forms)])
        if fullest != entity.name:
            forms = [entity.name, *forms]
            entity.set_name(fullest)
            entity.renamed = True
        for form in forms:
            key = name_key(kind, form)
            if key and key != entity.name_key and not self._has_alias_key(entity, key):
                entity.alias_keys.add(key)
                entity.new_aliases.append((form, key))

    # ------------------------------------------------------------------ writing

    def save(self) -> None:
        """Write new entities, renames, counts, aliases and the articles' appearances."""
        entities = list(self.by_id.values())
        new = [
            {
                "id": e.id,
                "kind": e.kind,
                "name": e.name,
                "name_key": e.name_key,
                "surname_key": e.surname_key,
                "mention_count": e.added_mentions,
                "article_count": e.added_articles,
            }
            for e in entities
            if e.is_new
        ]
        if new:
            self.connection.execute(insert(ENTITY), new)
        renamed = [
            {"b_id": e.id, "name": e.name, "name_key": e.name_key, "surname_key": e.surname_key}
            for e in entities
            if e.renamed and not e.is_new
        ]
        if renamed:
            self.connection.execute(
                update(ENTITY)
                .where(ENTITY.c.id == bindparam("b_id"))
                .values(
                    name=bindparam("name"),
                    name_key=bindparam("name_key"),
                    surname_key=bindparam("surname_key"),
                ),
                renamed,
            )
        counted = [
            {"b_id": e.id, "mentions": e.added_mentions, "articles": e.added_articles}
            for e in entities
            if e.added_articles and not e.is_new
        ]
        if counted:
            self.connection.execute(
                update(ENTITY)
                .where(ENTITY.c.id == bindparam("b_id"))
                .values(
                    mention_count=ENTITY.c.mention_count + bindparam("mentions"),
                    article_count=ENTITY.c.article_count + bindparam("articles"),
                ),
                counted,
            )
        aliases = [
            {"entity_id": e.id, "alias": alias, "alias_key": key}
            for e in entities
            for alias, key in e.new_aliases
        ]
        if aliases:
            self.connection.execute(insert(ALIAS), aliases)
        appearances = [
            {
                "entity_id": entity_id,
                "article_id": article_id,
                "mention_count": mention_count,
                "article_seq": self._articles[article_id].seq,
                "published_key": self._articles[article_id].published_key,
            }
            for (entity_id, article_id), mention_count in self._appearances.items()
        ]
        if appearances:
            self.connection.execute(insert(ENTITY_ARTICLE), appearances)


def _name_candidates(kind: EntityKind, forms: list[str]) -> list[str]:
    """The forms that may become the entity's name.

    For a person only the extracted name (`forms[0]`): the extractor has already
    taken titles and roles off it, and an alias is that name with something in
    front ("Finance Minister Yuki Berlin"), never a fuller name.
    """
    return [forms[0]] if kind == "person" else forms


def _fullest(kind: EntityKind, forms: list[str]) -> str:
    """The form to use as a name: the most words (titles do not count for people)."""
    names = [without_titles(form) for form in forms] if kind == "person" else forms
    return max(names, key=name_size)  # ties keep the earliest


def _tidy(name: str) -> str:
    return " ".join(name.split())
