"""Every error the API returns is `application/problem+json` (RFC 9457), built here."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from app.api import examples
from app.store.pagination import InvalidCursorError
from app.store.search import InvalidSearchError, SearchNotSupportedError

PROBLEM_MEDIA_TYPE = "application/problem+json"

logger = logging.getLogger(__name__)


class InvalidParameter(BaseModel):
    model_config = examples.config(examples.INVALID_LIMIT)

    parameter: str = Field(description="Name of the offending parameter.", examples=["limit"])
    location: str = Field(description="Where it was given: query or path.", examples=["query"])
    detail: str = Field(examples=["Input should be less than or equal to 500"])


class Problem(BaseModel):
    """An error, as RFC 9457 problem details."""

    model_config = examples.config(examples.NOT_FOUND, examples.UNPROCESSABLE)

    type: str = Field(default="about:blank", description="No extra semantics beyond status.")
    title: str = Field(description="The HTTP status phrase.", examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: str = Field(
        description="What went wrong and what to do about it.",
        examples=["no person with id 'maria-lopez'; list people at /people"],
    )
    instance: str | None = Field(default=None, description="The request path.")
    errors: list[InvalidParameter] | None = Field(
        default=None, description="For 422: each parameter that was rejected."
    )


class NotFoundError(Exception):
    """An id in the path that names nothing; the message says where to look instead."""


class ParameterError(ValueError):
    """A query parameter that passed type checks but means nothing here (an unknown field)."""

    def __init__(self, parameter: str, detail: str) -> None:
        super().__init__(detail)
        self.parameter = parameter
        self.detail = detail


def problem_response(
    request: Request,
    status: int,
    detail: str,
    *,
    errors: list[InvalidParameter] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    problem = Problem(
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        errors=errors,
    )
    return Response(
        content=problem.model_dump_json(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries declaring a problem+json body for each status."""
    return {
        status: {
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


def add_problem_schemas(openapi: dict[str, Any]) -> None:
    """Put `Problem` in the OpenAPI components, where `problem_responses` points.

    FastAPI also documents a default 422 body (`HTTPValidationError`) on routes
    that did not declare one; ours is a problem too, so those entries are replaced.
    """
    schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas = openapi.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(schema.pop("$defs", {}))
    schemas["Problem"] = schema
    for path in openapi.get("paths", {}).values():
        for operation in path.values():
            if "422" in operation.get("responses", {}):
                operation["responses"]["422"] = problem_responses(422)[422]
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)


def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    status = error.status_code
    if status == 404 and error.detail == HTTPStatus.NOT_FOUND.phrase:
        detail = f"nothing at {request.url.path}; the routes are listed at /docs"
    elif status == 405:
        allowed = (error.headers or {}).get("Allow", "GET")
        if "GET" in allowed and "HEAD" not in allowed:  # HeadMiddleware answers HEAD for GET
            allowed = f"{allowed}, HEAD"
        error.headers = {**(error.headers or {}), "Allow": allowed}
        detail = f"{request.method} is not allowed on {request.url.path}; use {allowed}"
    else:
        detail = str(error.detail)
    return problem_response(request, status, detail, headers=error.headers)


def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    invalid = [
        InvalidParameter(
            parameter=str(item["loc"][-1]) if len(item["loc"]) > 1 else str(item["loc"][0]),
            location=str(item["loc"][0]),
            detail=item["msg"],
        )
        for item in error.errors()
    ]
    names = ", ".join(dict.fromkeys(f"`{item.parameter}`" for item in invalid))
    return problem_response(
        request, 422, f"invalid value for {names}; see `errors`", errors=invalid
    )


def _invalid_parameter(request: Request, error: Exception) -> Response:
    assert isinstance(error, ParameterError)
    invalid = InvalidParameter(parameter=error.parameter, location="query", detail=error.detail)
    return problem_response(
        request, 422, f"invalid value for `{error.parameter}`: {error.detail}", errors=[invalid]
    )


def _invalid_cursor(request: Request, error: Exception) -> Response:
    return problem_response(
        request,
        400,
        f"the `cursor` parameter is not valid ({error}); "
        "use the `next` value of the previous page, or drop `cursor` to start again",
    )


def _not_found(request: Request, error: Exception) -> Response:
    return problem_response(request, 404, str(error))


def _database_unavailable(request: Request, error: Exception) -> Response:
    logger.exception("database error", exc_info=error)
    return problem_response(
        request,
        503,
        "the database cannot be read; check that it exists and is migrated "
        "(`article-facts migrate`), then try again",
    )


def _unexpected(request: Request, error: Exception) -> Response:
    return problem_response(request, 500, "unexpected server error; it has been logged")


def _invalid_search(request: Request, error: Exception) -> Response:
    invalid = InvalidParameter(parameter="q", location="query", detail=str(error))
    return problem_response(request, 400, str(error), errors=[invalid])


def _search_not_supported(request: Request, error: Exception) -> Response:
    return problem_response(request, 501, str(error))


def install_problem_handlers(app: FastAPI) -> None:
    """Map every error, ours and the framework's, to problem+json."""
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ParameterError, _invalid_parameter)
    app.add_exception_handler(InvalidCursorError, _invalid_cursor)
    app.add_exception_handler(InvalidSearchError, _invalid_search)
    app.add_exception_handler(SearchNotSupportedError, _search_not_supported)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(OperationalError, _database_unavailable)
    app.add_exception_handler(Exception, _unexpected)
