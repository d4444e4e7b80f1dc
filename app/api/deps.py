"""Dependencies every route shares: the app's settings and a database session per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from app.config import Settings
from app.store.db import get_session


def app_settings(request: Request) -> Settings:
    """The settings `create_app` was given: tests and servers pass their own."""
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(app_settings)]


def get_db_session(settings: SettingsDep) -> Iterator[Session]:
    yield from get_session(settings.database_url)


SessionDep = Annotated[Session, Depends(get_db_session)]
