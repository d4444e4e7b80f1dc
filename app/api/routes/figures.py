from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.listing import ListDep, list_responses
from app.api.public import FigurePage, FigurePublic
from app.store import queries

router = APIRouter(prefix="/figures", tags=["figures"], responses=problem_responses(500, 503))

FigureSort = Literal["id", "-id", "value", "-value", "article", "-article"]


@router.get("", response_model=FigurePage, summary="List figures", responses=list_responses())
def list_figures(
    session: SessionDep,
    listing: ListDep,
    unit: Annotated[
        str | None, Query(description="Exact unit: count, percent, USD, day...", examples=["USD"])
    ] = None,
    article: Annotated[
        str | None,
        Query(description="Only figures from this article id.", examples=["port-strike"]),
    ] = None,
    sort: Annotated[
        FigureSort,
        Query(
            description="Order by `id` (as stored), `value` or `article`; `-` for descending.",
            examples=["-value"],
        ),
    ] = "id",
) -> Response:
    """List numeric figures: amounts, counts, percentages and durations."""
    figures = queries.figures(unit=unit, article=article)
    return listing.respond(session, figures, sort, FigurePublic.dump_row, FigurePublic)
