from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.listing import detail_responses
from app.api.public import HealthPublic
from app.store.queries import count_articles

router = APIRouter(prefix="/health", tags=["health"], responses=problem_responses(500, 503))


@router.get(
    "",
    response_model=HealthPublic,
    summary="Check the service",
    responses=detail_responses(),
)
def health(session: SessionDep) -> HealthPublic:
    """Check that the database answers; count the stored articles."""
    return HealthPublic(articles=count_articles(session))
