"""save_article(s): idempotent, refuses conflicting ids, all or nothing, counts kept up to
date; a batch stores what saving its articles one by one stores."""

from __future__ import annotations

import pytest
from sqlalchemy import text as sql
from sqlmodel import Session, SQLModel, func, select

from app.extract.schema import Figure, Mention, Quote, RoleMention, Span, TroopLevel
from app.ingest.article import RawArticle
from app.store import writer
from app.store.deletion import delete_article
from app.store.models import (
    Article,
    DataVersion,
    Entity,
    EntityArticle,
    EntityRoleCount,
    PersonOrganisation,
)
from app.store.models import Quote as QuoteRow
from app.store.queries import count_articles, is_stored
from app.store.writer import ArticleConflictError, InvalidFactError, save_article, save_articles

from .sample import article, entity, located

TEXT = "Maria Lopez, head of the Port Authority, said 40 ships docked in Southport."


def lopez_article(article_id: str = "port-report", text: str = TEXT):
    quote = located(text, "40 ships docked in Southport")
    return article(
        article_id,
        text,
        people=[entity(text, "Maria Lopez", organisations=("Port Authority",))],
        organisations=[entity(text, "Port Authority")],
        places=[entity(text, "Southport")],
        quotes=[
            Quote(
                start=quote.start,
                end=quote.end,
                text=quote.text,
                segments=[Span(start=quote.start, end=quote.end)],
                kind="indirect",
                speaker="Maria Lopez",
                speaker_mention=located(text, "Maria Lopez"),
                cue="said",
                cue_mention=located(text, "said"),
            )
        ],
        figures=[
            Figure(**located(text, "40 ships").model_dump(), value=40, unit="count", object="ships")
        ],
    )


def count(session: Session, model: type[SQLModel]) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_save_then_save_again_is_a_no_op(session: Session) -> None:
    raw, facts = lopez_article()
    assert save_article(session, raw, facts) is True
    session.commit()
    assert save_article(session, raw, facts) is False
    session.commit()
    assert count_articles(session) == 1
    assert count(session, QuoteRow) == 1
    assert session.get(Entity, "maria-lopez").mention_count == 1


def test_same_text_under_another_id_is_a_no_op(session: Session) -> None:
    save_article(session, *lopez_article("first"))
    assert save_article(session, *lopez_article("second")) is False
    assert count_articles(session) == 1


def test_an_id_holding_another_text_is_a_conflict(session: Session) -> None:
    save_article(session, *lopez_article())
    session.commit()
    other_text = TEXT + " Updated at noon."
    with pytest.raises(ArticleConflictError) as raised:
        save_article(session, *lopez_article(text=other_text))
    assert str(raised.value) == (
        "article id 'port-report' already holds different text; give this article another id"
    )


def test_a_failure_half_way_leaves_nothing(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer._ArticleWriter, "_save_figures", fail)
    with pytest.raises(RuntimeError):
        save_article(session, *lopez_article())
    session.commit()  # the session stays usable; nothing of the article was kept
    for model in (Article, Entity, EntityArticle, QuoteRow, PersonOrganisation):
        assert count(session, model) == 0, model.__name__
    monkeypatch.undo()
    assert save_article(session, *lopez_article()) is True


def test_offsets_outside_the_text_are_refused(session: Session) -> None:
    raw, facts = lopez_article()
    facts.figures[0] = facts.figures[0].model_copy(update={"end": len(TEXT) + 5})
    with pytest.raises(InvalidFactError, match="outside its text"):
        save_article(session, raw, facts)
    assert count_articles(session) == 0


def test_troop_level_dates_must_be_partial_dates(session: Session) -> None:
    raw, facts = lopez_article()
    sentence = Mention(start=0, end=len(TEXT), text=TEXT)
    facts.troop_levels.append(
        TroopLevel(
            **located(TEXT, "40 ships").model_dump(),
            force="Navy",
            location=None,
            count=40,
            qualifier="exact",
            date="last spring",
            date_precision="month",
            date_mod=None,
            status="reported",
            condition=None,
            sentence=sentence,
        )
    )
    with pytest.raises(InvalidFactError, match="YYYY"):
        save_article(session, raw, facts)


def test_facts_must_be_for_the_same_article(session: Session) -> None:
    raw, facts = lopez_article()
    with pytest.raises(ValueError, match="not 'elsewhere'"):
        save_article(session, RawArticle(id="elsewhere", text=raw.text), facts)


def test_links_speakers_and_organisations(session: Session) -> None:
    save_article(session, *lopez_article())
    quote = session.exec(select(QuoteRow)).one()
    assert quote.speaker_entity_id == "maria-lopez"
    link = session.exec(select(PersonOrganisation)).one()
    assert (link.person_id, link.organisation_id) == ("maria-lopez", "port-authority")


def test_an_organisation_named_only_as_employer_is_created(session: Session) -> None:
    text = "Maria Lopez spoke in Southport."
    save_article(
        session,
        *article("a", text, people=[entity(text, "Maria Lopez", organisations=("Harbour Board",))]),
    )
    board = session.get(Entity, "harbour-board")
    assert board is not None
    assert (board.kind, board.mention_count, board.article_count) == ("organisation", 0, 1)


