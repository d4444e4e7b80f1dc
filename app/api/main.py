"""The FastAPI application: `uvicorn app.api.main:app`, or `create_app()` in tests.

Docs at /docs and /redoc are served from bundled files (fastapi-offline), so
they work without internet access.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from app.api.errors import add_problem_schemas, install_problem_handlers
from app.api.routes import (
    articles,
    figures,
    health,
    organisations,
    people,
    places,
    quotes,
    timelines,
)

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


def create_app() -> FastAPI:
    app = FastAPIOffline(
        title="article-facts",
        version="0.1.0",
        description=DESCRIPTION,
        swagger_ui_parameters={"validatorUrl": None},  # no badge fetched from swagger.io
    )
    install_problem_handlers(app)
    for module in (health, articles, people, organisations, places, quotes, figures, timelines):
        app.include_router(module.router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            add_problem_schemas(FastAPI.openapi(app))
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]
    return app


app = create_app()
