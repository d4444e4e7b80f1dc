"""The example values OpenAPI shows for each response model: two invented articles.

Offsets are real: every `start`/`end` below cuts its `text` out of STRIKE_TEXT or
PATROL_TEXT, so a reader of /docs can check how spans work. The people, places
and numbers are made up; keep them unlike any real article in `data/`.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict

Example = dict[str, Any]

STRIKE_ID = "port-strike"
STRIKE_TITLE = "Dockers end strike at Northbridge port"
STRIKE_TEXT = (
    'Maria Lopez, the Harbour Master, said on Tuesday: "The strike ends on Friday." '
    "The Port Authority offered a 6% rise to 340 dockers."
)
PATROL_ID = "kestrel-bay-patrols"
PATROL_TEXT = (
    "About 1,800 Northland Guard troops were in Kestrel Bay in November 2023, "
    "the Port Authority said."
)


def config(*values: Example) -> ConfigDict:
    """A model config that puts `values` in the model's JSON schema as `examples`."""
    return ConfigDict(json_schema_extra={"examples": list(values)})


def page(item: Example, route: str, cursor: str) -> Example:
    """A first page of one item, with the cursor of the next page."""
    return {
        "items": [item],
        "next": cursor,
        "next_url": f"https://facts.example{route}?limit=1&cursor={cursor}",
    }


def _mention(source: str, phrase: str) -> Example:
    start = source.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase}


HEALTH: Example = {"status": "ok", "articles": 57, "database": "ok"}

QUOTED = _mention(STRIKE_TEXT, "The strike ends on Friday.")
SPAN: Example = {"start": QUOTED["start"], "end": QUOTED["end"]}
MENTION = _mention(STRIKE_TEXT, "Maria Lopez")
ROLE_MENTION: Example = {
    **_mention(STRIKE_TEXT, "Harbour Master"),
    "role": "Harbour Master",
    "article": STRIKE_ID,
}

QUOTE: Example = {
    "id": 7,
    "article": STRIKE_ID,
    **QUOTED,
    "kind": "direct",
    "speaker": "Maria Lopez",
    "speaker_kind": "person",
    "cue": "said",
    "segments": [SPAN],
    "speaker_id": "maria-lopez",
    "speaker_mention": MENTION,
    "cue_mention": _mention(STRIKE_TEXT, "said"),
}
FIGURE: Example = {
    "id": 31,
    "article": STRIKE_ID,
    **_mention(STRIKE_TEXT, "340 dockers"),
    "value": 340.0,
    "unit": "count",
    "object": "dockers",
    "duration": None,
}
DATE_FACT: Example = {
    "id": 9,
    "article": STRIKE_ID,
    **_mention(STRIKE_TEXT, "Tuesday"),
    "value": "2023-11-14",
    "precision": "day",
    "mod": None,
}
PATROL_SENTENCE = _mention(PATROL_TEXT, PATROL_TEXT)
PATROL_LEVEL = _mention(PATROL_TEXT, "About 1,800 Northland Guard troops were in Kestrel Bay")
TROOP_LEVEL: Example = {
    "id": 3,
    "article": PATROL_ID,
    **PATROL_LEVEL,
    "force": "Northland Guard",
    "location": "Kestrel Bay",
    "count": 1800,
    "qualifier": "approx",
    "date": "2023-11",
    "date_precision": "month",
    "date_mod": None,
    "status": "reported",
    "condition": None,
    "sentence": PATROL_SENTENCE,
}

ARTICLE_SUMMARY: Example = {
    "id": STRIKE_ID,
    "title": STRIKE_TITLE,
    "source": "Harbour Daily",
    "url": "https://news.example/port-strike",
    "language": "en",
    "published_date": "2023-11-14",
    "published_precision": "day",
    "ingested_at": "2023-11-15T08:30:00Z",
}
ARTICLE_PERSON: Example = {
    "id": "maria-lopez",
    "name": "Maria Lopez",
    "mentions": [MENTION],
    "role_mentions": [ROLE_MENTION],
}
ARTICLE: Example = {
    **ARTICLE_SUMMARY,
    "text": STRIKE_TEXT,
    "people": [ARTICLE_PERSON],
    "organisations": [
        {
            "id": "port-authority",
            "name": "Port Authority",
            "mentions": [_mention(STRIKE_TEXT, "Port Authority")],
            "role_mentions": [],
        }
    ],
    "places": [],
    "quotes": [QUOTE],
    "figures": [FIGURE],
    "dates": [DATE_FACT],
    "troop_levels": [],
}

