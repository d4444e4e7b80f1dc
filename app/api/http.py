"""HTTP behaviour shared by every route, as ASGI middleware: ETags, 304s, caching, HEAD.

Data changes only when an ingest commits (it bumps `data_version`), so a GET's
answer is fixed by the data version, the code, and the request: that triple is
the strong ETag, known before the route runs. A matching `If-None-Match` is
answered 304 without touching the route at all, and a response already sent for
that ETag is replayed from memory: the one caching layer, invalidated by ingest
because the data version is part of the key.

The data version is not read per request: each worker keeps the last value it read
and reads it again, in a worker thread, once it is older than `DATA_VERSION_TTL`
seconds (one read however many requests wait for it). So a request never waits on
the database before it is known to need the route, and an ingest shows within
that many seconds (well inside `Cache-Control: max-age`); a write through this
worker's own API shows at once.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import anyio
import anyio.to_thread
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.store.db import get_engine

_APP_DIR = Path(__file__).resolve().parent.parent
_CODE_SUFFIXES = {".py", ".json", ".css", ".js", ".html", ".svg"}
VARY = "Accept, Accept-Encoding"
_WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


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


class DataVersion:
    """The ingest counter as this worker last read it, read again once older than `ttl`.

    The read runs in a worker thread, never on the event loop, and only one runs
    at a time: requests arriving meanwhile wait for its answer. `ttl=0` reads it
    for every request (tests that ingest, then read). None means the database
    cannot say (not migrated yet, or unreachable); that is read again every time.
    """

    def __init__(self, database_url: str, ttl: float) -> None:
        self.database_url = database_url
        self.ttl = ttl
        self._value: int | None = None
        self._fresh_until = 0.0
        self._expired_at = 0.0
        self._reading: anyio.Event | None = None

    async def current(self) -> int | None:
        if time.monotonic() < self._fresh_until:
            return self._value
        if self._reading is not None:
            await self._reading.wait()
            return self._value
        self._reading = reading = anyio.Event()
        started = time.monotonic()
        try:
            self._value = await anyio.to_thread.run_sync(read_data_version, self.database_url)
            if self._value is not None and started > self._expired_at:
                self._fresh_until = started + self.ttl
        finally:
            self._reading = None
            reading.set()
        return self._value

    def expire(self) -> None:
        """Read the version again on the next request (this worker just wrote)."""
        self._fresh_until = 0.0
        self._expired_at = time.monotonic()


RequestKey = tuple[str, str, bytes, bytes, bytes, bool]
"""What an answer depends on besides the data: scheme, path, query, Host (`next_url` and
`Link` are absolute URLs), Accept, and whether the client takes gzip."""


def read_request(scope: Scope) -> tuple[RequestKey, str]:
    """The request's key and its If-None-Match, in one pass over the raw headers."""
    host = accept = encoding = if_none_match = b""
    for name, value in scope["headers"]:
        if name == b"host":
            host = value
        elif name == b"accept":
            accept = value
        elif name == b"accept-encoding":
            encoding = value
        elif name == b"if-none-match":
            if_none_match = value
    key = (
        scope.get("scheme", "http"),
        scope["path"],
        scope.get("query_string", b""),
        host,
        accept,
        b"gzip" in encoding,
    )
    return key, if_none_match.decode("latin-1")


def etag_for(data_version: int, request: RequestKey) -> str:
    scheme, path, query, host, accept, gzip = request
    described = "\n".join(
        [
            code_version(),
            scheme,
            host.decode("latin-1"),
            path,
            query.decode("latin-1"),
            accept.decode("latin-1"),
            "gzip" if gzip else "identity",
        ]
    )
    return f'"{data_version}-{hashlib.sha256(described.encode()).hexdigest()[:20]}"'


class EtagCache:
    """ETags already computed for the current data version, by request; emptied when the
    version changes or when it holds `max_entries` (a crawler asking many URLs)."""

    def __init__(self, max_entries: int = 4096) -> None:
        self.max_entries = max_entries
        self.version: int | None = None
        self._tags: dict[RequestKey, str] = {}

    def get(self, data_version: int, request: RequestKey) -> str:
        tag = self._tags.get(request) if data_version == self.version else None
        if tag is None:
            if data_version != self.version or len(self._tags) >= self.max_entries:
                self._tags.clear()
                self.version = data_version
            tag = self._tags[request] = etag_for(data_version, request)
        return tag


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

    def __init__(
        self,
        app: ASGIApp,
        database_url: str,
        max_age: int,
        cache_bytes: int = 0,
        data_version_ttl: float = 0.0,
    ) -> None:
        self.app = app
        self.data_version = DataVersion(database_url, data_version_ttl)
        self.etags = EtagCache()
        self.cache_control = f"public, max-age={max_age}"
        self.cache = ResponseCache(cache_bytes) if cache_bytes > 0 else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            try:
                await self.app(scope, receive, send)
            finally:
                if scope["method"] in _WRITE_METHODS:
                    self.data_version.expire()
            return
        version = await self.data_version.current()
        if version is None:
            await self.app(scope, receive, send)
            return
        request, if_none_match = read_request(scope)
        etag = self.etags.get(version, request)
        caching = {"etag": etag, "cache-control": self.cache_control, "vary": VARY}
        tags = _tags(if_none_match) if if_none_match else set()
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
