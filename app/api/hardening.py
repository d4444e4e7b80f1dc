"""What every request goes through before the routes: a request id, limits and safe headers.

One pure-ASGI layer, outermost, so a request refused here (too many at once, too
slow) costs nothing further down, and every answer, errors included, carries the
same security headers and the id its log line has.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import logging
import math
import re
import time
import uuid
from collections.abc import Iterable
from http import HTTPStatus

import anyio
import orjson
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.logs import request_id_var

logger = logging.getLogger("app.access")

_CLIENT_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
HTML_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; worker-src blob:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
"""For HTML pages that set no policy of their own (the bundled /docs and /redoc): only
their own inline scripts, by hash, may run; their widgets set styles at run time."""


def html_policy(body: bytes) -> str:
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'"
        for script in _INLINE_SCRIPT.findall(body)
    )
    return f"{HTML_POLICY}; script-src 'self' {hashes}".rstrip()


_SECURITY_RAW = [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]


def _hardened(
    headers: Iterable[tuple[bytes, bytes]], request_id: str
) -> tuple[list[tuple[bytes, bytes]], bool]:
    """The answer's headers with the request id and the security headers it lacks, and
    whether it is an HTML page without a policy of its own. One pass: this runs for every
    answer, cached ones included."""
    hardened: list[tuple[bytes, bytes]] = []
    present: set[bytes] = set()
    html = False
    for name, value in headers:
        if name == b"x-request-id":
            continue
        if name == b"content-type":
            html = value.startswith(b"text/html")
        present.add(name)
        hardened.append((name, value))
    hardened.append((b"x-request-id", request_id.encode()))
    hardened += [(name, value) for name, value in _SECURITY_RAW if name not in present]
    return hardened, html and b"content-security-policy" not in present


def _problem(status: int, detail: str, headers: Iterable[tuple[str, str]] = ()) -> list[Message]:
    title = HTTPStatus(status).phrase
    body = orjson.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail})
    raw = [
        (b"content-type", b"application/problem+json"),
        *((k.encode(), v.encode()) for k, v in headers),
    ]
    return [
        {"type": "http.response.start", "status": status, "headers": raw},
        {"type": "http.response.body", "body": body},
    ]


class HardeningMiddleware:
    """Request id, access log, concurrency cap, time limit and security headers."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_concurrent: int,
        timeout: float,
        access_log: bool,
    ) -> None:
        self.app = app
        self.max_concurrent = max_concurrent
        self.timeout = timeout
        self.access_log = access_log
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get("x-request-id", "")
        request_id = given if _CLIENT_REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started_at = time.perf_counter()
        status = 0
        html_start: Message | None = None

        async def send_hardened(message: Message) -> None:
            nonlocal status, html_start
            if message["type"] == "http.response.start":
                status = message["status"]
                cancel_scope.deadline = math.inf  # the time limit is to the first byte
                headers, needs_policy = _hardened(message.get("headers", []), request_id)
                message = {**message, "headers": headers}  # a copy: cached answers share theirs
                if needs_policy:
                    html_start = message  # the policy needs the page: sent with its body
                    return
            elif html_start is not None and message["type"] == "http.response.body":
                await self._send_html(send, html_start, message)
                html_start = None
                return
            await send(message)

        try:
            if b"%00" in scope.get("query_string", b"") or "\x00" in scope["path"]:
                # No text we store holds one, and PostgreSQL refuses it in any string.
                for message in _problem(
                    400,
                    "the URL holds a NUL character (%00); remove it",
                    [("x-request-id", request_id)],
                ):
                    await send(message)
                status = 400
                return
            if self.in_flight >= self.max_concurrent:
                for message in _problem(
                    503,
                    f"the server is handling {self.max_concurrent} requests already; "
                    "retry in a second",
                    [("retry-after", "1"), ("x-request-id", request_id)],
                ):
                    await send(message)
                status = 503
                return
            self.in_flight += 1
            try:
                with anyio.CancelScope() as cancel_scope:
                    cancel_scope.deadline = anyio.current_time() + self.timeout
                    await self.app(scope, receive, send_hardened)
            finally:
                self.in_flight -= 1
            if cancel_scope.cancelled_caught and status == 0:
                status = 504
                for message in _problem(
                    504,
                    f"the answer took over {self.timeout:g} s (REQUEST_TIMEOUT); "
                    "narrow the request (filters, a smaller limit) and retry",
                    [("x-request-id", request_id)],
                ):
                    await send(message)
        finally:
            if self.access_log:
                logger.info(
                    "%s %s %d",
                    scope["method"],
                    scope["path"],
                    status,
                    extra={
                        "request_id": request_id,
                        "method": scope["method"],
                        "path": scope["path"],
                        "query": scope.get("query_string", b"").decode("latin-1"),
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started_at) * 1000, 2),
                    },
                )
            request_id_var.reset(token)

    @staticmethod
    async def _send_html(send: Send, start: Message, first: Message) -> None:
        """HTML pages without a policy of their own are small and whole (the API docs)."""
        headers = MutableHeaders(scope=start)
        page = b"" if first.get("more_body", False) else first.get("body", b"")
        if page and headers.get("content-encoding") == "gzip":
            page = gzip.decompress(page)
        headers["content-security-policy"] = html_policy(page)
        await send(start)
        await send(first)
