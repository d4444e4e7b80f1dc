"""`make install` installs exactly the pinned packages, each checked against its hash:
requirements.lock must agree with pyproject.toml and hold a hash for every package.
The Docker image installs requirements-runtime.lock, the same resolution without the
dev tools."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
LOCK = REPO_ROOT / "requirements.lock"
RUNTIME_LOCK = REPO_ROOT / "requirements-runtime.lock"
_PIN = re.compile(r"^([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^\s;\\]+)")


def normalise(name: str) -> str:
    """PEP 503: 'SQLAlchemy' and 'sqlalchemy', 'en_core' and 'en-core' are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_pins(*, dev: bool = True) -> dict[str, str]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"]]
    if dev:
        requirements += project["optional-dependencies"]["dev"]
    pins = {}
    for requirement in requirements:
        match = _PIN.match(requirement)
        assert match, f"{requirement!r} is not an exact pin: pin it with =="
        pins[normalise(match.group(1))] = match.group(2)
    return pins


def lock_entries(lock: Path = LOCK) -> dict[str, tuple[str, int]]:
    """Package -> (version, number of hashes) from the lock's `name==version \\` blocks."""
    entries: dict[str, tuple[str, int]] = {}
    current = None
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            current = normalise(match.group(1))
            entries[current] = (match.group(2), 0)
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            version, hashes = entries[current]
            entries[current] = (version, hashes + 1)
    return entries


def test_every_pin_in_pyproject_is_in_the_lock_at_the_same_version() -> None:
    locked = lock_entries()
    for name, version in pyproject_pins().items():
        assert name in locked, f"{name} is pinned in pyproject.toml but not locked"
        assert locked[name][0] == version, (
            f"{name}: pyproject.toml pins {version}, requirements.lock has {locked[name][0]}: "
            "regenerate the lock (README, 'Reliability')"
        )


def test_every_locked_package_has_a_hash() -> None:
    locked = lock_entries()
    assert len(locked) > len(pyproject_pins())  # the dependencies' dependencies too
    assert [name for name, (_version, hashes) in locked.items() if hashes == 0] == []


def test_the_runtime_lock_is_the_same_resolution_without_the_dev_tools() -> None:
    runtime, full = lock_entries(RUNTIME_LOCK), lock_entries()
    for name, version in pyproject_pins(dev=False).items():
        assert runtime.get(name, ("missing",))[0] == version, f"{name}: regenerate the locks"
    assert {
        name: entry[0] for name, entry in runtime.items() if full.get(name, ("",))[0] != entry[0]
    } == {}
    assert [name for name, (_version, hashes) in runtime.items() if hashes == 0] == []
    dev_only = set(pyproject_pins()) - set(pyproject_pins(dev=False))
    assert dev_only and not dev_only & set(runtime)


@pytest.mark.parametrize("lock", [LOCK, RUNTIME_LOCK], ids=lambda path: path.name)
def test_the_lock_names_no_index_of_this_machine(lock: Path) -> None:
    """Index options would send every other machine's pip to paths it does not have."""
    options = [
        line
        for line in lock.read_text(encoding="utf-8").splitlines()
        if line.startswith(("--index-url", "--extra-index-url", "--find-links", "-f ", "-i "))
    ]
    assert options == []


def test_make_install_uses_the_lock_with_hashes() -> None:
    commands = subprocess.run(
        ["make", "--no-print-directory", "--dry-run", "--always-make", "install"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    pip = [command for command in commands if " -m pip install" in command]
    assert pip == [
        ".venv/bin/python -m pip install --quiet --require-hashes -r requirements.lock",
        ".venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .",
    ]
