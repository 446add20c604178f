"""Name rules shared by the per-article step and the story merge (no parse needed)."""

from __future__ import annotations

import pytest

from newsprism.common.names import (
    full_names_match,
    is_acronym_of,
    organisation_key,
    surname,
    surnames_match,
)


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("FBI", "Federal Bureau of Investigation"),
        ("DOJ", "Department of Justice"),
        ("CBP", "U.S. Customs and Border Protection"),
        ("NOAA", "National Oceanic and Atmospheric Administration"),
        ("ICE", "Immigration and Customs Enforcement"),
        ("MoD", "Ministry of Defence"),
        ("N.R.A.", "National Rifle Association"),
    ],
)
def test_an_acronym_spells_its_expansion_with_or_without_small_words(short: str, long: str) -> None:
    assert is_acronym_of(short, long)


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("FBI", "Federal Reserve Bank"),
        ("Fbi", "Federal Bureau of Investigation"),
        ("F", "Federal"),
        ("McCain", "Michael Cain"),
    ],
)
def test_other_short_forms_are_no_acronyms(short: str, long: str) -> None:
    assert not is_acronym_of(short, long)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Calif.", "California"),
        ("Ark.", "Arkansas"),
        ("Mass.", "Massachusetts"),
        ("N.Y.", "New York"),
        ("Russians", "Russia"),
        ("Russian", "Russia"),
        ("Britons", "United Kingdom"),
        ("GOP", "Republican Party"),
        ("Democrats", "the Democratic Party"),
        ("Justice Department", "Department of Justice"),
        ("the Energy Department", "Department of Energy"),
        ("District of Columbia", "Washington"),
    ],
)
def test_spellings_of_one_place_or_body_share_a_key(one: str, other: str) -> None:
    assert organisation_key(one) == organisation_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("L.A.", "Louisiana"), ("La", "La."), ("Miss", "Mississippi"), ("Washington", "Washington Post")],
)
def test_undotted_words_and_other_names_keep_their_own_key(one: str, other: str) -> None:
    assert organisation_key(one) != organisation_key(other)


def test_two_swapped_letters_in_a_long_surname_are_one_name_but_not_in_a_short_one() -> None:
    assert surnames_match("priebus", "preibus")
    assert not surnames_match("hale", "hael")
    assert not surnames_match("priebus", "prince")


def test_middle_initials_that_differ_make_two_people() -> None:
    assert not full_names_match("George W. Bush", "George H.W. Bush")
    assert full_names_match("George W. Bush", "George Bush")
    assert full_names_match("Robert J. Pickell", "Robert Pickell")
    assert full_names_match("Sergey I. Kislyak", "Sergey Kislyak")


def test_senior_and_a_numeral_leave_the_person_and_junior_does_not() -> None:
    assert surname("W. Mark Felt Sr.") == "felt"
    assert full_names_match("Nick J. Rahall II", "Nick Rahall")
    assert not full_names_match("Donald Trump Jr.", "Donald Trump")
    assert full_names_match("Donald Trump Jr.", "Donald J. Trump Jr.")
