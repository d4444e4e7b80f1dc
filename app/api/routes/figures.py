from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.pagination import PageDep
from app.api.public import FigurePage, FigurePublic
from app.store import queries

router = APIRouter(prefix="/figures", tags=["figures"], responses=problem_responses(500, 503))


@router.get("", response_model=FigurePage, responses=problem_responses(400, 422))
def list_figures(
    session: SessionDep,
    pages: PageDep,
    unit: Annotated[
        str | None, Query(description="Exact unit: count, percent, USD, day...", examples=["USD"])
    ] = None,
    article: Annotated[str | None, Query(description="Only figures from this article id.")] = None,
) -> FigurePage:
    """List numeric figures in the order they were stored."""
    page = queries.list_figures(session, unit=unit, article=article, page=pages.page)
    return pages.respond(FigurePage, page, FigurePublic.from_row)
