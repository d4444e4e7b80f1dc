from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.listing import DATE_PATTERN, DateFilter, ListDep, list_responses, partial_date
from app.api.public import TroopLevelSeriesPage, TroopLevelSeriesPublic
from app.extract.schema import TroopStatus
from app.store import queries
from app.store.pagination import Listing
from app.store.queries import TroopLevelSeries

router = APIRouter(prefix="/timelines", tags=["timelines"], responses=problem_responses(500, 503))

ForceFilter = Annotated[str | None, Query(description="Exact force name.", examples=["UK"])]
LocationFilter = Annotated[
    str | None, Query(description="Exact location name.", examples=["Cyprus"])
]
StatusFilter = Annotated[TroopStatus | None, Query(description="reported or planned.")]
FromFilter = Annotated[
    DateFilter,
    Query(
        alias="from",
        description="Only points whose date can fall on or after this date.",
        examples=["2019"],
        pattern=DATE_PATTERN,
    ),
]
ToFilter = Annotated[
    DateFilter,
    Query(
        alias="to",
        description="Only points whose date can fall on or before this date.",
        examples=["2021-06"],
        pattern=DATE_PATTERN,
    ),
]
TimelineSort = Literal["force", "-force", "location", "-location"]
DEFAULT_POINTS, MAX_POINTS = 20, 1000
PointsParam = Annotated[
    int,
    Query(
        ge=1,
        le=MAX_POINTS,
        description=(
            f"Latest points per series (default {DEFAULT_POINTS}, at most {MAX_POINTS}), in "
            "every format; each series says how many match in `point_count`. For earlier "
            "points, narrow the dates with `to` (and `from`)."
        ),
    ),
]


def troop_level_listing(
    force: str | None,
    location: str | None,
    status: TroopStatus | None,
    date_from: str | None,
    date_to: str | None,
    points: int = DEFAULT_POINTS,
) -> Listing[TroopLevelSeries]:
    """The filters of this route, shared with the chart at `/timelines/troop-levels.svg`."""
    return queries.troop_level_series(
        force=force,
        location=location,
        status=status,
        date_from=partial_date("from", date_from),
        date_to=partial_date("to", date_to),
        points=points,
    )


@router.get(
    "/troop-levels",
    response_model=TroopLevelSeriesPage,
    summary="Troop levels over time",
    responses=list_responses(),
)
def troop_levels(
    session: SessionDep,
    listing: ListDep,
    force: ForceFilter = None,
    location: LocationFilter = None,
    status: StatusFilter = None,
    date_from: FromFilter = None,
    date_to: ToFilter = None,
    points: PointsParam = DEFAULT_POINTS,
    sort: Annotated[
        TimelineSort,
        Query(description="Order series by `force` or `location`; `-` for descending."),
    ] = "force",
) -> Response:
    """Troop levels over time: one series per (force, location), points earliest first.

    `limit` pages the series; each series holds its latest `points` points and their
    number before the cap, `point_count`. A JSON page also ends before its points pass
    2,000 (it always holds one series): with long series it holds fewer than `limit`,
    and `next` goes on. Each point has `date_start` and `date_end`,
    the days its date can mean, so a chart can place a month-precision point. In CSV,
    each point is a row.
    """
    series = troop_level_listing(force, location, status, date_from, date_to, points)
    return listing.respond(
        session,
        series,
        sort,
        TroopLevelSeriesPublic.dump_series,
        TroopLevelSeriesPublic,
        explode="points",
    )
