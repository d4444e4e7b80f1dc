from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.listing import ListDep, detail_responses, list_responses
from app.api.public import EntityPage, OrganisationPublic
from app.api.routes.entities import (
    ArticleFilter,
    NameFilter,
    SortParam,
    entity_detail,
    entity_list,
)

router = APIRouter(
    prefix="/organisations", tags=["organisations"], responses=problem_responses(500, 503)
)


@router.get("", response_model=EntityPage, summary="List organisations", responses=list_responses())
def list_organisations(
    session: SessionDep,
    listing: ListDep,
    name: NameFilter = None,
    person: Annotated[
        str | None,
        Query(
            description="Only organisations this person serves: their id or part of their name.",
            examples=["maria-lopez"],
        ),
    ] = None,
    article: ArticleFilter = None,
    sort: SortParam = "id",
) -> Response:
    """List organisations with how often and in how many articles they are mentioned."""
    return entity_list(
        session, listing, "organisation", sort, name=name, article=article, related=person
    )


@router.get(
    "/{organisation_id}",
    response_model=OrganisationPublic,
    summary="Get an organisation",
    responses=detail_responses(404),
)
def get_organisation(organisation_id: str, session: SessionDep) -> Response:
    """One organisation: names, roles, its people, quotes and the articles that mention it."""
    return entity_detail(session, "organisation", organisation_id)
