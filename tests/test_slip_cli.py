"""`recover slip`: kind words, the trigger questions at a terminal, and an honest streak."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from helpers_cli import CRISIS_TEXT, TODAY, files, recover
from recover_coach import storage

pytestmark = pytest.mark.usefixtures("march_clock")


@pytest.mark.usefixtures("started")
def test_without_a_terminal_the_flags_suffice_and_the_date_is_today(runner: CliRunner) -> None:
    done = recover(runner, "slip", "--note", "Answered a late message.")
    assert done.code == 0, done.err
    [slip] = storage.read_profile().no_contact.slips
    assert (slip.on, slip.note, slip.from_checkin) == (TODAY, "Answered a late message.", False)
    assert "Slip recorded for 2026-03-20." in done.err
    assert "No contact: 0 days" in done.err
    said = " ".join(done.err.split())
    assert "longest stretch is 18 days" in said
    assert "what made contact easy" in said  # the trigger question, asked gently


@pytest.mark.usefixtures("started")
def test_a_slip_on_an_earlier_day_counts_the_streak_from_that_day(runner: CliRunner) -> None:
    done = recover(runner, "slip", "--date", "2026-03-15")
    assert done.code == 0, done.err
    assert "No contact: 5 days" in done.err


@pytest.mark.usefixtures("started")
def test_recording_the_same_day_again_adds_to_that_slip(runner: CliRunner) -> None:
    recover(runner, "slip", "--note", "Texted.")
    done = recover(runner, "slip", "--note", "Then called.")
    assert "Added to the slip recorded for 2026-03-20." in done.err
    [slip] = storage.read_profile().no_contact.slips
    assert slip.note == "Texted.\n\nThen called."


@pytest.mark.usefixtures("started")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2026-03-21"], "--date takes a date from 1900 to today"),
        (["--date", "March 3"], "--date takes a date written YYYY-MM-DD"),
        (["--date", "2026-02-20"], "is before your no-contact period began on 2026-03-01"),
    ],
)
def test_a_bad_date_is_one_line_and_nothing_is_written(
    runner: CliRunner, recover_home: Path, args: list[str], message: str
) -> None:
    before = files(recover_home)
    done = recover(runner, "slip", *args)
    assert done.code == 2
    assert done.err.startswith("recover: ") and message in done.err
    assert files(recover_home) == before


def test_a_slip_before_any_no_contact_period_says_how_to_begin_one(runner: CliRunner) -> None:
    done = recover(runner, "slip")
    assert done.code == 1
    assert "has not begun yet" in done.err and "recover start" in done.err
    assert storage.saved_months() == []


@pytest.mark.usefixtures("started", "interactive")
def test_at_a_terminal_the_trigger_questions_are_asked_and_saved(runner: CliRunner) -> None:
    done = recover(runner, "slip", input="Around midnight\nLonely\n\n")
    assert done.code == 0, done.err
    assert "About what time was it?" in done.err
    [slip] = storage.read_profile().no_contact.slips
    assert (slip.time_of_day, slip.feeling, slip.made_it_easy) == (
        "Around midnight",
        "Lonely",
        None,
    )
    assert "Thank you for looking at what led to it" in done.err


@pytest.mark.usefixtures("started", "interactive")
def test_crisis_words_in_a_trigger_answer_save_the_slip_and_stop(runner: CliRunner) -> None:
    done = recover(runner, "slip", input=f"Late\n{CRISIS_TEXT}\n")
    assert done.code == 0, done.err
    assert "116 123" in done.err
    assert "What made contact easy" not in done.err
    assert done.out == ""
    [slip] = storage.read_profile().no_contact.slips
    assert slip.feeling == CRISIS_TEXT


@pytest.mark.usefixtures("started", "interactive")
def test_stopping_at_a_trigger_question_still_records_the_slip(runner: CliRunner) -> None:
    done = recover(runner, "slip", input="Late\n")
    assert done.code == 130
    [slip] = storage.read_profile().no_contact.slips
    assert slip.time_of_day == "Late"
