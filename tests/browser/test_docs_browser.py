"""The API docs pages work under the Content-Security-Policy the server sends with them."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, expect


def test_swagger_ui_lists_the_routes_under_its_policy(
    base_url: str, page: Page, page_errors: list[str]
) -> None:
    policy = httpx.get(f"{base_url}/docs").headers["content-security-policy"]
    assert "'sha256-" in policy and "'unsafe-inline'" not in policy.split("script-src")[1]
    page.goto(f"{base_url}/docs")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    assert page.locator(".opblock-summary-path", has_text="/quotes").count() >= 1
    assert page_errors == []


def test_redoc_renders_under_its_policy(base_url: str, page: Page, page_errors: list[str]) -> None:
    page.goto(f"{base_url}/redoc")
    expect(page.locator("h1").first).to_contain_text("article-facts")
    expect(page.locator("h2", has_text="List articles")).to_be_visible()
    # ReDoc's footer logo lives on its CDN: the policy keeps the page from calling out.
    assert [error for error in page_errors if "https://cdn.redoc.ly/" not in error] == []
