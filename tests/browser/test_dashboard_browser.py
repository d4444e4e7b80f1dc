"""The dashboard in a real browser, over the ingested seed: what a reader sees and clicks.

Expected values come from the JSON API of the same server, never from the seed text.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import httpx
from playwright.sync_api import Page, expect

from .conftest import OUTPUT_DIR

POINTS = "svg.troop-chart a.point-link"


def api_items(base_url: str, path: str) -> list[dict[str, Any]]:
    """Every item of a list route, following `next_url`."""
    items: list[dict[str, Any]] = []
    url: str | None = f"{base_url}{path}"
    while url:
        body = httpx.get(url, timeout=10).raise_for_status().json()
        items += body["items"]
        url = body["next_url"]
    return items


def troop_level_points(base_url: str) -> list[dict[str, Any]]:
    series = api_items(base_url, "/timelines/troop-levels")
    return [point for one in series for point in one["points"]]


def read_href(point: dict[str, Any]) -> str:
    source, sentence = point["source"], point["source"]["sentence"]
    return f"/read/{quote(source['article'], safe='')}?start={sentence['start']}&end={sentence['end']}#fact"


def test_chart_draws_every_troop_level_of_the_seed(
    base_url: str, page: Page, page_errors: list[str]
) -> None:
    points = troop_level_points(base_url)
    assert points, "the seed should give troop levels to draw"
    page.goto(f"{base_url}/")
    links = page.locator(POINTS)
    expect(links).to_have_count(len(points))
    assert sorted(links.evaluate_all("links => links.map(a => a.getAttribute('href'))")) == sorted(
        map(read_href, points)
    )
    chart = page.locator("svg.troop-chart").bounding_box()
    assert chart is not None and chart["width"] > 300
    for index in range(len(points)):
        box = links.nth(index).locator("circle").bounding_box()
        assert box is not None and box["width"] > 0, "every point is drawn"
        assert chart["x"] <= box["x"] <= chart["x"] + chart["width"]
        assert chart["y"] <= box["y"] <= chart["y"] + chart["height"]
    assert page_errors == []


def test_a_point_leads_to_its_sentence_highlighted(base_url: str, page: Page) -> None:
    point = troop_level_points(base_url)[0]
    page.goto(f"{base_url}/")
    page.locator(f'{POINTS}[href="{read_href(point)}"] circle').first.click()  # may share it
    page.wait_for_url(re.compile(r"/read/"))
    mark = page.locator("mark#fact")
    expect(mark).to_be_visible()
    expect(mark).to_have_text(point["source"]["sentence"]["text"])
    expect(page.locator(f'a[href="/articles/{point["source"]["article"]}"]')).to_have_count(1)


def test_lists_fill_from_the_api(base_url: str, page: Page, page_errors: list[str]) -> None:
    people = api_items(base_url, "/people?sort=-mention_count&limit=10")[:10]
    assert people, "the seed should name people"
    page.goto(f"{base_url}/")
    names = page.locator("#people ol li a")
    expect(names).to_have_count(len(people))
    expect(names).to_have_text([person["name"] for person in people])
    expect(page.locator("#organisations ol li a").first).to_be_visible()
    expect(page.locator("#quotes ol li blockquote").first).to_be_visible()
    assert page_errors == []


def test_search_shows_results_and_a_screenshot_is_written(
    base_url: str, page: Page, page_errors: list[str]
) -> None:
    title = api_items(base_url, "/articles")[0]["title"]
    word = max(re.findall(r"[A-Za-z]+", title), key=len)
    page.goto(f"{base_url}/")
    page.fill("#q", word)
    page.press("#q", "Enter")
    hits = page.locator("#search-results li.hit")
    expect(hits.first).to_be_visible()
    expect(page.locator("#search-results .snippet mark").first).to_be_visible()
    assert f"q={word}" in page.url
    OUTPUT_DIR.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT_DIR / "dashboard.png", full_page=True)
    assert (OUTPUT_DIR / "dashboard.png").stat().st_size > 10_000
    assert page_errors == []


def test_a_bad_search_shows_the_api_problem(base_url: str, page: Page) -> None:
    response = httpx.get(f"{base_url}/search", params={"q": '"unclosed'}, timeout=10)
    page.goto(f"{base_url}/")
    page.fill("#q", '"unclosed')
    page.press("#q", "Enter")
    if response.status_code == 400:
        expect(page.locator("#search-results .problem")).to_have_text(response.json()["detail"])
    else:
        expect(page.locator("#search-results li").first).to_be_visible()
