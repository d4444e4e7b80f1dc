"""Dependencies every route shares: settings and a database session per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends
from sqlmodel import Session

from app.config import Settings, get_settings
from app.store.db import get_session

SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_db_session(settings: SettingsDep) -> Iterator[Session]:
    yield from get_session(settings.database_url)


SessionDep = Annotated[Session, Depends(get_db_session)]
