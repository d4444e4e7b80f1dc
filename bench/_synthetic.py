"""Synthetic news articles whose facts are known exactly, for benchmarks.

One generator serves both benchmark scripts: `corpus.py` writes the texts for the NLP
pipeline, `filldb.py` stores the same articles with the facts recorded while the text
was written, so every span is right by construction (`text[start:end] == fact.text`).

Every word list and sentence here was written for this file. Entities are drawn from a
fixed "world" with a Zipf-like skew, as in real news: a few people and places appear in
a large share of articles, most only in a handful. Each article has its own random
stream (`seed`, `index`), so article 7 is the same whether 10 or 10,000 are made
with the same world.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from typing import Literal, TypeVar

Drawn = TypeVar("Drawn")

# --------------------------------------------------------------------------- word lists


def _words(text: str) -> list[str]:
    """Word lists are written as prose blocks: easier to read and extend than literals."""
    return text.split()


FEMALE_FIRST_NAMES = _words(
    """
Maria Amina Sofia Ingrid Leila Hana Chloe Beatriz Nadia Yuki Priya Olga Fatima Grace Elena
Ruth Zainab Clara Marta Anika Selin Irene Lucia Tamar Aisha Mei Joanna Helga Rosa Carmen
Agnieszka Freya Niamh Esther Dalia Svetlana Keiko Adaeze Farida Lina Teresa Miriam Noor
Astrid Camila Wanjiru Ana Katarzyna Isabel Victoria Paula Hye-jin Daniela Rania Shira
"""
)
MALE_FIRST_NAMES = _words(
    """
James Omar Lukas Pedro Kenji Samuel Arjun Ivan Tomasz Ahmed Daniel Mateo Kwame Henrik
Yusuf Pierre Marco Nikolai David Hassan Jonas Rafael Ali Stefan Diego Chinedu Emre Felix
Victor Ibrahim Mikhail Anders Paolo Wei Karim Oskar Thomas Joseph Tariq Hugo Andrei
Musa Lars Bruno Sergio Aaron Gabriel Kofi Dmitri Ravi Martin Julian Elias Mehmet
"""
)
SURNAMES = _words(
    """
Okafor Lindqvist Moreau Haddad Kowalski Tanaka Mensah Petrov Castillo Nakamura Oyelaran
Brennan Vasquez Abernathy Schulte Demir Kariuki Novak Ferreira Rahimi Halvorsen Dubois
Mbeki Sorensen Yilmaz Costa Baptiste Ivanova Kimura Achterberg Mwangi Olsen Guerrero
Fontaine Adeyemi Lindgren Rossi Markovic Hoffmann Quist Bakr Serrano Aalto Whitcombe
Osei Varga Delgado Hartmann Nilsen Caruso Barzani Holm Kaplan Moretti Sato Ekwueme
Jovanovic Larsen Tiwari Alvarez Kovac Engel Farouk Lehmann Pereira Strand Mutua Bianchi
Horvat Nasser Kruger Lund Medina Anand Okonkwo Vidal Keller Dahl Ortiz Salo Frost Hale
Whitaker Ashby Carrow Delacroix Ferrante Galloway Hennessy Ibarra Jarvis Kessler Lowry
"""
)
SURNAME_STEMS = _words(
    """
Ash Bel Cor Dal El Fen Gar Hal Ith Jor Kel Lan Mor Nor Ost Pel Quen Ros Sal Tor Ul Var
Wen Yar Zel Bran Cal Dor Hol Mar Ren Sten Tal Ver Wil Ald Ber Cas Dun Eld
"""
)
SURNAME_ENDINGS = _words(
    """
ford wick ani etti ova sen berg stein ez ovic ard ley ton mann ski ari ino ssen dale
more croft hurst lin ander ero
"""
)

# (name, adjective) for countries that deploy troops, then places they deploy to.
FORCES = [
    ("United States", "American"), ("Britain", "British"), ("France", "French"),
    ("Germany", "German"), ("Canada", "Canadian"), ("Italy", "Italian"), ("Spain", "Spanish"),
    ("Poland", "Polish"), ("Norway", "Norwegian"), ("Denmark", "Danish"),
    ("Turkey", "Turkish"), ("Australia", "Australian"), ("Kenya", "Kenyan"),
    ("Nigeria", "Nigerian"), ("Ghana", "Ghanaian"), ("Sweden", "Swedish"),
    ("Portugal", "Portuguese"), ("Romania", "Romanian"), ("Japan", "Japanese"),
    ("Brazil", "Brazilian"),
]  # fmt: skip
DEPLOYMENT_PLACES = _words(
    """
Estonia Latvia Lithuania Niger Mali Iraq Syria Kosovo Somalia Djibouti Chad Romania
Bosnia Lebanon Jordan Cyprus Sudan Bulgaria Slovakia Hungary Qatar Kuwait Bahrain
"""
)
CITIES = _words(
    """
Nairobi Lagos Lisbon Warsaw Tallinn Vilnius Brussels Geneva Ankara Amman Cairo Accra
Dakar Oslo Copenhagen Madrid Rome Berlin Vienna Prague Athens Istanbul Riga Bucharest
Sofia Belgrade Zagreb Tunis Rabat Doha Muscat Karachi Dhaka Jakarta Manila Hanoi Seoul
Osaka Sydney Auckland Toronto Montreal Chicago Denver Houston Lima Bogota Santiago Quito
Marseille Hamburg Gdansk Porto Naples Kampala Kigali Lusaka Harare Mombasa Abuja Kano
"""
)
OTHER_COUNTRIES = _words(
    """
