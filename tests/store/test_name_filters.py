"""The "part of a name" filters: `/people?name=`, `/organisations?person=`, `/quotes?speaker=`...

A case-insensitive substring of the name or an alias (of the speaker's text for quotes),
every character literal, on both databases. Three characters or more are looked up in
the trigram indexes of migration 0005, fewer read the table: both must answer the same.
"""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from app.extract.schema import EntityKind, Quote
from app.store import queries
from app.store.db import alembic_config, dispose_engines, open_session
from app.store.deletion import delete_article
from app.store.models import Entity as EntityRow
from app.store.models import EntityAlias
from app.store.models import Quote as QuoteRow
from app.store.pagination import PageRequest
from app.store.writer import save_article

from .sample import article, entity, located

PEOPLE = ["Seán O'Brien", "Maria Lopez", "Zoë Ångström"]
ORGANISATIONS = [
    "50% Club",
    "snake_case Works",
    "Back\\slash Group",
    'Rock "n" Roll Ltd',
    "The Harbour Authority",
    "Eastland Army",
]
PLACES = ["Zürich", "Southport"]
UNRESOLVED = "an official at the 100%_fund\\desk"
TEXT = (
    ", ".join([*PEOPLE, "Gen Lopez", "HA", *ORGANISATIONS, *PLACES])
    + f". Lopez said yes. {UNRESOLVED} said no."
)


def store(session: Session) -> None:
    said = TEXT.index("yes")
    quotes = [
        Quote(
            start=said,
            end=said + 3,
            text="yes",
            segments=[located(TEXT, "yes")],
            kind="direct",
            speaker="Maria Lopez",
            speaker_mention=located(TEXT, "Lopez", 2),
            speaker_kind="person",
            cue="said",
        ),
        Quote(
            start=TEXT.index("no."),
            end=TEXT.index("no.") + 2,
            text="no",
            segments=[located(TEXT, "no.")],
            kind="direct",
            speaker=UNRESOLVED,
            speaker_mention=located(TEXT, UNRESOLVED),
            cue="said",
        ),
    ]
    people = [
        entity(TEXT, "Seán O'Brien"),
        entity(TEXT, "Maria Lopez", aliases=("Gen Lopez",), organisations=("Eastland Army",)),
        entity(TEXT, "Zoë Ångström"),
    ]
    organisations = [
        entity(TEXT, name, aliases=("HA",) if "Harbour" in name else ()) for name in ORGANISATIONS
    ]
    places = [entity(TEXT, name) for name in PLACES]
    facts = {"people": people, "organisations": organisations, "places": places, "quotes": quotes}
    assert save_article(session, *article("names", TEXT, **facts))
    session.commit()


@pytest.fixture
def stored(session: Session) -> Session:
    store(session)
    return session


def names(session: Session, kind: EntityKind, **filters: str) -> list[str]:
    page = queries.entities(kind, **filters).page(session, "name", PageRequest(limit=500))
    return [summary.entity.name for summary in page.items]


