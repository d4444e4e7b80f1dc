"""Debian's Chromium driven by Playwright, against the live server of tests/conftest.py.

The browser is the system one (`/usr/bin/chromium`): nothing is downloaded, and
a missing browser fails the run instead of skipping it, so CI cannot go green
without having looked at the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
OUTPUT_DIR = REPO_ROOT / "test-output"


@pytest.fixture(scope="package")  # closed with the package: its event loop must not outlive it
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's browser with "
            "`apt-get install chromium chromium-driver` (the browser tests never download one)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield chromium
        chromium.close()


@pytest.fixture
def page_errors() -> list[str]:
    """Console errors (a CSP violation is one) and uncaught exceptions seen by `page`."""
    return []


@pytest.fixture
def page(browser: Browser, page_errors: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            page_errors.append(f"{message.text} ({message.location.get('url')})")

    opened.on("console", on_console)
    opened.on("pageerror", lambda error: page_errors.append(str(error)))
    yield opened
    context.close()
