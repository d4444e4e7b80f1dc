from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.api.deps import SessionDep
from app.api.errors import NotFoundError, problem_responses
from app.api.listing import (
    DATE_PATTERN,
    DateFilter,
    ListDep,
    detail_responses,
    json_response,
    list_responses,
    partial_date,
)
from app.api.public import ArticlePage, ArticlePublic, ArticleSummaryPublic
from app.store import queries
from app.store.search import article_seqs_matching

router = APIRouter(prefix="/articles", tags=["articles"], responses=problem_responses(500, 503))

ArticleSort = Literal["id", "-id", "published", "-published", "ingested", "-ingested"]


@router.get("", response_model=ArticlePage, summary="List articles", responses=list_responses())
def list_articles(
    session: SessionDep,
    listing: ListDep,
    published_after: Annotated[
        DateFilter,
        Query(
            description="Published on or after this date (inclusive).",
            examples=["2021-03"],
            pattern=DATE_PATTERN,
        ),
    ] = None,
    published_before: Annotated[
        DateFilter,
        Query(
            description="Published on or before this date (inclusive).",
            examples=["2021"],
            pattern=DATE_PATTERN,
        ),
    ] = None,
    source: Annotated[
        str | None, Query(description="Exact source name, any case.", examples=["Harbour Daily"])
    ] = None,
    entity: Annotated[
        str | None,
        Query(
            description="Only articles naming the person, organisation or place with this id.",
            examples=["maria-lopez"],
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            description="Full-text search of title and text; same syntax as `/search`.",
            examples=['"pay talks"'],
        ),
    ] = None,
    sort: Annotated[
        ArticleSort,
        Query(
            description=(
                "Order by `id`, `published` (undated articles first) or `ingested`; "
                "`-` for descending."
            ),
            examples=["-published"],
        ),
    ] = "id",
) -> Response:
    """List stored articles (without their text)."""
    articles = queries.articles(
        published_after=partial_date("published_after", published_after),
        published_before=partial_date("published_before", published_before),
        source=source,
        entity=entity,
        matching=article_seqs_matching(session, q) if q else None,
    )
    return listing.respond(
        session, articles, sort, ArticleSummaryPublic.dump_row, ArticleSummaryPublic
    )


@router.get(
    "/{article_id}",
    response_model=ArticlePublic,
    summary="Get an article with its facts",
    responses=detail_responses(404),
)
def get_article(article_id: str, session: SessionDep) -> Response:
    """One article: its metadata, text and every fact extracted from it."""
    facts = queries.get_article_with_facts(session, article_id)
    if facts is None:
        raise NotFoundError(f"no article with id {article_id!r}; list articles at /articles")
    return json_response(ArticlePublic.dump_facts(facts))
