"""ID numbers: the ISO 7064 MOD 11-2 check character and the embedded birth date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.idcard import birth_date, check_character, has_valid_checksum, id_number_problem, make_id_number

TODAY = dt.date(2026, 12, 1)


def problem(number: str) -> str:
    """What is wrong with an ID number that must have a problem."""
    found = id_number_problem(number, TODAY)
    assert found is not None, number
    return found


def test_known_check_characters():
    assert check_character("11010519491231002") == "X"  # the example number of GB 11643
    assert check_character("46903119900101012") == "0"
    assert has_valid_checksum("11010519491231002X")
    assert not has_valid_checksum("110105194912310021")


def test_birth_date_is_read_and_impossible_dates_are_refused():
    assert birth_date("469031200002290334") == dt.date(2000, 2, 29)
    assert birth_date("469031199002300015") is None
    assert "impossible birth date" in problem("469031199002300015")
    assert "impossible birth date" in problem(make_id_number("469031", dt.date(2030, 1, 1), 1))
    assert "checksum" in problem("469031198506152016")
    assert "18-character" in problem("46903119850615201")
    assert id_number_problem("469031198506152015", TODAY) is None


def test_make_id_number_refuses_bad_parts():
    with pytest.raises(ValueError):
        make_id_number("4690", dt.date(1990, 1, 1), 1)
    with pytest.raises(ValueError):
        make_id_number("469031", dt.date(1990, 1, 1), 1000)


regions = st.from_regex(r"\A4690[0-9]{2}\Z")
births = st.dates(min_value=dt.date(1930, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)


@given(regions, births, sequences)
def test_generated_numbers_are_valid_and_carry_their_birth_date(region, birth, seq):
    number = make_id_number(region, birth, seq)
    assert id_number_problem(number, TODAY) is None
    assert birth_date(number) == birth


@given(regions, births, sequences, st.integers(min_value=0, max_value=17), st.integers(min_value=0, max_value=9))
def test_any_single_character_change_fails_the_checksum(region, birth, seq, position, step):
    number = make_id_number(region, birth, seq)
    alphabet = "0123456789X" if position == 17 else "0123456789"
    shift = 1 + step % (len(alphabet) - 1)
    changed_char = alphabet[(alphabet.index(number[position]) + shift) % len(alphabet)]
    changed = number[:position] + changed_char + number[position + 1:]
    assert changed != number
    assert not has_valid_checksum(changed)