Egypt Morocco Tunisia India Pakistan Indonesia Vietnam Mexico Chile Peru Colombia
Ethiopia Uganda Rwanda Zambia Senegal Greece Austria Finland Ireland Georgia Armenia
"""
)

WELL_KNOWN_ORGANISATIONS = [
    ("United Nations", "UN"), ("NATO", None), ("European Union", "EU"),
    ("African Union", "AU"), ("World Bank", None), ("International Monetary Fund", "IMF"),
    ("Red Cross", None), ("World Health Organization", "WHO"),
]  # fmt: skip
ORGANISATION_QUALIFIERS = _words(
    """
National Northern Southern Eastern Western Central Coastal Federal Regional Independent
United Continental Allied Metropolitan Atlantic Highland Republican Democratic Civic Royal
"""
)
ORGANISATION_SUBJECTS = _words(
    """
Grain Water Energy Shipping Railway Health Farmers Teachers Mining Textile Fisheries
Housing Aviation Steel Timber Fuel Port Veterans Pensions Trade Transport Budget
"""
)
ORGANISATION_KINDS = _words(
    """
Authority Board Council Union Agency Commission Institute Association Federation Bank
Company Alliance Foundation Party Corporation Cooperative
"""
)

SOURCES = [
    "The Harbour Chronicle", "Northern Ledger", "Daily Meridian", "The Evening Compass",
    "Coastline Courier", "The Morning Signal", "Continental Review", "Riverside Gazette",
]  # fmt: skip

# (title before the name, role word used as the role fact)
TITLES = [
    ("Gen", "Gen"), ("Col", "Col"), ("Defence Minister", "Defence Minister"),
    ("Foreign Minister", "Foreign Minister"), ("Finance Minister", "Finance Minister"),
    ("Interior Minister", "Interior Minister"), ("President", "President"),
    ("Prime Minister", "Prime Minister"), ("Ambassador", "Ambassador"),
    ("Senator", "Senator"), ("Mayor", "Mayor"), ("Dr", "Dr"),
]  # fmt: skip
# Roles given in an apposition after the name: "Maria Okafor, a spokeswoman for the X,".
APPOSITION_ROLES = [
    "spokesperson for", "director of", "chief economist at", "head of", "analyst at",
    "senior adviser to", "chair of", "deputy director of",
]  # fmt: skip

MONTHS = _words(
    """
