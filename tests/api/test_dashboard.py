"""The dashboard: the `/` page, `/timelines/troop-levels.svg`, `/read`, and the chart itself."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from fastapi.testclient import TestClient

from app.api.dashboard.chart import point_day, render_troop_level_chart
from app.api.dashboard.scales import count_ticks, time_ticks
from app.api.public import (
    MentionPublic,
    TroopLevelPointPublic,
    TroopLevelSeriesPublic,
    TroopLevelSourcePublic,
)
from app.extract.schema import ArticleFacts, DateMod, TroopLevel, TroopStatus
from app.ingest.article import RawArticle
from app.partial_date import PartialDate
from app.store.db import open_session
from app.store.writer import save_article

from .corpus import corpus, located, lopez_article

SVG = "{http://www.w3.org/2000/svg}"
EXTERNAL_URL = re.compile(r"""(?:https?:)?//[^\s"'<>]+""")


def parse_svg(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    return root


def point_links(root: ET.Element) -> list[ET.Element]:
    return [a for a in root.iter(f"{SVG}a") if a.get("class") == "point-link"]


def circle_of(link: ET.Element) -> ET.Element:
    circle = link.find(f"{SVG}circle")
    assert circle is not None
    return circle


def stored_levels(**filters: str) -> list[tuple[str, TroopLevel]]:
    """The corpus's troop levels (with their article id) whose fields equal `filters`."""
    return [
        (facts.id, level)
        for _, facts in corpus()
        for level in facts.troop_levels
        if all(getattr(level, name) == value for name, value in filters.items())
    ]


def read_href(article_id: str, level: TroopLevel) -> str:
    sentence = level.sentence
    return f"/read/{article_id}?start={sentence.start}&end={sentence.end}#fact"


def hrefs(root: ET.Element) -> list[str | None]:
    return sorted(link.get("href") for link in point_links(root))


# The page


def test_page_is_html_under_a_strict_csp_with_nothing_from_other_hosts(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page = response.text
    assert EXTERNAL_URL.findall(page) == ["http://www.w3.org/2000/svg"]  # the SVG namespace only
    assert '<meta name="viewport"' in page
    assert "style=" not in page
    assert "<style" not in page
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/dashboard.js" defer>']


def test_page_inlines_the_chart_so_it_draws_without_javascript(client: TestClient) -> None:
    page = client.get("/").text
    svg = page[page.index("<svg") : page.index("</svg>") + len("</svg>")]
    assert len(point_links(parse_svg(svg))) == len(stored_levels())


def test_page_and_static_files_are_served(client: TestClient) -> None:
    page = client.get("/").text
    for path, media_type in [
        ("/static/dashboard.css", "text/css"),
        ("/static/dashboard.js", "javascript"),
        ("/static/favicon.svg", "image/svg+xml"),
    ]:
        assert path in page
        response = client.get(path)
        assert response.status_code == 200
        assert media_type in response.headers["content-type"]


def test_page_on_an_empty_database_shows_the_empty_chart(empty_client: TestClient) -> None:
    response = empty_client.get("/")
    assert response.status_code == 200
    assert "No troop levels yet" in response.text


# The SVG chart


def test_svg_draws_one_linked_point_per_troop_level(client: TestClient) -> None:
    response = client.get("/timelines/troop-levels.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = parse_svg(response.text)
    assert root.get("role") == "img"
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("width") and root.get("height")
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    links = point_links(root)
    levels = stored_levels()
    assert hrefs(root) == sorted(read_href(*level) for level in levels)
    for article_id, level in levels:
        (link,) = [link for link in links if link.get("href") == read_href(article_id, level)]
        tooltip = link.findtext(f"{SVG}title") or ""
        assert f"{level.count:,} troops" in tooltip
        assert level.status in tooltip
        assert level.sentence.text in tooltip
        assert circle_of(link).get("data-status") == level.status


def test_planned_points_are_hollow_and_reported_points_filled(client: TestClient) -> None:
    root = parse_svg(client.get("/timelines/troop-levels.svg").text)
    circles = [circle_of(link) for link in point_links(root)]
    statuses = {circle.get("data-status") for circle in circles}
    assert statuses == {"planned", "reported"}
    for circle in circles:
        if circle.get("data-status") == "reported":
            assert circle.get("fill") == circle.get("stroke")
        else:
            assert circle.get("fill") == "#fff"
    segments = [line for line in root.iter(f"{SVG}line") if line.get("class") == "segment"]
    assert segments and all(line.get("stroke-dasharray") for line in segments)  # into a plan


@pytest.mark.parametrize(
    "filters",
    [
        {"status": "planned"},
        {"status": "reported"},
        {"location": "Southport"},
        {"force": "Eastland Army", "status": "reported"},
    ],
)
def test_svg_takes_the_timeline_filters(client: TestClient, filters: dict[str, str]) -> None:
    root = parse_svg(client.get("/timelines/troop-levels.svg", params=filters).text)
    expected = stored_levels(**filters)
    assert expected
    assert hrefs(root) == sorted(read_href(*level) for level in expected)


def test_svg_draws_the_same_points_as_the_json_for_a_date_window(client: TestClient) -> None:
    window = {"from": "2021-04", "to": "2021-12"}
    series = client.get("/timelines/troop-levels", params=window).json()["items"]
    sources = sorted(
        (point["source"]["article"], point["source"]["sentence"]["start"])
        for one in series
        for point in one["points"]
    )
    root = parse_svg(client.get("/timelines/troop-levels.svg", params=window).text)
    assert sources
    assert len(point_links(root)) == len(sources)
    assert len(point_links(root)) < len(
        point_links(parse_svg(client.get("/timelines/troop-levels.svg").text))
    )


@pytest.mark.parametrize("query", ["force=Nobody", "from=2999"])
def test_svg_filter_matching_nothing_says_so(client: TestClient, query: str) -> None:
    root = parse_svg(client.get(f"/timelines/troop-levels.svg?{query}").text)
    assert point_links(root) == []
    assert "No troop levels match these filters" in ET.tostring(root, encoding="unicode")


def test_svg_on_an_empty_database_is_the_empty_state(empty_client: TestClient) -> None:
    root = parse_svg(empty_client.get("/timelines/troop-levels.svg").text)
    assert point_links(root) == []
    assert root.get("role") == "img"
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "No troop levels yet" in texts


def test_svg_rejects_an_unknown_status_as_a_problem(client: TestClient) -> None:
    response = client.get("/timelines/troop-levels.svg?status=rumoured")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["parameter"] == "status"


def test_only_the_svg_route_is_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    operation = paths["/timelines/troop-levels.svg"]["get"]
    assert operation["tags"] == ["timelines"]
    assert operation["summary"]
    assert "image/svg+xml" in operation["responses"]["200"]["content"]
    assert "422" in operation["responses"]
    assert {"force", "location", "status"} <= {p["name"] for p in operation["parameters"]}
    assert "/" not in paths
    assert not any(path.startswith("/read") for path in paths)


def odd_force_article() -> tuple[RawArticle, ArticleFacts]:
    text = 'The <&> "Brigade" keeps 40 troops in Eastport in 2019.'
    level = located(text, "keeps 40 troops in Eastport")
    facts = ArticleFacts(
        id="odd-force",
        troop_levels=[
            TroopLevel(
                **level.model_dump(),
                force='<&> "Brigade"',
                location="Eastport",
                count=40,
                qualifier="exact",
                date="2019",
                date_precision="year",
                date_mod=None,
                status="reported",
                condition=None,
                sentence=located(text, text),
            )
        ],
    )
    return RawArticle(id=facts.id, text=text, title="A <b>bold</b> title"), facts


def test_markup_in_names_and_text_is_escaped(client: TestClient, database_url: str) -> None:
    with open_session(database_url) as session:
        save_article(session, *odd_force_article())
        session.commit()
    svg = client.get("/timelines/troop-levels.svg").text
    assert "&lt;&amp;&gt;" in svg
    root = parse_svg(svg)
    legend = [element.text for element in root.iter(f"{SVG}text")]
    assert '<&> "Brigade" in Eastport' in legend
    page = client.get("/read/odd-force?start=0&end=8").text
    assert "<b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert '<mark id="fact">The &lt;&amp;&gt; </mark>' in page


# The /read page


def test_read_highlights_the_span_and_links_to_the_json(client: TestClient) -> None:
    article, facts = lopez_article()
    quote = facts.quotes[0]
    response = client.get(f"/read/{article.id}?start={quote.start}&end={quote.end}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    marked = re.search(r'<mark id="fact">(.*?)</mark>', response.text, re.DOTALL)
    assert marked is not None
    assert html.unescape(marked.group(1)) == article.text[quote.start : quote.end]
    assert f'href="/articles/{article.id}"' in response.text
    assert f"<h2>{article.title}</h2>" in response.text


def test_read_without_offsets_shows_the_whole_article(client: TestClient) -> None:
    article, _ = lopez_article()
    response = client.get(f"/read/{article.id}")
    assert response.status_code == 200
    assert "<mark" not in response.text
    assert html.escape(article.text) in response.text


@pytest.mark.parametrize(
    "offsets", ["start=5&end=2", "start=0&end=100000", "start=-1&end=3", "start=1"]
)
def test_read_rejects_offsets_outside_the_text(client: TestClient, offsets: str) -> None:
    article, _ = lopez_article()
    response = client.get(f"/read/{article.id}?{offsets}")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"]


def test_read_unknown_article_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/read/no-such-article?start=0&end=1")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "/articles" in response.json()["detail"]


# The chart function, on made-up series


def made_up_point(
    day: str,
    count: int,
    status: TroopStatus = "reported",
    mod: DateMod | None = None,
    sentence: str = "A sentence.",
) -> TroopLevelPointPublic:
    partial = PartialDate.parse(day)
    mention = MentionPublic(start=0, end=len(sentence), text=sentence)
    return TroopLevelPointPublic(
        count=count,
        qualifier="exact",
        status=status,
        date=day,
        date_precision=partial.precision,
        date_mod=mod,
        date_start=partial.first_day(),
        date_end=partial.last_day(),
        condition=None,
        source=TroopLevelSourcePublic(
            article="made-up", start=0, end=len(sentence), text=sentence, sentence=mention
        ),
    )


def made_up_series(force: str, *points: TroopLevelPointPublic) -> TroopLevelSeriesPublic:
    return TroopLevelSeriesPublic(
        force=force, location="Somewhere", point_count=len(points), points=list(points)
    )


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (4500, [0, 1000, 2000, 3000, 4000, 5000]),
        (3000, [0, 1000, 2000, 3000]),
        (7, [0, 2, 4, 6, 8]),
        (100, [0, 20, 40, 60, 80, 100]),
        (1, [0, 1]),
        (0, [0, 1]),
    ],
)
def test_count_ticks_are_round_and_cover_the_maximum(maximum: int, ticks: list[int]) -> None:
    assert count_ticks(maximum) == ticks


def test_time_ticks_are_months_over_months_and_years_over_decades() -> None:
    months = time_ticks(date(2020, 11, 20), date(2021, 6, 10))
    assert months.dates == [date(2020, 12, 1)] + [date(2021, m, 1) for m in range(1, 7)]
    assert months.label(months.dates[0]) == "Dec 2020"
    years = time_ticks(date(1999, 6, 1), date(2021, 1, 1))
    assert years.dates == [date(year, 1, 1) for year in (2000, 2005, 2010, 2015, 2020)]
    assert years.label(years.dates[0]) == "2000"


def test_points_sit_inside_their_date_range_in_date_order() -> None:
    ordered = [
        made_up_point("2020", 1, mod="START"),
        made_up_point("2020-06-01", 1),
        made_up_point("2020", 1),  # a bare year sits mid-year, after 1 June
        made_up_point("2020", 1, mod="END"),
        made_up_point("2021-01", 1, mod="MID"),
        made_up_point("2021-04", 1),
    ]
    days = [point_day(point) for point in ordered]
    assert days == sorted(days)
    april = ordered[-1]
    assert april.date_start.toordinal() < days[-1] < april.date_end.toordinal() + 1


def test_chart_places_points_left_to_right_by_date_and_top_to_bottom_by_count() -> None:
    series = made_up_series(
        "Force",
        made_up_point("2021-03", 300, "planned"),
        made_up_point("2020", 100, mod="END"),
        made_up_point("2021-01-15", 200),
    )
    root = parse_svg(render_troop_level_chart([series]))
    circles = [circle_of(link) for link in point_links(root)]
    xs = [float(circle.get("cx", "")) for circle in circles]
    ys = [float(circle.get("cy", "")) for circle in circles]
    assert xs == sorted(xs)
    assert ys == sorted(ys, reverse=True)  # counts 100, 200, 300 climb the chart
    segments = [line for line in root.iter(f"{SVG}line") if line.get("class") == "segment"]
    assert [line.get("stroke-dasharray") is not None for line in segments] == [False, True]


def test_one_point_is_drawn_alone_inside_the_plot() -> None:
    root = parse_svg(
        render_troop_level_chart([made_up_series("F", made_up_point("2021-05-05", 9))])
    )
    (link,) = point_links(root)
    x = float(circle_of(link).get("cx", ""))
    assert 0 < x < float(root.get("width", ""))
    assert not [line for line in root.iter(f"{SVG}line") if line.get("class") == "segment"]


def test_many_series_get_a_legend_row_each_and_a_taller_image() -> None:
    many = [made_up_series(f"Force {i}", made_up_point("2021", i * 10)) for i in range(12)]
    root = parse_svg(render_troop_level_chart(many))
    assert len(point_links(root)) == 12
    assert int(root.get("height", "")) > 400
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "series"]
    colours = {circle_of(point_links(g)[0]).get("stroke") for g in groups}
    assert len(colours) == 8  # the palette, cycled


def test_text_unsafe_for_xml_is_escaped_or_dropped() -> None:
    sentence = 'He said "<script>" & left\x0c.'
    svg = render_troop_level_chart(
        [made_up_series("<F>", made_up_point("2021", 5, sentence=sentence))]
    )
    (link,) = point_links(parse_svg(svg))
    assert 'He said "<script>" & left.' in (link.findtext(f"{SVG}title") or "")
