"""Write `passages.jsonl`: invented news passages with gold quotes in PolNeAR's format.

Run `python tests/gold/write_passages.py` after editing a passage. Spans are marked
inline as `{label|words}` (q = quote content, s = speaker, c = cue; a quote label used
twice makes a two-segment quote), so every offset is computed, never typed. As in
PolNeAR, content keeps its quotation marks and trailing comma, an indirect quote starts
at "that", and `quote_type` is derived from the quotation marks: direct when every
segment is wholly quoted, mixed when partly, indirect when not at all.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

MARK = re.compile(r"\{([qsc]\d+)\|([^{}]*)\}")
OPENING, CLOSING = "“", "”"

# (id, published, marked text, [(quote, speaker or None, cue)], troop levels or None)
PASSAGES: list[tuple[str, str, str, list[tuple[str, str | None, str]], list[dict] | None]] = [
    (
        "harbour-bridge",
        "2024-02-12",
        "{q1|“The harbour bridge will reopen to traffic by the end of May,”} {c1|said} "
        "{s1|Mayor Ines Varga} on Monday. {s2|She} {c2|added} "
        "{q2|that the repairs would cost about 4 million euros}. Engineers from the city "
        "council inspected the cables last week.",
        [("q1", "s1", "c1"), ("q2", "s2", "c2")],
        None,
    ),
    (
        "grain-talks",
        "2024-03-05",
        "{q1|“We are close to a deal,”} {s1|Agriculture Minister Tomas Reyes} {c1|told} "
        "reporters in Lisbon, {q1|“but the last details always take the longest.”} "
        "{s2|Farmers' unions} {c2|warned} {q2|that prices could rise again before the harvest}.",
        [("q1", "s1", "c1"), ("q2", "s2", "c2")],
        None,
    ),
    (
        "museum-theft",
        "2023-11-20",
        "Three paintings were taken from the city museum in the early hours of Sunday. "
        "{s1|Anouk Peeters}, the museum's director, {c1|said} "
        "{q1|the thieves had shown “a chilling level of patience.”} "
        "{s2|Detectives} {c2|believe} {q2|that the thieves entered through a service door}.",
        [("q1", "s1", "c1"), ("q2", "s2", "c2")],
        None,
    ),
    (
        "rail-strike",
        "2024-01-08",
        "Train services across the region were cancelled on Monday. {c1|According to} "
        "{s1|the drivers' union}, {q1|more than 3,000 drivers joined the strike}. "
        "{s2|A spokesman for the rail operator} {c2|said} "
        "{q2|that talks with the union would resume on Wednesday}.",
        [("q1", "s1", "c1"), ("q2", "s2", "c2")],
        None,
    ),
    (
        "baltic-deployment",
        "2023-06-15",
        "{q1|Norway will send 200 soldiers to Lithuania next month}, {s1|the defence ministry} "
        "{c1|said} on Thursday. {q2|“Our presence in the Baltic is here to stay,”} {c2|said} "
        "{s2|Defence Minister Karin Holm}. {s3|Holm} {c3|said} "
        "{q3|that the contingent would grow to 350 soldiers by the end of the year}.",
        [("q1", "s1", "c1"), ("q2", "s2", "c2"), ("q3", "s3", "c3")],
        [
            {"count": 200, "status": "planned", "date": "2023-07", "force": "Norway"},
            {"count": 350, "status": "planned", "date": "2023", "date_mod": "END"},
        ],
    ),
    (
        "river-flood",
        "2024-04-22",
        "Heavy rain flooded parts of Aldstadt overnight. Fire chief Marco Lenz visited the "
        "worst-hit streets on Sunday. {s1|He} {c1|said} "
        "{q1|that more than 40 homes had been evacuated}. "
        "{q2|“The water is still rising in the lower town,”} {s2|he} {c2|warned}.",
        [("q1", "s1", "c1"), ("q2", "s2", "c2")],
        None,
    ),
    (
        "housing-race",
        "2024-05-30",
        "{s1|Candidate Lena Ortiz} {c1|promised} {q1|that the city would build 10,000 new "
        "homes within five years}. Her rival, {s2|Paul Dumont}, {c2|said} "
        "{q2|the plan was “a fantasy” and would never be paid for}. "
        "{q3|“Voters deserve numbers that add up,”} {s3|Dumont} {c3|said}.",
        [("q1", "s1", "c1"), ("q2", "s2", "c2"), ("q3", "s3", "c3")],
        None,
    ),
    (
        "northern-hospitals",
        "2024-02-01",
        "{s1|The health ministry} {c1|announced} "
        "{q1|that two new hospitals would open in the north next year}. "
        "{s2|Nurses' representatives} {c2|said} "
        "{q2|that staff shortages remained “the real problem.”}",
        [("q1", "s1", "c1"), ("q2", "s2", "c2")],
        None,
    ),
]


def unmark(marked: str) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    """Plain text and, per label, the character ranges it marks."""
    text, spans, cursor = [], {}, 0
    length = 0
    for match in MARK.finditer(marked):
        before = marked[cursor : match.start()]
        text.append(before)
        length += len(before)
        label, words = match.groups()
        spans.setdefault(label, []).append((length, length + len(words)))
        text.append(words)
        length += len(words)
        cursor = match.end()
    text.append(marked[cursor:])
    plain = "".join(text)
    assert "{" not in plain and "}" not in plain, f"unbalanced mark in {marked!r}"
    return plain, spans


def quote_type(segments: list[str]) -> str:
    if all(s.startswith(OPENING) and s.endswith(CLOSING) for s in segments):
        return "direct"
    return "mixed" if any(OPENING in s for s in segments) else "indirect"


def gold_line(
    article_id: str,
    published: str,
    marked: str,
    quotes: list[tuple[str, str | None, str]],
    troop_levels: list[dict] | None,
) -> dict:
    text, spans = unmark(marked)
    gold_quotes = []
    for number, (quote, speaker, cue) in enumerate(quotes, start=1):
        segments = spans[quote]
        speaker_start, speaker_end = spans[speaker][0] if speaker else (None, None)
        cue_start, cue_end = spans[cue][0]
        parts = [text[s:e] for s, e in segments]
        gold_quotes.append(
            {
                "id": f"E{number}",
                "text": " ".join(parts),
                "start": segments[0][0],
                "end": segments[-1][1],
                "segments": [list(s) for s in segments],
                "speaker": text[speaker_start:speaker_end] if speaker else None,
                "speaker_start": speaker_start,
                "speaker_end": speaker_end,
                "cue": text[cue_start:cue_end],
                "cue_start": cue_start,
                "cue_end": cue_end,
                "quote_type": quote_type(parts),
            }
        )
    line = {"id": article_id, "publication_date": published, "text": text, "quotes": gold_quotes}
    if troop_levels is not None:
        line["troop_levels"] = troop_levels
    return line


def main() -> None:
    path = Path(__file__).with_name("passages.jsonl")
    lines = [json.dumps(gold_line(*passage), ensure_ascii=False) for passage in PASSAGES]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
