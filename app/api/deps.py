"""Dependencies every route shares: the app's settings and a database session per request.

Both are `async def`: neither waits on anything when it starts (a session takes its
connection at the first query, in the route's worker thread), so FastAPI calls them on
the event loop instead of handing each to a worker thread and back. Only closing the
session, which ends its transaction on the database, goes to a worker thread.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

import anyio.to_thread
from fastapi import Depends, Request
from sqlmodel import Session

from app.config import Settings
from app.store.db import open_session


async def app_settings(request: Request) -> Settings:
    """The settings `create_app` was given: tests and servers pass their own."""
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(app_settings)]


async def get_db_session(settings: SettingsDep) -> AsyncIterator[Session]:
    session = open_session(settings.database_url)
    try:
        yield session
    finally:
        await anyio.to_thread.run_sync(session.close)


SessionDep = Annotated[Session, Depends(get_db_session)]
