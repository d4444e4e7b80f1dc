"""`limit` and `cursor` for every list route, and the `{items, next, next_url}` page body.

The cursor is the url-safe base64 of the last item's sort key as JSON: opaque to
clients, checked by the store before use.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Annotated, Any, Generic, TypeVar

import orjson
from fastapi import Depends, Query, Request, Response
from pydantic import BaseModel, Field

from app.store.pagination import InvalidCursorError, Page, PageRequest, SortKey

Item = TypeVar("Item")
Row = TypeVar("Row")
PageModel = TypeVar("PageModel", bound="PagePublic[Any]")


class PagePublic(BaseModel, Generic[Item]):
    items: list[Item]
    next: str | None = Field(description="Pass as `cursor` to get the next page; null at the end.")
    next_url: str | None = Field(description="This request with `cursor` set to `next`.")


def encode_cursor(key: SortKey) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(list(key))).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> SortKey:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = orjson.loads(raw)
    except (binascii.Error, ValueError) as error:  # orjson.JSONDecodeError is a ValueError
        raise InvalidCursorError("it does not decode") from error
    if not isinstance(key, list) or not key:
        raise InvalidCursorError("it does not decode to a sort key")
    return tuple(key)


class PageParams:
    """The shared pagination parameters, and the one way to turn a store page into a response."""

    def __init__(
        self,
        request: Request,
        response: Response,
        limit: Annotated[int, Query(ge=1, le=500, description="Items per page.")] = 50,
        cursor: Annotated[
            str | None, Query(description="The `next` value of the previous page.")
        ] = None,
    ) -> None:
        self.request = request
        self.response = response
        self.limit = limit
        self.after = decode_cursor(cursor) if cursor is not None else None

    @property
    def page(self) -> PageRequest:
        return PageRequest(limit=self.limit, after=self.after)

    def respond(
        self, model: type[PageModel], page: Page[Row], to_public: Callable[[Row], Any]
    ) -> PageModel:
        """Build the response body; also sets a `Link: <...>; rel="next"` header."""
        next_cursor = encode_cursor(page.next_key) if page.next_key is not None else None
        next_url = None
        if next_cursor is not None:
            next_url = str(self.request.url.include_query_params(cursor=next_cursor))
            self.response.headers["Link"] = f'<{next_url}>; rel="next"'
        return model(
            items=[to_public(row) for row in page.items], next=next_cursor, next_url=next_url
        )


PageDep = Annotated[PageParams, Depends()]
