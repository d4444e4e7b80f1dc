"""Read paths at scale: what list and detail routes need to answer in a few
milliseconds at 100k articles: entity roles counted at ingest, an entity's articles
paged from an index, an organisation's people and an entity's latest roles read from
indexes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Each entity's distinct roles, counted, so list pages need not read every role mention;
    # filled from the role mentions already stored.
    op.create_table(
        "entity_role_count",
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("mention_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entity.id"], name=op.f("fk_entity_role_count_entity_id_entity")
        ),
        sa.PrimaryKeyConstraint("entity_id", "role", name=op.f("pk_entity_role_count")),
    )
    op.execute(
        "INSERT INTO entity_role_count (entity_id, role, mention_count)"
        " SELECT entity_id, role, count(*) FROM entity_role GROUP BY entity_id, role"
    )
    # An entity's latest role mentions (by id) from an index.
    op.create_index(op.f("ix_entity_role_entity_id_id"), "entity_role", ["entity_id", "id"])
    op.drop_index(op.f("ix_entity_role_entity_id_article_id"), table_name="entity_role")
    # An organisation's people in id order, each once, from an index (a person's
    # organisations already are: the unique (person, organisation, article)).
    op.create_index(
        op.f("ix_person_organisation_organisation_id_person_id"),
        "person_organisation",
        ["organisation_id", "person_id"],
    )
    op.drop_index(op.f("ix_person_organisation_organisation_id"), table_name="person_organisation")
    # Each appearance carries its article's sort keys: an entity's articles page from an index.
    with op.batch_alter_table("entity_article") as batch:
        batch.add_column(sa.Column("article_seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("published_key", sa.Date(), nullable=True))
    op.execute(
        "UPDATE entity_article SET"
        " article_seq = (SELECT seq FROM article WHERE article.id = entity_article.article_id),"
        " published_key = (SELECT coalesce(published_start, '0001-01-01') FROM article"
        " WHERE article.id = entity_article.article_id)"
    )
    with op.batch_alter_table("entity_article") as batch:
        batch.alter_column("article_seq", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("published_key", existing_type=sa.Date(), nullable=False)
        batch.create_index(
            op.f("ix_entity_article_entity_id_article_seq"), ["entity_id", "article_seq"]
        )
        batch.create_index(
            op.f("ix_entity_article_entity_id_published_key_article_seq"),
            ["entity_id", "published_key", "article_seq"],
        )


def downgrade() -> None:
    with op.batch_alter_table("entity_article") as batch:
        batch.drop_index(op.f("ix_entity_article_entity_id_published_key_article_seq"))
        batch.drop_index(op.f("ix_entity_article_entity_id_article_seq"))
        batch.drop_column("published_key")
        batch.drop_column("article_seq")
    op.create_index(
        op.f("ix_entity_role_entity_id_article_id"), "entity_role", ["entity_id", "article_id"]
    )
    op.drop_index(op.f("ix_entity_role_entity_id_id"), table_name="entity_role")
    op.create_index(
        op.f("ix_person_organisation_organisation_id"), "person_organisation", ["organisation_id"]
    )
    op.drop_index(
        op.f("ix_person_organisation_organisation_id_person_id"), table_name="person_organisation"
    )
    op.drop_table("entity_role_count")
