from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.listing import ListDep, list_responses
from app.api.public import QuotePage, QuotePublic
from app.extract.schema import QuoteKind
from app.store import queries
from app.store.search import quote_ids_matching

router = APIRouter(prefix="/quotes", tags=["quotes"], responses=problem_responses(500, 503))

QuoteSort = Literal["id", "-id", "article", "-article"]


@router.get("", response_model=QuotePage, summary="List quotes", responses=list_responses())
def list_quotes(
    session: SessionDep,
    listing: ListDep,
    speaker: Annotated[
        str | None,
        Query(description="Speaker id, or part of the speaker's name.", examples=["lopez"]),
    ] = None,
    article: Annotated[
        str | None, Query(description="Only quotes from this article id.", examples=["port-strike"])
    ] = None,
    kind: Annotated[QuoteKind | None, Query(description="direct, partial or indirect.")] = None,
    q: Annotated[
        str | None,
        Query(
            description="Full-text search of the quoted words; same syntax as `/search`.",
            examples=["strike OR walkout"],
        ),
    ] = None,
    sort: Annotated[
        QuoteSort,
        Query(
            description=(
                "Order by `id` (the order they were stored; `-id` for the latest first) "
                "or `article` (by article, then position in it)."
            ),
            examples=["-id"],
        ),
    ] = "id",
) -> Response:
    """List quotes with their speakers, cues and where they are in their article."""
    quotes = queries.quotes(
        speaker=speaker,
        many_by_speaker=bool(speaker) and queries.speaker_matches_many(session, speaker),
        article=article,
        kind=kind,
        matching=quote_ids_matching(session, q) if q else None,
    )
    return listing.respond(session, quotes, sort, QuotePublic.dump_row, QuotePublic)
