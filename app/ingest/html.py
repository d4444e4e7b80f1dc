"""Saved web pages: the article's paragraphs without the site around them, plus its meta tags."""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from app.ingest.article import RawArticle
from app.ingest.article_fields import build_article, parse_published
from app.ingest.errors import UnreadableInput
from app.ingest.text_files import decode_file_text, read_input_bytes

DROPPED_TAGS = frozenset(
    {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg"}
)
DROPPED_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary"})
BOILERPLATE_WORDS = frozenset(
    {
        "menu", "nav", "navbar", "navigation", "breadcrumb", "breadcrumbs", "footer",
        "cookie", "cookies", "subscribe", "subscription", "newsletter", "share", "sharing",
        "related", "advert", "adverts", "advertisement", "advertising", "ad", "ads",
        "sidebar", "comment", "comments",
    }
)  # fmt: skip
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})
LINE_BREAKING_TAGS = frozenset({"div", "section", "pre", "table", "tr", "td", "dd", "dt"})
"""Not paragraphs, but their text must not run into the next element's."""
_BLOCK_SELECTOR = ", ".join(sorted(BLOCK_TAGS))
_NEVER_DROPPED = frozenset({"html", "head", "body", "article", "main"})
_STATE_PREFIXES = ("has-", "is-", "no-", "with-")
"""`class="has-sidebar"` describes a page layout, it is not the sidebar itself."""
_PUBLISHED_META = (
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="datePublished"]',
    'meta[property="datePublished"]',
)
_WHITESPACE = re.compile(r"\s+")
_CAMEL_CASE = re.compile(r"([a-z0-9])([A-Z])")
_NAME_PARTS = re.compile(r"[^a-z0-9]+")
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]|$)")
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_CHARSET_PRELUDE_BYTES = 4096
"""Browsers look for the charset declaration in the first 1024 bytes; allow a long <head>."""


def read_html(path: Path) -> RawArticle:
    """Headings become paragraphs of their own; paragraphs are separated by a blank line."""
    data = read_input_bytes(path)
    tree = LexborHTMLParser(decode_file_text(data, path, declared=_declared_charset(data)))
    fields = _metadata(tree)
    _drop_boilerplate(tree)
    container = _article_container(tree)
    text = "\n\n".join(_paragraphs(container)) if container is not None else ""
    if not text:
        raise UnreadableInput(
            "has no article text (no paragraphs left once menus and scripts are removed): "
            "save the page after it has loaded, or give the text as .txt"
        )
    return build_article(fields=fields, text=text, default_id=path.stem, origin=str(path))


def _declared_charset(data: bytes) -> str | None:
    """`<meta charset="...">` or `<meta http-equiv="Content-Type" content="...; charset=...">`."""
    match = _DECLARED_CHARSET.search(data[:_CHARSET_PRELUDE_BYTES])
    return match.group(1).decode("ascii") if match else None


def _metadata(tree: LexborHTMLParser) -> dict[str, object]:
    """Read before boilerplate removal: the headline and date often sit inside <header>."""
    title = _meta(tree, 'meta[property="og:title"]') or _text_of(tree.css_first("title"))
    return {
        "title": title or _text_of(tree.css_first("h1")),
        "source": _meta(tree, 'meta[property="og:site_name"]'),
        "url": (
            _meta(tree, 'meta[property="og:url"]')
            or _attribute(tree, 'link[rel="canonical"]', "href")
        ),
        "language": _language(tree),
        "published": _published(tree),
    }


def _published(tree: LexborHTMLParser) -> str | None:
    """Meta tags are declared publication dates; a bad one is reported.

    A `<time datetime>` is only a guess (it may be an update time or a clock), so it is
    used only when it parses.
    """
    for selector in _PUBLISHED_META:
        declared = _meta(tree, selector)
        if declared:
            return declared
    for node in [*tree.css("article time[datetime]"), *tree.css("time[datetime]")]:
        candidate = node.attributes.get("datetime")
        try:
            if parse_published(candidate) is not None:
                return candidate
        except UnreadableInput:
            continue
    return None


def _language(tree: LexborHTMLParser) -> str | None:
    """Primary subtag of `<html lang>` ('en-GB' -> 'en'); odd values fall back to the default."""
    match = _LANGUAGE_TAG.match(_attribute(tree, "html", "lang") or "")
    return match.group(1).lower() if match else None


def _drop_boilerplate(tree: LexborHTMLParser) -> None:
    doomed = [node for node in tree.root.traverse() if _is_boilerplate(node)]
    # Children before parents: decomposing a parent first would free the children.
    for node in reversed(doomed):
        node.decompose()


def _is_boilerplate(node: LexborNode) -> bool:
    if not node.is_element_node or node.tag in _NEVER_DROPPED:
        return False
    attributes = node.attributes
    looks_like_boilerplate = (
        node.tag in DROPPED_TAGS
        or attributes.get("role") in DROPPED_ROLES
        or any(
            _is_boilerplate_name(name)
            for name in [*(attributes.get("class") or "").split(), attributes.get("id") or ""]
        )
    )
    # A page wrapped in one big <form> or `div.has-comments` still has its article.
    return looks_like_boilerplate and node.css_first("article, main") is None


def _is_boilerplate_name(name: str) -> bool:
    lowered = _CAMEL_CASE.sub(r"\1-\2", name).lower()
    if lowered.startswith(_STATE_PREFIXES):
        return False
    return any(part in BOILERPLATE_WORDS for part in _NAME_PARTS.split(lowered))


def _article_container(tree: LexborHTMLParser) -> LexborNode | None:
    """The longest <article> (pages list teasers as articles too), else <main>, else <body>."""
    articles = tree.css("article")
    if articles:
        return max(articles, key=lambda node: len(node.text(strip=True)))
    return tree.css_first("main") or tree.body


def _paragraphs(container: LexborNode) -> list[str]:
    """Block texts in document order; pages without any <p> fall back to their lines."""
    blocks = container.css(_BLOCK_SELECTOR)
    if not blocks:
        return _lines(_own_text(container))
    paragraphs = []
    for block in blocks:
        paragraph = "\n".join(_lines(_own_text(block)))
        if paragraph:
            paragraphs.append(paragraph)
    return paragraphs


def _own_text(node: LexborNode) -> str:
    """Text of `node` minus nested blocks, which are paragraphs of their own (li > p).

    Source line wrapping is markup, so whitespace collapses; only <br> and layout
    elements start a new line.
    """
    parts = []
    for child in node.iter(include_text=True):
        if child.is_text_node:
            parts.append(_WHITESPACE.sub(" ", child.text_content or ""))
        elif child.tag == "br":
            parts.append("\n")
        elif child.tag in LINE_BREAKING_TAGS:
            parts.append(f"\n{_own_text(child)}\n")
        elif child.is_element_node and child.tag not in BLOCK_TAGS:
            parts.append(_own_text(child))
    return "".join(parts)


def _lines(text: str) -> list[str]:
    """Lines made by <br> and layout elements, trimmed; empty ones dropped."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return [line for line in lines if line]


def _meta(tree: LexborHTMLParser, selector: str) -> str | None:
    return _attribute(tree, selector, "content")


def _attribute(tree: LexborHTMLParser, selector: str, name: str) -> str | None:
    node = tree.css_first(selector)
    if node is None:
        return None
    return (node.attributes.get(name) or "").strip() or None


def _text_of(node: LexborNode | None) -> str | None:
    if node is None:
        return None
    return " ".join(node.text().split()) or None
