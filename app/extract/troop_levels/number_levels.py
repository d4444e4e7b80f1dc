"""The level, if any, that a number phrase states."""

from __future__ import annotations

from functools import partial

from spacy.tokens import Token

from app.extract.figures import NumberPhrase, counted_noun
from app.extract.schema import TroopLevel
from app.extract.troop_levels.brackets import bracketed_level
from app.extract.troop_levels.changes import is_change_or_loss
from app.extract.troop_levels.context import Context, Reading
from app.extract.troop_levels.counts import is_target, reading_of
from app.extract.troop_levels.dating import (
    deadline_on,
    new_value,
    noun_clauses,
    possible_date_owners,
)
from app.extract.troop_levels.denials import (
    is_capacity,
    is_capped,
    is_cited,
    is_denied,
    is_hypothetical,
    is_measure,
    is_proportion,
    is_retracted,
    is_year_label,
)
from app.extract.troop_levels.departures import (
    departs,
    departure_noun,
    departure_verb,
    emptied_level,
    gone_on_a_date,
    is_definite,
    leaves_later,
    leaving_clause,
    whole_gone,
)
from app.extract.troop_levels.factbox import factbox_level
from app.extract.troop_levels.gapping import gapped_level
from app.extract.troop_levels.levels import build_level, keep
from app.extract.troop_levels.parse import governing_verb, lemma
from app.extract.troop_levels.several_forces import each_of, respective
from app.extract.troop_levels.size_now import is_size_now, said_now
from app.extract.troop_levels.status import is_plan_word, is_planned


def number_level(ctx: Context, phrases: list[NumberPhrase], index: int) -> list[TroopLevel]:
    number = phrases[index].count_token
    if is_cited(number) or is_year_label(number):
        return []
    levels = (
        keep(factbox_level(ctx, phrases[index], phrases))
        or keep(bracketed_level(ctx, phrases[index]))
        or _stated_level(ctx, phrases, index)
    )
    # A count taken back still sets the scene for the next ('An earlier version said Spain
    # has 3,500 soldiers in Latvia. It has 350.'): read, then dropped.
    return [] if levels and is_retracted(number) else levels


