"""The server process must start without loading the NLP pipeline."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_api_does_not_import_spacy() -> None:
    code = (
        "import sys, app.api.main; "
        "assert 'spacy' not in sys.modules, 'spacy was imported'; "
        "assert 'app.extract.pipeline' not in sys.modules"
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr
