"""Schemathesis against the live server: every check, every operation, zero failures.

It generates requests from /openapi.json (valid and invalid ones) and checks each
answer against the schema: no 5xx, declared status codes and content types,
response bodies that validate, invalid input refused, valid input accepted.
The seed is fixed so CI is reproducible; set SCHEMATHESIS_SEED to explore others.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CONFIG = Path(__file__).with_name("schemathesis.toml")


def test_the_live_api_conforms_to_its_own_schema(base_url: str, tmp_path: Path) -> None:
    schemathesis = Path(sys.executable).parent / "schemathesis"
    seed = os.environ.get("SCHEMATHESIS_SEED", "20261128")
    result = subprocess.run(
        [
            str(schemathesis),
            *("--config-file", str(CONFIG)),
            "run",
            f"{base_url}/openapi.json",
            *("--checks", "all"),
            *("--max-examples", "30"),
            *("--workers", "2"),
            *("--seed", seed),
        ],
        cwd=tmp_path,  # its .schemathesis/ cache stays out of the repository
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    assert " passed" in result.stdout
