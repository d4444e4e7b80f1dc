"""Routes for the dashboard page, the troop-level chart as SVG, and the `/read` citation page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlmodel import Session

from app.api.deps import SessionDep
from app.api.errors import NotFoundError, problem_responses
from app.api.listing import detail_responses
from app.api.public import TroopLevelSeriesPublic
from app.api.routes.timelines import (
    DEFAULT_POINTS,
    ForceFilter,
    FromFilter,
    LocationFilter,
    StatusFilter,
    ToFilter,
    troop_level_listing,
)
from app.store import queries
from app.store.pagination import Listing, PageRequest
from app.store.queries import TroopLevelSeries

from .chart import render_troop_level_chart
from .pages import dashboard_page, read_page

STATIC_DIR = Path(__file__).parent / "static"
SVG_MEDIA_TYPE = "image/svg+xml"

HTML_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
}
"""On every HTML page: nothing loads from another host, and no inline script or style runs."""

SVG_HEADERS = {
    "Content-Security-Policy": "default-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": 'inline; filename="troop-levels.svg"',
}
"""An SVG opened on its own runs nothing; it can still be embedded and its links followed."""

router = APIRouter(responses=problem_responses(500, 503))


def static_files() -> StaticFiles:
    """The page's stylesheet, script and icon, to mount at `/static`."""
    return StaticFiles(directory=STATIC_DIR)


CHART_SERIES = 16
"""Lines a chart draws at most (the first of `/timelines/troop-levels`): two per colour
of the palette, as many as a reader can still tell apart; filters pick the others.
Each line has the latest `DEFAULT_POINTS` points, as the list gives them."""


def chart_series(
    session: Session, listing: Listing[TroopLevelSeries] | None = None
) -> list[TroopLevelSeriesPublic]:
    """The series a chart of `listing` (every troop level by default) draws."""
    listing = listing or queries.troop_level_series(points=DEFAULT_POINTS)
    page = listing.page(session, "force", PageRequest(limit=CHART_SERIES))
    return [
        TroopLevelSeriesPublic.model_validate(TroopLevelSeriesPublic.dump_series(one))
        for one in page.items
    ]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def dashboard(session: SessionDep) -> HTMLResponse:
    """The dashboard; the chart is drawn server-side so it shows without JavaScript."""
    chart = render_troop_level_chart(chart_series(session))
    return HTMLResponse(dashboard_page(chart), headers=HTML_HEADERS)


@router.get(
    "/timelines/troop-levels.svg",
    tags=["timelines"],
    summary="Troop levels over time, as an SVG chart",
    response_class=Response,
    responses={
        200: {
            "description": "A standalone SVG image, about 800x400.",
            "content": {SVG_MEDIA_TYPE: {"schema": {"type": "string"}}},
        },
        **detail_responses(422),
    },
)
def troop_level_chart(
    session: SessionDep,
    force: ForceFilter = None,
    location: LocationFilter = None,
    status: StatusFilter = None,
    date_from: FromFilter = None,
    date_to: ToFilter = None,
) -> Response:
    """The first page of `/timelines/troop-levels` (same filters, 16 series with their
    latest 20 points) drawn as an SVG chart; filter by force or location for others.

    One line per force and location; filled points were reported, hollow points
    planned; each point links to `/read/{article}?start=&end=#fact`, the sentence
    it was read from. Embed it with `<img src="/timelines/troop-levels.svg">`
    (links work when the SVG is opened or inlined).
    """
    listing = troop_level_listing(force, location, status, date_from, date_to)
    series = chart_series(session, listing)
    filtered = any(value is not None for value in (force, location, status, date_from, date_to))
    svg = render_troop_level_chart(series, filtered=filtered)
    return Response(svg, media_type=SVG_MEDIA_TYPE, headers=SVG_HEADERS)


def _span(start: int | None, end: int | None, length: int) -> tuple[int, int] | None:
    if start is None and end is None:
        return None
    if start is None or end is None or not start <= end <= length:
        raise HTTPException(
            status_code=422,
            detail=f"give both `start` and `end` with 0 <= start <= end <= {length} "
            "(the article's length in characters), or neither to read the whole article",
        )
    return start, end


@router.get("/read/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def read_article(
    article_id: str,
    session: SessionDep,
    start: Annotated[int | None, Query(ge=0, description="First character of the span.")] = None,
    end: Annotated[int | None, Query(ge=0, description="Character after the span.")] = None,
) -> HTMLResponse:
    """An article as a page, with `text[start:end]` highlighted: where a fact's link leads."""
    facts = queries.get_article_with_facts(session, article_id)
    if facts is None:
        raise NotFoundError(f"no article with id {article_id!r}; list articles at /articles")
    span = _span(start, end, len(facts.article.text))
    return HTMLResponse(read_page(facts.article, span), headers=HTML_HEADERS)
