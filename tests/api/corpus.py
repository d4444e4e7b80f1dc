"""Three invented news articles with hand-written facts, stored for the API tests."""

from __future__ import annotations

from app.extract.schema import (
    ArticleFacts,
    DateFact,
    Entity,
    Figure,
    Mention,
    Quote,
    RoleMention,
    Span,
    TroopLevel,
)
from app.ingest.article import RawArticle
from app.partial_date import PartialDate


def located(text: str, phrase: str, nth: int = 1) -> Mention:
    """The `nth` occurrence of `phrase` in `text` as a Mention."""
    start = -1
    for _ in range(nth):
        start = text.index(phrase, start + 1)
    return Mention(start=start, end=start + len(phrase), text=phrase)


def span(mention: Mention) -> Span:
    return Span(start=mention.start, end=mention.end)


LOPEZ_TEXT = (
    "Gen Maria Lopez, chief of the Eastland Army, met United Nations envoys in Northbridge "
    'on 4 March 2021. "We will keep 2,500 troops in Northbridge until May," Lopez said. '
    "The UN pledged $40 million. Carlos Smith, a UN envoy, said the talks were useful."
)
ACCORD_TEXT = (
    "Maria Elena Lopez and Jane Smith signed the accord in Southport. "
    "Gen Lopez said about 3,000 troops were in Northbridge in April 2021. "
    'Smith called it "a fresh start".'
)
UN_TEXT = "The UN said 1,200 Westland troops remain in Southport as of 2020."


def lopez_article() -> tuple[RawArticle, ArticleFacts]:
    t = LOPEZ_TEXT
    quote = located(t, "We will keep 2,500 troops in Northbridge until May")
    useful = located(t, "the talks were useful")
    troop_sentence = located(t, '"We will keep 2,500 troops in Northbridge until May," Lopez said.')
    facts = ArticleFacts(
        id="lopez-meets-un-envoys",
        people=[
            Entity(
                name="Maria Lopez",
                aliases=["Gen Maria Lopez", "Lopez"],
                roles=["chief"],
                mentions=[located(t, "Gen Maria Lopez"), located(t, "Lopez", 2)],
                role_mentions=[
                    RoleMention(
                        **located(t, "chief of the Eastland Army").model_dump(), role="chief"
                    )
                ],
                organisations=["Eastland Army"],
            ),
            Entity(
                name="Carlos Smith",
                mentions=[located(t, "Carlos Smith")],
                role_mentions=[RoleMention(**located(t, "UN envoy").model_dump(), role="envoy")],
                organisations=["United Nations"],
            ),
        ],
        organisations=[
            Entity(name="Eastland Army", mentions=[located(t, "Eastland Army")]),
            Entity(
                name="United Nations",
                aliases=["UN"],
                mentions=[located(t, "United Nations"), located(t, "UN"), located(t, "UN", 2)],
            ),
        ],
        places=[
            Entity(
                name="Northbridge",
                mentions=[located(t, "Northbridge"), located(t, "Northbridge", 2)],
            )
        ],
        quotes=[
            Quote(
                **span(quote).model_dump(),
                text=quote.text,
                segments=[span(quote)],
                kind="direct",
                speaker="Maria Lopez",
                speaker_mention=located(t, "Lopez", 2),
                speaker_kind="person",
                cue="said",
                cue_mention=located(t, "said"),
            ),
            Quote(
                **span(useful).model_dump(),
                text=useful.text,
                segments=[span(useful)],
                kind="indirect",
                speaker="Carlos Smith",
                speaker_mention=located(t, "Carlos Smith"),
                speaker_kind="person",
                cue="said",
                cue_mention=located(t, "said", 2),
            ),
        ],
        figures=[
            Figure(
                **located(t, "2,500 troops").model_dump(), value=2500, unit="count", object="troops"
            ),
            Figure(**located(t, "$40 million").model_dump(), value=40e6, unit="USD", object=None),
        ],
        dates=[
            DateFact(
                **located(t, "4 March 2021").model_dump(), value="2021-03-04", precision="day"
            ),
            DateFact(**located(t, "May").model_dump(), value="2021-05", precision="month"),
        ],
        troop_levels=[
            TroopLevel(
                **located(t, "keep 2,500 troops in Northbridge until May").model_dump(),
                force="Eastland Army",
                location="Northbridge",
                count=2500,
                qualifier="exact",
                date="2021-05",
                date_precision="month",
                date_mod=None,
                status="planned",
                condition=None,
                sentence=troop_sentence,
            )
        ],
    )
    article = RawArticle(
        id=facts.id,
        text=t,
        title="Lopez meets UN envoys",
        source="Eastland Herald",
        url="https://news.example/lopez",
        published=PartialDate(2021, 3, 4),
    )
    return article, facts


