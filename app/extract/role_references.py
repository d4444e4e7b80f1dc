"""'The president said ...': a definite role phrase that can only mean one person is a mention of them.

News names a person once and then refers to them by position. When exactly one person in
the article holds a role whose head word is the phrase's head ('President', 'Defence
Minister'), the phrase ('the president', 'the minister') is counted as their mention.
Where two people share the head word, the whole post must match ('the Home Secretary', not
'Shadow Home Secretary'). Plurals and phrases inside names or role spans stay unresolved.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from app.extract.patterns import role_heads

if TYPE_CHECKING:
    from app.extract.entities import EntityCluster

DETERMINERS = {"the", "this", "that"}


def _role_head(role: str) -> str | None:
    words = [w.lower() for w in role.replace("-", " ").split()]
    heads = [w for w in words if w in role_heads()]
    return heads[-1] if heads else None


def role_references(
    doc: Doc, people: list[EntityCluster], taken: set[int]
) -> list[tuple[Span, EntityCluster]]:
    """(phrase, person) pairs for role phrases that name one person; `taken` are token indices
    already inside a name or a role."""
    holders: dict[str, set[int]] = defaultdict(set)
    by_post: dict[str, set[int]] = defaultdict(set)
    for index, person in enumerate(people):
        for role in person.roles:
            head = _role_head(role.role)
            if head:
                holders[head].add(index)
                by_post[role.role.lower()].add(index)
    found = []
    for chunk in doc.noun_chunks:
        head = chunk.root
        if head.tag_ not in {"NN", "NNP"} or head.lower_ not in holders:
            continue
        post = doc[chunk.start + 1 : head.i + 1].text.lower()
        candidates = holders[head.lower_]
        if len(candidates) > 1 and len(by_post.get(post, ())) == 1:
            candidates = by_post[post]
        if len(candidates) != 1:
            continue
        definite = chunk[0].lower_ in DETERMINERS or any(c.dep_ == "poss" for c in head.children)
        if not definite or any(t.i in taken for t in chunk):
            continue
        if any(t.ent_type_ in {"PERSON", "ORG"} for t in chunk):
            continue
        (index,) = candidates
        person = people[index]
        first = min(m.start for m in person.mentions)
        if chunk.start > first:
            found.append((doc[chunk.start : head.i + 1], person))
    return found