ENTITY_SUMMARY: Example = {
    "id": "maria-lopez",
    "name": "Maria Lopez",
    "mention_count": 9,
    "article_count": 3,
    "aliases": ["Lopez", "Ms Lopez"],
    "roles": ["Harbour Master"],
}
ENTITY_REF: Example = {"id": "port-authority", "name": "Port Authority"}
ENTITY_ARTICLE: Example = {
    "id": STRIKE_ID,
    "title": STRIKE_TITLE,
    "published_date": "2023-11-14",
    "mention_count": 2,
}
PERSON: Example = {
    **ENTITY_SUMMARY,
    "role_mentions": [ROLE_MENTION],
    "role_mention_count": 3,
    "quotes": [QUOTE],
    "quote_count": 1,
    "quotes_url": "/quotes?speaker=maria-lopez&sort=-id",
    "articles": [ENTITY_ARTICLE],
    "articles_url": "/articles?entity=maria-lopez&sort=-ingested",
    "organisations": [ENTITY_REF],
    "organisation_count": 1,
    "organisations_url": "/organisations?person=maria-lopez",
}
ORGANISATION: Example = {
    "id": "port-authority",
    "name": "Port Authority",
    "mention_count": 6,
    "article_count": 4,
    "aliases": ["the Authority"],
    "roles": [],
    "role_mentions": [],
    "role_mention_count": 0,
    "quotes": [],
    "quote_count": 0,
    "quotes_url": "/quotes?speaker=port-authority&sort=-id",
    "articles": [{**ENTITY_ARTICLE, "mention_count": 1}],
    "articles_url": "/articles?entity=port-authority&sort=-ingested",
    "people": [{"id": "maria-lopez", "name": "Maria Lopez"}],
    "person_count": 1,
    "people_url": "/people?organisation=port-authority",
}
PLACE: Example = {
    "id": "kestrel-bay",
    "name": "Kestrel Bay",
    "mention_count": 3,
    "article_count": 2,
    "aliases": [],
    "roles": [],
    "role_mentions": [],
    "role_mention_count": 0,
    "quotes": [],
    "quote_count": 0,
    "quotes_url": "/quotes?speaker=kestrel-bay&sort=-id",
    "articles": [
        {
            "id": PATROL_ID,
            "title": "Guard patrols stay in Kestrel Bay",
            "published_date": "2023-11",
            "mention_count": 1,
        }
    ],
    "articles_url": "/articles?entity=kestrel-bay&sort=-ingested",
}

TROOP_LEVEL_SOURCE: Example = {**PATROL_LEVEL, "article": PATROL_ID, "sentence": PATROL_SENTENCE}
TROOP_LEVEL_POINT: Example = {
    "count": 1800,
    "qualifier": "approx",
    "status": "reported",
    "date": "2023-11",
    "date_precision": "month",
    "date_mod": None,
    "date_start": "2023-11-01",
    "date_end": "2023-11-30",
    "condition": None,
    "source": TROOP_LEVEL_SOURCE,
}
TROOP_LEVEL_SERIES: Example = {
    "force": "Northland Guard",
    "location": "Kestrel Bay",
    "point_count": 1,
    "points": [TROOP_LEVEL_POINT],
}

SEARCH_HIT: Example = {
    "kind": "quote",
    "article": STRIKE_ID,
    "article_title": STRIKE_TITLE,
    "quote": 7,
    "speaker": "Maria Lopez",
    **SPAN,
    "rank": -3.71,
    "snippet": "The <mark>strike</mark> ends on Friday.",
}

# Cursors are base64 of the last item's sort key, e.g. ["id", "maria-lopez"].
ARTICLE_PAGE = page(ARTICLE_SUMMARY, "/articles", "WyJpZCIsInBvcnQtc3RyaWtlIl0")
ENTITY_PAGE = page(ENTITY_SUMMARY, "/people", "WyJpZCIsIm1hcmlhLWxvcGV6Il0")
QUOTE_PAGE = page(QUOTE, "/quotes", "WyJpZCIsN10")
FIGURE_PAGE = page(FIGURE, "/figures", "WyJpZCIsMzFd")
TROOP_LEVEL_SERIES_PAGE = page(
    TROOP_LEVEL_SERIES, "/timelines/troop-levels", "WyJmb3JjZSIsIk5vcnRobGFuZCBHdWFyZCIsIiJd"
)
SEARCH_PAGE = page(SEARCH_HIT, "/search", "WyJyYW5rIiwtMy43MSwicXVvdGUiLDdd")

INVALID_LIMIT: Example = {
    "parameter": "limit",
    "location": "query",
    "detail": "Input should be less than or equal to 500",
}
NOT_FOUND: Example = {
    "type": "about:blank",
    "title": "Not Found",
    "status": 404,
    "detail": "no person with id 'mario-lopes'; list people at /people",
    "instance": "/people/mario-lopes",
}
UNPROCESSABLE: Example = {
    "type": "about:blank",
    "title": "Unprocessable Entity",
    "status": 422,
    "detail": "invalid value for `limit`; see `errors`",
    "instance": "/people",
    "errors": [INVALID_LIMIT],
}
