"""Print how troop-level accuracy holds up when a gold file's names and numbers change.

    .venv/bin/python bench/robustness.py tests/gold/troop_levels.jsonl
    .venv/bin/python bench/robustness.py tests/gold/troop_levels_holdout.jsonl

Rules tuned on a set of articles can come to lean on the parse of those exact words. Each
variant here keeps the meaning and changes the words the parser sees: countries swapped in
pairs (with their people, adjectives and capitals), 'troops' and 'soldiers' swapped,
qualifiers swapped for their synonyms ('about' and 'roughly', 'more than' and 'over'), the
first sentence attributed (', officials said'), '1100' for '1,100', or every count in digits
multiplied by 2, 3 or 7 (days of the month, years and ordinals kept). The gold changes
with the text, so a rule that reads the sentence scores the same on every variant; a drop
is the share of levels found only because of the particular words. Articles with a count
that cannot be rewritten in the text (spelled out, '1.5k') are left out of every row, so
the rows compare.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from app.evaluate.gold import GoldFileError
from app.evaluate.run import Task, evaluate
from app.extract.pipeline import Extractor

try:
    from bench.accuracy import score_cells
except ModuleNotFoundError:  # run as a script: bench/ itself is on sys.path
    from accuracy import score_cells  # type: ignore[no-redef]

SWAPS = [
    ("France", "Italy"),
    ("French", "Italian"),
    ("Paris", "Rome"),
    ("Germany", "Spain"),
    ("German", "Spanish"),
    ("Germans", "Spaniards"),
    ("Berlin", "Madrid"),
    ("Poland", "Romania"),
    ("Polish", "Romanian"),
    ("Warsaw", "Bucharest"),
    ("Lithuania", "Latvia"),
    ("Lithuanian", "Latvian"),
    ("Vilnius", "Riga"),
    ("Sweden", "Norway"),
    ("Swedish", "Norwegian"),
    ("Stockholm", "Oslo"),
    ("Iraq", "Syria"),
    ("Iraqi", "Syrian"),
    ("Baghdad", "Damascus"),
    ("Canada", "Australia"),
    ("Canadian", "Australian"),
    ("Canadians", "Australians"),
    ("Ottawa", "Canberra"),
    ("Denmark", "Finland"),
    ("Danish", "Finnish"),
    ("Copenhagen", "Helsinki"),
]
SWAP = {a: b for a, b in SWAPS} | {b: a for a, b in SWAPS}
NAME = re.compile(r"\b(" + "|".join(sorted(SWAP, key=len, reverse=True)) + r")\b")
NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]\d)")
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
MONTH_BEFORE = re.compile(rf"(?:{MONTHS})\.? $")
AFTER_NUMBER = re.compile(rf"^(?:st|nd|rd|th)\b|^(?:st|nd|rd|th)?,? ?(?:of )?(?:{MONTHS})\b")

Article = dict


def swap_names(article: Article) -> Article | None:
    def swapped(text: str) -> str:
        return NAME.sub(lambda match: SWAP[match.group(1)], text)

    levels = [
        {**level, **{k: swapped(level[k]) for k in ("force", "location") if level.get(k)}}
        for level in article["troop_levels"]
    ]
    return {**article, "text": swapped(article["text"]), "troop_levels": levels}


TROOP_NOUNS = {"troops": "soldiers", "soldiers": "troops", "troop": "soldier", "soldier": "troop"}
TROOP_NOUN = re.compile(r"\b(troops|soldiers|troop|soldier)\b", re.IGNORECASE)
COMPOUNDS = re.compile(r"\bsoldier (levels?|numbers?|contributors?|contributing)\b")


def swap_nouns(article: Article) -> Article | None:
    """'troops' for 'soldiers' and back; 'troop levels' stays as it is."""

    def swapped(match: re.Match[str]) -> str:
        word = match.group(1)
        new = TROOP_NOUNS[word.lower()]
        return new.capitalize() if word[0].isupper() else new

    text = COMPOUNDS.sub(r"troop \1", TROOP_NOUN.sub(swapped, article["text"]))
    return {**article, "text": text}


QUALIFIER_SWAPS = {
    "about": "roughly",
    "roughly": "around",
    "around": "about",
    "some": "approximately",
    "approximately": "some",
    "nearly": "almost",
    "almost": "nearly",
    "more than": "over",
    "over": "more than",
    "fewer than": "under",
    "under": "fewer than",
    "up to": "as many as",
    "as many as": "up to",
}
QUALIFIER = re.compile(
    r"(?<!\bno )\b("
    + "|".join(sorted(QUALIFIER_SWAPS, key=len, reverse=True))
    + r")(?= (?:\d|a |one|two|three|four|five|six|seven|eight|nine|ten|half))",
    re.IGNORECASE,
)


def swap_qualifiers(article: Article) -> Article | None:
    """'about' for 'roughly', 'more than' for 'over', ... before a count: the same meaning."""

    def swapped(match: re.Match[str]) -> str:
        word = match.group(1)
        new = QUALIFIER_SWAPS[word.lower()]
        return new.capitalize() if word[0].isupper() else new

    return {**article, "text": QUALIFIER.sub(swapped, article["text"])}


FIRST_SENTENCE_END = re.compile(r"(?:\b[A-Za-z]{4,}|\d)\.(?=\s|$)")
ALREADY_SAID = re.compile(r"\b(?:said|says|told|announced)\b|[\"“”?\n:]")


def attribute(article: Article) -> Article | None:
    """', officials said' after the first sentence, when it has no attribution of its own."""
    text = article["text"]
    end = FIRST_SENTENCE_END.search(text)
    if end is None or ALREADY_SAID.search(text[: end.end()]):
        return article
    stop = end.end() - 1
    return {**article, "text": text[:stop] + ", officials said" + text[stop:]}


FOUR_DIGITS = re.compile(r"(?<![\d.,])(\d),(\d{3})(?![\d,])")


def drop_commas(article: Article) -> Article | None:
    """'1100 soldiers' for '1,100 soldiers', as some outlets write them: year-like numbers."""
    return {**article, "text": FOUR_DIGITS.sub(r"\1\2", article["text"])}


def _kept(text: str, match: re.Match[str]) -> bool:
    """A year, a day of the month, an ordinal or a single digit: not a count to scale."""
    digits = match.group(1)
    value = int(digits.replace(",", ""))
    year = "," not in digits and len(digits) == 4 and 1800 <= value <= 2100
    return (
        year
        or value < 10
        or MONTH_BEFORE.search(text[: match.start()]) is not None
        or AFTER_NUMBER.match(text[match.end() :]) is not None
    )


def scale_numbers(article: Article, factor: int) -> Article | None:
    """Every count written in digits times `factor`; None when a gold count is written
    some other way."""
    text = article["text"]
    scaled = set()

    def scale(match: re.Match[str]) -> str:
        if _kept(text, match):
            return match.group(1)
        value = int(match.group(1).replace(",", ""))
        scaled.add(value)
        new = value * factor
        return f"{new:,}" if "," in match.group(1) or new >= 1000 else str(new)

    new_text = NUMBER.sub(scale, text)
    levels = []
    for level in article["troop_levels"]:
        count = level["count"]
        if count >= 10 and count not in scaled:
            return None  # written in words or a form the variant does not rewrite
        levels.append({**level, "count": count * factor if count >= 10 else count})
    return {**article, "text": new_text, "troop_levels": levels}


def variants(factors: list[int]) -> dict[str, Callable[[Article], Article | None]]:
    scaled = {f"counts x{k}": partial(scale_numbers, factor=k) for k in factors}
    return {
        "countries swapped": swap_names,
        "troops and soldiers swapped": swap_nouns,
        "qualifiers swapped": swap_qualifiers,
        "attributed to officials": attribute,
        "four digits without a comma": drop_commas,
        **scaled,
    }


def _has_troop_levels(article: object) -> bool:
    return (
        isinstance(article, dict)
        and isinstance(article.get("text"), str)
        and isinstance(article.get("troop_levels"), list)
        and all(isinstance(level, dict) and "count" in level for level in article["troop_levels"])
    )


def articles(path: Path) -> Iterator[Article]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="a gold JSONL file with troop levels")
    parser.add_argument(
        "--factors", type=int, nargs="+", default=[2, 3, 7], help="what to multiply counts by"
    )
    arguments = parser.parse_args(argv)
    try:
        originals = list(articles(arguments.path))
    except (OSError, ValueError) as error:
        print(f"error: {arguments.path}: {error}", file=sys.stderr)
        return 2
    unusable = next((i for i, a in enumerate(originals, 1) if not _has_troop_levels(a)), None)
    if unusable is not None:
        print(
            f"error: {arguments.path}:{unusable}: not a troop-level gold article (needs 'text' "
            "and a 'troop_levels' list); give a file like tests/gold/troop_levels.jsonl",
            file=sys.stderr,
        )
        return 2
    changed = {
        name: [change(a) for a in originals] for name, change in variants(arguments.factors).items()
    }
    kept = [all(v[i] is not None for v in changed.values()) for i in range(len(originals))]
    extractor = Extractor()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, texts in [("as written", originals), *changed.items()]:
            path = Path(folder) / f"{len(rows)}.jsonl"
            chosen = [a for a, keep in zip(texts, kept, strict=True) if keep]
            path.write_text("".join(json.dumps(a) + "\n" for a in chosen), encoding="utf-8")
            try:
                report = evaluate(path, [Task.figures], extractor)
            except GoldFileError as error:
                print(f"error: {error}", file=sys.stderr)
                return 2
            if report.figures is None:
                print(f"error: {arguments.path}: no troop levels in it", file=sys.stderr)
                return 2
            rows.append((name, len(chosen), *score_cells(report.figures.score)))
    print(f"Troop levels of {arguments.path.name}, {rows[0][1]} articles in every row\n")
    print("| text | articles | P | R | F1 |\n|---|---|---|---|---|")
    for name, count, *cells in rows:
        print(f"| {name} | {count} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
