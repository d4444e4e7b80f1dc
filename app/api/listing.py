"""The one path every list route answers through: page, sort, pick fields, pick a format.

A route builds a store `Listing` from its filters and hands it to `ListParams.respond`
with the `dump_...` function that turns a listed item into its JSON (see `app.api.public`).
JSON answers one page (`{items, next, next_url}` and a `Link` header); CSV and
NDJSON stream every matching item from the cursor on, a batch at a time, so an
export of the whole archive never sits in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated, Any, Literal, TypeVar, get_args, get_origin

import orjson
from fastapi import Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel
from sqlmodel import Session

from app.api.deps import SettingsDep
from app.api.errors import ParameterError, problem_responses
from app.api.pagination import decode_cursor, encode_cursor
from app.partial_date import InvalidDateError, PartialDate
from app.store.db import open_session
from app.store.pagination import Listing, Page, PageRequest

Format = Literal["json", "csv", "ndjson"]
MEDIA_TYPES: dict[Format, str] = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "ndjson": "application/x-ndjson",
}
_ACCEPTED: dict[str, Format] = {
    "text/csv": "csv",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "application/json": "json",
}
DEFAULT_LIMIT = 50
STREAM_BATCH = 500

DateFilter = str | None
"""A date query parameter: YYYY, YYYY-MM or YYYY-MM-DD, read with `partial_date`."""
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
"""Documents the date form; `partial_date` still refuses days a month lacks (2021-02-30)."""

T = TypeVar("T")
Item = dict[str, Any]
ToPublic = Callable[[T], Item]
"""Turns a listed item into the JSON of the route's item model, e.g. `QuotePublic.dump_row`."""


def negotiate(format: Format | None, accept: str) -> Format:
    """`format=` wins; otherwise the first media type of `Accept` we serve; JSON by default."""
    if format is not None:
        return format
    for part in accept.split(","):
        media_type = part.split(";")[0].strip().lower()
        if media_type in _ACCEPTED:
            return _ACCEPTED[media_type]
    return "json"


def partial_date(parameter: str, value: str | None) -> PartialDate | None:
    """A date parameter as a PartialDate; a 422 naming the parameter when it is no date."""
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except InvalidDateError as error:
        raise ParameterError(parameter, str(error)) from error


class ListParams:
    """Query parameters every list route shares, and the one way to answer a list."""

    def __init__(
        self,
        request: Request,
        database_url: str,
        *,
        limit: int | None = None,
        cursor: str | None = None,
        fields: str | None = None,
        format: Format | None = None,
        total: bool = False,
    ) -> None:
        self.request = request
        self.database_url = database_url
        self.limit = limit
        self.after = decode_cursor(cursor) if cursor is not None else None
        self.fields = fields.split(",") if fields is not None else None
        self.format = negotiate(format, request.headers.get("accept", ""))
        self.total = total

    def respond(
        self,
        session: Session,
        listing: Listing[T],
        sort: str,
        to_public: ToPublic[T],
        item_model: type[BaseModel],
        *,
        explode: str | None = None,
    ) -> Response:
        """Answer the list in the negotiated format.

        `explode` names a list field whose elements become the CSV rows (a timeline
        series is a row per point), each carrying the item's other fields.
        """
        include = self._checked_fields(item_model)
        if self.format == "json":
            return self._json_page(session, listing, sort, to_public, include)
        if self.after is not None:
            # A bad cursor must be a 400 now: once the stream starts, its 200 is sent.
            listing.page(session, sort, PageRequest(limit=1, after=self.after))
        items = self._stream_items(listing, sort, to_public)
        if self.format == "ndjson":
            lines = (orjson.dumps(_dump(item, include)) + b"\n" for item in items)
            return StreamingResponse(lines, media_type=MEDIA_TYPES["ndjson"])
        if include is not None and explode not in include:
            explode = None  # `fields` left the exploded list out: one row per item
        table = CsvTable(item_model, include, explode)
        return StreamingResponse(table.lines(items), media_type=MEDIA_TYPES["csv"])

    def _checked_fields(self, item_model: type[BaseModel]) -> set[str] | None:
        if self.fields is None:
            return None
        unknown = [name for name in self.fields if name not in item_model.model_fields]
        if unknown:
            known = ",".join(item_model.model_fields)
            raise ParameterError(
                "fields", f"unknown field {unknown[0]!r}; write names from {known}, comma-separated"
            )
        return set(self.fields)

    def _json_page(
        self,
        session: Session,
        listing: Listing[T],
        sort: str,
        to_public: ToPublic[T],
        include: set[str] | None,
    ) -> Response:
        page: Page[T] = listing.page(
            session, sort, PageRequest(limit=self.limit or DEFAULT_LIMIT, after=self.after)
        )
        next_cursor = encode_cursor(page.next_key) if page.next_key is not None else None
        next_url = None
        headers = {}
        if next_cursor is not None:
            next_url = str(self.request.url.include_query_params(cursor=next_cursor))
            headers["Link"] = f'<{next_url}>; rel="next"'
        body: dict[str, Any] = {
            "items": [_dump(to_public(item), include) for item in page.items],
            "next": next_cursor,
            "next_url": next_url,
        }
        if self.total:
            body["total"] = listing.count(session)
        return Response(orjson.dumps(body), media_type=MEDIA_TYPES["json"], headers=headers)

    def _stream_items(
        self, listing: Listing[T], sort: str, to_public: ToPublic[T]
    ) -> Iterator[Item]:
        """Every item from the cursor on (at most `limit`), read a batch at a time.

        Opens its own session: the stream outlives the request's dependencies. The
        whole stream is one read transaction, so it sees one version of the data.
        """
        with open_session(self.database_url) as session:
            after, remaining = self.after, self.limit
            while remaining is None or remaining > 0:
                batch = STREAM_BATCH if remaining is None else min(remaining, STREAM_BATCH)
                page = listing.page(session, sort, PageRequest(limit=batch, after=after))
                for item in page.items:
                    yield to_public(item)
                if remaining is not None:
                    remaining -= len(page.items)
                if page.next_key is None:
                    return
                after = page.next_key


