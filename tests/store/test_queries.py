"""Read queries: keyset pages and the troop-level series order."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from app.extract.schema import TroopLevel
from app.store.pagination import InvalidCursorError, PageRequest
from app.store.queries import list_entities, list_troop_level_series
from app.store.writer import save_article

from .sample import article, entity, located


def test_keyset_pages_cover_every_row_once(session: Session) -> None:
    names = ["Ana Diaz", "Ben Okafor", "Chen Wei", "Dara Nolan", "Eve Moreau"]
    text = ", ".join(names) + "."
    save_article(session, *article("a", text, people=[entity(text, name) for name in names]))
    seen, after = [], None
    while True:
        page = list_entities(session, "person", page=PageRequest(limit=2, after=after))
        seen += [person.id for person in page.items]
        if page.next_key is None:
            break
        after = page.next_key
    assert seen == ["ana-diaz", "ben-okafor", "chen-wei", "dara-nolan", "eve-moreau"]


@pytest.mark.parametrize("after", [(1,), ("a", "b"), (True,), (None,)])
def test_a_key_of_the_wrong_shape_is_refused(session: Session, after: tuple) -> None:
    with pytest.raises(InvalidCursorError):
        list_entities(session, "person", page=PageRequest(after=after))


def test_series_points_run_from_earliest_to_latest(session: Session) -> None:
    text = "Troops: 100 in 2021, 200 early 2021, 300 late 2021, 50 in March 2021."
    sentence = located(text, text)

    def level(phrase: str, count: int, date: str, mod: str | None = None) -> TroopLevel:
        return TroopLevel(
            **located(text, phrase).model_dump(),
            force="Navy",
            location=None,
            count=count,
            qualifier="exact",
            date=date,
            date_precision="year" if len(date) == 4 else "month",
            date_mod=mod,
            status="reported",
            condition=None,
            sentence=sentence,
        )

    levels = [
        level("100 in 2021", 100, "2021"),
        level("300 late 2021", 300, "2021", "END"),
        level("200 early 2021", 200, "2021", "START"),
        level("50 in March 2021", 50, "2021-03"),
    ]
    save_article(session, *article("a", text, troop_levels=levels))
    page = list_troop_level_series(session, page=PageRequest())
    (series,) = page.items
    assert (series.force, series.location) == ("Navy", None)
    assert [level.count for level in series.levels] == [200, 100, 300, 50]
