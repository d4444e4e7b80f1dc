from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.pagination import PageDep
from app.api.public import EntityPage, PlacePublic
from app.api.routes.entities import ArticleFilter, NameFilter, entity_detail, entity_page

router = APIRouter(prefix="/places", tags=["places"], responses=problem_responses(500, 503))


@router.get("", response_model=EntityPage, responses=problem_responses(400, 422))
def list_places(
    session: SessionDep, pages: PageDep, name: NameFilter = None, article: ArticleFilter = None
) -> EntityPage:
    """List places, by id, with how often they are mentioned."""
    return entity_page(session, pages, "place", name, article)


@router.get("/{place_id}", response_model=PlacePublic, responses=problem_responses(404))
def get_place(place_id: str, session: SessionDep) -> PlacePublic:
    """One place: names, roles, quotes and the articles that mention it."""
    return PlacePublic.from_detail(entity_detail(session, "place", place_id))
