"""Build small invented articles and their facts by naming the phrases they contain."""

from __future__ import annotations

from app.extract.schema import ArticleFacts, Entity, Mention
from app.ingest.article import RawArticle


def located(text: str, phrase: str, nth: int = 1) -> Mention:
    """The `nth` occurrence of `phrase` in `text` as a Mention."""
    start = -1
    for _ in range(nth):
        start = text.index(phrase, start + 1)
    return Mention(start=start, end=start + len(phrase), text=phrase)


def entity(
    text: str,
    name: str,
    *phrases: str,
    aliases: tuple[str, ...] = (),
    organisations: tuple[str, ...] = (),
) -> Entity:
    """An entity mentioned once by each phrase (by its name if no phrase is given)."""
    return Entity(
        name=name,
        aliases=list(aliases),
        mentions=[located(text, phrase) for phrase in phrases or (name,)],
        organisations=list(organisations),
    )


def article(article_id: str, text: str, **facts: object) -> tuple[RawArticle, ArticleFacts]:
    return RawArticle(id=article_id, text=text), ArticleFacts(id=article_id, **facts)