async def list_params(
    request: Request,
    settings: SettingsDep,
    limit: Annotated[
        int | None,
        Query(
            ge=1,
            le=500,
            description=(
                f"Items per page (default {DEFAULT_LIMIT}). For `csv` and `ndjson`, "
                "the most items to stream; without it, every matching item."
            ),
        ),
    ] = None,
    cursor: Annotated[
        str | None, Query(description="The `next` value of the previous page.")
    ] = None,
    fields: Annotated[
        str | None,
        Query(
            description="Comma-separated item fields to return (all by default).",
            examples=["id,text,speaker"],
        ),
    ] = None,
    format: Annotated[
        Format | None,
        Query(description="Response format; overrides the `Accept` header."),
    ] = None,
    total: Annotated[
        bool, Query(description="Also count every matching item (`total`; JSON only).")
    ] = False,
) -> ListParams:
    """The shared list parameters, read on the event loop: nothing here waits (an
    `async def` dependency is not sent to a worker thread and back, as a class is)."""
    return ListParams(
        request,
        settings.database_url,
        limit=limit,
        cursor=cursor,
        fields=request.query_params.get("fields", fields),  # FastAPI reads `fields=` as None
        format=format,
        total=total,
    )


ListDep = Annotated[ListParams, Depends(list_params)]


def _dump(item: Item, include: set[str] | None) -> Item:
    if include is None:
        return item
    return {name: value for name, value in item.items() if name in include}


