"""Read queries: keyset pages and the troop-level series order."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import Session

from app.extract.schema import Entity, TroopLevel
from app.partial_date import PartialDate
from app.store.pagination import InvalidCursorError, PageRequest
from app.store.queries import articles, entities, troop_level_series
from app.store.writer import save_article

from .sample import article, located

NAMES = ["Ana Diaz", "Ben Okafor", "Chen Wei", "Dara Nolan", "Eve Moreau"]


def five_people(session: Session) -> None:
    text = ", ".join(NAMES) + ". Chen Wei met Eve Moreau; Chen Wei left."
    repeated = {"Chen Wei": 3, "Eve Moreau": 2}
    people = [
        Entity(
            name=name, mentions=[located(text, name, n + 1) for n in range(repeated.get(name, 1))]
        )
        for name in NAMES
    ]
    save_article(session, *article("a", text, people=people))


def all_ids(session: Session, sort: str, limit: int = 2) -> list[str]:
    listing = entities("person")
    seen, after = [], None
    while True:
        page = listing.page(session, sort, PageRequest(limit=limit, after=after))
        seen += [summary.entity.id for summary in page.items]
        if page.next_key is None:
            return seen
        after = page.next_key


def test_keyset_pages_cover_every_row_once(session: Session) -> None:
    five_people(session)
    assert all_ids(session, "id") == [
        "ana-diaz",
        "ben-okafor",
        "chen-wei",
        "dara-nolan",
        "eve-moreau",
    ]
    assert all_ids(session, "-id") == all_ids(session, "id")[::-1]


def test_descending_counts_break_ties_by_id_across_pages(session: Session) -> None:
    five_people(session)
    by_count = all_ids(session, "-mention_count", limit=1)
    assert by_count[:2] == ["chen-wei", "eve-moreau"]
    assert sorted(by_count[2:], reverse=True) == by_count[2:]
    assert len(set(by_count)) == 5


@pytest.mark.parametrize(
    "after", [("id", 1), ("id", "a", "b"), ("id", True), ("id", None), ("name", "ana-diaz"), (1,)]
)
def test_a_key_of_the_wrong_shape_or_sort_is_refused(session: Session, after: tuple) -> None:
    with pytest.raises(InvalidCursorError):
        entities("person").page(session, "id", PageRequest(after=after))


def test_date_bounds_overlap_the_days_a_partial_date_can_mean(session: Session) -> None:
    for article_id, published in [("jan", "2021-01"), ("mid-feb", "2021-02-15"), ("year", "2021")]:
        raw, facts = article(article_id, f"Report {article_id}.")
        raw = replace(raw, published=PartialDate.parse(published))
        save_article(session, raw, facts)

    def ids(after: str | None = None, before: str | None = None) -> list[str]:
        listing = articles(
            published_after=PartialDate.parse(after) if after else None,
            published_before=PartialDate.parse(before) if before else None,
        )
        return [row.id for row in listing.page(session, "published", PageRequest()).items]

    assert ids() == ["jan", "year", "mid-feb"]
    assert ids(after="2021-02-10") == ["year", "mid-feb"]
    assert ids(before="2021-01-31") == ["jan", "year"]
    assert ids(after="2021-02-16", before="2021-02-20") == ["year"]


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
    page = troop_level_series().page(session, "force", PageRequest())
    (series,) = page.items
    assert (series.force, series.location) == ("Navy", None)
    assert [level.count for level in series.levels] == [200, 100, 300, 50]


def test_series_are_counted_as_paging_finds_them_under_every_filter(session: Session) -> None:
    """`total` seeks from one series to the next instead of reading every level: it must
    find what paging finds, with or without a location, under each filter."""
    text = "Levels: " + "; ".join(f"level {n}" for n in range(24)) + "."
    sentence = located(text, text)
    forces, places = ["Army", "Navy", "Air Force"], ["Aden", None, "Bari", "Cork"]
    levels = [
        TroopLevel(
            **located(text, f"level {n};" if n < 23 else "level 23.").model_dump(),
            force=forces[n % 3],
            location=places[(n // 3) % 4],
            count=100 + n,
            qualifier="exact",
            date=f"{2019 + n % 4}",
            date_precision="year",
            date_mod=None,
            status="planned" if n % 5 == 0 else "reported",
            condition=None,
            sentence=sentence,
        )
        for n in range(24)
        if (n % 3, (n // 3) % 4) != (2, 3)  # no Air Force in Cork: not every pair exists
    ]
    save_article(session, *article("a", text, troop_levels=levels))
    for filters in [
        {},
        {"status": "planned"},
        {"force": "Navy"},
        {"location": "Bari"},
        {"location": "Cork", "status": "reported"},
        {"date_from": PartialDate.parse("2021")},
        {"date_to": PartialDate.parse("2020"), "force": "Army"},
        {"force": "Nobody"},
    ]:
        listing = troop_level_series(**filters)
        paged, after = 0, None
        while True:
            page = listing.page(session, "location", PageRequest(limit=1, after=after))
            paged += len(page.items)
            if (after := page.next_key) is None:
                break
        assert listing.count(session) == paged, filters
    assert troop_level_series().count(session) == 11
