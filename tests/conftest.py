"""Fixtures shared across test folders: a real, migrated, temporary SQLite database,
and a real server over the ingested `data/` for tests that talk HTTP from outside."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session

from app.store.db import dispose_engines, migrate, open_session
from tests.postgres import Cluster, running_cluster

REPO_ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 20


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file brought to the latest schema by the migrations, as in production."""
    path = tmp_path_factory.mktemp("migrated") / "facts.db"
    migrate(f"sqlite:///{path}")  # its engine is disposed, so the WAL is folded into the file
    return path


BACKENDS = os.environ.get("TEST_BACKENDS", "sqlite,postgresql").split(",")
"""Every test taking `database_url` runs once per backend; `TEST_BACKENDS=sqlite` for speed."""


ONLY_ON = {"sqlite_only": "sqlite", "postgresql_only": "postgresql"}
"""Markers keeping a test to one backend: its run on the other is deselected."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about SQLite itself (files, PRAGMAs, FTS5)")
    config.addinivalue_line("markers", "postgresql_only: about PostgreSQL itself (GIN, plans)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Drop the run on the other backend of tests marked `sqlite_only` or `postgresql_only`."""

    def elsewhere(item: pytest.Item) -> bool:
        backend = getattr(item, "callspec", None) and item.callspec.params.get("database_url")
        return any(
            item.get_closest_marker(marker) and backend not in (None, only)
            for marker, only in ONLY_ON.items()
        )

    deselected = [item for item in items if elsewhere(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    with running_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def postgres_template(postgres_cluster: Cluster) -> str:
    """A database brought to the latest schema once; each test gets a copy of it."""
    name = postgres_cluster.create_database()
    migrate(postgres_cluster.url(name))
    dispose_engines()  # CREATE DATABASE ... TEMPLATE needs the template without connections
    return name


@contextmanager
def fresh_database(request: pytest.FixtureRequest, backend: str, folder: Path) -> Iterator[str]:
    """A fresh migrated database: a copy of the migrated SQLite file in `folder`, or a
    PostgreSQL database made from the migrated template; dropped afterwards."""
    if backend == "sqlite":
        path = folder / "facts.db"
        shutil.copyfile(request.getfixturevalue("migrated_database"), path)
        yield f"sqlite:///{path}"
        dispose_engines()
        return
    cluster: Cluster = request.getfixturevalue("postgres_cluster")
    name = cluster.create_database(template=request.getfixturevalue("postgres_template"))
    yield cluster.url(name)
    dispose_engines()
    cluster.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh migrated database for one test."""
    folder = tmp_path / "var"
    folder.mkdir()
    with fresh_database(request, request.param, folder) as url:
        yield url


@pytest.fixture(scope="module", params=BACKENDS)
def module_database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A fresh migrated database shared by one module's tests, for modules that fill it
    once and then only read (filling at volume takes seconds)."""
    with fresh_database(request, request.param, tmp_path_factory.mktemp("module")) as url:
        yield url


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    with open_session(database_url) as session:
        yield session


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server exited with {server.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    pytest.fail(f"the server did not answer /health in {STARTUP_SECONDS}s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn on a free port, over a fresh database filled by `article-facts ingest data/`."""
    folder = tmp_path_factory.mktemp("live")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'facts.db'}"}
    cli = Path(sys.executable).parent / "article-facts"
    subprocess.run(
        [str(cli), "ingest", str(REPO_ROOT / "data")],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    port = _free_port()
    log = folder / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(cli), "serve", "--port", str(port)],  # as users start it
            cwd=REPO_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server, log)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
