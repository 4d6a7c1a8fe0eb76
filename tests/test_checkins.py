"""Check-ins, slips and history as pure functions: the rules a day's entries follow."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from recover_coach import checkins, slips, timeline
from recover_coach.checkins import CheckinAnswers, DailyQuestion, FirstCheckInIncomplete
from recover_coach.errors import RecoverError, UsageError
from recover_coach.models import CheckIn, MonthLog, Profile, Slip, Urge
from recover_coach.slips import SlipAnswers

TODAY = date(2026, 3, 20)
MORNING = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
EVENING = datetime(2026, 3, 20, 21, 0, tzinfo=UTC)


def started(on: date = date(2026, 3, 1)) -> Profile:
    profile = Profile()
    profile.no_contact.started_on = on
    return profile


def check_in(
    profile: Profile,
    log: MonthLog,
    answers: CheckinAnswers,
    on: date = TODAY,
    at: datetime = MORNING,
) -> checkins.Outcome:
    return checkins.record(profile, log, answers, on=on, at=at, today=TODAY)


def march() -> MonthLog:
    return MonthLog(month="2026-03")


# A day's check-in, and updating it.


def test_a_first_check_in_saves_every_answer_in_the_days_month() -> None:
    profile, log = started(), march()
    outcome = check_in(
        profile,
        log,
        CheckinAnswers(
            mood=6, contact="none", checked_socials=False, urge=3, selfcare=["sleep"], note="ok"
        ),
    )
    assert not outcome.updated
    assert log.checkins == [outcome.check_in]
    saved = log.checkins[0]
    assert (saved.on, saved.mood, saved.contact, saved.urge) == (TODAY, 6, "none", 3)
    assert saved.selfcare == ["sleep"] and saved.note == "ok"


@pytest.mark.parametrize(
    ("answers", "missing"),
    [(CheckinAnswers(contact="none"), ["mood"]), (CheckinAnswers(mood=5), ["contact"])],
)
def test_a_first_check_in_needs_mood_and_contact(
    answers: CheckinAnswers, missing: list[str]
) -> None:
    profile, log = started(), march()
    with pytest.raises(FirstCheckInIncomplete) as refused:
        check_in(profile, log, answers)
    assert refused.value.missing == missing
    assert log.checkins == []


def test_a_second_check_in_replaces_the_answers_given_and_keeps_the_rest() -> None:
    profile, log = started(), march()
    check_in(profile, log, CheckinAnswers(mood=3, contact="none", urge=8, checked_socials=True))
    outcome = check_in(profile, log, CheckinAnswers(mood=7), at=EVENING)
    assert outcome.updated
    assert len(log.checkins) == 1
    saved = log.checkins[0]
    assert (saved.mood, saved.contact, saved.urge, saved.checked_socials) == (7, "none", 8, True)
    assert saved.recorded_at == EVENING


def test_a_new_note_is_added_below_the_earlier_note_never_over_it() -> None:
    profile, log = started(), march()
    check_in(profile, log, CheckinAnswers(mood=4, contact="none", note="Morning was hard."))
    check_in(profile, log, CheckinAnswers(note="The evening was better."))
    check_in(profile, log, CheckinAnswers(mood=5))
    assert log.checkins[0].note == "Morning was hard.\n\nThe evening was better."


def test_self_care_items_from_both_check_ins_are_merged() -> None:
    profile, log = started(), march()
    check_in(profile, log, CheckinAnswers(mood=4, contact="none", selfcare=["people", "sleep"]))
    check_in(profile, log, CheckinAnswers(selfcare=["food", "sleep"]))
    assert log.checkins[0].selfcare == ["sleep", "food", "people"]


def test_check_ins_stay_in_date_order_when_a_missed_day_is_filled_in() -> None:
    profile, log = started(), march()
    check_in(profile, log, CheckinAnswers(mood=5, contact="none"))
    check_in(profile, log, CheckinAnswers(mood=4, contact="none"), on=date(2026, 3, 18))
    assert [entry.on for entry in log.checkins] == [date(2026, 3, 18), TODAY]


# The events a check-in implies.


def test_a_slip_check_in_adds_a_slip_marked_as_from_the_check_in() -> None:
    profile, log = started(), march()
    outcome = check_in(profile, log, CheckinAnswers(mood=3, contact="slip"))
    assert [(slip.on, slip.from_checkin) for slip in profile.no_contact.slips] == [(TODAY, True)]
    assert outcome.streak.current_days == 0
    assert outcome.streak.slips == 1


def test_changing_the_days_contact_removes_the_slip_the_check_in_added() -> None:
    profile, log = started(), march()
    check_in(profile, log, CheckinAnswers(mood=3, contact="slip"))
    outcome = check_in(profile, log, CheckinAnswers(contact="necessary"))
    assert profile.no_contact.slips == []
    assert outcome.streak.current_days == 19


def test_a_slip_recorded_on_its_own_survives_a_check_in_update() -> None:
    profile, log = started(), march()
    slips.record_slip(profile, SlipAnswers(note="I called."), on=TODAY, at=MORNING, today=TODAY)
    check_in(profile, log, CheckinAnswers(mood=3, contact="slip"))
    check_in(profile, log, CheckinAnswers(contact="none"))
    assert [(slip.on, slip.from_checkin) for slip in profile.no_contact.slips] == [(TODAY, False)]


def test_slip_check_ins_on_the_same_day_add_one_slip() -> None:
    profile, log = started(), march()
    check_in(profile, log, CheckinAnswers(mood=3, contact="slip"))
    check_in(profile, log, CheckinAnswers(contact="slip"))
    assert len(profile.no_contact.slips) == 1


@pytest.mark.parametrize("contact", ["ignored", "necessary", "none"])
def test_contact_they_started_or_that_was_needed_is_not_a_slip(contact: str) -> None:
    profile, log = started(), march()
    check_in(profile, log, CheckinAnswers(mood=5, contact=contact))  # type: ignore[arg-type]
    assert profile.no_contact.slips == []
    assert log.checkins[0].contact == contact


def test_checking_their_socials_is_kept_on_the_day_and_undone_by_a_no() -> None:
    profile, log = started(), march()
    check_in(profile, log, CheckinAnswers(mood=5, contact="none", checked_socials=True))
    check_in(profile, log, CheckinAnswers(mood=6))  # not asked again: the earlier answer stands
    assert log.checkins[0].checked_socials is True
    check_in(profile, log, CheckinAnswers(checked_socials=False))
    assert log.checkins[0].checked_socials is False
    assert profile.no_contact.slips == []  # counted on its own, never as a slip


def test_a_check_in_before_the_period_began_is_kept_as_mood_history() -> None:
    profile, log = started(date(2026, 3, 10)), march()
    check_in(profile, log, CheckinAnswers(mood=2, contact="none"), on=date(2026, 3, 5))
    assert log.checkins[0].on == date(2026, 3, 5)


def test_a_slip_dated_before_the_period_began_is_refused_naming_both_dates() -> None:
    profile, log = started(date(2026, 3, 10)), march()
    with pytest.raises(UsageError, match=r"2026-03-05 is before .*2026-03-10"):
        check_in(profile, log, CheckinAnswers(mood=2, contact="slip"), on=date(2026, 3, 5))
    assert log.checkins == [] and profile.no_contact.slips == []


# Slips recorded on their own.


def test_a_slip_needs_a_no_contact_period() -> None:
    with pytest.raises(RecoverError, match="not begun"):
        slips.record_slip(Profile(), SlipAnswers(), on=TODAY, at=MORNING, today=TODAY)


def test_recording_a_slip_today_resets_the_streak_and_keeps_the_longest() -> None:
    profile = started(date(2026, 3, 1))
    outcome = slips.record_slip(
        profile, SlipAnswers(feeling="lonely"), on=TODAY, at=MORNING, today=TODAY
    )
    assert not outcome.updated
    assert outcome.streak.current_days == 0
    assert outcome.streak.longest_days == 18
    assert outcome.slip.feeling == "lonely"


def test_a_second_slip_on_the_same_day_adds_its_answers_to_the_first() -> None:
    profile = started()
    slips.record_slip(
        profile, SlipAnswers(note="Texted.", feeling="sad"), on=TODAY, at=MORNING, today=TODAY
    )
    outcome = slips.record_slip(
        profile,
        SlipAnswers(note="Then called.", time_of_day="late"),
        on=TODAY,
        at=EVENING,
        today=TODAY,
    )
    assert outcome.updated
    [slip] = profile.no_contact.slips
    assert (slip.note, slip.feeling, slip.time_of_day) == ("Texted.\n\nThen called.", "sad", "late")


def test_recording_a_slip_over_a_check_ins_slip_makes_it_permanent() -> None:
    profile, log = started(), march()
    check_in(profile, log, CheckinAnswers(mood=3, contact="slip"))
    slips.record_slip(profile, SlipAnswers(), on=TODAY, at=EVENING, today=TODAY)
    check_in(profile, log, CheckinAnswers(contact="none"))
    assert [slip.from_checkin for slip in profile.no_contact.slips] == [False]


# The question of the day.


def test_the_question_of_the_day_stays_all_day_and_moves_on_tomorrow() -> None:
    questions = ["one?", "two?", "three?"]
    today = checkins.question_of_the_day(questions, TODAY)
    assert today == checkins.question_of_the_day(questions, TODAY)
    following = [
        checkins.question_of_the_day(questions, date.fromordinal(TODAY.toordinal() + n))
        for n in range(3)
    ]
    assert sorted(q for q in following if q) == sorted(questions)
    assert checkins.question_of_the_day([], TODAY) is None


def test_answering_the_same_daily_question_again_adds_to_its_history() -> None:
    profile, log = started(), march()
    question = DailyQuestion(text="What did you do instead when it got hard?", step=1)
    check_in(
        profile,
        log,
        CheckinAnswers(mood=5, contact="none", daily_question=question, daily_answer="A walk."),
    )
    check_in(
        profile,
        log,
        CheckinAnswers(daily_question=question, daily_answer="Called my sister."),
        on=TODAY,
        at=EVENING,
    )
    assert profile.reflections == []  # kept in the month's log: the core does not grow daily
    [reflection] = checkins.daily_reflections(log.checkins)
    assert reflection.key == "daily.what-did-you-do-instead-when-it-got-hard"
    assert reflection.step == 1
    assert [entry.value for entry in reflection.entries] == ["A walk.", "Called my sister."]


def test_a_skipped_daily_question_saves_no_reflection() -> None:
    profile, log = started(), march()
    question = DailyQuestion(text="Anything?", step=2)
    check_in(
        profile,
        log,
        CheckinAnswers(mood=5, contact="none", daily_question=question, daily_answer=None),
    )
    assert log.checkins[0].daily == []
    assert checkins.daily_reflections(log.checkins) == []


# The timeline.


def test_history_lists_check_ins_slips_and_urges_in_date_order() -> None:
    log = MonthLog(
        month="2026-03",
        checkins=[CheckIn(on=date(2026, 3, 2), recorded_at=MORNING, mood=4, contact="none")],
        urges=[Urge(at=MORNING, on=date(2026, 3, 1), before=8)],
    )
    slips = [
        Slip(on=date(2026, 3, 2), recorded_at=EVENING),
        Slip(on=date(2026, 2, 27), recorded_at=MORNING),
    ]
    entries = timeline.entries(slips, [log])
    assert [(entry.on.day, entry.kind) for entry in entries] == [
        (27, "slip"),
        (1, "urge"),
        (2, "check-in"),
        (2, "slip"),
    ]
    assert [entry.kind for entry in timeline.entries(slips, [log], since="2026-03")] == [
        "urge",
        "check-in",
        "slip",
    ]


def test_history_json_lists_every_check_in_with_its_date_and_fields() -> None:
    log = MonthLog(
        month="2026-03",
        checkins=[
            CheckIn(
                on=date(2026, 3, 2),
                recorded_at=MORNING,
                mood=4,
                contact="ignored",
                selfcare=["food"],
            )
        ],
    )
    data = timeline.as_json(timeline.entries([], [log]))
    assert data["version"] == 1
    assert data["slips"] == [] and data["urges"] == []
    [entry] = data["checkins"]
    assert entry["on"] == "2026-03-02"
    assert (entry["mood"], entry["contact"], entry["selfcare"]) == (4, "ignored", ["food"])


def test_the_month_range_is_applied() -> None:
    saved = ["2025-12", "2026-01", "2026-02"]
    assert timeline.months_in_range(saved, "2026-01", None) == ["2026-01", "2026-02"]
    assert timeline.months_in_range(saved, None, "2025-12") == ["2025-12"]
    assert timeline.months_in_range(saved, "2026-02", "2026-01") == []
