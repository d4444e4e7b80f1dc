"""Map an entity extracted from one article to the entity shared across articles.

Organisations and places match when any normalised form (name or alias) equals
an existing name or alias. People match on surname plus compatible given names
(see `PersonName.compatible_with`); a bare surname joins the best-known person
with that surname. The fullest name seen (for people, without titles) becomes
the entity's name, every other form an alias. Ids are slugs of the first name
and never change.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_
from sqlmodel import Session, select

from app.extract.schema import EntityKind
from app.store.models import Entity, EntityAlias
from app.store.names import (
    PersonName,
    name_size,
    normalise_name,
    organisation_key,
    slugify,
    without_titles,
)


def name_key(kind: EntityKind, name: str) -> str:
    return normalise_name(name) if kind == "person" else organisation_key(name)


def resolve_entity(
    session: Session, kind: EntityKind, name: str, aliases: Iterable[str] = ()
) -> Entity:
    """The stored entity for this name (created if new), with every form recorded."""
    forms = [_tidy(form) for form in (name, *aliases)]
    fullest = _fullest(kind, _name_candidates(kind, forms))
    entity = find_entity(session, kind, fullest, forms)
    if entity is None:
        entity = _create_entity(session, kind, fullest)
    _record_names(session, entity, forms)
    return entity


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


def find_entity(
    session: Session, kind: EntityKind, name: str, forms: Iterable[str]
) -> Entity | None:
    """The existing entity that `name` (the fullest form) or any of `forms` refers to."""
    person_name = PersonName.parse(name) if kind == "person" else None
    if person_name is not None:
        return _find_person(session, name, person_name)
    keys = {name_key(kind, form) for form in forms} - {""}
    owners_of_alias = select(EntityAlias.entity_id).where(EntityAlias.alias_key.in_(keys))
    statement = (
        select(Entity)
        .where(Entity.kind == kind, or_(Entity.name_key.in_(keys), Entity.id.in_(owners_of_alias)))
        .order_by(Entity.mention_count.desc(), Entity.id)
    )
    return session.exec(statement).first()


def _find_person(session: Session, name: str, person_name: PersonName) -> Entity | None:
    statement = (
        select(Entity)
        .where(Entity.kind == "person", Entity.surname_key == person_name.surname)
        .order_by(Entity.id)
    )
    candidates = []
    for entity in session.exec(statement):
        existing = PersonName.parse(entity.name)
        if existing is not None and person_name.compatible_with(existing):
            candidates.append((entity, existing))
    if not candidates:
        return None
    key = normalise_name(name)
    best, _ = max(
        candidates,
        key=lambda pair: (
            pair[0].name_key == key,
            person_name.shared_given_names(pair[1]),
            pair[0].mention_count,
        ),
    )
    return best


def _create_entity(session: Session, kind: EntityKind, name: str) -> Entity:
    base = slugify(name, fallback=kind)
    entity_id, suffix = base, 1
    while session.get(Entity, entity_id) is not None:
        suffix += 1
        entity_id = f"{base}-{suffix}"
    entity = Entity(id=entity_id, kind=kind, name=name, **_keys(kind, name))
    session.add(entity)
    session.flush()  # later lookups in this transaction must see it
    return entity


def _tidy(name: str) -> str:
    return " ".join(name.split())


def _keys(kind: EntityKind, name: str) -> dict[str, str | None]:
    person_name = PersonName.parse(name) if kind == "person" else None
    return {
        "name_key": name_key(kind, name),
        "surname_key": person_name.surname if person_name else None,
    }


def _record_names(session: Session, entity: Entity, forms: list[str]) -> None:
    """Keep the fullest form as the name; store the others as aliases once each."""
    kind = entity.kind
    fullest = _fullest(kind, [entity.name, *_name_candidates(kind, forms)])
    if fullest != entity.name:
        forms = [entity.name, *forms]
        entity.name = fullest
        for column, value in _keys(kind, fullest).items():
            setattr(entity, column, value)
    known = set(
        session.exec(select(EntityAlias.alias_key).where(EntityAlias.entity_id == entity.id))
    )
    known.add(entity.name_key)
    for form in forms:
        key = name_key(kind, form)
        if key and key not in known:
            known.add(key)
            session.add(EntityAlias(entity_id=entity.id, alias=form, alias_key=key))
