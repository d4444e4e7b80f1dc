"""Quotes and reported speech, with their cue and speaker.

- direct: a quoted clause ('“The war continues,” she said'); a quote split around
  'he said' is one quote with two segments; a quoted clause with no cue continues
  the previous speaker.
- partial: a quoted fragment inside reported speech ('the “historic breakthrough” ...,
  officials say').
- indirect: the clausal complement of a reporting verb, with the verb's subject as
  speaker, and 'according to X'.
A reporting verb inside another attribution's content is nested speech and dropped; a
quotation inside reported speech takes that report's cue and speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from app.extract.cues import cast_as, find_cues
from app.extract.entities import EntityIndex
from app.extract.layout import sentence_of, text_of
from app.extract.patterns import reporting_cues, reporting_verbs
from app.extract.quotation_marks import (
    CLOSING_MARKS,
    OPENING_MARKS,
    Quotation,
    find_quotations,
    turn_label,
)
from app.extract.schema import Mention, Quote, QuoteKind
from app.extract.speakers import Speaker, SpeakerResolver, subject_of

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
MAX_SPLIT_GAP_WORDS = 12
"""At most this many words between two parts of one quote ('said Maria Lopez, an expert')."""
INVERTED_SPEAKER_DEPS = {"dobj", "npadvmod", "attr"}
"""How the parser may hang the speaker after the verb in '“...,” added another delegate'."""
EDGE_TRIM = {",", ".", ";", ":", "“", "”", '"', "—", "–", "-"}


@dataclass
class Attribution:
    kind: QuoteKind
    segments: list[tuple[int, int]]
    cue: Token | None
    speaker_head: Token | None = None
    cue_text: str | None = None
    inherits_speaker: bool = False
    speaker: Speaker | None = field(default=None)

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def _is_cue(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in reporting_verbs()


def _inside(token: Token, quotations: list[Quotation]) -> bool:
    return any(a <= token.idx < b for q in quotations for a, b in q.segments)


def _cue_for_quote(doc: Doc, quote: Span, quotations: list[Quotation]) -> Token | None:
    """The reporting verb that governs a quotation: the outermost one above it, else the nearest.

    A quotation after a colon ('Caddell continued:') takes the cue of the sentence before.
    """
    # in text order: spaCy hashes spans by identity, and ties below go to the first candidate
    sentences = sorted({sentence_of(t) for t in quote}, key=lambda s: s.start)
    candidates = [
        t
        for s in sentences
        for t in s
        if _is_cue(t)
        and not _inside(t, quotations)
        and (subject_of(t) is not None or _inverted_after(quote, t))
    ]
    if not candidates:
        return (
            _cue_in_next_sentence(doc, quote, quotations)
            or _speaker_and_verb_after(doc, quote, quotations)
            or _cue_before_colon(doc, quote, quotations)
            or _verb_before_colon(doc, quote)
            or _casting_verb(quote)
        )
    governing = [c for c in candidates if any(c in t.ancestors for t in quote)]
    outer = [c for c in governing if not any(_reports_inside(c, o) for o in governing)]
    if outer:
        return max(outer, key=lambda c: len(list(c.ancestors)))
    return min(candidates, key=lambda c: min(abs(c.i - quote.start), abs(c.i - quote.end)))


def _casting_verb(quote: Span) -> Token | None:
    """'rated the claim as “false”': the verb that casts its object in the quoted words."""
    for ancestor in quote.root.ancestors:
        if ancestor.dep_ == "prep" and ancestor.lower_ == "as":
            phrase = cast_as(ancestor.head)
            return ancestor.head if phrase is not None and phrase.i == ancestor.i else None
        if ancestor.pos_ in {"VERB", "AUX"}:
            return None
    return None


MAX_CUE_OFFSET_AFTER_QUOTE = 6
"""How many words may open the sentence after a quote before its cue ('Mr. Lee asked.')."""


def _inverted_after(quote: Span, verb: Token) -> bool:
    """'“...,” added another delegate': the verb right after the quote, with its speaker
    after it, which the parser may take for an object."""
    doc = quote.doc
    after = quote.end
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space):
        after += 1
    return verb.i == after and any(c.dep_ in INVERTED_SPEAKER_DEPS for c in verb.rights)


def _cue_in_next_sentence(doc: Doc, quote: Span, quotations: list[Quotation]) -> Token | None:
    """'“Can we win?” Mr. Lee asked.': after a question or exclamation mark the parser
    starts a new sentence, which holds only the speaker and cue of the quote before."""
    after = quote.end
    while after < len(doc) and doc[after].text in CLOSING_MARKS | EDGE_TRIM:
        after += 1
    if after >= len(doc) or "\n" in text_of(doc)[quote.end_char : doc[after].idx]:
        return None
    sentence = sentence_of(doc[after])
    if sentence.start < quote.end or after - sentence.start > 2:
        return None
    for token in doc[after : min(sentence.end, after + MAX_CUE_OFFSET_AFTER_QUOTE)]:
        if (
            _is_cue(token)
            and not _inside(token, quotations)
            and subject_of(token) is not None
            and not any(c.dep_ in {"ccomp", "xcomp"} for c in token.children)
        ):
            return token
    return None


SPEECH_END = {",", "?", "!"}
"""How a quotation ends when its speaker follows ('“Not now,” she snapped')."""
MAX_SPEAKER_WORDS_AFTER_QUOTE = 5
OBJECT_AFTER_SPEECH = {"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd"}
"""A verb of speech after its quotation has no object: the quotation is what was said."""


def _speaker_and_verb_after(doc: Doc, quote: Span, quotations: list[Quotation]) -> Token | None:
    """'“Not in my city,” the mayor snapped', '“Look at them,” Lee shot back': a quotation
    that ends as speech does, followed at once by a subject and its verb (or the verb and
    then its subject), is that speaker's, whatever the verb. Only within the paragraph."""
    text = text_of(doc)
    inside = text[quote.start_char : quote.end_char].rstrip()
    after = quote.end
    while after < len(doc) and (doc[after].text in CLOSING_MARKS or doc[after].is_space):
        if "\n" in doc[after].text:
            return None
        after += 1
    if after < len(doc) and doc[after].text in SPEECH_END:
        after += 1
    elif not inside.endswith(tuple(SPEECH_END)):
        return None
    stop = min(len(doc), after + MAX_SPEAKER_WORDS_AFTER_QUOTE + 1)
    for token in doc[after:stop]:
        if token.is_punct or "\n" in token.text_with_ws[: len(token.text)]:
            return None
        if token.pos_ != "VERB" or _inside(token, quotations):
            continue
        if token.dep_ == "relcl" or any(
            c.dep_ in OBJECT_AFTER_SPEECH and c.i > token.i for c in token.children
        ):
            return None  # '“Why me?” Lee put the house up for sale': the verb says something else
        subject = subject_of(token)
        if subject is None:
            inverted = token.i == after and any(
                c.dep_ in INVERTED_SPEAKER_DEPS | {"nsubj"} and c.i == token.i + 1
                for c in token.rights
            )
            return token if inverted else None
        if (
            after <= subject.i < token.i
            and subject.left_edge.i >= after
            and subject.tag_ not in {"WDT", "WP"}
        ):
            return token
        return None
    return None


