from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.pagination import PageDep
from app.api.public import TroopLevelSeriesPage, TroopLevelSeriesPublic
from app.extract.schema import TroopStatus
from app.store import queries

router = APIRouter(prefix="/timelines", tags=["timelines"], responses=problem_responses(500, 503))


@router.get(
    "/troop-levels", response_model=TroopLevelSeriesPage, responses=problem_responses(400, 422)
)
def troop_levels(
    session: SessionDep,
    pages: PageDep,
    force: Annotated[str | None, Query(description="Exact force name.")] = None,
    location: Annotated[str | None, Query(description="Exact location name.")] = None,
    status: Annotated[TroopStatus | None, Query(description="reported or planned.")] = None,
) -> TroopLevelSeriesPage:
    """Troop levels over time: one series per (force, location), points earliest first."""
    page = queries.list_troop_level_series(
        session, force=force, location=location, status=status, page=pages.page
    )
    return pages.respond(TroopLevelSeriesPage, page, TroopLevelSeriesPublic.from_series)
