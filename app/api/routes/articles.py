from __future__ import annotations

from fastapi import APIRouter

from app.api.deps import SessionDep
from app.api.errors import NotFoundError, problem_responses
from app.api.pagination import PageDep
from app.api.public import ArticlePage, ArticlePublic, ArticleSummaryPublic
from app.store import queries

router = APIRouter(prefix="/articles", tags=["articles"], responses=problem_responses(500, 503))


@router.get("", response_model=ArticlePage, responses=problem_responses(400, 422))
def list_articles(session: SessionDep, pages: PageDep) -> ArticlePage:
    """List stored articles (without their text), by id."""
    page = queries.list_articles(session, page=pages.page)
    return pages.respond(ArticlePage, page, ArticleSummaryPublic.model_validate)


@router.get("/{article_id}", response_model=ArticlePublic, responses=problem_responses(404))
def get_article(article_id: str, session: SessionDep) -> ArticlePublic:
    """One article: its metadata, text and every fact extracted from it."""
    facts = queries.get_article_with_facts(session, article_id)
    if facts is None:
        raise NotFoundError(f"no article with id {article_id!r}; list articles at /articles")
    return ArticlePublic.from_facts(facts)