def _verb_before_colon(doc: Doc, quote: Span) -> Token | None:
    """'The mayor leaned in and boomed: “...”': whatever the verb, a speaker and verb
    ending in a colon right before a quotation introduce it."""
    before = quote.start - 1
    while before >= 0 and doc[before].text in OPENING_MARKS | {" "}:
        before -= 1
    if before < 0 or doc[before].text != ":":
        return None
    verb = doc[before].head
    if verb.pos_ != "VERB" or verb.i > before or subject_of(verb) is None:
        return None
    return verb


def _cue_before_colon(doc: Doc, quote: Span, quotations: list[Quotation]) -> Token | None:
    first = sentence_of(quote[0])
    previous = sentence_of(doc[first.start - 1]) if first.start > 0 else None
    if previous is None or not previous.text.rstrip().endswith(":"):
        return None
    candidates = [t for t in previous if _is_cue(t) and not _inside(t, quotations)]
    return candidates[-1] if candidates else None


def _reports_inside(inner: Token, outer: Token) -> bool:
    """True when `inner` sits in the clausal complement of `outer` (nested speech), not beside it."""
    token = inner
    while token.i != outer.i and token.head.i != token.i:
        if token.dep_ in {"ccomp", "xcomp", "parataxis"}:
            return outer in token.ancestors
        token = token.head
    return False


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character span of tokens start..end without edge punctuation or a leading 'that'."""
    while start < end and (
        doc[start].text in EDGE_TRIM
        or doc[start].is_space
        or (doc[start].lower_ == "that" and doc[start].dep_ == "mark")
    ):
        start += 1
    while end > start and (doc[end - 1].text in EDGE_TRIM or doc[end - 1].is_space):
        if doc[end - 1].text in CLOSING_MARKS and any(
            t.text in OPENING_MARKS for t in doc[start : end - 1]
        ):
            break
        end -= 1
    opened = sum(t.text in OPENING_MARKS for t in doc[start:end]) > sum(
        t.text in CLOSING_MARKS and t.text not in OPENING_MARKS for t in doc[start:end]
    )
    if opened:
        for token in doc[end : end + 2]:
            if token.text in CLOSING_MARKS:
                end = token.i + 1
                break
    if start >= end:
        return (
            (doc[start].idx, doc[start].idx)
            if start < len(doc)
            else (len(text_of(doc)), len(text_of(doc)))
        )
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _direct_and_partial(doc: Doc) -> list[Attribution]:
    quotations = find_quotations(text_of(doc))
    found: list[Attribution] = []
    for quotation in quotations:
        span = doc.char_span(quotation.start, quotation.end, alignment_mode="expand")
        if span is None or not span.text.strip():
            continue
        named = _transcript_speaker(doc, span)
        cue = None if named is not None else _cue_for_quote(doc, span, quotations)
        if named is None and cue is None:
            named = _name_before_colon(doc, span) or _name_after_dash(doc, span)
        if named is not None:
            speaker, mark, cue_text = named
            segments = [_without_trailing_comma(text_of(doc), a, b) for a, b in quotation.segments]
            found.append(Attribution("direct", segments, mark, speaker, cue_text=cue_text))
            continue
        words = [t for t in span if not t.is_punct and not t.is_space]
        clause = any(t.tag_ in FINITE_TAGS for t in span)
        if cue is None and not (clause and len(words) >= 4):
            continue
        spoken = clause or (cue is not None and _cue_right_after(span, cue))
        kind: QuoteKind = "direct" if spoken else "partial"
        if kind == "partial" and _is_title_or_setting(span, cue):
            continue
        segments = [_without_trailing_comma(text_of(doc), a, b) for a, b in quotation.segments]
        found.append(
            Attribution(
                kind,
                segments,
                cue,
                speaker_head=_speaker_outside(cue, quotations) if cue is not None else None,
                cue_text=cue.text if cue is not None else None,
                inherits_speaker=cue is None,
            )
        )
    return _merge_split_quotes(doc, found)


def _name_before_colon(doc: Doc, quote: Span) -> tuple[Token, Token, str] | None:
    """'Lee: “We will not move.”': a person's name and a colon right before a quotation
    name its speaker, inside a paragraph as at the start of a line."""
    before = quote.start - 1
    while before >= 0 and (doc[before].text in OPENING_MARKS or doc[before].is_space):
        before -= 1
    if before < 1 or doc[before].text != ":":
        return None
    name = doc[before - 1]
    if name.ent_type_ != "PERSON":
        return None
    return name, doc[before], ":"


def _transcript_speaker(doc: Doc, quote: Span) -> tuple[Token, Token, str] | None:
    """'"SMITH: We did.': a turn of a quoted transcript, which `find_quotations` starts
    after the label; the label in capitals names the speaker of all the turn holds, whatever
    entity type the model gave it and whatever verbs the turn contains."""
    text = text_of(doc)
    line = text.rfind("\n", 0, quote.start_char) + 1
    if text[line : line + 1] not in OPENING_MARKS:
        return None
    length = turn_label(text, line + 1)
    label = doc.char_span(line + 1, line + 1 + length, alignment_mode="contract")
    if not length or line + 1 + length != quote.start_char or label is None:
        return None
    colon = next(t for t in label if t.text == ":")
    return doc[colon.i - 1], colon, ":"


_SIGNATURE = re.compile(r"[”\"']*[ \t\u00a0]*([―—–]|--?)[ \t\u00a0]*([^\n.,;(]+)[^\n]*(?:\n|$)")
MAX_SIGNATURE_WORDS = 6


def _name_after_dash(doc: Doc, quote: Span) -> tuple[Token, Token, str] | None:
    """'“We were never asked.” — Ana Ruiz, teacher': a quotation signed with a dash and a
    name, on the rest of its line (an epigraph, a reader's letter), is that person's. The
    tokenizer may glue the dash to the closing mark, so this reads the text."""
    text = text_of(doc)
    match = _SIGNATURE.match(text, quote.end_char)
    if match is None:
        return None
    name = doc.char_span(match.start(2), match.end(2), alignment_mode="contract")
    words = [t for t in name or [] if not t.is_space]
    if not words or len(words) > MAX_SIGNATURE_WORDS:
        return None
    if not all(t.text[:1].isupper() or not t.is_alpha for t in words):
        return None
    dash = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
    if dash is None or not len(dash):
        return None
    names = [t for t in words if t.pos_ == "PROPN"]
    cue_text = text[dash[0].idx : match.end(1)]
    return (names[-1] if names else words[-1]), dash[0], cue_text


def _speaker_outside(cue: Token, quotations: list[Quotation]) -> Token | None:
    """The cue's subject, unless the parser took the quotation itself for it
    ('“My apologies,” said Quick'): then the name right after the verb."""
    subject = subject_of(cue)
    if subject is None:
        return next((c for c in cue.rights if c.dep_ in INVERTED_SPEAKER_DEPS), None)
    if not _inside(subject, quotations):
        return subject
    for token in cue.doc[cue.i + 1 : cue.i + 4]:
        if token.pos_ in {"PROPN", "PRON"} or token.ent_type_ in {"PERSON", "ORG"}:
            head = token
            while (
                head.head.i != head.i and head.dep_ in {"compound", "flat"} and head.head.i > head.i
            ):
                head = head.head
            return head
    return None


POSSESSIVES = {"'s", "’s"}
SETTING_PREPOSITIONS = {"on", "in", "at", "with", "during", "from", "to", "for", "of"}


def _is_title_or_setting(quote: Span, cue: Token) -> bool:
    """A quoted fragment that names a show, book or slogan ('on “Fox News Sunday”'), or
    hangs on a phrase saying where the words were said, is not the words said."""
    words = [t for t in quote if t.is_alpha]
    content_words = [t for t in words if not t.is_stop]
    if (
        len(words) >= 2
        and content_words
        and all(t.text[:1].isupper() for t in content_words)
        and words[0].text[:1].isupper()
    ):
        return True
    doc = quote.doc
    before = quote.start - 1
    while before >= 0 and doc[before].is_punct and doc[before].lower_ not in POSSESSIVES:
        before -= 1
    possessed = before >= 0 and doc[before].lower_ in POSSESSIVES
    if len(words) == 1 and words[0].text[:1].isupper() and possessed:
        # 'told Channel 9’s “Sunrise”': a possessive names whose show it is
        return True
    if len(words) == 1 and words[0].text[:1].isupper() and _between_names(quote):
        return True  # 'Marcia “Cia” Price': a nickname inside a name
    token = quote.root
    while token.i != cue.i and token.head.i != token.i:
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in SETTING_PREPOSITIONS
            and token.head.head.i == cue.i
        ):
            return True
        token = token.head
    return token.i != cue.i


def _between_names(quote: Span) -> bool:
    """Capitalised words right before the opening mark and right after the closing one."""
    doc = quote.doc
    before, after = quote.start - 1, quote.end
    while before >= 0 and doc[before].is_quote:
        before -= 1
    while after < len(doc) and doc[after].is_quote:
        after += 1
    return (
        before >= 0
        and after < len(doc)
        and all(doc[i].is_alpha and doc[i].text[:1].isupper() for i in (before, after))
    )


def _cue_right_after(quote: Span, cue: Token) -> bool:
    """'“All the way!” the mayor shouted', '“Not even one,” said Lee': a quotation followed
    at once by its speaker and cue is speech, however short, and however the parser hung it.
    Only when the quotation opens its sentence: in 'X appreciated “...” a statement said'
    the quoted words are part of the statement's report, not all of it."""
    doc = quote.doc
    opening = sentence_of(quote[0]).start
    if any(not (t.is_punct or t.is_space) for t in doc[opening : quote.start]):
        return False
    after = quote.end
    while after < len(doc) and (doc[after].is_punct or doc[after].is_space):
        after += 1
    subject = subject_of(cue)
    if subject is None or not after <= cue.i <= after + 3:
        return False
    between = doc[after : cue.i]
    if not between:
        return subject.i > cue.i
    return all(subject.left_edge.i <= t.i <= subject.right_edge.i for t in between)


def _without_trailing_comma(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in ", ":
        end -= 1
    return start, end


def _merge_split_quotes(doc: Doc, quotes: list[Attribution]) -> list[Attribution]:
    """'“A,” he said. “B.”' and '“A,” he said, “b.”' are one quote in two segments, and so
    is a quoted paragraph with no cue of its own right after a quote: the speaker goes on."""
    merged: list[Attribution] = []
    for quote in quotes:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.kind == "direct"
            and quote.kind == "direct"
            and _continues(doc, previous, quote)
        ):
            previous.segments.extend(quote.segments)
            continue
        merged.append(quote)
    return merged


def _gap_words(doc: Doc, start: int, end: int) -> int:
    gap_tokens = doc.char_span(start, end, alignment_mode="expand")
    if gap_tokens is None:
        return MAX_SPLIT_GAP_WORDS + 1
    return sum(not t.is_punct and not t.is_space for t in gap_tokens)


def _continues(doc: Doc, previous: Attribution, quote: Attribution) -> bool:
    """Whether `quote` is more of the quote before it: split around its cue, or a quoted
    paragraph with no cue of its own that follows with nothing but marks between."""
    gap_words = _gap_words(doc, previous.end, quote.start)
    if previous.cue is None:
        return quote.cue is None and gap_words == 0
    gap = text_of(doc)[previous.end : quote.start]
    if _another_report_between(doc, previous.cue, previous.end, quote.start):
        return False
    if "\n" in gap and _words_before_on_its_line(doc, quote.start):
        return False
    cue_between = previous.end <= previous.cue.idx < quote.start
    same_cue = quote.cue is not None and quote.cue.i == previous.cue.i
    split_by_cue = (
        (same_cue or quote.cue is None)
        and "\n" not in gap
        and cue_between
        and gap_words <= MAX_SPLIT_GAP_WORDS
    )
    next_paragraph = quote.cue is None and (
        gap_words == 0
        or (
            cue_between
            and (
                gap_words <= MAX_SPLIT_GAP_WORDS
                or _ends_cue_sentence(doc, previous.cue, quote.start)
            )
        )
    )
    return split_by_cue or next_paragraph


NOT_A_REPORT_DEPS = {"relcl", "acl", "amod", "pcomp", "pobj"}
"""A verb hung on a noun or preposition describes the speaker ('said Lee, who leads X')."""
INTRODUCER_TAIL_DEPS = {"mark", "prt", "advmod"}
"""What may stand between a verb and the quotation it introduces ('adding that', 'cut in')."""


def _another_report_between(doc: Doc, cue: Token, start: int, end: int) -> bool:
    """'“A,” she said, adding, “B.”', '“A,” Lee said, and her husband cut in. “B.”': a second
    verb of saying (or a verb with a speaker of its own) that leads straight into the next
    quotation starts a second attribution; PolNeAR keeps the two apart. One that does not
    ('“A,” Lee said, noting that she had trailed. “B.”') leaves the quote whole."""
    gap = doc.char_span(start, end, alignment_mode="contract")
    if gap is None:
        return False
    index = gap.end - 1
    while index >= gap.start and (
        doc[index].is_punct or doc[index].is_space or doc[index].dep_ in INTRODUCER_TAIL_DEPS
    ):
        index -= 1
    if index < gap.start:
        return False
    verb = doc[index]
    if verb.i == cue.i or verb.pos_ != "VERB":
        return False
    if any(t.dep_ in NOT_A_REPORT_DEPS for t in (verb, *verb.ancestors)):
        return False  # '..., said Lee, who said she planned to demonstrate. “B.”'
    own_subject = verb.dep_ == "conj" and any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children
    )
    return own_subject or verb.lemma_.lower() in reporting_cues()["clause"]


