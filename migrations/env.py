"""Alembic environment: the schema is `SQLModel.metadata` from app.store.models.

`app.store.db.migrate(url)` passes the URL in `config.attributes["database_url"]`;
the alembic command line (`alembic -c migrations/alembic.ini ...`) falls back to
the configured `DATABASE_URL`.
"""

from __future__ import annotations

import warnings
from typing import Any

from alembic import context
from sqlalchemy.exc import SAWarning
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

import app.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from app.config import get_settings
from app.store.db import include_name, make_engine

config = context.config
target_metadata = SQLModel.metadata


def database_url() -> str:
    return config.attributes.get("database_url") or get_settings().database_url


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Write SQLModel's column types as plain SQLAlchemy ones, so migrations need no sqlmodel."""
    if type_ == "type" and isinstance(obj, AutoString):
        return "sa.String()"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations_offline() -> None:
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        render_item=render_item,
        include_name=include_name,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = make_engine(database_url(), foreign_keys=False)
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=True,
                render_item=render_item,
                include_name=include_name,
            )
            with context.begin_transaction(), warnings.catch_warnings():
                # Batch mode on SQLite reflects the tables a rebuilt table refers to;
                # SQLAlchemy cannot reflect `article`'s expression indexes and says so on
                # every new database. The referred table is not rebuilt, so they stay
                # (tests/store/test_query_plans.py checks every declared index exists).
                warnings.filterwarnings(
                    "ignore",
                    message="Skipped unsupported reflection of expression-based index",
                    category=SAWarning,
                )
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
