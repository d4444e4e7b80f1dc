"""HTTP behaviour shared by every route, as ASGI middleware: ETags, 304s, caching, HEAD.

Data changes only when an ingest commits (it bumps `data_version`), so a GET's
answer is fixed by the data version, the code, and the request: that triple is
the strong ETag, known before the route runs. A matching `If-None-Match` is
answered 304 without touching the route at all.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.store.db import get_engine

_APP_DIR = Path(__file__).resolve().parent.parent
_CODE_SUFFIXES = {".py", ".json", ".css", ".js", ".html", ".svg"}
VARY = "Accept, Accept-Encoding"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the application's own files: a new release must not reuse old ETags.

    Every worker running the same code computes the same digest.
    """
    digest = hashlib.sha256()
    for path in sorted(_APP_DIR.rglob("*")):
        if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
            digest.update(path.relative_to(_APP_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def read_data_version(database_url: str) -> int | None:
    """The ingest counter, or None when the database cannot say (not migrated yet)."""
    try:
        with get_engine(database_url).connect() as connection:
            return connection.execute(text("SELECT version FROM data_version")).scalar()
    except SQLAlchemyError:
        return None


def etag_for(data_version: int, scope: Scope) -> str:
    headers = Headers(scope=scope)
    gzip = "gzip" in headers.get("accept-encoding", "")
    request = "\n".join(
        [
            code_version(),
            scope["path"],
            scope.get("query_string", b"").decode("latin-1"),
            headers.get("accept", ""),
            "gzip" if gzip else "identity",
        ]
    )
    return f'"{data_version}-{hashlib.sha256(request.encode()).hexdigest()[:20]}"'


def _tags(if_none_match: str) -> set[str]:
    """The entity tags of If-None-Match, compared weakly as RFC 9110 asks (`W/` ignored)."""
    return {tag.strip().removeprefix("W/") for tag in if_none_match.split(",") if tag.strip()}


class ConditionalGetMiddleware:
    """Strong ETag and Cache-Control on every successful GET; 304 for a current ETag."""

    def __init__(self, app: ASGIApp, database_url: str, max_age: int) -> None:
        self.app = app
        self.database_url = database_url
        self.cache_control = f"public, max-age={max_age}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        version = read_data_version(self.database_url)
        if version is None:
            await self.app(scope, receive, send)
            return
        etag = etag_for(version, scope)
        caching = {"etag": etag, "cache-control": self.cache_control, "vary": VARY}
        tags = _tags(Headers(scope=scope).get("if-none-match", ""))
        if etag in tags:
            await self._not_modified(send, caching)
            return
        any_current = "*" in tags  # `*` matches only if the route has something to send
        replaced = False

        async def send_with_etag(message: Message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start" and message["status"] == 200:
                if any_current:
                    replaced = True
                    await self._not_modified(send, caching)
                    return
                headers = MutableHeaders(scope=message)
                for name, value in caching.items():
                    headers[name] = value
            if not replaced:
                await send(message)

        await self.app(scope, receive, send_with_etag)

    @staticmethod
    async def _not_modified(send: Send, caching: dict[str, str]) -> None:
        headers = [(name.encode(), value.encode()) for name, value in caching.items()]
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})


class HeadMiddleware:
    """Answer HEAD as the GET would, without the body (FastAPI routes are GET only)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)
