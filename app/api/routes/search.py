from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.api.listing import ListDep, list_responses
from app.api.public import SearchHitPublic, SearchPage
from app.store import search as full_text
from app.store.search import RANKED_MATCHES, SearchKind

router = APIRouter(prefix="/search", tags=["search"], responses=problem_responses(500, 503))

DESCRIPTION = f"""\
Articles and quotes whose words match `q`, best match first (bm25 on SQLite,
ts_rank_cd on PostgreSQL; a word in an article's title counts ten times one in
its text). Words are matched by their
stem and without accents: `talks` finds "talked", `zurich` finds "Zürich".

- `troops withdrawal`: both words, anywhere (AND is implied)
- `"peace talks"`: the exact words, in this order
- `negot*`: words starting with "negot"; the index keeps word stems, so keep
  prefixes short (`negotiat*` misses "negotiators", stored as "negoti")
- `ceasefire OR truce`, `talks NOT strike`, `(army OR navy) AND budget`:
  AND, OR and NOT in capitals (NOT needs something before it)
- `NEAR(envoy talks, 5)`: both words at most 5 words apart
- `title:accord`, `speaker:lopez`, `text:budget`: one column only; articles have
  `title` and `text`, quotes `text` and `speaker`

A search ranks at most the {RANKED_MATCHES:,} newest matches: a word found in more (most
news articles hold "said") is ranked among its newest, which keeps the first page
fast; `total` counts what the pages reach. The kinds searched share the {RANKED_MATCHES:,}, as do
the alternatives of an OR, each bringing its own newest: `truce OR said` keeps every
"truce". For every match of a common word in list order, use `/articles?q=` or
`/quotes?q=`.

A query that is not valid gets a 400 saying what to write instead; to search
punctuation-heavy input literally, put it all in double quotes.
Each hit cites `article.text[start:end]` (a quote's span, or the whole article)
and has an HTML-safe `snippet` with the matched words in `<mark>`.
"""


@router.get(
    "",
    response_model=SearchPage,
    summary="Search articles and quotes",
    description=DESCRIPTION,
    responses={**list_responses(), **problem_responses(501)},
)
def search(
    session: SessionDep,
    listing: ListDep,
    q: Annotated[
        str,
        Query(
            description="Words to find; see above for phrases, prefixes, AND/OR/NOT and NEAR.",
            examples=['"exact words"', "negot*", "troops AND withdrawal NOT navy"],
        ),
    ],
    kind: Annotated[SearchKind | None, Query(description="Only articles, or only quotes.")] = None,
) -> Response:
    """Full-text search; the OpenAPI description above is the user's guide."""
    hits = full_text.search(session, q, kind=kind)
    return listing.respond(session, hits, "rank", SearchHitPublic.dump_hit, SearchHitPublic)
