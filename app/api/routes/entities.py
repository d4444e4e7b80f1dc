"""What the people, organisations and places routers share; not a router itself."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query
from fastapi.responses import Response
from sqlmodel import Session

from app.api.errors import NotFoundError
from app.api.listing import ListParams, json_response
from app.api.public import EntityDetailPublic, EntitySummaryPublic
from app.extract.schema import EntityKind
from app.store import queries

NameFilter = Annotated[
    str | None, Query(description="Part of the name or an alias, any case.", examples=["lopez"])
]
ArticleFilter = Annotated[
    str | None, Query(description="Only those named in this article id.", examples=["port-strike"])
]
EntitySort = Literal[
    "id",
    "-id",
    "name",
    "-name",
    "mention_count",
    "-mention_count",
    "article_count",
    "-article_count",
]
SortParam = Annotated[
    EntitySort,
    Query(
        description="Order by `id`, `name`, `mention_count` or `article_count`; `-` for descending.",
        examples=["-mention_count"],
    ),
]

_PLURAL = {"person": "people", "organisation": "organisations", "place": "places"}


def entity_list(
    session: Session,
    listing: ListParams,
    kind: EntityKind,
    sort: str,
    *,
    name: str | None,
    article: str | None,
    related: str | None = None,
) -> Response:
    entities = queries.entities(kind, name=name, article=article, related=related)
    return listing.respond(
        session, entities, sort, EntitySummaryPublic.dump_summary, EntitySummaryPublic
    )


def entity_detail(session: Session, kind: EntityKind, entity_id: str) -> Response:
    detail = queries.get_entity_detail(session, kind, entity_id)
    if detail is None:
        plural = _PLURAL[kind]
        raise NotFoundError(f"no {kind} with id {entity_id!r}; list {plural} at /{plural}")
    return json_response(EntityDetailPublic.dump_detail(detail))