January February March April May June July August September October November December
"""
)
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")

# Quotes: an opener and a clause give many distinct bodies. `{will}` and `{is}` become
# "will"/"is" in direct speech and "would"/"was" in reported speech.
QUOTE_OPENERS = [
    "We have made it clear that", "There is no question that", "Nobody should be surprised that",
    "I can tell you that", "Let me be very clear:", "Our position has not changed, and",
    "The simple truth is that", "We are confident that", "It would be a mistake to think that",
    "What matters now is that", "Everyone in this room knows that", "I believe",
    "We expect that", "Frankly,", "For the first time in years,", "At the end of the day,",
    "We were told that", "The people deserve to know that", "I have said before that",
    "My concern is that",
]  # fmt: skip
CLAUSES = [
    "the talks {will} continue next week", "the budget {is} not going to be cut again",
    "our soldiers {will} come home when the job is done", "the agreement {will} hold",
    "the port {will} reopen before the harvest", "this decision {is} about security, not politics",
    "the ministry {will} publish the full report", "the ceasefire {is} holding in most areas",
    "prices {will} start to fall by the summer", "the government {will} review every contract",
    "nobody {will} be left without support", "the new line {will} carry twice as many passengers",
    "the reform {is} long overdue", "the border crossings {will} stay open",
    "the investigation {will} take months", "the funding {is} already running out",
    "our partners {will} stand by their commitments", "the vote {will} go ahead as planned",
    "the mission {is} entering a new phase", "the plant {will} be back to full capacity",
    "the council {will} not accept any further delays", "the shortages {is} easing slowly",
    "the army {will} hand over the bases to local forces", "the deal {is} good for workers",
    "the rules {will} apply to every company", "the loan {will} be repaid on time",
    "the evacuation {is} going faster than expected", "the inquiry {will} be independent",
    "the drought {is} the worst in a generation", "the strike {will} end this week",
    "the schools {will} reopen in the autumn", "the aid convoys {will} get through",
    "the new rules {will} protect small farmers", "the harbour {is} safe again",
    "the country {is} ready for elections", "the bridge {will} be finished on schedule",
    "the refinery {will} not close", "the alliance {is} stronger than ever",
    "the exports {will} recover next year", "the hospital {will} need more staff",
]  # fmt: skip
FOLLOW_UPS = [
    "That is what we promised", "We will not back down", "This is only the beginning",
    "Nobody wants another crisis", "We owe that to the families", "The numbers speak for themselves",
    "We will keep working until it is done", "There is no alternative", "Time is running out",
    "We have done our part", "It is now up to the other side", "I am proud of what we achieved",
]  # fmt: skip
CUES = ["said", "said", "said", "added", "warned", "insisted", "noted", "argued", "stressed"]
COUNT_OBJECTS = [
    "families", "workers", "jobs", "homes", "schools", "vehicles", "patients", "tonnes",
    "households", "passengers", "farms", "containers", "students", "villages",
]  # fmt: skip

# --------------------------------------------------------------------------- templates


@dataclass(frozen=True)
class QuoteSpec:
    """Which slots of a sentence make a quote: its segments, speaker and cue."""

    kind: Literal["direct", "partial", "indirect"]
    segments: tuple[str, ...]
    """Slots quoted; none means everything after the cue up to the full stop."""
    speaker: str = "A"
    cue: str = "cue"


@dataclass(frozen=True)
class TroopSpec:
    """A troop level stated by a sentence: count slot (`None` for "all ... leave")."""

    count: str
    qualifier: Literal["exact", "approx", "at_least", "at_most"]
    status: Literal["reported", "planned"]
    date: str | None = None
    """Slot of the date it is tied to; else the publication date."""
    zero: bool = False


@dataclass(frozen=True)
class Template:
    text: str
    quote: QuoteSpec | None = None
    troops: tuple[TroopSpec, ...] = ()


DIRECT = QuoteSpec("direct", ("q",))
SPLIT = QuoteSpec("direct", ("q", "q2"))
INDIRECT = QuoteSpec("indirect", ("clause",))

LEADS = [
    Template("{A} {cue} on {d.weekday} that {clause}.", INDIRECT),
    Template("{O.The} is under growing pressure in {L} after {A} {cue:warned} that {clause}.", INDIRECT),
    Template("Officials in {L} are preparing for a difficult few months, {A} {cue:told} reporters on {d.weekday}."),
    Template("{A} arrived in {L} on {d.weekday} for talks with {B}, the first such visit since {d2.last_year}."),
    Template("A long-running dispute between {O} and {O2} deepened on {d.weekday} when {A} {cue} that {clause}.", INDIRECT),
    Template("{A} has {cue:promised} that {clause}, in a speech in {L} that drew sharp criticism from {O}.", INDIRECT),
]  # fmt: skip

QUOTES = [
    Template("“{q},” {A} {cue}.", DIRECT),
    Template("“{q},” {A} {cue} in {L}.", DIRECT),
    Template("“{q},” {cue} {A}.", DIRECT),
    Template("“{q},” {A} {cue:told} reporters. “{q2}.”", SPLIT),
    Template("“{q},” {A} {cue}, “and {q2.lower}.”", SPLIT),
    Template("“{q},” {A.he} {cue}.", DIRECT),
    Template("{A} {cue:told} a conference organised by {O}: “{q}.”", DIRECT),
    Template("{A} {cue} that {clause}.", INDIRECT),
    Template("{A.He} {cue} that {clause}.", INDIRECT),
    Template("Speaking in {L}, {A} {cue} that {clause}.", INDIRECT),
    Template("{A} {cue} {O} believed {clause}.", INDIRECT),
    Template("In a statement, {A} {cue} that {clause}, but gave no details.", INDIRECT),
]  # fmt: skip

FIGURES = [
    Template("The plan is expected to cost {money}, according to figures seen by this newspaper."),
    Template("{O.The} said about {count:families} had been affected since {d.past_month}."),
    Template("Inflation reached {pct} in {d.month_past}, the highest level in a decade."),
    Template("Unemployment in {L} fell to {pct} {d.past_month}, down from {pct2} a year earlier."),
    Template("The government set aside {money} for the programme, which will support {count:workers}."),
    Template("Exports to {C} rose by {pct} in the first half of the year."),
    Template("{O.The} has lent {money} to authorities in {L} since {d.last_year}."),
    Template("Nearly {count:households} in {L} are still without power, officials said."),
    Template("Local media reported that {count:vehicles} were stuck at the crossing on {d.weekday}."),
    Template("The fund, worth {money}, is due to be launched by {d.by_mid}."),
]  # fmt: skip

BACKGROUND = [
    Template("{O.The} did not respond to a request for comment."),
    Template("The talks are due to resume in {L} in {d.month_future}."),
    Template("{A} is expected to meet {B} in {L} later this month."),
    Template("The agreement was signed in {L} {d.last_year} after two years of negotiations."),
    Template("Critics say the measures come too late for many people in {L}."),
    Template("The dispute has strained relations between {C} and {C2}."),
    Template("{O.The} has called for an independent review of the decision."),
    Template("Both sides have accused each other of breaking earlier promises."),
    Template("A report by {O} found that conditions had worsened in recent months."),
    Template("The move follows weeks of protests in {L} and elsewhere."),
    Template("It was not immediately clear how the plan would be paid for."),
    Template("{A} and {B} spoke by phone on {d.weekday}, according to {B.his} office."),
    Template("Opposition lawmakers have promised to challenge the measure in court."),
    Template("The announcement came as delegates from {C} gathered in {L} for a regional summit."),
    Template("Observers say a final decision could come as early as {d.month_future}."),
    Template("Residents said the situation had changed little since the spring."),
    Template("The committee will publish its findings by {d.end_year}."),
    Template("Neither government has commented publicly on the talks."),
    Template("{O.The} was founded to coordinate relief work across the region."),
    Template("Analysts expect the issue to dominate the campaign."),
    Template("Shares in several shipping companies fell sharply on the news."),
    Template("The previous agreement expired {d.past_month} without being renewed."),
]  # fmt: skip

FILLER = [
    "It was not immediately clear how the plan would be paid for.",
    "Both sides have accused each other of breaking earlier promises.",
    "Critics say the measures come too late for many of the people they are meant to help.",
    "Residents said the situation had changed little since the spring, and many were still waiting for the help they had been promised.",
    "Neither government has commented publicly on the details of the talks.",
    "Analysts expect the issue to dominate the campaign in the weeks ahead.",
    "Shares in several shipping companies fell sharply on the news before recovering later in the day.",
    "The proposal still needs the approval of parliament, where the governing coalition holds a narrow majority.",
    "Several smaller parties have said they will vote against it unless changes are made.",
    "Officials have repeatedly played down the risk of further disruption.",
    "The decision was welcomed by business groups, which had lobbied for months for clearer rules.",
    "Aid workers warned that the coming winter would make conditions even harder.",
    "Many families have already left the area, and those who remain depend on deliveries of food and fuel.",
    "The talks, which began in the spring, have been interrupted several times.",
    "Diplomats said privately that a breakthrough was unlikely before the end of the year.",
    "The previous government had tried a similar approach, with limited success.",
    "Trade unions have threatened further strikes if their demands are not met.",
    "Prices for basic goods have risen steadily, putting pressure on household budgets.",
    "The region has suffered from years of underinvestment in roads, schools and hospitals.",
    "Independent experts have questioned whether the targets are realistic.",
    "The measures are due to be reviewed after six months.",
    "Supporters of the plan argue that it will create jobs and attract foreign investment.",
    "Opponents say it favours large companies at the expense of local communities.",
    "The announcement caught many observers by surprise.",
    "Security was tight around the venue, with roads closed and checkpoints set up on the approaches.",
    "Officials gave no figures for the number of people affected.",
    "The debate has exposed deep divisions within the ruling party.",
    "Local councils say they were not consulted before the decision was made.",
    "Farmers in the north have been hit hardest by the dry weather and rising costs.",
    "The new rules will take effect once they are published in the official gazette.",
    "A spokesperson for the ministry declined to comment on the reports.",
    "Some lawmakers have called for a public inquiry into how the contracts were awarded.",
    "The issue is expected to come up again when ministers meet next month.",
    "Under the current system, applications can take more than a year to process.",
    "Campaigners have welcomed the change but say much more needs to be done.",
    "The cost of borrowing has risen sharply, making new projects harder to finance.",
    "Several embassies have advised their citizens to avoid non-essential travel to the area.",
    "The dispute centres on who should pay for repairs to the damaged infrastructure.",
    "Witnesses described long queues outside banks and petrol stations.",
    "The outcome is likely to shape relations between the two countries for years to come.",
    "Officials insist that the timetable is achievable despite the delays so far.",
    "There has been no independent confirmation of the figures.",
    "The programme was first proposed several years ago but stalled amid disagreements over funding.",
    "Business leaders have urged the government to act quickly to restore confidence.",
    "The latest round of negotiations ended without a joint statement.",
    "Journalists were not allowed to attend the meeting, which lasted several hours.",
    "Teachers and nurses were among those who joined the protests at the weekend.",
    "The storm damaged power lines and flooded several low-lying districts.",
]  # fmt: skip

TROOPS = [
    Template("{F} has about {tn} troops in {X}.", troops=(TroopSpec("tn", "approx", "reported"),)),
    Template("There are some {tn} {F.adj} soldiers stationed in {X}.", troops=(TroopSpec("tn", "approx", "reported"),)),
    Template("{F} sent a {tn}-strong contingent to {X} in {d.month_past}.", troops=(TroopSpec("tn", "exact", "reported", "d"),)),
    Template(
        "The {F.adj} presence in {X} has shrunk from {tn} to {tn2} troops since {d.last_year}.",
        troops=(TroopSpec("tn", "exact", "reported", "d"), TroopSpec("tn2", "exact", "reported")),
    ),
    Template(
        "Under the plan, {tz} {F.adj} forces are to leave {X} by {d.end_year}.",
        troops=(TroopSpec("tz", "exact", "planned", "d", zero=True),),
    ),
    Template(
        "{A} {cue} {F} would cut its forces in {X} to {tn} by {d.by_mid}.",
        QuoteSpec("indirect", ()),
        troops=(TroopSpec("tn", "exact", "planned", "d"),),
    ),
    Template(
        "Roughly {tn} {F.adj} troops remain in {X}, down from a peak of {tn2} in {d.year_past}.",
        troops=(TroopSpec("tn", "approx", "reported"), TroopSpec("tn2", "exact", "reported", "d")),
    ),
    Template(
        "{F} expects to keep at least {tn} troops in {X} through {d.next_year}.",
        troops=(TroopSpec("tn", "at_least", "planned", "d"),),
    ),
]  # fmt: skip

TITLE_PATTERNS = [
    "{last} warns of delays in {place}", "{org} under pressure over {place} plan",
    "Talks in {place} stall as {last} digs in", "{last} pledges support for {place}",
    "{place}: {org} faces questions", "What {last}'s visit means for {place}",
    "{org} and {place} at odds over funding", "{last} defends {org} decision",
]  # fmt: skip

_SLOT = re.compile(r"\{([A-Za-z_0-9]+)(?:\.([A-Za-z_]+))?(?::([^}]+))?\}")
Part = str | tuple[str, str, str]
"""A literal, or a slot (label, form, argument)."""


def _compile(text: str) -> tuple[Part, ...]:
    parts: list[Part] = []
    position = 0
    for match in _SLOT.finditer(text):
        if match.start() > position:
            parts.append(text[position : match.start()])
        parts.append((match.group(1), match.group(2) or "", match.group(3) or ""))
        position = match.end()
    if position < len(text):
        parts.append(text[position:])
    return tuple(parts)


# --------------------------------------------------------------------------- the world


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool
    title: str | None
    """Shown before the name on first mention ("Gen", "Defence Minister")."""
    apposition: str | None
    """Shown after it instead ("spokesperson for"), followed by the organisation."""
    organisation: Organisation | None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Organisation:
    name: str
    acronym: str | None
    needs_the: bool


@dataclass(frozen=True)
class World:
    """Every entity articles may name, in popularity order, with Zipf weights."""

    people: tuple[Person, ...]
    organisations: tuple[Organisation, ...]
    places: tuple[str, ...]
    people_weights: tuple[float, ...]
    organisation_weights: tuple[float, ...]
    place_weights: tuple[float, ...]


def zipf_cumulative(size: int, exponent: float) -> tuple[float, ...]:
    """Cumulative weights 1/rank**exponent: rank 1 is drawn twice as often as rank 2 (s=1)."""
    return tuple(accumulate(1.0 / rank**exponent for rank in range(1, size + 1)))


def make_world(seed: int, people: int = 2_000, exponent: float = 1.0) -> World:
    """The entities for `seed`; `people` distinct full names (unique, so they never merge)."""
    rng = random.Random(f"world:{seed}")
    place_names = {*CITIES, *OTHER_COUNTRIES, *DEPLOYMENT_PLACES}
    surnames = list(SURNAMES) + [
        stem + ending
        for stem, ending in itertools.product(SURNAME_STEMS, SURNAME_ENDINGS)
        if stem + ending not in place_names  # "Ber" + "lin" is a city, not a person
    ]
    rng.shuffle(surnames)
    names: set[tuple[str, str]] = set()
    organisations = _make_organisations(rng)
    cast: list[Person] = []
    while len(cast) < people:
        female = rng.random() < 0.45
        first = rng.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)
        # Popular people get the real-looking surnames; the long tail gets invented ones.
        pool = len(surnames) if len(cast) > 300 else len(SURNAMES)
        last = surnames[int(rng.random() ** 1.5 * pool)]
        if (first, last) in names:
            continue
        names.add((first, last))
        if rng.random() < 0.6:
            title, apposition, organisation = rng.choice(TITLES)[0], None, None
        else:
            title, apposition = None, rng.choice(APPOSITION_ROLES)
            organisation = organisations[min(int(rng.paretovariate(1.0)) - 1, 200)]
        cast.append(Person(first, last, female, title, apposition, organisation))
    places = _make_places(rng)
    return World(
        people=tuple(cast),
        organisations=tuple(organisations),
        places=tuple(places),
        people_weights=zipf_cumulative(len(cast), exponent),
        organisation_weights=zipf_cumulative(len(organisations), exponent),
        place_weights=zipf_cumulative(len(places), exponent),
    )


def _make_organisations(rng: random.Random) -> list[Organisation]:
    made = [
        Organisation(name, acronym, name != "NATO") for name, acronym in WELL_KNOWN_ORGANISATIONS
    ]
    seen = {organisation.name for organisation in made}
    acronyms = {organisation.acronym for organisation in made}
    for qualifier, subject, kind in itertools.product(
        ORGANISATION_QUALIFIERS, ORGANISATION_SUBJECTS, ORGANISATION_KINDS
    ):
        if rng.random() > 0.08:
            continue
        name = f"{qualifier} {subject} {kind}"
        acronym = qualifier[0] + subject[0] + kind[0]
        if name in seen:
            continue
        seen.add(name)
        made.append(Organisation(name, acronym if acronym not in acronyms else None, True))
        acronyms.add(acronym)
    head, tail = made[:8], made[8:]
    rng.shuffle(tail)
    return [*head[:3], *tail[:5], *head[3:], *tail[5:]]


def _make_places(rng: random.Random) -> list[str]:
    places = [
        *CITIES,
        *OTHER_COUNTRIES,
        *(name for name, _ in FORCES),
        *DEPLOYMENT_PLACES,
    ]
    rng.shuffle(places)
    return places


# --------------------------------------------------------------------------- articles


@dataclass
class EntityFacts:
    """Facts about one entity within one article, as spans of its text."""

    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    role_mentions: list[tuple[int, int, str]] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


@dataclass
class QuoteFacts:
    start: int
    end: int
    segments: list[tuple[int, int]]
    kind: str
    speaker: str
    speaker_mention: tuple[int, int]
    cue: str
    cue_mention: tuple[int, int]


@dataclass
class FigureFacts:
    start: int
    end: int
    value: float
    unit: str
    object: str | None


@dataclass
class DateFacts:
    start: int
    end: int
    value: str
    precision: Literal["year", "month", "day"]
    mod: Literal["START", "MID", "END"] | None


@dataclass
class TroopFacts:
    start: int
    end: int
    force: str
    location: str
    count: int
    qualifier: str
    date: DateFacts | None
    status: str
    sentence: tuple[int, int]


@dataclass
class SyntheticArticle:
    id: str
    title: str
    source: str
    published: date
    text: str
    people: dict[str, EntityFacts]
    organisations: dict[str, EntityFacts]
    places: dict[str, EntityFacts]
    quotes: list[QuoteFacts]
    figures: list[FigureFacts]
    dates: list[DateFacts]
    troop_levels: list[TroopFacts]

    @property
    def words(self) -> int:
        return len(self.text.split())


FIRST_DAY = date(2018, 1, 1)
DAYS = 365 * 8


def _month_shift(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _round_count(rng: random.Random, low: int, high: int) -> int:
    value = int(low * (high / low) ** rng.random())
    step = 100 if value >= 1_000 else 50 if value >= 200 else 10
    return max(step, value // step * step)


class _ArticleWriter:
    """Renders templates into one article while recording the span of every fact."""

    def __init__(self, world: World, rng: random.Random, published: date) -> None:
        self.world = world
        self.rng = rng
        self.published = published
        self.parts: list[str] = []
        self.length = 0
        self.people: dict[str, EntityFacts] = {}
        self.organisations: dict[str, EntityFacts] = {}
        self.places: dict[str, EntityFacts] = {}
        self.quotes: list[QuoteFacts] = []
        self.figures: list[FigureFacts] = []
        self.dates: list[DateFacts] = []
        self.troop_levels: list[TroopFacts] = []
        self.last_person: Person | None = None
        self.cast = self._draw(world.people, world.people_weights, rng.randint(2, 4))
        self.cast_organisations = self._draw(
            world.organisations, world.organisation_weights, rng.randint(2, 3)
        )
        self.cast_places = self._draw(world.places, world.place_weights, rng.randint(2, 4))
        self.force, self.force_adjective = rng.choice(FORCES)
        self.deployment = rng.choice([p for p in DEPLOYMENT_PLACES if p != self.force])

    def _draw(
        self, population: tuple[Drawn, ...], weights: tuple[float, ...], k: int
    ) -> list[Drawn]:
        chosen: list[Drawn] = []
        while len(chosen) < k:
            for item in self.rng.choices(population, cum_weights=weights, k=k):
                if item not in chosen and len(chosen) < k:
                    chosen.append(item)
        return chosen

    # text ------------------------------------------------------------------

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    # entities --------------------------------------------------------------

    def person(self, person: Person, form: str, following: str) -> tuple[int, int]:
        """Write the person as `form` asks; returns the span that names them.

        The first mention is always the full name with its title or apposition (a
        pronoun cannot introduce anyone); later ones are the surname or a pronoun.
        """
        previous, self.last_person = self.last_person, person
        facts = self.people.get(person.name)
        if facts is None:
            facts = self.people[person.name] = EntityFacts(person.name)
            if person.title:
                facts.roles.append(person.title)
                facts.aliases.append(f"{person.title} {person.name}")
            if person.organisation is not None:
                facts.organisations.append(person.organisation.name)
            span = self._introduce(person, facts, following)
            if form in ("his", "His"):
                self.add("'s")
            return span
        if form in ("he", "He", "his", "His") and previous is person:
            word = {"he": "she", "his": "her"}[form.lower()] if person.female else form.lower()
            return self.add(word.capitalize() if form[0].isupper() else word)
        if form == "full":
            span = self.add(person.name)
        elif person.title in ("Gen", "Col", "Dr") and self.rng.random() < 0.5:
            self.add(person.title + " ")
            span = self.add(person.last)
        else:
            span = self.add(person.last)
        facts.mentions.append(span)
        if form in ("his", "His"):
            self.add("'s")
        return span

    def _introduce(self, person: Person, facts: EntityFacts, following: str) -> tuple[int, int]:
        """Writes "Gen Maria Okafor" or "Maria Okafor, a spokeswoman for the Grain Board,"."""
        if person.title:
            start, end = self.add(person.title)
            facts.role_mentions.append((start, end, person.title))
            self.add(" ")
        span = self.add(person.name)
        facts.mentions.append(span)
        if person.apposition and person.organisation is not None:
            role, preposition = person.apposition.rsplit(" ", 1)
            if role == "spokesperson":
                role = "spokeswoman" if person.female else "spokesman"
            self.add(", an " if role[0] in "aeiou" else ", a ")
            start, end = self.add(role)
            facts.roles.append(role)
            facts.role_mentions.append((start, end, role))
            self.add(f" {preposition} ")
            self.organisation(person.organisation, "", sentence_start=False)
            if following[:1] not in (".", ",", ";", ":"):
                self.add(",")
        return span

    def text_from(self, start: int, end: int) -> str:
        return "".join(self.parts)[start:end]

    def organisation(self, organisation: Organisation, form: str, sentence_start: bool) -> None:
        facts = self.organisations.get(organisation.name)
        first = facts is None
        if facts is None:
            facts = self.organisations[organisation.name] = EntityFacts(organisation.name)
            if organisation.acronym:
                facts.aliases.append(organisation.acronym)
        use_acronym = not first and organisation.acronym and self.rng.random() < 0.6
        if organisation.needs_the:
            self.add("The " if sentence_start or form == "The" else "the ")
        name = organisation.acronym if use_acronym else organisation.name
        assert name is not None
        facts.mentions.append(self.add(name))
        if first and organisation.acronym and self.rng.random() < 0.5:
            self.add(" (")
            facts.mentions.append(self.add(organisation.acronym))
            self.add(")")

    def place(self, name: str) -> None:
        facts = self.places.get(name)
        if facts is None:
            facts = self.places[name] = EntityFacts(name)
        facts.mentions.append(self.add(name))

    # numbers and dates -----------------------------------------------------

    def money(self) -> None:
        amount = self.rng.choice([1.2, 2.5, 4.5, 12, 30, 75, 120, 250, 480, 900])
        scale, word = self.rng.choice([(1e6, "million"), (1e9, "billion")])
        currency, sign = self.rng.choice([("USD", "$"), ("USD", "$"), ("EUR", "€")])
        amount = round(amount * (0.5 + self.rng.random()), 1)
        shown = f"{amount:g}"
        start, end = self.add(f"{sign}{shown} {word}")
        self.figures.append(FigureFacts(start, end, amount * scale, currency, None))

    def percent(self) -> None:
        value = round(self.rng.uniform(0.5, 35), 1)
        start, end = self.add(f"{value:g} percent")
        self.figures.append(FigureFacts(start, end, value, "percent", None))

    def count(self, what: str) -> None:
        value = _round_count(self.rng, 20, 60_000)
        start, end = self.add(f"{value:,}")
        self.add(f" {what}")
        self.figures.append(FigureFacts(start, end, float(value), "count", what))

    def date(self, kind: str) -> DateFacts:
        """Write a date relative to the publication date, and its normalised value."""
        day, rng = self.published, self.rng
        mod: Literal["START", "MID", "END"] | None = None
        precision: Literal["year", "month", "day"] = "month"
        if kind == "weekday":
            then = day - timedelta(days=rng.randint(1, 6))
            text, value, precision = WEEKDAYS[then.weekday()], then.isoformat(), "day"
        elif kind == "past_month":
            year, month = _month_shift(day, -1)
            text, value = "last month", f"{year}-{month:02d}"
        elif kind in ("month_past", "month_future", "by_mid"):
            year, month = _month_shift(day, rng.randint(1, 5) * (-1 if kind == "month_past" else 1))
            text, value = MONTHS[month - 1], f"{year}-{month:02d}"
            if kind == "by_mid":
                text, mod = f"mid-{text}", "MID"
        elif kind in ("last_year", "year_past"):
            year = day.year - (1 if kind == "last_year" else rng.randint(2, 6))
            text = "last year" if kind == "last_year" else str(year)
            value, precision = str(year), "year"
        elif kind == "next_year":
            text, value, precision = "next year", str(day.year + 1), "year"
        elif kind == "end_year":
            year = day.year + rng.randint(0, 2)
            text, value, precision, mod = f"the end of {year}", str(year), "year", "END"
        else:
            raise ValueError(f"unknown date slot {kind!r}")
        start, end = self.add(text)
        fact = DateFacts(start, end, value, precision, mod)
        self.dates.append(fact)
        return fact

    # sentences -------------------------------------------------------------

    def sentence(self, template: Template) -> None:
        """Write one template; record the quote and troop levels it states."""
        rng = self.rng
        a = self.cast[0] if rng.random() < 0.5 else rng.choice(self.cast)
        b = rng.choice([person for person in self.cast if person is not a])
        organisations = rng.sample(self.cast_organisations, 2)
        places = rng.sample(self.cast_places, 2)
        countries = rng.sample(OTHER_COUNTRIES, 2)
        spans: dict[str, tuple[int, int]] = {}
        dates: dict[str, DateFacts] = {}
        counts: dict[str, int] = {}
        sentence_start = self.length
        parts = _COMPILED[id(template)]
        direct = template.quote is not None and template.quote.kind == "direct"
        for position, part in enumerate(parts):
            if isinstance(part, str):
                self.add(part)
                continue
            label, form, argument = part
            following = parts[position + 1] if position + 1 < len(parts) else ""
            at_start = self.length == sentence_start
            if label in ("A", "B"):
                span = self.person(a if label == "A" else b, form, str(following))
                if label not in spans:
                    spans[label] = span
            elif label in ("O", "O2"):
                self.organisation(organisations[label == "O2"], form, at_start)
            elif label in ("L", "L2"):
                self.place(places[label == "L2"])
            elif label in ("C", "C2"):
                self.place(countries[label == "C2"])
            elif label == "F":
                if form == "adj":
                    self.add(self.force_adjective)
                else:
                    self.place(self.force)
            elif label == "X":
                self.place(self.deployment)
            elif label in ("q", "q2"):
                body = self._quote_body(first=label == "q")
                if form == "lower" and not body.startswith("I "):
                    body = body[0].lower() + body[1:]
                spans[label] = self.add(body)
            elif label == "clause":
                spans[label] = self.add(rng.choice(_REPORTED_CLAUSES))
            elif label == "cue":
                spans[label] = self.add(argument or rng.choice(CUES))
            elif label == "money":
                self.money()
            elif label in ("pct", "pct2"):
                self.percent()
            elif label == "count":
                self.count(argument)
            elif label in ("d", "d2"):
                dates[label] = self.date(form)
            elif label in ("tn", "tn2"):
                counts[label] = _round_count(rng, 100, 8_000)
                spans[label] = self.add(f"{counts[label]:,}")
            elif label == "tz":
                counts[label] = 0
                spans[label] = self.add("all")
            else:
                raise ValueError(f"unknown slot {label!r} in {template.text!r}")
        sentence_end = self.length
        if template.quote is not None:
            self._record_quote(template.quote, spans, a, sentence_start, sentence_end, direct)
        for spec in template.troops:
            self._record_troops(spec, spans, counts, dates, (sentence_start, sentence_end))

    def _quote_body(self, first: bool) -> str:
        rng = self.rng
        if not first:
            return rng.choice(FOLLOW_UPS)
        body = f"{rng.choice(QUOTE_OPENERS)} {rng.choice(_DIRECT_CLAUSES)}"
        return body[0].upper() + body[1:]

    def _record_quote(
        self,
        spec: QuoteSpec,
        spans: dict[str, tuple[int, int]],
        speaker: Person,
        sentence_start: int,
        sentence_end: int,
        direct: bool,
    ) -> None:
        segments = [spans[name] for name in spec.segments if name in spans]
        if not segments:
            cue_end = spans[spec.cue][1]
            segments = [(cue_end + 1, sentence_end - 1)]
        speaker_span = spans[spec.speaker]
        self.quotes.append(
            QuoteFacts(
                start=segments[0][0],
                end=segments[-1][1],
                segments=segments,
                kind=spec.kind,
                speaker=speaker.name,
                speaker_mention=speaker_span,
                cue=self.text_from(*spans[spec.cue]),
                cue_mention=spans[spec.cue],
            )
        )

    def _record_troops(
        self,
        spec: TroopSpec,
        spans: dict[str, tuple[int, int]],
        counts: dict[str, int],
        dates: dict[str, DateFacts],
        sentence: tuple[int, int],
    ) -> None:
        start, end = spans[spec.count]
        self.troop_levels.append(
            TroopFacts(
                start=start,
                end=end,
                force=self.force,
                location=self.deployment,
                count=counts[spec.count],
                qualifier=spec.qualifier,
                date=dates.get(spec.date) if spec.date else None,
                status=spec.status,
                sentence=sentence,
            )
        )

    def paragraph_break(self) -> None:
        self.add("\n\n")

    def text(self) -> str:
        return "".join(self.parts)


_DIRECT_CLAUSES = [clause.format(will="will", **{"is": "is"}) for clause in CLAUSES]
_REPORTED_CLAUSES = [clause.format(will="would", **{"is": "was"}) for clause in CLAUSES]
_COMPILED = {
    id(template): _compile(template.text)
    for template in [*LEADS, *QUOTES, *FIGURES, *BACKGROUND, *TROOPS]
}


def make_article(world: World, seed: int, index: int) -> SyntheticArticle:
    """Article `index` of the corpus for `seed`: 300-700 words in paragraphs of 1-3 sentences.

    The sentences that carry facts are planned first (about 3 quotes, 1-3 figures,
    some background, troop levels in 2 articles out of 5), then shuffled and padded
    with fact-free sentences up to the length drawn for the article, so the number of
    facts per article stays close to real news whatever its length.
    """
    rng = random.Random(seed * 1_000_003 + index)
    published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    writer = _ArticleWriter(world, rng, published)
    target_words = min(700, max(320, int(rng.gauss(430, 80))))
    planned: list[Template | str] = [
        *rng.sample(QUOTES, rng.choice((1, 2, 2, 3, 3, 4))),
        *rng.sample(FIGURES, rng.choice((1, 1, 2, 3))),
        *rng.sample(BACKGROUND, rng.choice((1, 1, 2))),
    ]
    if rng.random() < 0.4:
        planned += rng.sample(TROOPS, rng.choice((1, 2, 2, 3)))
    rng.shuffle(planned)
    fillers = rng.sample(FILLER, len(FILLER))
    writer.sentence(rng.choice(LEADS))
    while planned or (writer.length // 6 < target_words and fillers):
        writer.paragraph_break()
        for sentence_number in range(rng.choice((1, 2, 2, 3))):
            if sentence_number:
                writer.add(" ")
            filler_left = max(0, target_words - writer.length // 6) // 18
            if planned and rng.random() * (len(planned) + filler_left) < len(planned):
                item = planned.pop()
            elif fillers:
                item = fillers.pop()
            elif planned:  # fact-free sentences ran out before the planned ones
                item = planned.pop()
            else:
                break
            if isinstance(item, str):
                writer.add(item)
            else:
                writer.sentence(item)
            if not planned and writer.length // 6 >= target_words:
                break
    main = writer.cast[0]
    title = rng.choice(TITLE_PATTERNS).format(
        last=main.last,
        place=writer.cast_places[0],
        org=writer.cast_organisations[0].acronym or writer.cast_organisations[0].name,
    )
    return SyntheticArticle(
        id=f"synthetic-{seed}-{index:06d}",
        title=title,
        source=rng.choice(SOURCES),
        published=published,
        text=writer.text(),
        people=writer.people,
        organisations=writer.organisations,
        places=writer.places,
        quotes=writer.quotes,
        figures=writer.figures,
        dates=writer.dates,
        troop_levels=writer.troop_levels,
    )


def make_articles(seed: int, count: int, world: World | None = None) -> list[SyntheticArticle]:
    """`count` distinct articles: a text repeated by chance is replaced by a later index."""
    world = world or make_world(seed)
    articles: list[SyntheticArticle] = []
    seen: set[str] = set()
    index = 0
    while len(articles) < count:
        article = make_article(world, seed, index)
        index += 1
        if article.text in seen:
            continue
        seen.add(article.text)
        articles.append(article)
    return articles
