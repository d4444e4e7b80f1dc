"""Initial schema: articles, entities shared across articles, and every fact.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("published_date", sa.String(), nullable=True),
        sa.Column("published_precision", sa.String(), nullable=True),
        sa.Column("content_hash", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_article_content_hash")),
    )
    op.create_table(
        "entity",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("mention_count", sa.Integer(), nullable=False),
        sa.Column("article_count", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("surname_key", sa.String(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('person', 'organisation', 'place')", name=op.f("ck_entity_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity")),
    )
    op.create_index(op.f("ix_entity_kind_name_key"), "entity", ["kind", "name_key"])
    op.create_index(op.f("ix_entity_kind_surname_key"), "entity", ["kind", "surname_key"])

    op.create_table(
        "date_fact",
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value", sa.String(), nullable=True),
        sa.Column("precision", sa.String(), nullable=True),
        sa.Column("mod", sa.String(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_date_fact_article_id_article")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_date_fact")),
    )
    op.create_index(op.f("ix_date_fact_article_id"), "date_fact", ["article_id"])

    op.create_table(
        "entity_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("alias", sa.String(), nullable=False),
        sa.Column("alias_key", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entity.id"], name=op.f("fk_entity_alias_entity_id_entity")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_alias")),
        sa.UniqueConstraint("entity_id", "alias", name=op.f("uq_entity_alias_entity_id_alias")),
    )
    op.create_index(op.f("ix_entity_alias_alias_key"), "entity_alias", ["alias_key"])

    op.create_table(
        "entity_article",
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("mention_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_entity_article_article_id_article")
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entity.id"], name=op.f("fk_entity_article_entity_id_entity")
        ),
        sa.PrimaryKeyConstraint("entity_id", "article_id", name=op.f("pk_entity_article")),
    )
    op.create_index(op.f("ix_entity_article_article_id"), "entity_article", ["article_id"])

    op.create_table(
        "entity_role",
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_entity_role_article_id_article")
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entity.id"], name=op.f("fk_entity_role_entity_id_entity")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_role")),
    )
    op.create_index(op.f("ix_entity_role_article_id"), "entity_role", ["article_id"])
    op.create_index(
        op.f("ix_entity_role_entity_id_article_id"), "entity_role", ["entity_id", "article_id"]
    )

    op.create_table(
        "figure",
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("object", sa.String(), nullable=True),
        sa.Column("duration", sa.String(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_figure_article_id_article")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figure")),
    )
    op.create_index(op.f("ix_figure_article_id"), "figure", ["article_id"])
    op.create_index(op.f("ix_figure_unit"), "figure", ["unit"])

    op.create_table(
        "mention",
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_mention_article_id_article")
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entity.id"], name=op.f("fk_mention_entity_id_entity")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mention")),
    )
    op.create_index(op.f("ix_mention_article_id"), "mention", ["article_id"])
    op.create_index(op.f("ix_mention_entity_id_article_id"), "mention", ["entity_id", "article_id"])

    op.create_table(
        "person_organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(), nullable=False),
        sa.Column("organisation_id", sa.String(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_person_organisation_article_id_article")
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["entity.id"],
            name=op.f("fk_person_organisation_organisation_id_entity"),
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["entity.id"], name=op.f("fk_person_organisation_person_id_entity")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_organisation")),
        sa.UniqueConstraint(
            "person_id",
            "organisation_id",
            "article_id",
            name=op.f("uq_person_organisation_person_id_organisation_id_article_id"),
        ),
    )
    op.create_index(
        op.f("ix_person_organisation_article_id"), "person_organisation", ["article_id"]
    )
    op.create_index(
        op.f("ix_person_organisation_organisation_id"), "person_organisation", ["organisation_id"]
    )

    op.create_table(
        "quote",
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("speaker", sa.String(), nullable=True),
        sa.Column("speaker_kind", sa.String(), nullable=True),
        sa.Column("cue", sa.String(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("segments", sa.JSON(), nullable=False),
        sa.Column("speaker_entity_id", sa.String(), nullable=True),
        sa.Column("speaker_mention_start", sa.Integer(), nullable=True),
        sa.Column("speaker_mention_end", sa.Integer(), nullable=True),
        sa.Column("speaker_mention_text", sa.String(), nullable=True),
        sa.Column("cue_start", sa.Integer(), nullable=True),
        sa.Column("cue_end", sa.Integer(), nullable=True),
        sa.Column("cue_text", sa.String(), nullable=True),
        sa.CheckConstraint("kind IN ('direct', 'partial', 'indirect')", name=op.f("ck_quote_kind")),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_quote_article_id_article")
        ),
        sa.ForeignKeyConstraint(
            ["speaker_entity_id"], ["entity.id"], name=op.f("fk_quote_speaker_entity_id_entity")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quote")),
    )
    op.create_index(op.f("ix_quote_article_id"), "quote", ["article_id"])
    op.create_index(op.f("ix_quote_kind"), "quote", ["kind"])
    op.create_index(op.f("ix_quote_speaker_entity_id"), "quote", ["speaker_entity_id"])

    op.create_table(
        "troop_level",
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("force", sa.String(), nullable=False),
        sa.Column("location", sa.String(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("qualifier", sa.String(), nullable=False),
        sa.Column("date", sa.String(), nullable=False),
        sa.Column("date_precision", sa.String(), nullable=False),
        sa.Column("date_mod", sa.String(), nullable=True),
        sa.Column("condition", sa.String(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("sentence_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["article.id"], name=op.f("fk_troop_level_article_id_article")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_troop_level")),
    )
    op.create_index(op.f("ix_troop_level_article_id"), "troop_level", ["article_id"])
    op.create_index(op.f("ix_troop_level_force_location"), "troop_level", ["force", "location"])
    op.create_index(op.f("ix_troop_level_status"), "troop_level", ["status"])


def downgrade() -> None:
    """Drop every table (their indexes go with them), children before parents."""
    op.drop_table("troop_level")
    op.drop_table("quote")
    op.drop_table("person_organisation")
    op.drop_table("mention")
    op.drop_table("figure")
    op.drop_table("entity_role")
    op.drop_table("entity_article")
    op.drop_table("entity_alias")
    op.drop_table("date_fact")
    op.drop_table("entity")
    op.drop_table("article")
