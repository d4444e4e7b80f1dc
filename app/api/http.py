"""HTTP behaviour shared by every route, as ASGI middleware: ETags, 304s, caching, HEAD.

Data changes only when an ingest commits (it bumps `data_version`), so a GET's
answer is fixed by the data version, the code, and the request: that triple is
the strong ETag, known before the route runs. A matching `If-None-Match` is
answered 304 without touching the route at all, and a response already sent for
that ETag is replayed from memory: the one caching layer, invalidated by ingest
because the data version is part of the key.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
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
            scope.get("scheme", "http"),
            headers.get("host", ""),  # `next_url` and `Link` are absolute URLs
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


@dataclass(frozen=True)
class CachedResponse:
    headers: list[tuple[bytes, bytes]]
    body: bytes


class ResponseCache:
    """Whole 200 responses by ETag, least recently used first out, bounded in bytes.

    One per worker process; the event loop is its only user, so it needs no lock.
    Big answers (CSV or NDJSON exports) are never kept.
    """

    def __init__(self, max_bytes: int, max_entry_bytes: int = 1 << 20) -> None:
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self._entries: OrderedDict[str, CachedResponse] = OrderedDict()
        self._size = 0

    def get(self, key: str) -> CachedResponse | None:
        entry = self._entries.get(key)
        if entry is not None:
            self._entries.move_to_end(key)
        return entry

    def put(self, key: str, entry: CachedResponse) -> None:
        if len(entry.body) > self.max_entry_bytes or key in self._entries:
            return
        self._entries[key] = entry
        self._size += len(entry.body)
        while self._size > self.max_bytes:
            _, evicted = self._entries.popitem(last=False)
            self._size -= len(evicted.body)


class _Recorder:
    """Collects a response as it is sent, to keep it in the cache when it is complete."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.headers: list[tuple[bytes, bytes]] | None = None
        self.chunks: list[bytes] = []
        self.size = 0

    def start(self, message: Message) -> None:
        self.headers = list(message.get("headers", []))

    def body(self, message: Message) -> CachedResponse | None:
        """The whole response once its last chunk is seen; None before, or if too big."""
        if self.headers is None:
            return None
        chunk = message.get("body", b"")
        self.size += len(chunk)
        if self.size > self.limit:
            self.headers = None  # stop recording: too big to keep
            return None
        self.chunks.append(chunk)
        if message.get("more_body", False):
            return None
        return CachedResponse(self.headers, b"".join(self.chunks))


class ConditionalGetMiddleware:
    """Strong ETag and Cache-Control on every successful GET; 304 for a current ETag;
    a response already made for the same ETag is sent again from the cache."""

    def __init__(self, app: ASGIApp, database_url: str, max_age: int, cache_bytes: int = 0) -> None:
        self.app = app
        self.database_url = database_url
        self.cache_control = f"public, max-age={max_age}"
        self.cache = ResponseCache(cache_bytes) if cache_bytes > 0 else None

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
        cached = self.cache.get(etag) if self.cache is not None else None
        if cached is not None:
            if any_current:
                await self._not_modified(send, caching)
                return
            await send({"type": "http.response.start", "status": 200, "headers": cached.headers})
            await send({"type": "http.response.body", "body": cached.body})
            return
        replaced = False
        recorder = _Recorder(self.cache.max_entry_bytes) if self.cache is not None else None

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
                if recorder is not None:
                    recorder.start(message)
            elif message["type"] == "http.response.body" and recorder is not None:
                complete = recorder.body(message)
                if complete is not None and self.cache is not None:
                    self.cache.put(etag, complete)
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
