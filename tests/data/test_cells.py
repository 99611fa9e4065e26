"""Single cells: the spellings a dispatcher's spreadsheet uses are understood, others refused with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from data.cells import (
    CellError,
    parse_dates,
    parse_gender,
    parse_id,
    parse_phone,
    parse_skills,
    parse_time,
    parse_yesno,
)


@pytest.mark.parametrize("text", ["yes", "Y", "TRUE", "1", "是", "√"])
def test_yes_spellings(text):
    assert parse_yesno(text) is True


@pytest.mark.parametrize("text", ["no", "n", "False", "0", "否", "×"])
def test_no_spellings(text):
    assert parse_yesno(text) is False


@pytest.mark.parametrize("text, gender", [("男", "男"), ("M", "男"), ("male", "男"), ("女性", "女"), ("F", "女")])
def test_gender_spellings(text, gender):
    assert parse_gender(text) == gender


def test_skills_split_on_every_separator_and_drop_repeats():
    assert parse_skills("采摘;包装、种植,普工") == ("采摘", "包装", "种植", "普工")
    assert parse_skills("采摘 ; 采摘") == ("采摘",)
    with pytest.raises(CellError):
        parse_skills(";、,")


def test_dates_lists_and_ranges():
    assert parse_dates("2026-12-01") == (dt.date(2026, 12, 1),)
    assert parse_dates("2026-12-03、2026-12-01") == (dt.date(2026, 12, 1), dt.date(2026, 12, 3))
    assert parse_dates("2026-11-30~2026-12-01;2026/12/5") == (
        dt.date(2026, 11, 30), dt.date(2026, 12, 1), dt.date(2026, 12, 5))
    assert len(parse_dates("2026-12-01 至 2026-12-07")) == 7
    for bad in ("2026-12-01~2028-01-01", "2026-12-01~", "12/01/2026", "2026-02-29"):
        with pytest.raises(CellError):
            parse_dates(bad)


def test_times():
    assert parse_time("07:00") == 420 and parse_time("7:05") == 425 and parse_time("07:00:00") == 420
    for bad in ("24:00", "7", "07:60", "7点"):
        with pytest.raises(CellError):
            parse_time(bad)


def test_phones_are_normalised_and_masked_in_messages():
    assert parse_phone("+86 138-0013-8000") == "13800138000"
    assert parse_phone("0898-26612345") == "089826612345"
    with pytest.raises(CellError) as caught:
        parse_phone("23800138000")
    assert "23800138000" not in str(caught.value)


@pytest.mark.parametrize("text", ["", "a/b", "a\\b", "..", "a\x00", "x" * 65])
def test_unsafe_or_empty_ids_are_refused(text):
    with pytest.raises(CellError):
        parse_id(text)
