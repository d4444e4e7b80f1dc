"""The README's curl cookbook, run block by block against a live server.

Each ```sh block under "## curl cookbook" runs in bash with `set -eo pipefail`,
`localhost:8000` pointed at the test server, in a scratch folder. A block passes
when it exits 0 and prints something; a few blocks also promise specific output.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import httpx
import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def cookbook_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## curl cookbook", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)


BLOCKS = cookbook_blocks()


def run_block(block: str, base_url: str, folder: Path) -> str:
    host = base_url.removeprefix("http://")
    script = "set -eo pipefail\n" + block.replace("localhost:8000", host)
    result = subprocess.run(
        ["bash", "-c", script], cwd=folder, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"{block}\n--- stderr:\n{result.stderr}"
    return result.stdout


def test_the_cookbook_has_the_recipes_the_readme_promises() -> None:
    joined = "\n".join(BLOCKS)
    for promise in ("jq", "format=csv", "If-None-Match", "format=ndjson", "next_url"):
        assert promise in joined
    assert len(BLOCKS) >= 8


@pytest.mark.parametrize("block", BLOCKS, ids=[b.splitlines()[0][:50] for b in BLOCKS])
def test_each_recipe_runs_and_prints(block: str, base_url: str, tmp_path: Path) -> None:
    output = run_block(block, base_url, tmp_path)
    assert output.strip(), block
    if "If-None-Match" in block:
        assert output.split() == ["304", "304"]
    if "-o quotes.csv" in block:
        header = (tmp_path / "quotes.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("id,article,start,end,text")
        assert (tmp_path / "troop-levels.svg").read_text(encoding="utf-8").startswith("<svg")
    if ".text[$quote.start:$quote.end]" in block:
        quote = httpx.get(f"{base_url}/quotes", params={"kind": "direct", "limit": 1}).json()
        assert output.rstrip("\n") == quote["items"][0]["text"]
