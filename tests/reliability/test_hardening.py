"""Request ids, security headers, the concurrency cap, the time limit and JSON logs."""

from __future__ import annotations

import json
import logging

import anyio
import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from app.api.hardening import HardeningMiddleware, html_policy
from app.logs import JsonFormatter


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # uvicorn's loop


@pytest.mark.parametrize(
    "path", ["/health", "/people?limit=0", "/nowhere", "/", "/docs", "/openapi.json"]
)
def test_every_answer_carries_the_security_headers_and_a_request_id(
    base_url: str, path: str
) -> None:
    response = httpx.get(base_url + path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert len(response.headers["x-request-id"]) == 32
    assert "server" not in response.headers
    if response.headers["content-type"].startswith("text/html"):
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_a_client_request_id_is_echoed_and_a_strange_one_replaced(base_url: str) -> None:
    given = httpx.get(f"{base_url}/health", headers={"X-Request-ID": "dash-42.a"})
    assert given.headers["x-request-id"] == "dash-42.a"
    odd = httpx.get(f"{base_url}/health", headers={"X-Request-ID": "<script>" + "x" * 100})
    assert odd.headers["x-request-id"] != "<script>" + "x" * 100
    assert len(odd.headers["x-request-id"]) == 32


def test_the_docs_page_may_run_only_its_own_inline_script(base_url: str) -> None:
    for headers in ({"Accept-Encoding": "identity"}, {"Accept-Encoding": "gzip"}):
        page = httpx.get(f"{base_url}/docs", headers=headers)
        policy = page.headers["content-security-policy"]
        assert policy == html_policy(page.content)
        script_src = policy.split("script-src")[1]
        assert script_src.count("'sha256-") == 1 and "unsafe" not in script_src


def _app(**limits: float) -> tuple[Starlette, anyio.Event]:
    release = anyio.Event()

    async def slow(_request: Request) -> JSONResponse:
        await release.wait()
        return JSONResponse({"done": True})

    async def page(_request: Request) -> HTMLResponse:
        return HTMLResponse("<html><script>go()</script></html>")

    async def big_page(_request: Request) -> HTMLResponse:
        return HTMLResponse(f"<html><script>start()</script><p>{'words ' * 500}</p></html>")

    app = Starlette(
        routes=[Route("/slow", slow), Route("/page", page), Route("/big-page", big_page)]
    )
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    settings = {"max_concurrent": 100, "timeout": 30.0, "access_log": False, **limits}
    app.add_middleware(HardeningMiddleware, **settings)
    return app, release


@pytest.mark.anyio
async def test_requests_beyond_the_cap_get_503_with_retry_after() -> None:
    app, release = _app(max_concurrent=2)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        answers: list[httpx.Response] = []

        async def get() -> None:
            answers.append(await client.get("/slow"))

        with anyio.fail_after(5):  # a broken cap would make this wait on `release` forever
            async with anyio.create_task_group() as group:
                group.start_soon(get)
                group.start_soon(get)
                await anyio.sleep(0.05)
                refused = await client.get("/slow")
                release.set()
        assert refused.status_code == 503
        assert refused.headers["retry-after"] == "1"
        assert refused.json()["status"] == 503
        assert [answer.status_code for answer in answers] == [200, 200]
        assert (await client.get("/page")).status_code == 200  # the count went back down


@pytest.mark.anyio
async def test_a_request_over_the_time_limit_gets_504() -> None:
    app, _release = _app(timeout=0.05)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        late = await client.get("/slow")
        page = await client.get("/page")
    assert late.status_code == 504
    assert late.headers["content-type"] == "application/problem+json"
    assert "REQUEST_TIMEOUT" in late.json()["detail"]
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == html_policy(page.content)


@pytest.mark.anyio
async def test_a_compressed_page_gets_the_hash_of_its_uncompressed_script() -> None:
    app, _release = _app()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        page = await client.get("/big-page", headers={"Accept-Encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip"
    assert page.headers["content-security-policy"] == html_policy(page.content)  # decoded
    assert html_policy(page.content) != html_policy(b"")


@pytest.mark.anyio
async def test_the_access_log_is_one_json_line_with_the_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app, release = _app(access_log=True)
    release.set()
    transport = httpx.ASGITransport(app=app)
    with caplog.at_level(logging.INFO, logger="app.access"):
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            response = await client.get("/page?x=1", headers={"X-Request-ID": "abc"})
    (record,) = [r for r in caplog.records if r.name == "app.access"]
    line = json.loads(JsonFormatter().format(record))
    assert response.status_code == 200
    assert line["request_id"] == "abc"
    assert (line["method"], line["path"], line["query"], line["status"]) == (
        "GET",
        "/page",
        "x=1",
        200,
    )
    assert line["duration_ms"] >= 0 and line["level"] == "info"
