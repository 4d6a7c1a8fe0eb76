"""The urge SOS as pure functions: the pause, what is logged, and the person's own reasons."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from recover_coach import urges
from recover_coach.errors import UsageError
from recover_coach.models import Answer, MonthLog, Reflection
from recover_coach.urges import UrgeAnswers

NOW = datetime(2026, 3, 20, 23, 40, tzinfo=UTC)


def reflection(key: str, step: int, *values: str) -> Reflection:
    return Reflection(
        key=key,
        step=step,
        prompt="?",
        entries=[
            Answer(at=datetime(2026, 3, day, tzinfo=UTC), value=value)
            for day, value in enumerate(values, 1)
        ],
    )


def test_the_pause_is_ten_minutes_unless_chosen_between_zero_and_thirty() -> None:
    assert urges.parse_pause(None) == 600
    assert urges.parse_pause("0") == 0
    assert urges.parse_pause("30") == 1800


@pytest.mark.parametrize("text", ["31", "-1", "ten", "1.5", "\u00b2"])
def test_a_pause_out_of_range_is_refused_naming_the_flag(text: str) -> None:
    with pytest.raises(UsageError, match="--pause takes a number of minutes from 0 to 30"):
        urges.parse_pause(text)


def test_an_urge_is_logged_with_its_strength_before_and_after_and_the_unsent_draft() -> None:
    log = MonthLog(month="2026-03")
    answers = UrgeAnswers(
        before=9, after=4, need="closure", draft="I miss you.", paused_seconds=600
    )
    urge = urges.log_urge(log, answers, on=date(2026, 3, 20), at=NOW)
    assert log.urges == [urge]
    assert (urge.before, urge.after, urge.need, urge.draft, urge.paused_seconds) == (
        9,
        4,
        "closure",
        "I miss you.",
        600,
    )


def test_an_empty_draft_is_not_kept() -> None:
    urge = urges.log_urge(
        MonthLog(month="2026-03"), UrgeAnswers(before=5, draft=""), on=date(2026, 3, 20), at=NOW
    )
    assert urge.draft is None


def test_own_reasons_are_the_latest_answers_from_steps_one_and_two() -> None:
    reflections = [
        reflection("2a.who", 2, "Someone who sleeps well."),
        reflection("1a.why", 1, "first thought", "I need room to heal."),
        reflection("3a.patterns", 3, "We argued."),
        reflection("daily.did-you-keep-your-distance", 1, "yes"),
        reflection("1b.empty", 1, "   "),
    ]
    assert urges.own_reasons(reflections) == ["I need room to heal.", "Someone who sleeps well."]


def test_own_reasons_show_at_most_three() -> None:
    reflections = [reflection(f"1a.r{n}", 1, f"reason {n}") for n in range(5)]
    assert len(urges.own_reasons(reflections)) == 3
