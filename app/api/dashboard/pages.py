"""The dashboard's HTML pages, filled from `templates/` with `string.Template`.

Every value is escaped here; the only markup inserted unescaped is the chart,
which `chart.py` escapes itself. No inline script or style: the pages must work
under `Content-Security-Policy: default-src 'self'`.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from string import Template
from urllib.parse import quote

from app.store.pagination import StoredRow

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def dashboard_page(chart_svg: str) -> str:
    return _template("dashboard.html").substitute(chart=chart_svg)


def _meta(article: StoredRow) -> str:
    parts = [html.escape(part) for part in (article.source, article.published_date) if part]
    if article.url:
        url = html.escape(article.url)
        parts.append(f'<a href="{url}" rel="noreferrer">original article</a>')
    return " · ".join(parts)


def read_page(article: StoredRow, span: tuple[int, int] | None) -> str:
    """The article's text with `span` (character offsets) in `<mark id="fact">`."""
    text = article.text
    if span is None:
        body = html.escape(text)
        hint = "The whole article."
    else:
        start, end = span
        body = (
            f'{html.escape(text[:start])}<mark id="fact">{html.escape(text[start:end])}</mark>'
            f"{html.escape(text[end:])}"
        )
        hint = f"Highlighted: characters {start}–{end}, where the fact was read."
    return _template("read.html").substitute(
        title=html.escape(article.title or article.id),
        meta=_meta(article),
        hint=hint,
        json_url=f"/articles/{quote(article.id, safe='')}",
        text=body,
    )