def _words_before_on_its_line(doc: Doc, start: int) -> bool:
    """'According to Lee, “...”': words before a quotation on its own line introduce it, so
    it does not go on with the quotation of the paragraph before."""
    text = text_of(doc)
    line_start = text.rfind("\n", 0, start) + 1
    return bool(text[line_start:start].strip(" \t\"“'`"))


def _ends_cue_sentence(doc: Doc, cue: Token, start: int) -> bool:
    """'“A,” said Ann Lee, a lawyer who (...). “B.”': a long attribution sentence between
    two quotes still hands the second one to the same speaker."""
    sentence = sentence_of(cue)
    return not text_of(doc)[sentence.end_char : start].strip(" \n\"“'`")


def _indirect(doc: Doc, quoted: list[Attribution]) -> list[Attribution]:
    found: list[Attribution] = []
    cues = find_cues(doc)
    quotations = find_quotations(text_of(doc))
    for cue in cues:
        if any(other.token.idx < cue.token.idx < other.text_end for other in cues):
            continue  # 'raised questions about X': the noun is part of the verb's cue
        segments = [_through_quotation(doc, _trimmed(doc, *cue.content), quotations)]
        if cue.more is not None:
            segments.append(_through_quotation(doc, _trimmed(doc, *cue.more), quotations))
        segments = [(start, end) for start, end in segments if end - start >= 2]
        if not segments or any(_mostly_quoted(doc, start, end, quoted) for start, end in segments):
            continue
        if _only_points_elsewhere(doc, segments):
            continue
        cue_text = text_of(doc)[cue.token.idx : cue.text_end]
        found.append(Attribution("indirect", segments, cue.token, cue.source, cue_text))
    found.extend(_colon_lines(doc))
    for token in doc:
        if (
            token.lower_ == "according"
            and token.i + 1 < len(doc)
            and doc[token.i + 1].lower_ == "to"
        ):
            attribution = _according_to(doc, token)
            if attribution is not None:
                found.append(attribution)
    return found


