"""The streak domain: figures from events, the period's start, the calendar, --format lines."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recover_coach import program, streak
from recover_coach.errors import UsageError
from recover_coach.models import Profile
from recover_coach.streak import Mark, StreakEvents, StreakFigures

START = date(2026, 3, 1)


def figures_on(
    started_on: date | None, slips: list[date], goal_days: int, today: date, **more: object
) -> StreakFigures:
    """The figures for a period, its slips and a goal, as recorded events (midnight days)."""
    events = StreakEvents(started_on, tuple(slips), goal_days, time(0, 0), **more)  # type: ignore[arg-type]
    return streak.figures(events, today)


def brute_force(started_on: date | None, slips: list[date], today: date) -> dict[str, object]:
    """Walk every date from the start to today, one calendar day at a time."""
    if started_on is None or today < started_on:
        return {"current": 0, "longest": 0, "total": 0, "slips": 0, "last_slip": None}
    slip_days = {day for day in slips if started_on <= day <= today}
    current = longest = total = 0
    day = started_on
    while day <= today:
        if day == started_on or day in slip_days:
            current = 0
        else:
            current += 1
            total += 1
        longest = max(longest, current)
        day += timedelta(days=1)
    return {
        "current": current,
        "longest": longest,
        "total": total,
        "slips": len(slip_days),
        "last_slip": max(slip_days) if slip_days else None,
    }


days_2020s = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=400, deadline=None)
@given(
    started_on=st.one_of(st.none(), days_2020s),
    offsets=st.lists(st.integers(min_value=-60, max_value=800), max_size=25),
    today_offset=st.integers(min_value=-30, max_value=800),
)
def test_figures_match_a_day_by_day_count(
    started_on: date | None, offsets: list[int], today_offset: int
) -> None:
    anchor = started_on or date(2025, 6, 1)
    # Slips before the start and after today are in the mix on purpose.
    slips = [anchor + timedelta(days=offset) for offset in offsets]
    today = anchor + timedelta(days=today_offset)

    figures = figures_on(started_on, slips, 30, today)
    expected = brute_force(started_on, slips, today)

    assert figures.current_days == expected["current"]
    assert figures.longest_days == expected["longest"]
    assert figures.total_days == expected["total"]
    assert figures.slips == expected["slips"]
    assert figures.last_slip_on == expected["last_slip"]
    assert figures.next_milestone == next(
        (m for m in streak.MILESTONES if m > figures.current_days), None
    )
    assert figures.current_days <= figures.longest_days <= figures.total_days


def test_the_start_day_is_day_zero_and_the_next_day_is_day_one() -> None:
    assert figures_on(START, [], 30, START).current_days == 0
    assert figures_on(START, [], 30, START + timedelta(days=1)).current_days == 1


def test_a_slip_today_resets_the_streak_to_zero() -> None:
    today = START + timedelta(days=10)

    figures = figures_on(START, [today], 30, today)

    assert figures.current_days == 0
    assert figures.longest_days == 9
    assert figures.total_days == 9
    assert figures.slips == 1
    assert figures.last_slip_on == today


def test_several_slips_on_one_day_count_as_one_slip_day() -> None:
    slip = START + timedelta(days=4)

    figures = figures_on(START, [slip, slip], 30, START + timedelta(days=6))

    assert figures.slips == 1
    assert figures.current_days == 2


def test_slips_before_the_start_are_kept_but_do_not_count() -> None:
    figures = figures_on(START, [START - timedelta(days=3)], 30, START + timedelta(days=5))

    assert figures.slips == 0
    assert figures.current_days == 5


def test_a_slip_dated_after_today_waits_for_its_day() -> None:
    slip = START + timedelta(days=20)

    assert figures_on(START, [slip], 30, START + timedelta(days=10)).current_days == 10
    assert figures_on(START, [slip], 30, slip).current_days == 0


def test_before_any_start_every_count_is_zero() -> None:
    figures = figures_on(None, [START], 30, START)

    assert (figures.started_on, figures.current_days, figures.slips) == (None, 0, 0)
    assert figures.as_json()["started_on"] is None
    assert figures.goal_reached is False


def test_the_goal_is_reached_on_its_day() -> None:
    assert not figures_on(START, [], 30, START + timedelta(days=29)).goal_reached
    assert figures_on(START, [], 30, START + timedelta(days=30)).goal_reached


def test_milestones_are_announced_on_their_day_and_the_next_one_is_named() -> None:
    figures = figures_on(START, [], 30, START + timedelta(days=7))

    assert figures.milestone_today == 7
    assert figures.next_milestone == 14
    assert figures_on(START, [], 30, START + timedelta(days=8)).milestone_today is None
    assert figures_on(START, [], 30, START + timedelta(days=365)).next_milestone is None


def test_days_since_the_breakup_and_social_checks_are_their_own_counts() -> None:
    figures = figures_on(
        START, [], 30, START + timedelta(days=3), breakup_on=date(2026, 2, 20), socials_checked=2
    )

    assert figures.days_since_breakup == 12
    assert figures.socials_checked == 2
    assert figures.slips == 0


def test_json_dates_are_iso_and_missing_ones_are_null() -> None:
    data = figures_on(START, [date(2026, 3, 3)], 30, date(2026, 3, 5)).as_json()

    assert data["started_on"] == "2026-03-01"
    assert data["last_slip_on"] == "2026-03-03"
    assert data["days_since_breakup"] is None
    for key in ("current_days", "longest_days", "total_days", "goal_days", "next_milestone"):
        assert isinstance(data[key], int)


# --- beginning the period ---------------------------------------------------------------


def test_begin_period_sets_the_start_and_the_goal() -> None:
    profile = Profile()

    program.begin_period(profile, START, today=date(2026, 3, 10), goal_days=45)

    assert profile.no_contact.started_on == START
    assert profile.settings.goal_days == 45


def test_begin_period_can_start_today_and_keeps_the_goal_when_none_is_given() -> None:
    profile = Profile()
    profile.settings.goal_days = 40

    program.begin_period(profile, START, today=START)

    assert profile.no_contact.started_on == START
    assert profile.settings.goal_days == 40


def test_correcting_the_start_keeps_every_recorded_slip() -> None:
    from datetime import UTC, datetime

    from recover_coach.models import Slip

    profile = Profile()
    profile.no_contact.slips.append(Slip(on=START, recorded_at=datetime(2026, 3, 1, tzinfo=UTC)))

    program.begin_period(profile, START + timedelta(days=2), today=START + timedelta(days=5))

    assert [slip.on for slip in profile.no_contact.slips] == [START]


def test_a_start_in_the_future_is_refused_naming_both_dates() -> None:
    profile = Profile()

    with pytest.raises(UsageError, match="2026-03-02 is in the future") as caught:
        program.begin_period(profile, date(2026, 3, 2), today=date(2026, 3, 1))

    assert caught.value.exit_code == 2
    assert profile.no_contact.started_on is None


@pytest.mark.parametrize("goal", [0, 20, 366])
def test_a_goal_outside_21_to_365_is_refused_and_never_under_21(goal: int) -> None:
    profile = Profile()

    with pytest.raises(UsageError, match="goal is from 21 to 365") as caught:
        program.begin_period(profile, START, today=START, goal_days=goal)

    assert "never under 21" in str(caught.value)
    assert profile.no_contact.started_on is None
    assert profile.settings.goal_days == 30


@pytest.mark.parametrize("goal", [21, 365])
def test_goals_at_the_edges_are_accepted(goal: int) -> None:
    profile = Profile()

    program.begin_period(profile, START, today=START, goal_days=goal)

    assert profile.settings.goal_days == goal


# --- the calendar of recent weeks -------------------------------------------------------


def history(**changes: object) -> StreakEvents:
    base: dict[str, object] = {
        "started_on": START,
        "slip_dates": (),
        "goal_days": 30,
        "day_starts_at": time(0, 0),
    }
    base.update(changes)
    return StreakEvents(**base)  # type: ignore[arg-type]


def test_the_calendar_is_whole_weeks_from_monday_ending_with_this_week() -> None:
    today = date(2026, 3, 12)  # a Thursday

    weeks = streak.calendar(history(), today, weeks=12)

    assert len(weeks) == 12
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][0][0] == date(2025, 12, 22)
    assert all(day.weekday() == 0 for day, _ in (week[0] for week in weeks))
    days = [day for week in weeks for day, _ in week]
    assert days == [days[0] + timedelta(days=n) for n in range(84)]
    assert today in days


def test_the_calendar_marks_check_ins_slips_and_days_to_come() -> None:
    today = date(2026, 3, 12)
    slip = date(2026, 3, 10)
    checkins = {date(2026, 3, 9): "none", slip: "slip", date(2026, 3, 11): "necessary"}

    weeks = streak.calendar(history(slip_dates=(slip,), checkins=checkins), today, weeks=1)
    marks = dict(weeks[0])

    assert marks[date(2026, 3, 9)] is Mark.CHECKED_IN
    assert marks[slip] is Mark.SLIP
    assert marks[date(2026, 3, 11)] is Mark.CHECKED_IN
    assert marks[today] is Mark.NO_CHECKIN
    assert marks[date(2026, 3, 13)] is Mark.NOT_YET
    assert marks[date(2026, 3, 15)] is Mark.NOT_YET


def test_a_sunday_has_no_days_to_come_in_its_week() -> None:
    weeks = streak.calendar(history(), date(2026, 3, 15), weeks=2)

    assert Mark.NOT_YET not in {mark for week in weeks for _, mark in week}


# --- --format ---------------------------------------------------------------------------


def test_format_fills_any_json_field() -> None:
    figures = figures_on(START, [date(2026, 3, 3)], 30, date(2026, 3, 8))

    line = streak.format_line(
        "{current_days}/{goal_days}d {slips} {last_slip_on} {goal_reached}", figures
    )

    assert line == "5/30d 1 2026-03-03 false"


def test_format_shows_a_missing_date_as_empty_and_accepts_format_specs() -> None:
    figures = figures_on(None, [], 30, START)

    assert streak.format_line("[{started_on}]{current_days:>3}", figures) == "[]  0"


def test_format_with_an_unknown_field_names_it_and_lists_the_valid_ones() -> None:
    figures = figures_on(START, [], 30, START)

    with pytest.raises(UsageError) as caught:
        streak.format_line("{current_days} {streak_days}", figures)

    message = str(caught.value)
    assert "{streak_days}" in message
    assert "current_days" in message and "longest_days" in message
    assert "\n" not in message
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("template", ["{}", "{0}", "{current_days.real}", "{current", "}"])
def test_format_refuses_positional_fields_attributes_and_stray_braces(template: str) -> None:
    figures = figures_on(START, [], 30, START)

    with pytest.raises(UsageError, match="--format"):
        streak.format_line(template, figures)


def test_format_passes_doubled_braces_through_as_braces() -> None:
    figures = figures_on(START, [], 30, START + timedelta(days=2))

    assert streak.format_line("{{{current_days}}}", figures) == "{2}"
