"""`limit` and `cursor` for every list route, and the `{items, next, next_url}` page body.

The cursor is the url-safe base64 of the last item's sort key as JSON: opaque to
clients, checked by the store before use.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, Generic, TypeVar

import orjson
from pydantic import BaseModel, Field

from app.store.pagination import InvalidCursorError, SortKey

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