def accord_article() -> tuple[RawArticle, ArticleFacts]:
    t = ACCORD_TEXT
    fresh = located(t, "a fresh start")
    facts = ArticleFacts(
        id="smith-and-lopez-sign-accord",
        people=[
            Entity(
                name="Maria Elena Lopez",
                aliases=["Gen Lopez"],
                mentions=[located(t, "Maria Elena Lopez"), located(t, "Gen Lopez")],
            ),
            Entity(
                name="Jane Smith",
                aliases=["Smith"],
                mentions=[located(t, "Jane Smith"), located(t, "Smith", 2)],
            ),
        ],
        places=[
            Entity(name="Southport", mentions=[located(t, "Southport")]),
            Entity(name="Northbridge", mentions=[located(t, "Northbridge")]),
        ],
        quotes=[
            Quote(
                **span(fresh).model_dump(),
                text=fresh.text,
                segments=[span(fresh)],
                kind="partial",
                speaker="Jane Smith",
                speaker_mention=located(t, "Smith", 2),
                speaker_kind="person",
                cue="called",
                cue_mention=located(t, "called"),
            )
        ],
        figures=[
            Figure(
                **located(t, "3,000 troops").model_dump(), value=3000, unit="count", object="troops"
            )
        ],
        dates=[
            DateFact(**located(t, "April 2021").model_dump(), value="2021-04", precision="month")
        ],
        troop_levels=[
            TroopLevel(
                **located(t, "about 3,000 troops were in Northbridge").model_dump(),
                force="Eastland Army",
                location="Northbridge",
                count=3000,
                qualifier="approx",
                date="2021-04",
                date_precision="month",
                date_mod=None,
                status="reported",
                condition=None,
                sentence=located(
                    t, "Gen Lopez said about 3,000 troops were in Northbridge in April 2021."
                ),
            )
        ],
    )
    article = RawArticle(
        id=facts.id, text=t, title="Smith and Lopez sign accord", published=PartialDate(2021, 6)
    )
    return article, facts


def un_article() -> tuple[RawArticle, ArticleFacts]:
    t = UN_TEXT
    remain = located(t, "1,200 Westland troops remain in Southport")
    facts = ArticleFacts(
        id="un-counts-westland-troops",
        organisations=[Entity(name="UN", mentions=[located(t, "UN")])],
        places=[Entity(name="Southport", mentions=[located(t, "Southport")])],
        quotes=[
            Quote(
                **span(remain).model_dump(),
                text=remain.text,
                segments=[span(remain)],
                kind="indirect",
                speaker="UN",
                speaker_mention=located(t, "The UN"),
                speaker_kind="organisation",
                cue="said",
                cue_mention=located(t, "said"),
            )
        ],
        troop_levels=[
            TroopLevel(
                **remain.model_dump(),
                force="Westland Army",
                location="Southport",
                count=1200,
                qualifier="exact",
                date="2020",
                date_precision="year",
                date_mod="END",
                status="reported",
                condition=None,
                sentence=located(t, t),
            )
        ],
    )
    return RawArticle(id=facts.id, text=t), facts


def corpus() -> list[tuple[RawArticle, ArticleFacts]]:
    return [lopez_article(), accord_article(), un_article()]