def _through_quotation(
    doc: Doc, segment: tuple[int, int], quotations: list[Quotation]
) -> tuple[int, int]:
    """Reported speech that opens a quotation runs at least to its close: 'adding that the
    plan sends “a message that we listen, we act, we deliver”' is one attribution, however
    the parser split the quoted words at their commas."""
    start, end = segment
    text = text_of(doc)
    for quotation in quotations:
        for opening, closing in quotation.segments:
            if start <= opening < end < closing:
                mark = _CLOSING_MARK.match(text, closing)
                end = mark.end() if mark else closing
    return start, end


_CLOSING_MARK = re.compile(r"''|[”\"»“]")

POINTING_WORDS = {"what", "that", "it", "them", "me"}
"""Content that is only one of these words ('That is what he said', 'denied it') is far
more often a slip of the parse than an attribution PolNeAR annotates."""


def _only_points_elsewhere(doc: Doc, segments: list[tuple[int, int]]) -> bool:
    return len(segments) == 1 and text_of(doc)[slice(*segments[0])].lower() in POINTING_WORDS


PLACE_LABELS = {"GPE", "LOC", "FAC"}

_COLON_LINE = re.compile(r"(?m)^([^\n:]{2,60}?):[ \t]+(\S[^\n]*)$")


def _colon_lines(doc: Doc) -> list[Attribution]:
    """'Graham: The party cannot win this way.' A headline or transcript line names its speaker."""
    found = []
    text = text_of(doc)
    for match in _COLON_LINE.finditer(text):
        if text[match.start()] in OPENING_MARKS and turn_label(text, match.start() + 1):
            continue  # a quoted transcript's turn, read with the quotation it opens
        speaker = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
        if speaker is None or len(speaker) > 6 or any(t.like_num for t in speaker):
            continue
        if all(t.ent_type_ in PLACE_LABELS for t in speaker):
            continue  # a dateline ('LONDON: Ministers met...') names where, not who
        if not all(
            t.text[:1].isupper() or t.is_punct or t.lower_ in {"of", "the", "and"} for t in speaker
        ):
            continue
        colon = doc.char_span(match.end(1), match.end(1) + 1)
        start, end = _without_trailing_comma(text_of(doc), match.start(2), match.end(2))
        found.append(
            Attribution("indirect", [(start, end)], colon[0] if colon else None, speaker.root, ":")
        )
    return found


