"""The troop-level chart as a standalone SVG string: one implementation for the page and `.svg`.

Reading the chart:
- x is time. A point's date is a range (a month, a year, or one day), so the
  point sits inside its range - at the middle, or near the start or end when the
  article says "early", "mid" or "end of" (`date_mod`) - and a faint bar behind
  it spans the whole range, so the chart never claims more precision than the
  article gives.
- y is the troop count, from 0, with ticks at 1, 2 or 5 x 10^k.
- One colour and one line per (force, location). Reported points are filled
  circles; planned points are hollow, and the segment leading to a planned
  point is dashed (a plan, not an observation).
- Every point links to `/read/{article}?start=&end=#fact`, the sentence it was
  read from, and carries a `<title>` tooltip.

Only SVG presentation attributes are used (no `<style>`, no `style=`), so the
chart draws under a strict Content-Security-Policy and outside the page.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from app.api.public import TroopLevelPointPublic, TroopLevelSeriesPublic

from .scales import MONTH_NAMES, count_ticks, time_ticks

WIDTH = 800
HEIGHT = 400
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c564b", "#666666")
"""Okabe-Ito (colour-blind safe) first, then brown and grey; cycled past eight series."""

MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP = 64, 24, 44
AXIS_LABELS = 34
"""Room under the plot for the date labels."""
LEGEND_ROW, LEGEND_COLUMN = 20, 178
LEGEND_CHAR_WIDTH = 6.6
"""Average width of a 12px character: how long a legend label may be."""
MOD_POSITION = {"START": 1 / 6, "MID": 1 / 2, "END": 5 / 6, None: 1 / 2}
"""Where in its date range a point sits, by `date_mod`."""
QUALIFIER_WORDS = {"exact": "", "approx": "about ", "at_least": "at least ", "at_most": "up to "}
MOD_WORDS = {"START": "early ", "MID": "mid ", "END": "end of ", None: ""}

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """Escape for XML text and attribute values; drop characters XML 1.0 cannot hold."""
    return html.escape(_NOT_XML.sub("", text), quote=True)


def series_label(series: TroopLevelSeriesPublic) -> str:
    return f"{series.force} in {series.location}" if series.location else series.force


def describe_date(point: TroopLevelPointPublic) -> str:
    """The date as an article would say it: '4 Mar 2021', 'mid Jan 2021', 'end of 2020'."""
    start = point.date_start
    if point.date_precision == "day":
        text = f"{start.day} {MONTH_NAMES[start.month - 1]} {start.year}"
    elif point.date_precision == "month":
        text = f"{MONTH_NAMES[start.month - 1]} {start.year}"
    else:
        text = str(start.year)
    return MOD_WORDS[point.date_mod] + text


def describe_count(point: TroopLevelPointPublic) -> str:
    return f"{QUALIFIER_WORDS[point.qualifier]}{point.count:,} troops"


def point_day(point: TroopLevelPointPublic) -> float:
    """Where the point sits on the time axis, in days (proleptic ordinal, fractional)."""
    first = point.date_start.toordinal()
    after_last = point.date_end.toordinal() + 1
    return first + MOD_POSITION[point.date_mod] * (after_last - first)


def read_link(point: TroopLevelPointPublic) -> str:
    """The page showing the sentence the point was read from, highlighted."""
    sentence = point.source.sentence
    article = quote(point.source.article, safe="")
    return f"/read/{article}?start={sentence.start}&end={sentence.end}#fact"


def tooltip(series: TroopLevelSeriesPublic, point: TroopLevelPointPublic) -> str:
    lines = [
        f"{series_label(series)}: {describe_count(point)}",
        f"{describe_date(point)} · {point.status}",
    ]
    if point.condition:
        lines.append(f"condition: {point.condition}")
    lines.append(f"“{point.source.sentence.text}”")
    return "\n".join(lines)


@dataclass(frozen=True)
class _Frame:
    """The plot area and its scales."""

    left: float
    top: float
    right: float
    bottom: float
    first_day: float
    last_day: float
    top_count: int

    def x(self, day: float) -> float:
        share = (day - self.first_day) / (self.last_day - self.first_day)
        return round(self.left + share * (self.right - self.left), 1)

    def y(self, count: float) -> float:
        return round(self.bottom - count / self.top_count * (self.bottom - self.top), 1)


def _day_range(series: Sequence[TroopLevelSeriesPublic]) -> tuple[float, float]:
    """The days shown: every point's whole range, padded so no point sits on an edge."""
    points = [point for one in series for point in one.points]
    first = min(point.date_start for point in points).toordinal()
    last = max(point.date_end for point in points).toordinal() + 1
    pad = max((last - first) * 0.05, 15)
    return first - pad, last + pad


