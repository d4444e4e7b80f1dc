"""The FastAPI application: `uvicorn app.api.main:app`, or `create_app()` in tests.

Docs at /docs and /redoc are served from bundled files (fastapi-offline), so
they work without internet access.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline
from starlette.middleware.gzip import GZipMiddleware

from app.api.dashboard import routes as dashboard
from app.api.errors import add_problem_schemas, install_problem_handlers
from app.api.hardening import HardeningMiddleware
from app.api.http import ConditionalGetMiddleware, HeadMiddleware
from app.api.listing import document_fields
from app.api.routes import (
    articles,
    figures,
    health,
    organisations,
    people,
    places,
    quotes,
    search,
    timelines,
    write,
)
from app.config import Settings, get_settings

DESCRIPTION = """\
Facts extracted from news articles: people, organisations, places, quotes with
their speakers, figures, dates and troop-level timelines. Every fact cites its
article and the character offsets of its words: `article.text[start:end]`.

Lists take `limit` (1-500) and `cursor`, and answer `{items, next, next_url}`;
follow `next_url` (also in the `Link` header) until it is null. Errors are
`application/problem+json`.

Try: `/people?name=lopez`, `/quotes?speaker=maria-lopez&kind=direct`,
`/timelines/troop-levels?status=reported`.
"""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Sync routes and dependencies run in AnyIO's default thread pool (40 threads).
    threads = anyio.to_thread.current_default_thread_limiter()
    threads.total_tokens = app.state.settings.worker_threads
    yield
    pool = getattr(app.state, "extraction_pool", None)
    if pool is not None:
        pool.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app for `settings` (by default, from the environment)."""
    settings = settings or get_settings()
    app = FastAPIOffline(
        title="article-facts",
        version="0.1.0",
        description=DESCRIPTION,
        swagger_ui_parameters={"validatorUrl": None},  # no badge fetched from swagger.io
        lifespan=_lifespan,
    )
    app.state.settings = settings
    install_problem_handlers(app)
    _add_middleware(app, settings)
    routers = (health, articles, people, organisations, places, quotes, figures, timelines, search)
    for module in routers:
        app.include_router(module.router)
    write.install(app, settings)
    app.include_router(dashboard.router)
    app.mount("/static", dashboard.static_files(), name="static")

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = FastAPI.openapi(app)
            add_problem_schemas(schema)
            document_fields(schema)
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    """Outermost last: HEAD sees the final (compressed) response and drops its body.

    The conditional-GET layer sits outside gzip so that it writes the final `Vary`
    (gzip would otherwise append a second `Accept-Encoding` to it).
    """
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(
        ConditionalGetMiddleware,
        database_url=settings.database_url,
        max_age=settings.cache_max_age,
        cache_bytes=settings.response_cache_mb * 1024 * 1024,
        data_version_ttl=settings.data_version_ttl,
    )
    if settings.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origin_list,
            allow_methods=["GET", "HEAD"],
            allow_headers=["If-None-Match", "Accept"],
            expose_headers=["ETag", "Link"],
            max_age=600,
        )
    app.add_middleware(HeadMiddleware)
    app.add_middleware(
        HardeningMiddleware,
        max_concurrent=settings.max_concurrent_requests,
        timeout=settings.request_timeout,
        access_log=settings.access_log,
    )


app = create_app()
