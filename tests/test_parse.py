"""What a person types: one parser for flags, settings and prompts, with each bound once."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from recover_coach import parse
from recover_coach.parse import Invalid

TODAY = date(2026, 3, 20)


@pytest.mark.parametrize(
    "text", ["2026-3-1", "20260301", "2026-02-30", "yesterday", "2026-03-01T10:00", "²026-01-01"]
)
def test_a_malformed_date_says_how_dates_are_written(text: str) -> None:
    with pytest.raises(Invalid, match="a date written YYYY-MM-DD"):
        parse.day(text, TODAY)


@pytest.mark.parametrize("text", ["2026-03-21", "0001-01-01", "1899-12-31", "9999-12-31"])
def test_a_date_outside_1900_to_today_is_refused(text: str) -> None:
    with pytest.raises(Invalid, match="a date from 1900 to today"):
        parse.day(text, TODAY)


def test_dates_from_1900_to_today_are_read() -> None:
    assert parse.day(" 2024-02-29 ", TODAY) == date(2024, 2, 29)
    assert parse.day("1900-01-01", TODAY) == date(1900, 1, 1)
    assert parse.day("2026-03-20", TODAY) == TODAY


@pytest.mark.parametrize("text", ["0", "11", "-1", "5.5", "five", "", "\u00b2", "\u0663", "1e1"])
def test_a_number_outside_its_range_or_not_plain_digits_is_refused(text: str) -> None:
    with pytest.raises(Invalid, match="a whole number from 1 to 10"):
        parse.whole_number(text, 1, 10)


def test_whole_numbers_allow_spaces_around_them() -> None:
    assert parse.whole_number(" 7 ", 0, 10) == 7


@pytest.mark.parametrize("text", ["20", "366", "\u00b2", "thirty"])
def test_the_goal_is_three_weeks_to_a_year(text: str) -> None:
    with pytest.raises(Invalid, match="from 21 to 365"):
        parse.goal_days(text)
    assert parse.goal_days("21") == 21 and parse.goal_days("365") == 365


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026-1", "0001-01", "March"])
def test_a_month_is_written_yyyy_mm(text: str) -> None:
    with pytest.raises(Invalid, match="a month written YYYY-MM"):
        parse.month(text)
    assert parse.month("2026-12") == "2026-12"


@pytest.mark.parametrize("text", ["12:00", "04:00+05:00", "4", "04:60", "04:00:30", "４:00"])
def test_a_day_start_is_hh_mm_before_noon(text: str) -> None:
    with pytest.raises(Invalid, match="00:00 to 11:59"):
        parse.day_start(text)
    assert parse.day_start(" 04:30 ") == time(4, 30)


def test_contact_self_care_and_tracks_accept_only_their_words() -> None:
    assert parse.contact(" Ignored ") == "ignored"
    with pytest.raises(Invalid, match="one of: none, ignored, necessary, slip"):
        parse.contact("texted")
    assert parse.selfcare("people, sleep,people,") == ["people", "sleep"]
    with pytest.raises(Invalid, match="sleep, food, movement, people, enjoyable"):
        parse.selfcare("sleep,yoga")
    assert parse.track("Move-On") == "move_on" and parse.track("move_on") == "move_on"
    with pytest.raises(Invalid, match="move-on or reconnect"):
        parse.track("back")


def test_region_codes_are_upper_case_with_uk_as_gb() -> None:
    assert parse.region_code(" uk ") == "GB"
    assert parse.region_code("us") == "US"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("yesterday", date(2026, 3, 19)),
        ("about 3 weeks ago", date(2026, 2, 27)),
        ("a couple of months ago", date(2026, 1, 19)),
        ("last year", date(2025, 3, 20)),
        ("2025-12-24", date(2025, 12, 24)),
    ],
)
def test_rough_dates_read_as_people_say_them(text: str, expected: date | None) -> None:
    assert parse.rough_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["whenever", "9999 years ago", "2027-01-01", "0001-01-01"])
def test_a_rough_date_that_cannot_be_read_is_refused(text: str) -> None:
    with pytest.raises(Invalid):
        parse.rough_date(text, TODAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("today", TODAY),
        ("Yesterday", TODAY - timedelta(days=1)),
        ("3 weeks ago", TODAY - timedelta(days=21)),
        ("2  days ago", TODAY - timedelta(days=2)),
        ("2026-01-31", date(2026, 1, 31)),
        ("about a month ago", TODAY - timedelta(days=30)),
        ("a couple of weeks ago", TODAY - timedelta(days=14)),
        ("two weeks", TODAY - timedelta(days=14)),
        ("last week", TODAY - timedelta(days=7)),
        ("roughly 1 year ago", TODAY - timedelta(days=365)),
    ],
)
def test_the_breakup_date_reads_the_ways_people_say_it(text: str, expected: date | None) -> None:
    assert parse.rough_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["last spring", "2026-13-01", "2026-04-01", "lots of days ago"])
def test_an_unreadable_or_future_breakup_date_is_asked_again(text: str) -> None:
    with pytest.raises(Invalid):
        parse.rough_date(text, TODAY)


@pytest.mark.parametrize("text", ["move-on", "move_on", " Move-On "])
def test_track_names_are_forgiving(text: str) -> None:
    assert parse.track(text) == "move_on"
