"""What the people, organisations and places routers share; not a router itself."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from sqlmodel import Session

from app.api.errors import NotFoundError
from app.api.pagination import PageParams
from app.api.public import EntityPage, EntitySummaryPublic
from app.extract.schema import EntityKind
from app.store import queries
from app.store.queries import EntityDetail

NameFilter = Annotated[
    str | None, Query(description="Part of the name or an alias, any case.", examples=["lopez"])
]
ArticleFilter = Annotated[str | None, Query(description="Only those named in this article id.")]

_PLURAL = {"person": "people", "organisation": "organisations", "place": "places"}


def entity_page(
    session: Session,
    pages: PageParams,
    kind: EntityKind,
    name: str | None,
    article: str | None,
) -> EntityPage:
    page = queries.list_entities(session, kind, name=name, article=article, page=pages.page)
    ids = [entity.id for entity in page.items]
    aliases = queries.aliases_by_entity(session, ids)
    roles = queries.roles_by_entity(session, ids)
    return pages.respond(
        EntityPage,
        page,
        lambda entity: EntitySummaryPublic.from_row(entity, aliases[entity.id], roles[entity.id]),
    )


def entity_detail(session: Session, kind: EntityKind, entity_id: str) -> EntityDetail:
    detail = queries.get_entity_detail(session, kind, entity_id)
    if detail is None:
        plural = _PLURAL[kind]
        raise NotFoundError(f"no {kind} with id {entity_id!r}; list {plural} at /{plural}")
    return detail
