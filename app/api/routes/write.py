"""The write API: add an article, or take one out. Mounted only when `API_KEYS` is set."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import Response
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from app.api.auth import RateLimiter, check_bearer
from app.api.deps import SettingsDep
from app.api.errors import NotFoundError, problem_responses
from app.api.extraction_pool import ExtractionPool
from app.api.listing import json_response
from app.api.public import ArticlePublic, Item
from app.config import Settings
from app.extract.schema import ArticleFacts
from app.ingest.article import RawArticle
from app.ingest.errors import UnreadableInput
from app.ingest.posted import posted_json, posted_text
from app.store import queries
from app.store.db import open_session
from app.store.deletion import delete_article
from app.store.models import Article
from app.store.writer import ArticleConflictError, InvalidFactError, save_article

JSON_TYPE = "application/json"
TEXT_TYPE = "text/plain"


def require_writer(request: Request, settings: SettingsDep) -> str:
    """The caller's key hash, after the key and the rate limit are checked."""
    check = check_bearer(request.headers.get("authorization"), settings.api_key_hashes)
    if not check.presented:
        raise HTTPException(
            401,
            "this route needs an API key: send `Authorization: Bearer <key>`",
            headers={"WWW-Authenticate": 'Bearer realm="article-facts"'},
        )
    if check.key_hash is None:
        raise HTTPException(403, "this API key is not accepted; ask for a valid one")
    limiter: RateLimiter = request.app.state.rate_limiter
    wait = limiter.retry_after(check.key_hash)
    if wait:
        raise HTTPException(
            429,
            f"too many writes with this key (limit {limiter.per_minute} a minute); "
            f"retry in {wait} s",
            headers={"Retry-After": str(wait)},
        )
    return check.key_hash


router = APIRouter(
    prefix="/articles",
    tags=["articles"],
    responses=problem_responses(401, 403, 429, 500, 503),
    dependencies=[Depends(require_writer)],
)

_BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": (
            "The article, checked like `article-facts ingest` checks files: JSON like a "
            "line of a `.jsonl` file, or plain text with optional YAML front matter like "
            "a `.txt` file. Without an id the article is named by its content."
        ),
        "content": {
            JSON_TYPE: {
                "schema": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {
                        "text": {"type": "string"},
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "source": {"type": "string"},
                        "url": {"type": "string"},
                        "language": {"type": "string"},
                        "published": {"type": "string", "examples": ["2021-03-14"]},
                    },
                },
                "example": {
                    "id": "harbour-strike",
                    "title": "Dock workers end strike",
                    "published": "2021-03-14",
                    "text": "“We have a deal,” union leader Maria Lopez said on Sunday.",
                },
            },
            TEXT_TYPE: {
                "schema": {"type": "string"},
                "example": "---\nid: harbour-strike\npublished: 2021-03-14\n---\n"
                "“We have a deal,” union leader Maria Lopez said on Sunday.\n",
            },
        },
    }
}


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is known to be over the limit."""
    too_large = HTTPException(
        413, f"the body is over {limit:,} bytes (MAX_BODY_MB); send a smaller article"
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _parse(content_type: str, body: bytes) -> RawArticle:
    media_type = content_type.split(";")[0].strip().lower()
    try:
        if media_type == JSON_TYPE:
            return posted_json(body)
        if media_type == TEXT_TYPE:
            return posted_text(body)
    except UnreadableInput as problem:
        raise HTTPException(422, f"the article cannot be used: {problem}") from problem
    raise HTTPException(
        415, f"send the article as {JSON_TYPE} or {TEXT_TYPE}, not {media_type or 'no type'}"
    )


def _stored_copy(url: str, article: RawArticle) -> Item | None:
    """The stored article with this exact text, if any; a 409 if the id holds another text."""
    with open_session(url) as session:
        existing = session.get(Article, article.id)
        if existing is not None and existing.content_hash != article.content_hash:
            raise HTTPException(
                409,
                f"article id {article.id!r} already holds different text; "
                "send this article with another id, or DELETE the old one first",
            )
        same_text = queries.article_id_with_hash(session, article.content_hash)
        if same_text is None:
            return None
        facts = queries.get_article_with_facts(session, same_text)
        return ArticlePublic.dump_facts(facts) if facts is not None else None


def _save(url: str, article: RawArticle, facts: ArticleFacts) -> tuple[bool, Item]:
    with open_session(url) as session:
        try:
            created = save_article(session, article, facts)
            session.commit()
        except IntegrityError:  # another request stored the same text a moment ago
            session.rollback()
            created = False
        except ArticleConflictError as error:
            raise HTTPException(409, str(error)) from error
        except InvalidFactError as error:
            raise HTTPException(422, str(error)) from error
    stored = _stored_copy(url, article)
    if stored is None:  # deleted between the two transactions
        raise HTTPException(409, "the article was deleted while it was being added; send it again")
    return created, stored


def _json(status: int, article: Item, location: str | None = None) -> Response:
    return json_response(article, status, {"Location": location} if location else None)


@router.post(
    "",
    status_code=201,
    response_model=ArticlePublic,
    summary="Add an article",
    responses={
        200: {"description": "This text was already stored: the stored article."},
        **problem_responses(409, 413, 415, 422),
    },
    openapi_extra=_BODY_DOC,
)
async def post_article(request: Request, settings: SettingsDep) -> Response:
    """Extract the facts of a new article and store it; needs `Authorization: Bearer <key>`.

    201 with the article and its facts (and `Location`), or 200 with the stored
    article when the same text is already there, under whichever id.
    """
    body = await _read_body(request, _body_limit(settings))
    article = _parse(request.headers.get("content-type", ""), body)
    url = settings.database_url
    stored = await run_in_threadpool(_stored_copy, url, article)
    if stored is not None:
        return _json(200, stored)
    pool: ExtractionPool = request.app.state.extraction_pool
    try:
        facts = await pool.extract(article.id, article.text, article.published)
    except BrokenProcessPool as error:
        raise HTTPException(
            503, "the extraction process stopped (out of memory?); send the article again"
        ) from error
    created, stored = await run_in_threadpool(_save, url, article, facts)
    location = f"/articles/{stored['id']}" if created else None
    return _json(201 if created else 200, stored, location)


def _delete(url: str, article_id: str) -> None:
    with open_session(url) as session:
        if not delete_article(session, article_id):
            raise NotFoundError(f"no article with id {article_id!r}; list articles at /articles")
        session.commit()


@router.delete(
    "/{article_id}",
    status_code=204,
    summary="Remove an article",
    responses=problem_responses(404),
)
def remove_article(article_id: str, settings: SettingsDep) -> Response:
    """Remove the article, its facts, and the entities only it named; needs a key."""
    _delete(settings.database_url, article_id)
    return Response(status_code=204)


def _body_limit(settings: Settings) -> int:
    return int(settings.max_body_mb * 1024 * 1024)


def install(app: FastAPI, settings: Settings) -> None:
    """Mount the write routes when keys are configured; the caller closes the pool at exit."""
    if not settings.api_key_hashes:
        return
    app.state.rate_limiter = RateLimiter(settings.write_rate_limit)
    app.state.extraction_pool = ExtractionPool()
    app.include_router(router)
