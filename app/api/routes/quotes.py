from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.pagination import PageDep
from app.api.public import QuotePage, QuotePublic
from app.extract.schema import QuoteKind
from app.store import queries

router = APIRouter(prefix="/quotes", tags=["quotes"], responses=problem_responses(500, 503))


@router.get("", response_model=QuotePage, responses=problem_responses(400, 422))
def list_quotes(
    session: SessionDep,
    pages: PageDep,
    speaker: Annotated[
        str | None,
        Query(description="Speaker id, or part of the speaker's name.", examples=["lopez"]),
    ] = None,
    article: Annotated[str | None, Query(description="Only quotes from this article id.")] = None,
    kind: Annotated[QuoteKind | None, Query(description="direct, partial or indirect.")] = None,
    q: Annotated[str | None, Query(description="Part of the quoted text.")] = None,
) -> QuotePage:
    """List quotes in the order they were stored."""
    page = queries.list_quotes(
        session, speaker=speaker, article=article, kind=kind, text=q, page=pages.page
    )
    return pages.respond(QuotePage, page, QuotePublic.from_row)
