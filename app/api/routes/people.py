from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.pagination import PageDep
from app.api.public import EntityPage, PersonPublic
from app.api.routes.entities import ArticleFilter, NameFilter, entity_detail, entity_page

router = APIRouter(prefix="/people", tags=["people"], responses=problem_responses(500, 503))


@router.get("", response_model=EntityPage, responses=problem_responses(400, 422))
def list_people(
    session: SessionDep, pages: PageDep, name: NameFilter = None, article: ArticleFilter = None
) -> EntityPage:
    """List people, by id, with how often they are mentioned."""
    return entity_page(session, pages, "person", name, article)


@router.get("/{person_id}", response_model=PersonPublic, responses=problem_responses(404))
def get_person(person_id: str, session: SessionDep) -> PersonPublic:
    """One person: names, roles, organisations, quotes and the articles that mention them."""
    return PersonPublic.from_detail(entity_detail(session, "person", person_id))
