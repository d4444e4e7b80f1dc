"""Taking an article back out: its facts go, and so do entities only it named."""

from __future__ import annotations

from sqlalchemy import delete, func, update
from sqlmodel import Session, col, select

from app.store.models import (
    Article,
    DateFact,
    Entity,
    EntityAlias,
    EntityArticle,
    EntityRole,
    EntityRoleCount,
    Figure,
    Mention,
    PersonOrganisation,
    Quote,
    TroopLevel,
)
from app.store.writer import bump_data_version, lock_writes

_FACT_TABLES = (Mention, EntityRole, Quote, Figure, DateFact, TroopLevel, PersonOrganisation)


def delete_article(session: Session, article_id: str) -> bool:
    """Remove the article, every fact citing it, and entities no other article names.

    Entities other articles still name stay, with their counts lowered by what this
    article contributed. Like `save_article`, it runs in a SAVEPOINT and the caller
    commits. False when there is no such article. It takes the writers' lock first, as
    `save_article` does, so it never interleaves with an ingest's entity resolution.
    """
    lock_writes(session)
    if session.get(Article, article_id) is None:
        return False
    with session.begin_nested():
        appearances = session.exec(
            select(EntityArticle).where(EntityArticle.article_id == article_id)
        ).all()
        contributed = {row.entity_id: row.mention_count for row in appearances}
        _remove_role_mentions(session, article_id)
        for table in _FACT_TABLES:
            session.execute(delete(table).where(col(table.article_id) == article_id))
        session.execute(delete(EntityArticle).where(col(EntityArticle.article_id) == article_id))
        for entity_id, mention_count in contributed.items():
            session.execute(
                update(Entity)
                .where(col(Entity.id) == entity_id)
                .values(
                    mention_count=Entity.mention_count - mention_count,
                    article_count=Entity.article_count - 1,
                )
            )
        orphans = session.exec(
            select(Entity.id).where(
                col(Entity.id).in_(list(contributed)), Entity.article_count <= 0
            )
        ).all()
        if orphans:
            session.execute(delete(EntityAlias).where(col(EntityAlias.entity_id).in_(orphans)))
            session.execute(delete(Entity).where(col(Entity.id).in_(orphans)))
        session.execute(delete(Article).where(col(Article.id) == article_id))
        bump_data_version(session)
        session.expire_all()
    return True


def _remove_role_mentions(session: Session, article_id: str) -> None:
    """Lower each entity's role counts by this article's role mentions; a role no other
    article gives goes."""
    given = session.exec(
        select(EntityRole.entity_id, EntityRole.role, func.count())
        .where(EntityRole.article_id == article_id)
        .group_by(col(EntityRole.entity_id), col(EntityRole.role))
    ).all()
    for entity_id, role, mentions in given:
        this_role = (
            col(EntityRoleCount.entity_id) == entity_id,
            col(EntityRoleCount.role) == role,
        )
        session.execute(
            update(EntityRoleCount)
            .where(*this_role)
            .values(mention_count=EntityRoleCount.mention_count - mentions)
        )
        session.execute(
            delete(EntityRoleCount).where(*this_role, col(EntityRoleCount.mention_count) <= 0)
        )