def speakers(session: Session, speaker: str, *, many: bool = False) -> list[str | None]:
    listing = queries.quotes(speaker=speaker, many_by_speaker=many)
    page = listing.page(session, "id", PageRequest(limit=500))
    return [quote.speaker for quote in page.items]


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("person", "lopez", ["Maria Lopez"]),  # the end
        ("person", "MARIA", ["Maria Lopez"]),  # the start, any case
        ("person", "ria lo", ["Maria Lopez"]),  # across words
        ("person", "gen lopez", ["Maria Lopez"]),  # an alias
        ("person", "  maria   LOPEZ ", ["Maria Lopez"]),  # spaces as in the name
        ("person", "o'bri", ["Seán O'Brien"]),  # a quote
        ("person", "SEÁN", ["Seán O'Brien"]),  # case of a letter with an accent
        ("person", "ÅNGSTRÖM", ["Zoë Ångström"]),
        ("person", "sean", []),  # accents count
        ("person", "nobody", []),
        ("organisation", "50%", ["50% Club"]),  # % is a percent sign, not a wildcard
        ("organisation", "0% c", ["50% Club"]),
        ("organisation", "5%b", []),
        ("organisation", "e_c", ["snake_case Works"]),  # _ is an underscore
        ("organisation", "e_w", []),
        ("organisation", "k\\s", ["Back\\slash Group"]),  # a backslash
        ("organisation", '"n"', ['Rock "n" Roll Ltd']),  # double quotes
        ("organisation", 'k "n', ['Rock "n" Roll Ltd']),
        ("organisation", "the harbour", ["The Harbour Authority"]),  # "the" is not the key
        ("organisation", "harbour auth", ["The Harbour Authority"]),
        ("organisation", "ha", ["The Harbour Authority"]),  # the alias (and no other "ha")
        ("organisation", "*", []),
        ("place", "ZÜRICH", ["Zürich"]),
        ("place", "zurich", []),
        ("place", "port", ["Southport"]),
    ],
)
def test_part_of_a_name_or_alias_any_case_every_character_literal(
    stored: Session, kind: EntityKind, name: str, expected: list[str]
) -> None:
    assert names(stored, kind, name=name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("z", ["Maria Lopez", "Zoë Ångström"]),
        ("Ö", ["Zoë Ångström"]),
        ("'", ["Seán O'Brien"]),
        ("o'", ["Seán O'Brien"]),
        ("ia", ["Maria Lopez"]),
        ("N", ["Maria Lopez", "Seán O'Brien", "Zoë Ångström"]),
        ("%", []),
        ("_", []),
        ("\\", []),
    ],
)
def test_one_or_two_characters_still_match_anywhere(
    stored: Session, name: str, expected: list[str]
) -> None:
    assert names(stored, "person", name=name) == expected


def test_one_or_two_special_characters_are_literal(stored: Session) -> None:
    assert names(stored, "organisation", name="%") == ["50% Club"]
    assert names(stored, "organisation", name="_") == ["snake_case Works"]
    assert names(stored, "organisation", name="\\") == ["Back\\slash Group"]
    assert names(stored, "organisation", name='"') == ['Rock "n" Roll Ltd']


@pytest.mark.parametrize("length", [3, 200, 5000])
def test_long_input_finds_nothing_rather_than_failing(stored: Session, length: int) -> None:
    text = ("q'\"%_\\" * length)[:length]
    assert names(stored, "person", name=text) == []
    assert names(stored, "organisation", related=text) == []
    assert speakers(stored, text) == []


def test_the_whole_name_repeated_is_not_contained(stored: Session) -> None:
    assert names(stored, "person", name="maria lopez maria lopez") == []


@pytest.mark.parametrize(
    ("kind", "related", "expected"),
    [
        ("person", "eastland", ["Maria Lopez"]),
        ("person", "LAND ARM", ["Maria Lopez"]),
        ("person", "eastland-army", ["Maria Lopez"]),  # an id
        ("person", "st", ["Maria Lopez"]),
        ("person", "harbour", []),
        ("organisation", "gen lop", ["Eastland Army"]),
        ("organisation", "maria-lopez", ["Eastland Army"]),
        ("organisation", "o'brien", []),
    ],
)
def test_related_by_part_of_a_name_or_an_id(
    stored: Session, kind: EntityKind, related: str, expected: list[str]
) -> None:
    assert names(stored, kind, related=related) == expected


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("maria-lopez", ["Maria Lopez"]),  # an id
        ("LOPEZ", ["Maria Lopez"]),
        ("gen lo", ["Maria Lopez"]),  # an alias of the speaking entity
        ("Official", [UNRESOLVED]),  # the speaker's own text, unresolved
        ("100%_f", [UNRESOLVED]),
        ("0%", [UNRESOLVED]),
        ("%_", [UNRESOLVED]),
        ("_fund\\d", [UNRESOLVED]),
        ("\\", [UNRESOLVED]),
        ("1%0", []),
        ("_u", []),
        ("ez", ["Maria Lopez"]),
        ("a", ["Maria Lopez", UNRESOLVED]),
        ("nobody", []),
    ],
)
def test_speaker_by_id_part_of_a_name_or_of_the_speaker_text(
    stored: Session, speaker: str, expected: list[str]
) -> None:
    assert speakers(stored, speaker) == expected
    # A speaker with many quotes is tested quote by quote in list order: the same quotes.
    assert speakers(stored, speaker, many=True) == expected


