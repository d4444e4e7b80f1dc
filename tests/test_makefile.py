"""The Makefile targets the README promises exist and run the commands it says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
TARGETS = ["install", "system-deps", "run", "test", "lint", "format", "docker-lint", "clean"]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")


def make(*arguments: str) -> str:
    completed = subprocess.run(
        ["make", "--no-print-directory", *arguments],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return completed.stdout


def test_default_target_lists_every_target() -> None:
    listing = make()
    for target in TARGETS:
        assert f"make {target} " in listing


def test_test_target_lints_then_runs_the_whole_suite() -> None:
    commands = make("--dry-run", "--always-make", "test").splitlines()
    assert commands[-1] == ".venv/bin/pytest"
    lint = commands.index(".venv/bin/ruff check .")
    assert commands[lint + 1] == ".venv/bin/ruff format --check ."
    assert any("apt-get install" in command for command in commands[lint:])


def test_run_target_migrates_ingests_then_serves() -> None:
    commands = make("--dry-run", "--always-make", "run", "HOST=0.0.0.0", "PORT=9000", "WORKERS=3")
    assert commands.splitlines()[-3:] == [
        ".venv/bin/article-facts migrate",
        ".venv/bin/article-facts ingest data/ --if-empty",
        ".venv/bin/article-facts serve --host 0.0.0.0 --port 9000 --workers 3",
    ]
