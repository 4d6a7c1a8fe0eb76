"""The urge SOS as pure functions: the pause, what is logged, and the person's own reasons."""

from __future__ import annotations

from datetime import UTC, date, datetime

from recover_coach import content, urges
from recover_coach.content_models import PlanBeat, ReflectBeat
from recover_coach.models import Answer, MonthLog, Reflection
from recover_coach.urges import UrgeAnswers
from recover_coach.views import daily

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


def test_own_reasons_are_the_urge_plan_and_step_two_answers_latest_first() -> None:
    plan = Reflection(
        key="1c.instead",
        step=1,
        prompt="Make a small plan for when the urge hits.",
        entries=[
            Answer(at=datetime(2026, 3, 1, tzinfo=UTC), value={"reminder": "old"}),
            Answer(
                at=datetime(2026, 3, 2, tzinfo=UTC),
                value={"reminder": "I deserve calm.", "when": "nights"},
            ),
        ],
    )
    reflections = [
        reflection("1a.pull", 1, "I miss their voice."),  # a reason to reach out: never shown
        reflection("2a.who", 2, "Someone steady."),
        plan,
        reflection("2a.kindness", 2, "   "),
    ]
    assert urges.own_reasons(reflections) == [
        ("1c.instead:reminder", "I deserve calm."),
        ("2a.who", "Someone steady."),
    ]


def test_own_reasons_show_at_most_three() -> None:
    plan = Reflection(
        key="1c.instead",
        step=1,
        prompt="?",
        entries=[Answer(at=NOW, value={"reminder": "a", "do_instead": "b", "person": "c"})],
    )
    assert len(urges.own_reasons([plan, reflection("2a.who", 2, "d")])) == 3


def test_every_reason_source_is_a_question_the_program_asks() -> None:
    loaded = content.load()
    asked: dict[str, set[str]] = {}
    for part in loaded.steps:
        for session in part.sessions:
            for beat in session.beats:
                if isinstance(beat, PlanBeat):
                    asked[f"{session.id}.{beat.id}"] = {field.id for field in beat.fields}
                elif isinstance(beat, ReflectBeat):
                    asked[f"{session.id}.{beat.id}"] = set()
    for source in urges.REASON_SOURCES:
        key, _, field_id = source.partition(":")
        assert key in asked, source
        assert not field_id or field_id in asked[key], source
    assert set(urges.REASON_SOURCES) == set(daily.REASON_LABELS)


def test_every_need_has_a_label_and_a_reply() -> None:
    assert set(urges.NEEDS) == set(daily.NEED_LABELS) == set(daily.NEED_REPLIES)
