from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.listing import ListDep, detail_responses, list_responses
from app.api.public import EntityPage, PlacePublic
from app.api.routes.entities import (
    ArticleFilter,
    NameFilter,
    SortParam,
    entity_detail,
    entity_list,
)

router = APIRouter(prefix="/places", tags=["places"], responses=problem_responses(500, 503))


@router.get("", response_model=EntityPage, summary="List places", responses=list_responses())
def list_places(
    session: SessionDep,
    listing: ListDep,
    name: NameFilter = None,
    article: ArticleFilter = None,
    sort: SortParam = "id",
) -> Response:
    """List places with how often and in how many articles they are mentioned."""
    return entity_list(session, listing, "place", sort, name=name, article=article)


@router.get(
    "/{place_id}",
    response_model=PlacePublic,
    summary="Get a place",
    responses=detail_responses(404),
)
def get_place(place_id: str, session: SessionDep) -> Response:
    """One place: names, quotes and the articles that mention it."""
    return entity_detail(session, "place", place_id)
