"""The word lists the troop-level rules test against, loaded once from
`app/extract/patterns/troop_levels.json` (which says what each list is for)."""

from __future__ import annotations

from app.extract.patterns import troop_level_words

_WORDS = troop_level_words()

TROOP_NOUNS: frozenset[str] = _WORDS["troop_nouns"]
MILITARY_UNITS: frozenset[str] = _WORDS["military_units"]
UNIT_NOUNS: frozenset[str] = _WORDS["unit_nouns"]
SIZE_WORDS: frozenset[str] = _WORDS["size_words"]
DEPARTURE_VERBS: frozenset[str] = _WORDS["departure_verbs"]
DEPARTURE_PARTICLES: frozenset[str] = _WORDS["departure_particles"]
DEPARTURE_NOUNS: frozenset[str] = _WORDS["departure_nouns"]
NOW_WORDS: frozenset[str] = _WORDS["now_words"]
DESTINATION_VERBS: frozenset[str] = _WORDS["destination_verbs"]
PLAN_WORDS: frozenset[str] = _WORDS["plan_words"]
CONDITION_WORDS: tuple[str, ...] = _WORDS["condition_words"]
HOLDING_VERBS: frozenset[str] = _WORDS["holding_verbs"]
HOSTING_VERBS: frozenset[str] = _WORDS["hosting_verbs"]
REFERRING_WORDS: frozenset[str] = _WORDS["referring_words"]
CHANGE_VERBS: frozenset[str] = _WORDS["change_verbs"]
ADDITION_WORDS: frozenset[str] = _WORDS["addition_words"]
CASUALTY_VERBS: frozenset[str] = _WORDS["casualty_verbs"]
PARTITIVE_WORDS: frozenset[str] = _WORDS["partitive_words"]
CASUALTY_NOUNS: frozenset[str] = _WORDS["casualty_nouns"]
CIVILIAN_MODIFIERS: frozenset[str] = _WORDS["civilian_modifiers"]
PROPOSAL_VERBS: frozenset[str] = _WORDS["proposal_verbs"]
LEAVING_QUANTIFIERS: frozenset[str] = _WORDS["leaving_quantifiers"]
PLACE_NOUNS: frozenset[str] = _WORDS["place_nouns"]
SOIL_NOUNS: frozenset[str] = _WORDS["soil_nouns"]
LOCATION_PREPOSITIONS: frozenset[str] = _WORDS["location_prepositions"]
UNBOUNDED_DATE_PREPOSITIONS: frozenset[str] = _WORDS["unbounded_date_prepositions"]
FOREIGN_WORDS: frozenset[str] = _WORDS["foreign_words"]
MODAL_OF_ABILITY: frozenset[str] = _WORDS["modal_of_ability"]
LIMIT_NOUNS: frozenset[str] = _WORDS["limit_nouns"]
CHANGE_NOUNS: frozenset[str] = _WORDS["change_nouns"]
CEILING_WORDS: frozenset[str] = _WORDS["ceiling_words"]
MOVING_VERBS: frozenset[str] = _WORDS["moving_verbs"]
RETRACTING_WORDS: frozenset[str] = _WORDS["retracting_words"]
CITED_WORDS: frozenset[str] = _WORDS["cited_words"]
TARGET_NOUNS: frozenset[str] = _WORDS["target_nouns"]
CAPACITY_VERBS: frozenset[str] = _WORDS["capacity_verbs"]
CAPACITY_NOUNS: frozenset[str] = _WORDS["capacity_nouns"]
BUILT_FOR_VERBS: frozenset[str] = _WORDS["built_for_verbs"]
LIMITING_VERBS: frozenset[str] = _WORDS["limiting_verbs"]
HYPOTHETICAL_MODALS: frozenset[str] = _WORDS["hypothetical_modals"]
CIVILIAN_NOUNS: frozenset[str] = _WORDS["civilian_nouns"]
MEASURE_UNITS: frozenset[str] = _WORDS["measure_units"]
STAYING_VERBS: frozenset[str] = HOLDING_VERBS | {"be", "remain", "stay", "serve"}
"""'Some 900 are deployed there', 'No troops will remain': verbs of troops being somewhere."""
TIME_MARKS = frozenset({"when", "as", "once"})
"""What opens a clause that says when the main clause holds ('once the contingent arrives')."""