def _open(width: int, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" class="troop-chart" '
        f'aria-labelledby="troop-chart-title troop-chart-desc" '
        f'font-family="{escape(FONT)}" font-size="12" fill="#222">',
        f'<title id="troop-chart-title">{escape(title)}</title>',
        f'<desc id="troop-chart-desc">{escape(description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="{MARGIN_LEFT}" y="24" font-size="15" font-weight="600">{escape(title)}</text>',
    ]


def _empty_chart(width: int, height: int, message: str, hint: str) -> str:
    parts = _open(width, height, "Troop levels over time", f"{message}. {hint}")
    parts += [
        f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" font-size="16" '
        f'fill="#555" class="empty">{escape(message)}</text>',
        f'<text x="{width / 2}" y="{height / 2 + 24}" text-anchor="middle" fill="#777">'
        f"{escape(hint)}</text>",
        "</svg>",
    ]
    return "\n".join(parts)


def _summary(series: Sequence[TroopLevelSeriesPublic]) -> str:
    """The chart as sentences, for screen readers (`<desc>`)."""
    parts = []
    for one in series:
        points = "; ".join(
            f"{describe_count(p)} {p.status} for {describe_date(p)}" for p in one.points
        )
        parts.append(f"{series_label(one)}: {points}.")
    return " ".join(parts)


def _axes(frame: _Frame, counts: list[int], first: date, last: date) -> list[str]:
    parts = ['<g class="axes" font-size="11" fill="#555">']
    for count in counts:
        y = frame.y(count)
        parts.append(
            f'<line x1="{frame.left}" x2="{frame.right}" y1="{y}" y2="{y}" '
            f'stroke="{"#999" if count == 0 else "#e5e5e5"}"/>'
        )
        parts.append(f'<text x="{frame.left - 8}" y="{y + 4}" text-anchor="end">{count:,}</text>')
    ticks = time_ticks(first, last)
    for day in ticks.dates:
        x = frame.x(day.toordinal())
        parts.append(
            f'<line x1="{x}" x2="{x}" y1="{frame.bottom}" y2="{frame.bottom + 5}" stroke="#999"/>'
        )
        parts.append(
            f'<text x="{x}" y="{frame.bottom + 18}" text-anchor="middle">'
            f"{escape(ticks.label(day))}</text>"
        )
    parts.append("</g>")
    return parts


def _key(frame: _Frame) -> list[str]:
    """Top right: what filled and hollow points mean."""
    x = frame.right - 170
    return [
        '<g class="key" font-size="11" fill="#555">',
        f'<circle cx="{x}" cy="20" r="4.5" fill="#555"/>',
        f'<text x="{x + 9}" y="24">reported</text>',
        f'<line x1="{x + 70}" x2="{x + 86}" y1="20" y2="20" stroke="#555" '
        'stroke-width="2" stroke-dasharray="4 3"/>',
        f'<circle cx="{x + 92}" cy="20" r="4.5" fill="#fff" stroke="#555" stroke-width="2"/>',
        f'<text x="{x + 101}" y="24">planned</text>',
        "</g>",
    ]