def test_every_stored_fact_quotes_its_article_exactly(session: Session) -> None:
    save_article(session, *lopez_article())
    save_article(session, *lopez_article("again", TEXT + " More later."))
    session.commit()
    checks = {
        "mention": ("start", "end", "text"),
        "entity_role": ("start", "end", "text"),
        "quote": ("start", "end", "text"),
        "figure": ("start", "end", "text"),
        "date_fact": ("start", "end", "text"),
        "troop_level": ("start", "end", "text"),
    }
    checked = 0
    for table, (start, end, text) in checks.items():
        rows = session.connection().execute(
            sql(
                f'SELECT a.text, f."{start}", f."{end}", f."{text}" FROM {table} f '
                "JOIN article a ON a.id = f.article_id"
            )
        )
        for article_text, start_at, end_at, fact_text in rows:
            assert article_text[start_at:end_at] == fact_text, table
            checked += 1
    assert checked > 0


def test_is_stored_means_saving_would_change_nothing(session: Session) -> None:
    raw, facts = lopez_article()
    assert not is_stored(session, raw)
    save_article(session, raw, facts)
    assert is_stored(session, raw)
    assert is_stored(session, RawArticle(id="copy", text=TEXT))
    assert not is_stored(session, RawArticle(id=raw.id, text=TEXT + " Updated."))


def test_each_stored_article_bumps_the_data_version_once(session: Session) -> None:
    def version() -> int:
        return session.exec(select(DataVersion.version)).one()

    before = version()
    raw, facts = lopez_article()
    save_article(session, raw, facts)
    save_article(session, raw, facts)  # already stored: nothing changes
    session.commit()
    assert version() == before + 1


def roles_of(session: Session, entity_id: str) -> dict[str, int]:
    rows = session.exec(
        select(EntityRoleCount.role, EntityRoleCount.mention_count).where(
            EntityRoleCount.entity_id == entity_id
        )
    ).all()
    return dict(rows)


def test_distinct_roles_are_counted_at_ingest_and_deletion(session: Session) -> None:
    """Each entity's distinct roles and how many role mentions give them stay exact:
    deleting an article removes the roles only it gave and lowers the others."""

    def with_roles(article_id: str, text: str, *roles: tuple[str, str]) -> None:
        person = entity(text, "Maria Lopez")
        person.role_mentions = [
            RoleMention(**located(text, phrase).model_dump(), role=role) for phrase, role in roles
        ]
        assert save_article(session, *article(article_id, text, people=[person]))

    with_roles(
        "one", "Chief Maria Lopez, the chief, spoke.", ("Chief", "chief"), ("chief,", "chief")
    )
    with_roles(
        "two", "Mayor Maria Lopez and Chief Lopez met.", ("Mayor", "mayor"), ("Chief", "chief")
    )
    session.commit()
    assert roles_of(session, "maria-lopez") == {"chief": 3, "mayor": 1}
    assert delete_article(session, "two")
    session.commit()
    assert roles_of(session, "maria-lopez") == {"chief": 2}
    assert delete_article(session, "one")
    session.commit()
    assert count(session, EntityRoleCount) == 0


def test_a_batch_resolves_names_as_its_articles_saved_one_by_one(session: Session) -> None:
    """A later article of the batch renames an entity an earlier one created, names it
    again, and repeats another article's text: counts, appearances and seqs agree."""
    first = "Lopez spoke in Southport."
    second = "Maria Lopez and Lopez left Southport."
    batch = [
        article("a", first, people=[entity(first, "Lopez")], places=[entity(first, "Southport")]),
        article(
            "b",
            second,
            people=[entity(second, "Maria Lopez", "Maria Lopez", "Lopez", aliases=("Lopez",))],
            places=[entity(second, "Southport")],
        ),
        article("a-copy", first, people=[entity(first, "Lopez")]),
    ]
    assert save_articles(session, batch) == [True, True, False]
    session.commit()
    person = session.get(Entity, "lopez")
    assert (person.name, person.mention_count, person.article_count) == ("Maria Lopez", 3, 2)
    appearances = session.exec(
        select(EntityArticle.entity_id, EntityArticle.article_id, EntityArticle.mention_count)
    ).all()
    assert sorted(appearances) == [
        ("lopez", "a", 1),
        ("lopez", "b", 2),
        ("southport", "a", 1),
        ("southport", "b", 1),
    ]
    assert session.exec(select(Article.id).order_by(Article.seq)).all() == ["a", "b"]
    assert session.get(Entity, "southport").article_count == 2


def test_a_batch_with_a_conflict_or_a_bad_fact_writes_nothing(session: Session) -> None:
    save_article(session, *lopez_article())
    session.commit()
    good = article("other", "Ana Berg spoke.", people=[entity("Ana Berg spoke.", "Ana Berg")])
    conflict = lopez_article(text=TEXT + " Updated at noon.")
    with pytest.raises(ArticleConflictError):
        save_articles(session, [good, conflict])
    session.rollback()
    raw, facts = lopez_article("moved", TEXT + " Moved.")
    facts.figures[0] = facts.figures[0].model_copy(update={"end": len(raw.text) + 5})
    with pytest.raises(InvalidFactError):
        save_articles(session, [good, (raw, facts)])
    session.rollback()
    assert count_articles(session) == 1
    assert session.get(Entity, "ana-berg") is None


def test_a_batch_bumps_the_data_version_once(session: Session) -> None:
    before = session.exec(select(DataVersion.version)).one()
    texts = ["Ana Berg spoke.", "Kofi Mensah spoke.", "Lena Ortiz spoke."]
    save_articles(
        session,
        [article(f"n{i}", text, people=[entity(text, text[:-7])]) for i, text in enumerate(texts)],
    )
    session.commit()
    assert session.exec(select(DataVersion.version)).one() == before + 1
    assert count(session, Entity) == 3
