"""`recover checkin`: flags for scripts, questions at a terminal, nothing written on an error."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from helpers_cli import CRISIS_TEXT, NOW, TODAY, begin_period, files, recover
from recover_coach import storage
from recover_coach.models import CheckIn

pytestmark = pytest.mark.usefixtures("march_clock")


# Flags: what scripts and cron use.


@pytest.mark.usefixtures("started")
def test_flags_alone_check_in_and_show_the_streak(runner: CliRunner) -> None:
    done = recover(
        runner,
        *("checkin", "--mood", "6", "--contact", "none", "--urge", "2"),
        *("--selfcare", "sleep,people", "--no-checked-socials", "--note", "Quiet day."),
    )
    assert done.code == 0, done.err
    assert "Checked in for today." in done.err
    assert "No contact: 19 days" in done.err
    assert done.out == ""  # a confirmation, not data: stdout stays clean for scripts
    [entry] = storage.read_month("2026-03").checkins
    assert (entry.on, entry.mood, entry.contact, entry.urge) == (TODAY, 6, "none", 2)
    assert entry.selfcare == ["sleep", "people"] and entry.note == "Quiet day."
    assert not entry.checked_socials


@pytest.mark.usefixtures("started")
def test_the_note_is_read_from_stdin_with_a_dash(runner: CliRunner) -> None:
    done = recover(
        runner,
        "checkin",
        "--mood",
        "5",
        "--contact",
        "none",
        "--note",
        "-",
        input="Wrote it\nin two lines.\n",
    )
    assert done.code == 0, done.err
    assert storage.read_month("2026-03").checkins[0].note == "Wrote it\nin two lines."


@pytest.mark.usefixtures("started")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--contact", "none"], "first check-in needs --mood"),
        (["--mood", "5"], "first check-in needs --contact"),
        (["--mood", "0", "--contact", "none"], "--mood takes a whole number from 1 to 10"),
        (["--mood", "lots", "--contact", "none"], "--mood takes a whole number from 1 to 10"),
        (
            ["--mood", "5", "--contact", "texted"],
            "--contact takes one of: none, ignored, necessary, slip",
        ),
        (
            ["--mood", "5", "--contact", "none", "--urge", "11"],
            "--urge takes a whole number from 0 to 10",
        ),
        (["--mood", "5", "--contact", "none", "--selfcare", "yoga"], "--selfcare takes"),
        (
            ["--mood", "5", "--contact", "none", "--date", "2026-03-21"],
            "--date takes a date from 1900 to today",
        ),
        (
            ["--mood", "5", "--contact", "none", "--date", "21/03/2026"],
            "--date takes a date written YYYY-MM-DD",
        ),
        (
            ["--mood", "5", "--contact", "slip", "--date", "2026-02-27"],
            "is before your no-contact period",
        ),
    ],
)
def test_bad_input_is_one_line_naming_the_flag_and_nothing_is_written(
    runner: CliRunner, recover_home: Path, args: list[str], message: str
) -> None:
    before = files(recover_home)
    done = recover(runner, "checkin", *args)
    assert done.code == 2
    assert done.err.startswith("recover: ") and message in done.err
    assert done.err.count("\n") == 1
    assert files(recover_home) == before


@pytest.mark.usefixtures("started")
def test_a_missed_day_can_be_filled_in(runner: CliRunner) -> None:
    done = recover(runner, "checkin", "--date", "2026-03-18", "--mood", "3", "--contact", "ignored")
    assert done.code == 0, done.err
    assert "Checked in for 2026-03-18." in done.err
    assert storage.read_month("2026-03").checkins[0].on == date(2026, 3, 18)


@pytest.mark.usefixtures("started")
def test_a_check_in_before_the_period_began_is_kept_in_its_own_month(runner: CliRunner) -> None:
    done = recover(runner, "checkin", "--date", "2026-02-10", "--mood", "2", "--contact", "none")
    assert done.code == 0, done.err
    assert storage.saved_months() == ["2026-02"]


@pytest.mark.usefixtures("started")
def test_checking_in_again_says_it_updates_the_day_and_keeps_the_earlier_note(
    runner: CliRunner,
) -> None:
    recover(
        runner,
        "checkin",
        "--mood",
        "3",
        "--contact",
        "none",
        "--note",
        "Morning.",
        "--selfcare",
        "food",
    )
    done = recover(runner, "checkin", "--note", "Evening.", "--selfcare", "people")
    assert done.code == 0, done.err
    assert "Updated your check-in for today" in done.err
    [entry] = storage.read_month("2026-03").checkins
    assert (entry.mood, entry.note, entry.selfcare) == (
        3,
        "Morning.\n\nEvening.",
        ["food", "people"],
    )


def test_help_explains_how_a_second_check_in_merges(runner: CliRunner) -> None:
    done = recover(runner, "checkin", "--help")
    assert done.code == 0
    text = " ".join(done.out.split())
    assert "updates it and loses nothing" in text
    assert "a new note is added below the earlier note" in text
    assert "recover checkin --mood 6 --contact none" in text


# What it answers.


@pytest.mark.usefixtures("started")
def test_a_slip_is_met_with_kindness_and_the_trigger_question(runner: CliRunner) -> None:
    done = recover(runner, "checkin", "--mood", "4", "--contact", "slip")
    assert done.code == 0, done.err
    assert "No contact: 0 days" in done.err
    assert "does not undo the days before it" in done.err
    assert "what made reaching out feel easy" in " ".join(done.err.split())
    assert "recover slip" in done.err
    assert [slip.from_checkin for slip in storage.read_profile().no_contact.slips] == [True]


@pytest.mark.usefixtures("started")
def test_changing_a_slip_check_in_to_necessary_contact_gives_the_streak_back(
    runner: CliRunner,
) -> None:
    recover(runner, "checkin", "--mood", "4", "--contact", "slip")
    done = recover(runner, "checkin", "--mood", "4", "--contact", "necessary")
    assert "No contact: 19 days" in done.err
    assert storage.read_profile().no_contact.slips == []


@pytest.mark.usefixtures("started")
def test_a_strong_urge_points_to_the_sos(runner: CliRunner) -> None:
    done = recover(runner, "checkin", "--mood", "6", "--contact", "none", "--urge", "9")
    assert "recover urge" in done.err


@pytest.mark.usefixtures("started")
def test_a_low_mood_gets_a_self_care_suggestion_for_something_not_done_yet(
    runner: CliRunner,
) -> None:
    done = recover(runner, "checkin", "--mood", "2", "--contact", "none", "--selfcare", "people")
    assert "A hard day." in done.err
    assert "walk" in done.err


def test_a_milestone_is_named_on_its_day(runner: CliRunner) -> None:
    begin_period(date(2026, 3, 13))
    done = recover(runner, "checkin", "--mood", "7", "--contact", "none")
    assert "7 days without contact: a milestone" in done.err


@pytest.mark.usefixtures("started")
def test_social_media_checks_are_counted_once_for_the_day(runner: CliRunner) -> None:
    recover(runner, "checkin", "--mood", "5", "--contact", "none", "--checked-socials")
    recover(runner, "checkin", "--checked-socials")
    assert json.loads(recover(runner, "streak", "--json").out)["socials_checked"] == 1
    recover(runner, "checkin", "--no-checked-socials")
    assert json.loads(recover(runner, "streak", "--json").out)["socials_checked"] == 0


# Safety.


@pytest.mark.usefixtures("started")
def test_crisis_words_in_a_note_show_the_crisis_line_save_the_check_in_and_stop(
    runner: CliRunner,
) -> None:
    done = recover(runner, "checkin", "--mood", "1", "--contact", "none", "--note", CRISIS_TEXT)
    assert done.code == 0, done.err
    assert "116 123" in done.err
    assert "wake up" not in done.err + done.out  # what they wrote is never echoed
    assert done.out == ""  # no streak, no coaching line
    assert storage.read_month("2026-03").checkins[0].note == CRISIS_TEXT


# At a terminal.


def recover_journal_json(runner: CliRunner) -> dict[str, Any]:
    done = recover(runner, "journal", "--json")
    assert done.code == 0, done.err
    journal: dict[str, Any] = json.loads(done.out)
    return journal


@pytest.mark.usefixtures("started", "interactive")
def test_at_a_terminal_every_question_is_asked_and_the_daily_answer_saved(
    runner: CliRunner,
) -> None:
    # mood, contact (2: they reached out), socials, urge, self-care, question of the day, note
    done = recover(runner, "checkin", input="4\n2\ny\n5\n1,3\nA long walk.\nTired.\n")
    assert done.code == 0, done.err
    assert "Your mood" in done.err and "Contact with your ex" in done.err
    [entry] = storage.read_month("2026-03").checkins
    assert (entry.mood, entry.contact, entry.checked_socials, entry.urge) == (4, "ignored", True, 5)
    assert entry.selfcare == ["sleep", "movement"] and entry.note == "Tired."
    [daily] = entry.daily
    assert daily.question in done.err
    assert daily.answer == "A long walk."
    [reflection] = recover_journal_json(runner)["steps"][0]["reflections"]
    assert reflection["key"].startswith("daily.")
    assert reflection["entries"][0]["value"] == "A long walk."
    assert "you kept your space" in done.err


@pytest.mark.usefixtures("started", "interactive")
def test_at_a_terminal_flags_given_are_not_asked_again(runner: CliRunner) -> None:
    args = (
        "--mood",
        "6",
        "--contact",
        "none",
        "--urge",
        "1",
        "--selfcare",
        "",
        "--no-checked-socials",
    )
    done = recover(runner, "checkin", *args, input="\n\n")
    assert done.code == 0, done.err
    assert "Your mood" not in done.err and "Contact with your ex" not in done.err
    assert "social media" not in done.err and "What did you do for yourself" not in done.err
    assert "Anything else about the day?" in done.err


@pytest.mark.usefixtures("started", "interactive")
def test_no_input_asks_nothing_even_at_a_terminal(runner: CliRunner) -> None:
    done = recover(runner, "checkin", "--no-input", "--contact", "none")
    assert done.code == 2
    assert "first check-in needs --mood" in done.err


@pytest.mark.usefixtures("started", "interactive")
def test_stopping_at_a_terminal_keeps_the_answers_given(runner: CliRunner) -> None:
    done = recover(runner, "checkin", input="4\n1\n")  # then Ctrl-D at the social media question
    assert done.code == 130
    [entry] = storage.read_month("2026-03").checkins
    assert (entry.mood, entry.contact) == (4, "none")


@pytest.mark.usefixtures("started", "interactive")
def test_stopping_before_mood_and_contact_says_nothing_was_saved(
    runner: CliRunner, recover_home: Path
) -> None:
    before = files(recover_home)
    done = recover(runner, "checkin", input="4\n")
    assert done.code == 130
    assert "Nothing was saved" in done.err
    assert files(recover_home) == before


@pytest.mark.usefixtures("started", "interactive")
def test_crisis_words_in_the_daily_answer_stop_the_questions(runner: CliRunner) -> None:
    done = recover(runner, "checkin", input=f"2\n1\nn\n3\n\n{CRISIS_TEXT}\n")
    assert done.code == 0, done.err
    assert "116 123" in done.err
    assert "Anything else about the day?" not in done.err
    assert done.out == ""
    [entry] = storage.read_month("2026-03").checkins
    assert entry.mood == 2
    assert entry.daily[0].answer == CRISIS_TEXT


@pytest.mark.usefixtures("started", "interactive")
def test_a_second_check_in_at_a_terminal_says_it_updates_the_day(runner: CliRunner) -> None:
    recover(runner, "checkin", "--no-input", "--mood", "5", "--contact", "none")
    done = recover(runner, "checkin", input="6\n1\nn\n2\n\n\n\n")
    assert done.code == 0, done.err
    assert "You already checked in for this day" in done.err


def test_a_check_in_never_reads_the_older_months(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    begin_period(date(2021, 3, 1))
    with storage.transaction(TODAY) as tx:  # five years of months, one check-in each
        for year in range(2021, 2026):
            for month in range(1, 13):
                day = date(year, month, 10)
                tx.month(f"{day:%Y-%m}").checkins.append(
                    CheckIn(on=day, recorded_at=NOW, mood=5, contact="none", checked_socials=True)
                )
    files_read: list[str] = []
    original, listed_months = storage._read, storage.saved_months

    def counting(path: Path, model: Any, defaults: dict[str, Any]) -> Any:
        files_read.append(path.name)
        return original(path, model, defaults)

    def listing() -> list[str]:
        raise AssertionError("a check-in must not list every month")

    monkeypatch.setattr(storage, "_read", counting)
    monkeypatch.setattr(storage, "saved_months", listing)
    done = recover(runner, "checkin", "--mood", "5", "--contact", "none", "--checked-socials")
    assert done.code == 0, done.err
    assert set(files_read) == {"profile.toml", "2026-03.toml"}
    monkeypatch.setattr(storage, "_read", original)
    monkeypatch.setattr(storage, "saved_months", listed_months)
    # The social-media count still covers every month: 60 earlier days and today.
    assert json.loads(recover(runner, "streak", "--json").out)["socials_checked"] == 61


@pytest.mark.usefixtures("started", "interactive")
def test_a_slip_before_the_period_is_refused_before_any_question(runner: CliRunner) -> None:
    done = recover(runner, "checkin", "--contact", "slip", "--date", "2026-02-20", input="5\n")
    assert done.code == 2
    assert "is before your no-contact period" in done.err
    assert "Your mood" not in done.err


@pytest.mark.usefixtures("started", "interactive")
def test_at_a_terminal_a_slip_before_the_period_is_asked_again(runner: CliRunner) -> None:
    done = recover(runner, "checkin", "--date", "2026-02-20", input="5\n4\n3\nn\n2\n\n\n\n")
    assert done.code == 0, done.err
    assert "was not a slip" in done.err
    [entry] = storage.read_month("2026-02").checkins
    assert entry.contact == "necessary"
    assert storage.read_profile().no_contact.slips == []


@pytest.mark.usefixtures("started", "interactive")
def test_after_crisis_words_the_next_check_in_first_asks_gently_how_they_are(
    runner: CliRunner,
) -> None:
    flags = ("--mood", "2", "--contact", "none", "--no-checked-socials", "--urge", "3")
    recover(runner, "checkin", "--no-input", *flags, "--note", CRISIS_TEXT)
    assert storage.read_profile().safety.crisis_noticed_on == TODAY
    scripted = recover(runner, "checkin", "--no-input", "--mood", "3")
    assert "How are you" not in scripted.err  # a script is never asked
    assert storage.read_profile().safety.crisis_noticed_on == TODAY

    # 3: not safe right now; then self-care skipped, no answer to the question, no note.
    done = recover(runner, "checkin", *flags, input="3\n\n\n\n")

    assert done.code == 0, done.err
    assert done.err.count("How are you right now?") == 1
    said = done.err
    assert said.index("call 999") < said.index("Samaritans")  # the emergency number first
    assert storage.read_profile().safety.crisis_noticed_on is None  # asked once, not again
    again = recover(runner, "checkin", *flags, input="\n\n\n")
    assert "How are you right now?" not in again.err
