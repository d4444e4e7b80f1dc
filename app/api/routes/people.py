from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.listing import ListDep, detail_responses, list_responses
from app.api.public import EntityPage, PersonPublic
from app.api.routes.entities import (
    ArticleFilter,
    NameFilter,
    SortParam,
    entity_detail,
    entity_list,
)

router = APIRouter(prefix="/people", tags=["people"], responses=problem_responses(500, 503))


@router.get("", response_model=EntityPage, summary="List people", responses=list_responses())
def list_people(
    session: SessionDep,
    listing: ListDep,
    name: NameFilter = None,
    organisation: Annotated[
        str | None,
        Query(
            description="Only people serving this organisation: its id or part of its name.",
            examples=["port-authority"],
        ),
    ] = None,
    article: ArticleFilter = None,
    sort: SortParam = "id",
) -> Response:
    """List people with how often and in how many articles they are mentioned."""
    return entity_list(
        session, listing, "person", sort, name=name, article=article, related=organisation
    )


@router.get(
    "/{person_id}",
    response_model=PersonPublic,
    summary="Get a person",
    responses=detail_responses(404),
)
def get_person(person_id: str, session: SessionDep) -> Response:
    """One person: names, roles, organisations, quotes and the articles that mention them."""
    return entity_detail(session, "person", person_id)