def _stated_level(ctx: Context, phrases: list[NumberPhrase], index: int) -> list[TroopLevel]:
    phrase = phrases[index]
    if phrase.role == "high" or phrase.value != int(phrase.value):
        return []
    if is_proportion(phrase) or is_measure(phrase):
        return []
    if phrase.value == 1 or phrase.value > 5_000_000:
        # One soldier is a person, not a level ('one of the biggest forces').
        return []
    number = phrase.count_token
    partner = phrases[phrase.partner] if phrase.partner is not None else None
    anchor = partner.count_token if phrase.role == "low" and partner is not None else number
    reading = reading_of(ctx, anchor) or reading_of(ctx, number)
    if reading is None and phrase.role == "from":
        new = new_value(phrases, index)  # its partner, or 'from 1,400 in 2018 to about 900'
        if new is not None:
            reading = reading_of(ctx, new.count_token)
        elif ctx.read_in(number):
            # 'remain in X, down from 5,100 in 2019': the old value of the level just read.
            reading = Reading(None, number, governing_verb(number))
    if reading is None:
        return keep(gapped_level(ctx, phrase))
    evidence = phrase.span
    if phrase.role == "low" and partner is not None:
        evidence = ctx.doc[phrase.span.start : partner.span.end]
    verb = reading.verb
    planned: bool | None = None
    owners = [anchor, *possible_date_owners(ctx, reading, verb)]
    counted = partial(
        build_level, ctx, count=int(phrase.value), qualifier=phrase.qualifier, evidence=evidence
    )
    departure = departure_verb(verb) if departs(verb, reading.node) else None
    if departure is None and whole_gone(reading.node):
        return []
    if departure is None:
        departure = leaving_clause(reading.noun)  # 'the 200 Dutch troops who leave next month'
    nominal = departure_noun(reading.noun)
    if nominal is not None and is_definite(anchor, reading.noun):
        # 'ended the mission with the withdrawal of its last 80 troops in June'
        nominal_verb = governing_verb(nominal)
        reading = Reading(reading.noun, reading.node, nominal_verb)
        if not is_planned(nominal_verb):
            return emptied_level(ctx, reading, nominal_verb, evidence) if nominal_verb else []
        departure = nominal_verb
    if departure is not None:
        definite = is_definite(anchor, reading.noun)
        ahead = is_planned(departure) or leaves_later(ctx, reading, departure)
        asked = _not_yet_gone(departure) and not ahead
        if definite and not asked and not ahead:
            # 'The roughly 300-strong French contingent left the country last month': none
            # since then, when the text says when
            return gone_on_a_date(ctx, reading, departure, evidence)
        if not definite or not (asked or ahead):
            return []
        # 'Chad has asked the 75 soldiers to leave', 'has begun withdrawing the 2,000 troops':
        # there now. 'All 2,000 troops will leave by May', 'withdraw its final 25 soldiers':
        # 2,000 now, none later.
        clauses = [c for c in noun_clauses(reading.noun) if c.i != departure.i]
        # 'all 130 of its troops serving there home by the end of March': a deadline the
        # parser hung on the troops is the departure's
        deadlines = [c for c in clauses if deadline_on(ctx, c)]
        owners = [anchor, *(c for c in clauses if not deadline_on(ctx, c))]
        size_now = counted(reading=reading, date_owners=owners, planned=False)
        stays = asked or any(c.dep_ == "neg" for c in departure.children)
        gone = [] if stays else emptied_level(ctx, reading, departure, evidence, deadlines)
        return keep(size_now) + gone
    if phrase.role == "from":
        # The old value of a change is a level only when the text dates it ('fell from
        # 5,000 troops in May to 3,000', 'from the 4,000 stationed there in 2009'); the
        # change is the verb's, not the old value's.
        # 'up from the 1,800 troops deployed in the city in October': the clauses on the
        # troops counted, too
        counted_troops = number.head if number.dep_ == "nummod" else None
        owners = [number, *noun_clauses(number), *noun_clauses(counted_troops)]
        owners += _when_clause_after(number)
        if not any(owner.i in ctx.date_owner for owner in owners) and not said_now(number):
            return []
        # 'against the 1,800 promised by 2020': an old target is still a plan
        planned = any(c.dep_ == "acl" and is_plan_word(c) for c in number.children)
    elif is_change_or_loss(anchor, reading) or is_denied(phrase, reading):
        return []
    elif (target := counted_noun(anchor)) is not None and is_target(target):
        planned, owners = True, [anchor, target]
    elif (due := _due(reading.noun, anchor)) is not None:
        planned, owners = True, [anchor, due]  # 'the 1,000 troops due there by December'
    elif is_size_now(ctx, number, anchor, reading):
        planned, owners = False, [anchor]
    elif (clause := _past_clause(anchor)) is not None:
        # 'double the 150,000 it had in 2022': what it had, when it had it
        planned, owners = False, [anchor, clause]
    level = counted(reading=reading, date_owners=owners, planned=planned)
    if is_capacity(reading) or is_capped(reading) or is_hypothetical(phrase, reading):
        # Room, a cap or a condition, but about troops: read, so that the next sentence's
        # bare count ('the North keeps roughly 1,000 there') finds them, then dropped.
        ctx.last_sentence = ctx.sentence_index[evidence.sent.start]
        return []
    if level is None:
        return []
    return [respective(ctx, level, number, reading.verb), *each_of(ctx, level, reading.verb)]


def _due(noun: Token | None, number: Token) -> Token | None:
    """A plan word on the troop noun the number counts: 'the 1,000 troops due in the
    country by December' (not 'Of the troops due ..., about 400 had arrived')."""
    if noun is None or number.head.i != noun.i:
        return None
    return next((c for c in noun.children if c.dep_ == "amod" and is_plan_word(c)), None)


def _when_clause_after(number: Token) -> list[Token]:
    """'up from 1,000 when they first arrived in July 2021': the time clause that follows
    the old value says when it held, wherever the parser hangs it."""
    doc = number.doc
    follows = number.i + 1 < len(doc) and doc[number.i + 1].lower_ == "when"
    clause = doc[number.i + 1].head if follows else None
    return [clause] if clause is not None and clause.dep_ in {"advcl", "relcl"} else []


def _past_clause(number: Token) -> Token | None:
    """A relative clause in the past tense on the count itself."""
    return next((c for c in number.children if c.dep_ == "relcl" and c.tag_ == "VBD"), None)


def _not_yet_gone(departure: Token) -> bool:
    """A departure asked for ('asked them to leave') or under way ('has begun withdrawing
    them'), not done."""
    if departure.tag_ == "VB":
        return True
    return (
        departure.tag_ == "VBG"
        and departure.dep_ == "xcomp"
        and lemma(departure.head) in {"begin", "start", "continue"}
    )
