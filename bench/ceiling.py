"""The ceiling for bench/http.sh: a bare Starlette app replaying our API's answers.

    .venv/bin/python bench/ceiling.py responses.json --port 8001

`responses.json` (written by `bench/http_report.py fetch`) maps each benchmarked path
and query to the exact bytes and content type our API answered. This server looks
the request up and sends those bytes: the same uvicorn, the same HTTP stack, no
routing, validation, database or serialisation. Whatever our API loses against it
is the cost of doing the work. It writes no access log (nor does anything else
that is not needed to answer); a request it has no answer for is a 404.
"""

from __future__ import annotations

import argparse
import base64
import json
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

Answers = dict[str, tuple[bytes, str]]


def load_answers(path: Path) -> Answers:
    """`{path?query: (body, content type)}` from the file `http_report.py fetch` wrote."""
    replies = json.loads(path.read_text())
    return {
        url: (base64.b64decode(reply["body"]), reply["content_type"])
        for url, reply in replies.items()
    }


def create_app(answers: Answers) -> Starlette:
    async def replay(request: Request) -> Response:
        query = request.scope["query_string"].decode("latin-1")
        url = f"{request.scope['path']}?{query}" if query else request.scope["path"]
        if url not in answers:
            return Response(b"no prepared answer for this URL\n", status_code=404)
        body, content_type = answers[url]
        return Response(body, media_type=content_type)

    return Starlette(routes=[Route("/{path:path}", replay)])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve prepared bytes for benchmarked URLs.")
    parser.add_argument("responses", type=Path, help="JSON written by http_report.py fetch")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)
    app = create_app(load_answers(args.responses))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()
