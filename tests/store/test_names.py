from __future__ import annotations

import pytest

from app.store.names import (
    PersonName,
    normalise_name,
    organisation_key,
    slugify,
    without_titles,
)


def compatible(a: str, b: str) -> bool:
    first, second = PersonName.parse(a), PersonName.parse(b)
    assert first is not None and second is not None
    return first.compatible_with(second) and second.compatible_with(first)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Maria Elena Lopez", "Maria Lopez"),
        ("Maria Lopez", "Lopez"),
        ("Gen Maria Lopez", "Maria Lopez"),
        ("M. Lopez", "Maria Lopez"),
        ("Maria  LOPEZ", "maria lopez"),
    ],
)
def test_compatible_names(a: str, b: str) -> None:
    assert compatible(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("John Smith", "Jane Smith"),
        ("Maria Lopez", "Maria Garcia"),
        ("Elena Maria Lopez", "Maria Elena Lopez"),
        ("J. Smith", "Karl Smith"),
    ],
)
def test_incompatible_names(a: str, b: str) -> None:
    assert not compatible(a, b)


def test_titles_are_not_part_of_a_person_name() -> None:
    assert PersonName.parse("Gen. Maria Lopez") == PersonName(given=("maria",), surname="lopez")
    assert PersonName.parse("President") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Lt Gen Maria Lopez", "Maria Lopez"),
        ("Ambassador Tomas Berg", "Tomas Berg"),
        ("Angus King", "Angus King"),  # only words in front are titles
        ("General", "General"),  # something must remain
    ],
)
def test_without_titles(name: str, expected: str) -> None:
    assert without_titles(name) == expected


def test_keys_and_slugs() -> None:
    assert normalise_name("  United\tNations ") == "united nations"
    assert organisation_key("The Eastland Herald") == "eastland herald"
    assert slugify("María López", fallback="person") == "maria-lopez"
    assert slugify("中文", fallback="place") == "place"