SHORT_CONTENT = {"that", "that's", "that’s", "this", "it"}
"""Content short enough to be a slip, unless it points back ('That's according to X')."""


def _source_phrase_end(doc: Doc, source: Token, sentence: Span) -> int:
    """Where 'according to X' ends. When the parser hung the rest of the sentence on X
    ('According to Ortiz, the move reeks of fear' with 'reeks' taken for a noun), the
    clause after the last comma is what was said."""
    end = source.right_edge.i + 1
    rest = [t for t in doc[end : sentence.end] if not (t.is_punct or t.is_space)]
    commas = [t.i for t in doc[source.i + 1 : end] if t.text == ","]
    if rest or not commas or source.left_edge.i > sentence.start + 2:
        return end  # the parse left words after X, or 'according to X' does not open it
    return commas[-1]


def _according_to(doc: Doc, according: Token) -> Attribution | None:
    to = doc[according.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        # 'according to show insiders', with the first word of the noun taken for a verb
        verb = next((c for c in to.children if c.dep_ == "pcomp" and c.i == to.i + 1), None)
        source = next((c for c in verb.children if c.dep_ == "dobj"), None) if verb else None
    if source is None:
        return None
    sentence = sentence_of(according)
    phrase_end = _source_phrase_end(doc, source, sentence)
    if according.i - sentence.start > sentence.end - phrase_end:
        start, end = _trimmed(doc, sentence.start, according.i)
    else:
        start, end = _trimmed(doc, phrase_end, sentence.end)
    if end - start < 8 and text_of(doc)[start:end].lower() not in SHORT_CONTENT:
        return None
    cue_text = text_of(doc)[according.idx : to.idx + len(to.text)]
    return Attribution("indirect", [(start, end)], according, source, cue_text)


MOSTLY_QUOTED = 0.95
"""Share of a content's letters inside direct quotes above which it is that quote again."""


def _mostly_quoted(doc: Doc, start: int, end: int, quoted: list[Attribution]) -> bool:
    """Whether reported speech is only a direct quote found already ('“Yes,” he said'); its
    marks and commas do not count, the words around a quoted fragment do."""
    text = text_of(doc)
    inside = [False] * (end - start)
    for quote in quoted:
        if quote.kind != "direct":
            continue
        for s, e in quote.segments:
            for offset in range(max(start, s), min(end, e)):
                inside[offset - start] = True
    letters = [flag for flag, char in zip(inside, text[start:end], strict=True) if char.isalnum()]
    return bool(letters) and sum(letters) >= MOSTLY_QUOTED * len(letters)


def _holds_cue(container: Attribution, inner: Attribution) -> bool:
    return inner.cue is not None and any(
        start <= inner.cue.idx < end for start, end in container.segments
    )


def _drop_nested(attributions: list[Attribution]) -> list[Attribution]:
    """A cue inside another attribution's content is speech reported by that speaker.

    When two hold each other's cue ('The aide said X, according to the report') the later
    cue is the outer report and stays; a line that opens with 'Label:' always gives way."""
    kept = []
    for a in attributions:
        if (
            a.cue is not None
            and a.kind != "direct"
            and any(
                b is not a
                and b.kind != "partial"
                and _holds_cue(b, a)
                and not (_holds_cue(a, b) and (b.cue_text == ":" or b.cue.idx < a.cue.idx))
                for b in attributions
            )
        ):
            continue
        kept.append(a)
    return kept


def _continue_reported_speech(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """'Members may pay more, Mr. Lee said. “But public courses cannot.”': a quotation with
    no cue of its own, right after the sentence that closes with the cue of reported
    speech, goes on with that attribution. So does one after reported speech that quotes
    a few of its words ('Lee called the fees “a scandal,” he said. “...”'): the quotation
    inside it is part of it, not the attribution before the next quote."""
    kept: list[Attribution] = []
    for attribution in attributions:
        previous = _last_outer(kept)
        if (
            previous is not None
            and previous.kind == "indirect"
            and previous.cue is not None
            and attribution.kind == "direct"
            and attribution.inherits_speaker
            and previous.cue.idx < attribution.start
            and _ends_cue_sentence(doc, previous.cue, attribution.start)
            and sentence_of(previous.cue).end_char <= attribution.start
        ):
            previous.segments.extend(attribution.segments)
            continue
        kept.append(attribution)
    return kept


def _last_outer(attributions: list[Attribution]) -> Attribution | None:
    """The last attribution that is not a quotation inside reported speech before it."""
    for index in range(len(attributions) - 1, -1, -1):
        candidate = attributions[index]
        if candidate.kind == "indirect" or not any(
            other.kind == "indirect"
            and other.start <= candidate.start
            and candidate.end <= other.end
            for other in attributions[:index]
        ):
            return candidate
    return None


def _hand_quotations_to_their_report(attributions: list[Attribution]) -> None:
    """'The mayor told the council, saying the port would “never accept the tolls.”': a
    quotation inside reported speech is part of that report, with its cue and speaker, even
    when the parser hung the quotation on an outer verb. A quotation split around its cue
    ('“A,” she said, “B.”') is held by the report whose two parts hold its two."""
    reports = [a for a in attributions if a.kind == "indirect" and a.cue is not None]
    for quotation in (a for a in attributions if a.kind != "indirect"):
        holding = [
            report
            for report in reports
            if all(
                any(s <= start and end <= e for s, e in report.segments)
                for start, end in quotation.segments
            )
        ]
        if not holding:
            continue
        report = min(holding, key=lambda r: r.end - r.start)
        quotation.cue, quotation.cue_text = report.cue, report.cue_text
        quotation.speaker_head, quotation.inherits_speaker = report.speaker_head, False


def _extend_reports_over_their_quotations(attributions: list[Attribution]) -> None:
    """'Members may pay more “because they expect service,” Lee said. “But ...”': reported
    speech that ends inside a quotation from the same cue holds all of it, with the
    paragraphs the quotation goes on into."""
    reports = [a for a in attributions if a.kind == "indirect" and a.cue is not None]
    for quotation in (a for a in attributions if a.kind == "direct" and a.cue is not None):
        first_start, first_end = quotation.segments[0]
        for report in reports:
            last_start, last_end = report.segments[-1]
            if (
                report.cue.i == quotation.cue.i
                and last_start <= first_start < last_end < quotation.end
            ):
                report.segments[-1] = (last_start, max(last_end, first_end))
                report.segments.extend(quotation.segments[1:])
                quotation.speaker_head = report.speaker_head
                break


ADDING_WORDS = {"and", "but"}


def _join_quotations_added_after_the_cue(
    doc: Doc, attributions: list[Attribution]
) -> list[Attribution]:
    """'Lee is “a born leader,” Ortiz wrote in a letter, and “the best we have had.”': a
    quotation that the cue's sentence adds with 'and' after reporting words before the cue
    is a second segment of that report, not a quote of its own."""
    text = text_of(doc)
    reports = [a for a in attributions if a.kind == "indirect" and a.cue is not None]
    kept = []
    for quotation in attributions:
        cue = quotation.cue
        if quotation.kind != "indirect" and cue is not None:
            report = next(
                (r for r in reports if r.cue.i == cue.i and r.end <= cue.idx < quotation.start),
                None,
            )
            before = text[sentence_of(cue).start_char : quotation.start] if report else ""
            words = before.rstrip(" “\"'`\u00a0").rsplit(",", 1)  # '..., and “'
            if report is not None and len(words) == 2 and words[1].strip() in ADDING_WORDS:
                report.segments.extend(quotation.segments)
                continue
        kept.append(quotation)
    return kept


SCARE_QUOTE_WORDS = 4
"""Four words or fewer: on PolNeAR train, 4 kept more true quotes than 5 and dropped more
terms and titles than 3."""


def _is_scare_quote(doc: Doc, attribution: Attribution, reports: list[Attribution]) -> bool:
    """'the vast majority were just “confidential”', 'one of the original “big four”': a
    few quoted words inside the writer's own sentence, far from its cue and in no report,
    mark the words, not someone's speech. Right after its cue ('described as “volatile”')
    they are the words said."""
    if attribution.kind != "partial" or attribution.cue is None or len(attribution.segments) > 1:
        return False
    start, end = attribution.segments[0]
    text = text_of(doc)
    words = text[start:end].split()
    if len(words) > SCARE_QUOTE_WORDS or not words[-1][-1:].isalpha():
        return False
    if any(r.start <= start and end <= r.end for r in reports):
        return False
    cue = attribution.cue
    between = text[cue.idx + len(cue.text) : start].split()
    return cue.idx > start or any(w.strip(",:\"“'`") not in {"", "as"} for w in between)


def extract_quotes(doc: Doc, entities: EntityIndex) -> list[Quote]:
    quoted = _direct_and_partial(doc)
    attributions = _continue_reported_speech(
        doc, sorted(_drop_nested(quoted + _indirect(doc, quoted)), key=lambda a: a.start)
    )
    _hand_quotations_to_their_report(attributions)
    _extend_reports_over_their_quotations(attributions)
    attributions = _join_quotations_added_after_the_cue(doc, attributions)
    reports = [a for a in attributions if a.kind == "indirect"]
    attributions = [a for a in attributions if not _is_scare_quote(doc, a, reports)]
    resolver = SpeakerResolver(entities)
    previous: Speaker | None = None
    quotes = []
    for attribution in attributions:
        if attribution.inherits_speaker:
            speaker = previous or Speaker(None, None)
            if previous is None:
                continue
        else:
            speaker = resolver.resolve(attribution.speaker_head)
        previous = speaker
        quotes.append(_to_schema(doc, attribution, speaker))
    return quotes


def _to_schema(doc: Doc, attribution: Attribution, speaker: Speaker) -> Quote:
    cue = attribution.cue
    cue_mention = None
    if cue is not None and attribution.cue_text:
        cue_mention = Mention(
            start=cue.idx, end=cue.idx + len(attribution.cue_text), text=attribution.cue_text
        )
    return Quote(
        text=text_of(doc)[attribution.start : attribution.end],
        start=attribution.start,
        end=attribution.end,
        segments=[{"start": s, "end": e} for s, e in attribution.segments],
        kind=attribution.kind,
        speaker=speaker.name,
        speaker_mention=speaker.mention,
        speaker_kind=speaker.kind,
        cue=attribution.cue_text,
        cue_mention=cue_mention,
    )