def _series(frame: _Frame, index: int, series: TroopLevelSeriesPublic) -> list[str]:
    colour = COLOURS[index % len(COLOURS)]
    points = sorted(series.points, key=point_day)
    parts = [f'<g class="series" data-series="{escape(series_label(series))}">']
    for point in points:
        if point.date_start != point.date_end:
            y = frame.y(point.count)
            parts.append(
                f'<line class="range" x1="{frame.x(point.date_start.toordinal())}" '
                f'x2="{frame.x(point.date_end.toordinal() + 1)}" y1="{y}" y2="{y}" '
                f'stroke="{colour}" stroke-opacity="0.25" stroke-width="6" stroke-linecap="round"/>'
            )
    for before, after in itertools.pairwise(points):
        dashed = ' stroke-dasharray="6 4"' if "planned" in (before.status, after.status) else ""
        parts.append(
            f'<line class="segment" x1="{frame.x(point_day(before))}" y1="{frame.y(before.count)}" '
            f'x2="{frame.x(point_day(after))}" y2="{frame.y(after.count)}" '
            f'stroke="{colour}" stroke-width="2"{dashed}/>'
        )
    for point in points:
        fill = colour if point.status == "reported" else "#fff"
        parts.append(
            f'<a href="{escape(read_link(point))}" class="point-link">'
            f"<title>{escape(tooltip(series, point))}</title>"
            f'<circle class="point {point.status}" data-status="{point.status}" '
            f'cx="{frame.x(point_day(point))}" cy="{frame.y(point.count)}" r="5.5" '
            f'fill="{fill}" stroke="{colour}" stroke-width="2"/></a>'
        )
    parts.append("</g>")
    return parts


def _legend_columns(count: int, width: int) -> int:
    usable = width - MARGIN_LEFT - MARGIN_RIGHT
    return max(1, min(count, usable // LEGEND_COLUMN))


def _legend(series: Sequence[TroopLevelSeriesPublic], top: float, width: int) -> list[str]:
    """Rows of colour and label; few series get wide columns, long labels end in '…'."""
    per_row = _legend_columns(len(series), width)
    column = (width - MARGIN_LEFT - MARGIN_RIGHT) / per_row
    max_chars = int((column - 30) / LEGEND_CHAR_WIDTH)
    parts = ['<g class="legend">']
    for index, one in enumerate(series):
        x = round(MARGIN_LEFT + (index % per_row) * column, 1)
        y = top + (index // per_row) * LEGEND_ROW
        label = series_label(one)
        shown = label if len(label) <= max_chars else label[: max_chars - 1] + "…"
        parts.append(
            f"<g><title>{escape(label)}</title>"
            f'<line x1="{x}" x2="{x + 18}" y1="{y}" y2="{y}" '
            f'stroke="{COLOURS[index % len(COLOURS)]}" stroke-width="3"/>'
            f'<text x="{x + 24}" y="{y + 4}">{escape(shown)}</text></g>'
        )
    parts.append("</g>")
    return parts


def render_troop_level_chart(
    series: Sequence[TroopLevelSeriesPublic],
    *,
    width: int = WIDTH,
    height: int = HEIGHT,
    filtered: bool = False,
) -> str:
    """The whole chart as an `<svg>` element (valid standalone, and inline in HTML).

    Many series make the image taller (legend rows), never the plot smaller.
    `filtered` only changes what the empty chart says.
    """
    series = [one for one in series if one.points]
    if not series and filtered:
        return _empty_chart(
            width, height, "No troop levels match these filters", "Try fewer filters."
        )
    if not series:
        return _empty_chart(
            width, height, "No troop levels yet", "Ingest articles with: article-facts ingest PATH"
        )
    per_row = _legend_columns(len(series), width)
    legend_rows = -(-len(series) // per_row)
    height += max(0, legend_rows - 1) * LEGEND_ROW
    legend_top = height - legend_rows * LEGEND_ROW + 4
    first_day, last_day = _day_range(series)
    counts = count_ticks(max(point.count for one in series for point in one.points))
    frame = _Frame(
        left=MARGIN_LEFT,
        top=MARGIN_TOP,
        right=width - MARGIN_RIGHT,
        bottom=legend_top - AXIS_LABELS - 4,
        first_day=first_day,
        last_day=last_day,
        top_count=counts[-1],
    )
    first = date.fromordinal(int(first_day)) + timedelta(days=1)
    last = date.fromordinal(int(last_day))
    parts = _open(width, height, "Troop levels over time", _summary(series))
    parts += _key(frame)
    parts += _axes(frame, counts, first, last)
    for index, one in enumerate(series):
        parts += _series(frame, index, one)
    parts += _legend(series, legend_top, width)
    parts.append("</svg>")
    return "\n".join(parts)
