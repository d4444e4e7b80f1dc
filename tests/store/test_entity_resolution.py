"""Entities shared across articles: who merges with whom, and what the merged entity keeps."""

from __future__ import annotations

from sqlmodel import Session, select

from app.store.models import Entity, EntityAlias
from app.store.writer import save_article

from .sample import article, entity


def people(session: Session) -> dict[str, Entity]:
    return {e.id: e for e in session.exec(select(Entity).where(Entity.kind == "person"))}


def aliases(session: Session, entity_id: str) -> set[str]:
    statement = select(EntityAlias.alias).where(EntityAlias.entity_id == entity_id)
    return set(session.exec(statement))


def save_person(session: Session, article_id: str, text: str, name: str, *phrases: str) -> None:
    save_article(session, *article(article_id, text, people=[entity(text, name, *phrases)]))


def test_a_fuller_name_in_a_later_article_merges_and_becomes_the_name(session: Session) -> None:
    save_person(session, "a", "Maria Lopez arrived.", "Maria Lopez")
    save_person(session, "b", "Maria Elena Lopez left.", "Maria Elena Lopez")
    merged = people(session)
    assert list(merged) == ["maria-lopez"]  # the id never changes
    lopez = merged["maria-lopez"]
    assert lopez.name == "Maria Elena Lopez"
    assert aliases(session, "maria-lopez") == {"Maria Lopez"}
    assert (lopez.mention_count, lopez.article_count) == (2, 2)


def test_a_shorter_name_merges_into_the_fuller_one(session: Session) -> None:
    save_person(session, "a", "Maria Elena Lopez arrived.", "Maria Elena Lopez")
    save_person(session, "b", "Gen Lopez left. Lopez waved.", "Lopez", "Gen Lopez", "Lopez")
    lopez = people(session)["maria-elena-lopez"]
    assert lopez.name == "Maria Elena Lopez"
    assert aliases(session, lopez.id) == {"Lopez"}
    assert len(people(session)) == 1


def test_different_first_names_do_not_merge(session: Session) -> None:
    save_person(session, "a", "John Smith arrived.", "John Smith")
    save_person(session, "b", "Jane Smith left.", "Jane Smith")
    assert set(people(session)) == {"john-smith", "jane-smith"}


def test_a_bare_surname_joins_the_most_mentioned_namesake(session: Session) -> None:
    text = "John Smith met John Smith's staff. Jane Smith did not."
    save_article(
        session,
        *article(
            "a",
            text,
            people=[
                entity(text, "John Smith", "John Smith", "John Smith's"),
                entity(text, "Jane Smith"),
            ],
        ),
    )
    save_person(session, "b", "Smith said no.", "Smith")
    found = people(session)
    assert set(found) == {"john-smith", "jane-smith"}
    assert found["john-smith"].mention_count == 3
    assert found["john-smith"].article_count == 2


def test_two_forms_in_one_article_count_that_article_once(session: Session) -> None:
    text = "Maria Lopez spoke. Later Lopez left."
    save_article(
        session,
        *article(
            "a",
            text,
            people=[entity(text, "Maria Lopez"), entity(text, "Lopez", "Lopez left")],
        ),
    )
    lopez = people(session)["maria-lopez"]
    assert (lopez.mention_count, lopez.article_count) == (2, 1)


def test_organisations_merge_on_any_alias(session: Session) -> None:
    first = "The United Nations met."
    save_article(
        session,
        *article(
            "a",
            first,
            organisations=[entity(first, "United Nations", aliases=("UN",))],
        ),
    )
    for article_id, text, name in [("b", "The UN voted.", "UN"), ("c", "un staff left.", "un")]:
        save_article(session, *article(article_id, text, organisations=[entity(text, name)]))
    organisations = session.exec(select(Entity).where(Entity.kind == "organisation")).all()
    assert [(o.id, o.name, o.article_count) for o in organisations] == [
        ("united-nations", "United Nations", 3)
    ]
    assert aliases(session, "united-nations") == {"UN"}


def test_slugs_are_unique_across_kinds(session: Session) -> None:
    text = "Jordan visited Jordan."
    save_article(
        session,
        *article(
            "a",
            text,
            people=[entity(text, "Jordan")],
            places=[entity(text, "Jordan", "visited Jordan")],
        ),
    )
    kinds = {e.id: e.kind for e in session.exec(select(Entity))}
    assert kinds == {"jordan": "person", "jordan-2": "place"}


def test_a_person_is_named_without_titles(session: Session) -> None:
    save_person(session, "a", "Lt Gen Tomas Berg spoke.", "Lt Gen Tomas Berg")
    berg = people(session)["tomas-berg"]
    assert berg.name == "Tomas Berg"
    assert aliases(session, "tomas-berg") == {"Lt Gen Tomas Berg"}


def test_a_role_in_front_of_the_name_never_becomes_the_name(session: Session) -> None:
    text = "Finance Minister Ana Berg spoke. Berg left."
    berg = entity(text, "Ana Berg", "Finance Minister Ana Berg", "Berg")
    berg.aliases = ["Finance Minister Ana Berg"]
    save_article(session, *article("a", text, people=[berg]))
    stored = people(session)["ana-berg"]
    assert stored.name == "Ana Berg"
    assert "Finance Minister Ana Berg" in aliases(session, "ana-berg")
