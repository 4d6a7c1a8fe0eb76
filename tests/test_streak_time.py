"""Time edges: days are local calendar dates, so no zone, DST change or clock jump moves a count.

Moments are aware datetimes turned into days with `clock.logical_date`, exactly as commands
do with `clock.today`; the streak is then counted from those dates alone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from recover_coach import clock, streak
from recover_coach.streak import Mark, StreakEvents, StreakFigures

MIDNIGHT = time(0, 0)
FOUR = time(4, 0)


def figures_on(
    started_on: date | None, slips: list[date], goal_days: int, today: date, **more: object
) -> StreakFigures:
    """The figures for a period, its slips and a goal, as recorded events (midnight days)."""
    events = StreakEvents(started_on, tuple(slips), goal_days, time(0, 0), **more)  # type: ignore[arg-type]
    return streak.figures(events, today)


def local(zone: str, year: int, month: int, day: int, *clock_parts: int) -> datetime:
    """A wall-clock reading in `zone`: hour, minute and second follow the date."""
    hour, minute, second = (*clock_parts, 0, 0, 0)[:3]
    return datetime(year, month, day, hour, minute, second, tzinfo=ZoneInfo(zone))


def at(zone: str, utc: datetime, minutes: float = 0) -> datetime:
    """The local wall-clock reading in `zone` a number of real minutes after `utc`."""
    return (utc + timedelta(minutes=minutes)).astimezone(ZoneInfo(zone))


def elapsed(earlier: datetime, later: datetime) -> timedelta:
    """Real time between two moments (subtracting in one zone would give wall-clock time)."""
    return later.astimezone(UTC) - earlier.astimezone(UTC)


def current_days(start: datetime, now: datetime, day_start: time = MIDNIGHT) -> int:
    started_on = clock.logical_date(start, day_start)
    today = clock.logical_date(now, day_start)
    return figures_on(started_on, [], 30, today).current_days


# --- DST: a 23- or 25-hour day is still one day ---------------------------------------------


@pytest.mark.parametrize(
    ("zone", "change"),
    [
        ("Europe/London", date(2025, 3, 30)),
        ("Europe/London", date(2025, 10, 26)),
        ("America/New_York", date(2025, 3, 9)),
        ("America/New_York", date(2025, 11, 2)),
        ("Australia/Sydney", date(2025, 4, 6)),
        ("Australia/Sydney", date(2025, 10, 5)),
    ],
)
def test_every_date_around_a_dst_change_counts_exactly_once(zone: str, change: date) -> None:
    # Check in every 30 real minutes for four days around the change.
    first = datetime.combine(change - timedelta(days=2), time(0, 15), ZoneInfo(zone))
    moments = [at(zone, first.astimezone(UTC), 30 * n) for n in range(4 * 48)]
    days = sorted({clock.logical_date(moment) for moment in moments})

    assert days == [change - timedelta(days=2) + timedelta(days=n) for n in range(len(days))]
    assert change in days
    start, today = days[0], days[-1]
    assert figures_on(start, [], 30, today).current_days == len(days) - 1


def test_the_25_hour_day_in_london_counts_once() -> None:
    start = local("Europe/London", 2025, 10, 26, 0, 0)
    late_that_day = local("Europe/London", 2025, 10, 26, 23, 30)

    # Counting 24-hour blocks would already say day 1.
    assert elapsed(start, late_that_day) == timedelta(hours=24, minutes=30)
    assert current_days(start, late_that_day) == 0
    assert current_days(start, local("Europe/London", 2025, 10, 27, 0, 0)) == 1


def test_the_23_hour_day_in_london_still_ends_at_midnight() -> None:
    start = local("Europe/London", 2025, 3, 30, 0, 0)
    just_after_midnight = local("Europe/London", 2025, 3, 31, 0, 30)

    # Counting 24-hour blocks would still say day 0.
    assert elapsed(start, just_after_midnight) == timedelta(hours=23, minutes=30)
    assert current_days(start, just_after_midnight) == 1


def test_a_month_across_sydney_and_new_york_changes_gains_and_loses_nothing() -> None:
    for zone, start_day in (
        ("Australia/Sydney", date(2025, 9, 20)),
        ("America/New_York", date(2025, 10, 20)),
    ):
        start = datetime.combine(start_day, time(21, 0), ZoneInfo(zone))
        later = datetime.combine(start_day + timedelta(days=30), time(7, 0), ZoneInfo(zone))

        assert current_days(start, later) == 30


# --- days without a midnight, and a day that never happened -----------------------------


def test_santiago_2022_09_11_had_no_midnight_and_the_days_are_still_consecutive() -> None:
    before = at("America/Santiago", datetime(2022, 9, 11, 3, 30, tzinfo=UTC))
    after = at("America/Santiago", datetime(2022, 9, 11, 3, 30, tzinfo=UTC), minutes=35)

    assert (before.hour, before.minute, after.hour, after.minute) == (23, 30, 1, 5)
    assert clock.logical_date(before) == date(2022, 9, 10)
    assert clock.logical_date(after) == date(2022, 9, 11)
    assert current_days(before, after) == 1


def test_apias_skipped_calendar_date_is_still_counted() -> None:
    """Pinned: Samoa went from 2011-12-29 straight to 2011-12-31, and the count is 2.

    The streak is calendar arithmetic on dates, the same everywhere (see streak.py):
    2011-12-30 is a calendar date even though Apia's clocks never showed it.
    """
    before = at("Pacific/Apia", datetime(2011, 12, 30, 9, 30, tzinfo=UTC))
    an_hour_later = at("Pacific/Apia", datetime(2011, 12, 30, 9, 30, tzinfo=UTC), minutes=60)

    assert clock.logical_date(before) == date(2011, 12, 29)
    assert clock.logical_date(an_hour_later) == date(2011, 12, 31)
    assert current_days(before, an_hour_later) == 2
    weeks = streak.calendar(
        StreakEvents(date(2011, 12, 29), (), 30, MIDNIGHT), date(2011, 12, 31), weeks=1
    )
    assert (date(2011, 12, 30), Mark.NO_CHECKIN) in weeks[0]


# --- leap days and year ends --------------------------------------------------------------


def test_feb_28_feb_29_and_mar_1_are_three_days_in_a_row() -> None:
    figures = figures_on(date(2024, 2, 27), [], 30, date(2024, 3, 1))

    assert figures.current_days == 3
    assert figures.total_days == 3


def test_a_slip_on_a_leap_day_splits_the_stretch_around_it() -> None:
    figures = figures_on(date(2024, 2, 20), [date(2024, 2, 29)], 30, date(2024, 3, 1))

    assert figures.current_days == 1
    assert figures.longest_days == 8


def test_a_year_across_a_leap_day_is_365_or_366_days() -> None:
    assert figures_on(date(2023, 2, 28), [], 30, date(2024, 2, 28)).current_days == 365
    assert figures_on(date(2024, 2, 28), [], 30, date(2025, 2, 28)).current_days == 366


def test_the_streak_carries_on_over_new_year() -> None:
    start = local("Europe/London", 2025, 12, 31, 23, 59, 59)
    new_year = local("Europe/London", 2026, 1, 1, 0, 0, 0)

    assert current_days(start, new_year) == 1
    assert figures_on(date(2025, 12, 31), [], 30, date(2026, 1, 1)).next_milestone == 3


# --- when the day starts --------------------------------------------------------------------


def test_with_the_day_starting_at_4_a_m_3_59_counts_for_yesterday() -> None:
    assert clock.logical_date(local("Europe/London", 2026, 3, 10, 3, 59), FOUR) == date(2026, 3, 9)
    assert clock.logical_date(local("Europe/London", 2026, 3, 10, 4, 0), FOUR) == date(2026, 3, 10)


def test_with_the_day_starting_at_midnight_one_second_apart_is_two_days() -> None:
    last = local("Europe/London", 2026, 3, 9, 23, 59, 59)
    first = local("Europe/London", 2026, 3, 10, 0, 0, 0)

    assert clock.logical_date(last) == date(2026, 3, 9)
    assert clock.logical_date(first) == date(2026, 3, 10)


def test_a_late_night_slip_with_a_4_a_m_day_start_belongs_to_the_evening_before() -> None:
    started_on = date(2026, 3, 1)
    slip_moment = local("Europe/London", 2026, 3, 10, 2, 30)
    slip_day = clock.logical_date(slip_moment, FOUR)

    figures = figures_on(started_on, [slip_day], 30, clock.logical_date(slip_moment, FOUR))

    assert slip_day == date(2026, 3, 9)
    assert figures.current_days == 0
    assert figures.longest_days == 7


def test_the_local_date_is_used_not_the_utc_date() -> None:
    evening = local("America/New_York", 2026, 1, 10, 20, 25)

    assert evening.astimezone(UTC).date() == date(2026, 1, 11)
    assert clock.logical_date(evening) == date(2026, 1, 10)


def test_a_4_a_m_day_start_on_the_night_clocks_go_forward() -> None:
    # London jumps from 01:00 to 02:00; the day still turns at 04:00 on the wall clock.
    night = at("Europe/London", datetime(2025, 3, 30, 2, 30, tzinfo=UTC))  # 03:30 BST
    morning = at("Europe/London", datetime(2025, 3, 30, 3, 0, tzinfo=UTC))  # 04:00 BST

    assert clock.logical_date(night, FOUR) == date(2025, 3, 29)
    assert clock.logical_date(morning, FOUR) == date(2025, 3, 30)


# --- travel and a clock set wrong -----------------------------------------------------------


def test_flying_east_overnight_continues_the_streak() -> None:
    new_york = local("America/New_York", 2026, 3, 10, 23, 30)
    london = local("Europe/London", 2026, 3, 11, 8, 0)

    assert clock.logical_date(new_york) == date(2026, 3, 10)
    assert clock.logical_date(london) == date(2026, 3, 11)
    assert current_days(new_york, london) == 1


def test_flying_west_after_midnight_neither_breaks_nor_double_counts() -> None:
    london_late = local("Europe/London", 2026, 3, 11, 0, 30)
    new_york_landing = at("America/New_York", london_late.astimezone(UTC), minutes=8 * 60)
    start = date(2026, 3, 1)
    days = {clock.logical_date(london_late), clock.logical_date(new_york_landing)}

    assert new_york_landing.hour == 4
    assert days == {date(2026, 3, 11)}
    assert figures_on(start, [], 30, date(2026, 3, 11)).current_days == 10


def test_a_date_seen_again_after_flying_west_keeps_a_slip_from_the_day_ahead() -> None:
    # A slip logged at 00:30 in London (the 11th), then an evening in New York (the 10th).
    slip_day = clock.logical_date(local("Europe/London", 2026, 3, 11, 0, 30))
    back_in_the_10th = clock.logical_date(local("America/New_York", 2026, 3, 10, 21, 0))
    start = date(2026, 3, 1)

    in_new_york = figures_on(start, [slip_day], 30, back_in_the_10th)
    next_day = figures_on(start, [slip_day], 30, back_in_the_10th + timedelta(days=1))

    assert in_new_york.current_days == 9  # the slip waits for its own date
    assert (next_day.current_days, next_day.slips, next_day.longest_days) == (0, 1, 9)


def test_a_clock_set_back_a_month_and_forward_again_loses_and_gains_nothing() -> None:
    start = date(2026, 1, 1)
    slips = [date(2026, 2, 10)]
    true_today = date(2026, 2, 15)
    before = figures_on(start, slips, 30, true_today)

    wrong = figures_on(start, slips, 30, true_today - timedelta(days=31))
    # A slip recorded while the clock was wrong carries the wrong date; it is kept too.
    slips.append(true_today - timedelta(days=31))
    after = figures_on(start, slips, 30, true_today)

    assert before.current_days == 5 and before.total_days == 44
    assert (wrong.current_days, wrong.slips) == (14, 0)
    assert after.current_days == 5
    assert after.slips == 2
    assert after.total_days == 43
    assert (before.longest_days, after.longest_days) == (39, 25)
