from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.pagination import PageDep
from app.api.public import EntityPage, OrganisationPublic
from app.api.routes.entities import ArticleFilter, NameFilter, entity_detail, entity_page

router = APIRouter(
    prefix="/organisations", tags=["organisations"], responses=problem_responses(500, 503)
)


@router.get("", response_model=EntityPage, responses=problem_responses(400, 422))
def list_organisations(
    session: SessionDep, pages: PageDep, name: NameFilter = None, article: ArticleFilter = None
) -> EntityPage:
    """List organisations, by id, with how often they are mentioned."""
    return entity_page(session, pages, "organisation", name, article)


@router.get(
    "/{organisation_id}", response_model=OrganisationPublic, responses=problem_responses(404)
)
def get_organisation(organisation_id: str, session: SessionDep) -> OrganisationPublic:
    """One organisation: names, roles, its people, quotes and the articles that mention it."""
    return OrganisationPublic.from_detail(entity_detail(session, "organisation", organisation_id))