class CsvTable:
    """CSV columns from the item model: nested objects become `parent.child` columns,
    lists of plain values one `; `-joined cell, lists of objects a JSON cell."""

    def __init__(
        self, model: type[BaseModel], include: set[str] | None, explode: str | None
    ) -> None:
        self.explode = explode
        parent = [name for name in _columns(model, include) if name != explode]
        child: list[str] = []
        if explode is not None:
            child = _columns(_list_item_model(model, explode), None)
            parent = [name for name in parent if not name.startswith(f"{explode}.")]
        self.parent_columns, self.child_columns = parent, child

    @property
    def header(self) -> list[str]:
        return self.parent_columns + self.child_columns

    def rows(self, item: dict[str, Any]) -> Iterator[list[Any]]:
        flat = _flatten(item)
        parent = [flat.get(name) for name in self.parent_columns]
        if self.explode is None:
            yield parent
            return
        for element in item.get(self.explode) or []:
            child = _flatten(element)
            yield parent + [child.get(name) for name in self.child_columns]

    def lines(self, items: Iterable[Item]) -> Iterator[str]:
        """RFC 4180 text: CRLF line ends, quotes only where needed, header first."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(self.header)
        for item in items:
            for row in self.rows(item):
                writer.writerow("" if value is None else value for value in row)
            if buffer.tell() > 64_000:
                yield _drain(buffer)
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The model inside `X`, `X | None`; None for anything else."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    models = [arg for arg in get_args(annotation) if _model_of(arg) is not None]
    if get_origin(annotation) is not list and len(models) == 1:
        return _model_of(models[0])
    return None


def _list_item_model(model: type[BaseModel], name: str) -> type[BaseModel]:
    annotation = model.model_fields[name].annotation
    (element,) = get_args(annotation)
    item_model = _model_of(element)
    assert item_model is not None, f"{model.__name__}.{name} is not a list of models"
    return item_model


def _columns(model: type[BaseModel], include: set[str] | None, prefix: str = "") -> list[str]:
    columns = []
    for name, field in model.model_fields.items():
        if include is not None and name not in include:
            continue
        nested = _model_of(field.annotation)
        if nested is not None:
            columns.extend(_columns(nested, None, f"{prefix}{name}."))
        else:
            columns.append(f"{prefix}{name}")
    return columns


def _flatten(value: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, item in value.items():
        key = f"{prefix}{name}"
        if isinstance(item, dict):
            flat.update(_flatten(item, f"{key}."))
        elif isinstance(item, list):
            if all(not isinstance(element, dict | list) for element in item):
                flat[key] = "; ".join(str(element) for element in item)
            else:
                flat[key] = orjson.dumps(item).decode()
        else:
            flat[key] = item
    return flat


def json_response(
    item: Item, status_code: int = 200, headers: dict[str, str] | None = None
) -> Response:
    """One item's JSON answer (a detail route), by the encoder lists use. Routes declare
    the item's model as `response_model` for the documentation."""
    return Response(
        orjson.dumps(item), status_code=status_code, media_type=MEDIA_TYPES["json"], headers=headers
    )


NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {"description": "Not Modified: the `If-None-Match` ETag is still current."}
}


def detail_responses(*problems: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for a single-item GET: 304 and its problems."""
    return {**NOT_MODIFIED, **problem_responses(*problems)}


def document_fields(openapi: dict[str, Any]) -> None:
    """Give each list route's `fields` parameter the pattern of its item's field names,
    so the schema says exactly which values the route accepts, and let its items be
    the partial objects `fields` asks for (`<Item>Fields`: same properties, none required)."""
    schemas = openapi.get("components", {}).get("schemas", {})
    for path in openapi.get("paths", {}).values():
        for operation in path.values():
            parameter = next(
                (p for p in operation.get("parameters", []) if p["name"] == "fields"), None
            )
            if parameter is None:
                continue
            page_ref = operation["responses"]["200"]["content"]["application/json"]["schema"]
            page = schemas[page_ref["$ref"].rsplit("/", 1)[-1]]
            items = page["properties"]["items"]["items"]
            item_ref = items["$ref"] if "$ref" in items else items["anyOf"][0]["$ref"]
            item_name = item_ref.rsplit("/", 1)[-1]
            item = schemas[item_name]
            names = "|".join(item["properties"])
            parameter["schema"] = {"type": "string", "pattern": f"^({names})(,({names}))*$"}
            partial = {
                key: value
                for key, value in item.items()
                if key not in ("required", "examples", "example")
            }
            partial["title"] = f"{item_name}Fields"
            partial["description"] = f"{item_name} with only the fields asked for by `fields`."
            schemas[f"{item_name}Fields"] = partial
            page["properties"]["items"]["items"] = {
                "anyOf": [{"$ref": item_ref}, {"$ref": f"#/components/schemas/{item_name}Fields"}]
            }


def list_responses() -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for a list route: its other formats, 304 and its problems."""
    return {
        200: {
            "description": "A page of items (JSON) or every matching item (CSV, NDJSON).",
            "content": {
                MEDIA_TYPES["csv"].split(";")[0]: {"schema": {"type": "string"}},
                MEDIA_TYPES["ndjson"]: {"schema": {"type": "string"}},
            },
        },
        **NOT_MODIFIED,
        **problem_responses(400, 422),
    }