def test_only_a_busy_speaker_is_tested_quote_by_quote(stored: Session) -> None:
    assert not queries.speaker_matches_many(stored, "lopez")  # one quote of two
    hers = stored.exec(select(QuoteRow).where(QuoteRow.speaker_entity_id == "maria-lopez")).one()
    for _ in range(40):  # now 41 of 42: a page of hers is found reading a few quotes
        stored.add(QuoteRow(**hers.model_dump(exclude={"id"})))
    stored.commit()
    assert queries.speaker_matches_many(stored, "lopez")  # on PostgreSQL too: see is_dense
    assert speakers(stored, "lopez", many=True) == speakers(stored, "lopez") == ["Maria Lopez"] * 41
    assert not queries.speaker_matches_many(stored, "nobody")
    assert not queries.speaker_matches_many(stored, "lo")  # always tested quote by quote
    assert not queries.speaker_matches_many(stored, "LÓPEZ")  # LIKE folds ASCII only


def test_speaker_text_any_case_beyond_ascii(stored: Session) -> None:
    stored.execute(update(QuoteRow).values(speaker="ÖZIL Aide"))
    stored.commit()
    assert speakers(stored, "özil") == ["ÖZIL Aide", "ÖZIL Aide"]


def test_indexes_follow_renames_and_deletions(stored: Session) -> None:
    stored.execute(
        update(EntityRow).where(col(EntityRow.id) == "southport").values(name_key="northport")
    )
    stored.execute(delete(EntityAlias).where(col(EntityAlias.alias) == "Gen Lopez"))
    stored.commit()
    assert names(stored, "place", name="southp") == []
    assert names(stored, "place", name="northp") == ["Southport"]
    assert names(stored, "person", name="gen lopez") == []
    assert delete_article(stored, "names")
    stored.commit()
    assert names(stored, "place", name="northp") == []
    assert names(stored, "person", name="lopez") == []
    assert speakers(stored, "official") == []


def test_upgrading_a_filled_database_indexes_what_it_holds(database_url: str) -> None:
    """Rows stored by today's writer, the trigram indexes then dropped (down to 0004, which
    keeps every row) and made again from what the tables hold."""
    with open_session(database_url) as session:
        store(session)
    dispose_engines()
    config = alembic_config(database_url)
    command.downgrade(config, "0004")
    command.upgrade(config, "head")
    dispose_engines()
    with open_session(database_url) as session:
        assert names(session, "person", name="o'bri") == ["Seán O'Brien"]
        assert names(session, "organisation", name="arbour") == ["The Harbour Authority"]
        assert speakers(session, "official") == [UNRESOLVED]


@pytest.mark.sqlite_only
def test_vacuum_keeps_the_entity_rowids_the_index_is_keyed_by(
    database_url: str, session: Session
) -> None:
    """`entity` has no integer key, so its trigram index holds implicit rowids; VACUUM keeps
    them because the table has indexes (a table rebuilt by a migration would not)."""
    text = "Aaron Gap spoke."
    assert save_article(session, *article("gap", text, people=[entity(text, "Aaron Gap")]))
    store(session)
    assert delete_article(session, "gap")  # Aaron Gap goes too: the first rowid is free
    session.commit()
    session.close()
    dispose_engines()
    with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
        connection.execute("VACUUM")
    with open_session(database_url) as reopened:
        assert names(reopened, "person", name="aaron") == []
        assert names(reopened, "person", name="o'bri") == ["Seán O'Brien"]
        assert names(reopened, "place", name="zür") == ["Zürich"]
