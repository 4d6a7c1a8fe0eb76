"""The storage contract: what is saved reads back, and a damaged file is refused, never changed."""

from __future__ import annotations

import copy
import errno
import os
import random
import stat
import sys
import tomllib
import warnings
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from helpers_storage import (
    CANARY,
    TODAY,
    edited_on_purpose,
    full_month,
    full_profile,
    save_month,
    save_profile,
    snapshot,
    temp_files,
)
from recover_coach import disk, models, paths, safety, storage, summary
from recover_coach.errors import ProfileTooNew, ProfileUnreadable, RecoverError
from recover_coach.models import (
    Answer,
    MonthLog,
    NoContact,
    Onboarding,
    Position,
    Profile,
    Program,
    Reflection,
    Safety,
    ScreenAnswer,
    Screening,
    Settings,
    Slip,
)

FIXTURES = Path(__file__).parent / "fixtures"
SCHEMA = models.SCHEMA_VERSION
VERSION_FOLDERS = sorted(FIXTURES.glob("v[0-9]*"), key=lambda folder: int(folder.name[1:]))
FIXTURE_FILES = [file for folder in VERSION_FOLDERS for file in sorted(folder.glob("*.toml"))]


def fixture_id(file: Path) -> str:
    return f"{file.parent.name}/{file.name}"


def install_fixture(file: Path) -> Path:
    """Copy a fixture to where recover keeps that kind of file; returns the installed path."""
    if file.name.startswith("log-"):
        target = paths.month_log_path(file.stem.removeprefix("log-"))
    else:
        target = paths.data_dir() / file.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(file.read_bytes())
    return target


def load_installed(target: Path) -> Profile | MonthLog:
    if target.parent == paths.log_dir():
        return storage.read_month(target.stem)
    return storage.read_profile()


def saved_profile_with_backup() -> Path:
    """A saved profile holding the CANARY, saved twice so that a backup exists."""
    profile = full_profile()
    save_profile(profile)
    profile.settings.goal_days = 61
    save_profile(profile)
    assert paths.backup_path(paths.profile_path()).exists()
    return paths.profile_path()


def attempt_transaction() -> None:
    with storage.transaction(TODAY) as tx:
        tx.profile.settings.region = "changed"


# --- round trip -------------------------------------------------------------------------


def test_a_profile_with_every_field_set_reads_back_equal() -> None:
    profile = full_profile()
    save_profile(profile)
    assert storage.read_profile() == profile


def test_a_month_of_checkins_and_urges_reads_back_equal() -> None:
    log = full_month()
    save_month(log)
    assert storage.read_month("2026-11") == log
    assert storage.saved_months() == ["2026-11"]


def test_unknown_keys_in_a_file_survive_a_save() -> None:
    save_profile(full_profile())
    target = paths.profile_path()
    text = target.read_text(encoding="utf-8").replace(
        "[settings]\n", '[settings]\nfont = "large"\n', 1
    )
    target.write_text(edited_on_purpose(text), encoding="utf-8")
    with storage.transaction(TODAY) as tx:
        tx.profile.settings.goal_days = 90
    assert 'font = "large"' in target.read_text(encoding="utf-8")
    assert storage.read_profile().settings.goal_days == 90


def test_an_unchanged_profile_is_not_rewritten() -> None:
    save_profile(full_profile())
    before = paths.profile_path().stat().st_mtime_ns
    with storage.transaction(TODAY) as tx:
        assert tx.profile.settings.goal_days == 60
    assert paths.profile_path().stat().st_mtime_ns == before
    assert not paths.backup_path(paths.profile_path()).exists()


# Offsets in whole minutes: TOML cannot write seconds in an offset, and clock.now() never has them.
offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
moments = st.datetimes(timezones=st.none() | offsets)
words = st.text(max_size=30)
days = st.dates()
answer_values = words | st.lists(words, max_size=3) | st.dictionaries(words, words, max_size=3)
profiles = st.builds(
    Profile,
    settings=st.builds(
        Settings, region=words, goal_days=st.integers(21, 365), day_starts_at=st.times()
    ),
    onboarding=st.builds(Onboarding, completed_on=st.none() | days, breakup_on=st.none() | days),
    safety=st.builds(
        Safety,
        screenings=st.lists(
            st.builds(
                Screening,
                began_on=st.none() | days,
                finished_on=st.none() | days,
                answers=st.lists(
                    st.builds(
                        ScreenAnswer,
                        question=words,
                        yes=st.booleans(),
                        closes=st.none()
                        | st.sampled_from(["harm", "own_behaviour", "ex_asked_no_contact"]),
                        high_danger=st.booleans(),
                        how_often=st.none() | st.sampled_from(["once", "a_few_times", "often"]),
                    ),
                    max_size=3,
                ),
            ),
            max_size=2,
        ),
    ),
    program=st.builds(
        Program,
        track=st.sampled_from(["reconnect", "move_on"]),
        track_changed_on=st.none() | days,
        sessions_done=st.dictionaries(words, days, max_size=4),
        position=st.none() | st.builds(Position, session=words, beat=st.integers(0, 50)),
        reply=st.none() | st.sampled_from(["warm", "short", "none", "asked_for_space"]),
        conversation=st.none() | st.sampled_from(["lets_try", "need_time", "no"]),
        finished_on=st.none() | days,
    ),
    no_contact=st.builds(
        NoContact,
        started_on=st.none() | days,
        slips=st.lists(
            st.builds(
                Slip,
                on=days,
                recorded_at=moments,
                from_checkin=st.booleans(),
                note=st.none() | words,
                time_of_day=st.none() | words,
                feeling=st.none() | words,
                made_it_easy=st.none() | words,
            ),
            max_size=3,
        ),
    ),
    reflections=st.lists(
        st.builds(
            Reflection,
            key=words,
            step=st.integers(0, 8),
            prompt=words,
            entries=st.lists(st.builds(Answer, at=moments, value=answer_values), max_size=3),
        ),
        max_size=3,
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(profile=profiles)
def test_any_valid_profile_reads_back_equal(profile: Profile) -> None:
    save_profile(profile)
    assert storage.read_profile() == profile


# --- permissions --------------------------------------------------------------------------


@pytest.fixture
def open_umask() -> Iterator[None]:
    previous = os.umask(0o000)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.usefixtures("open_umask")
def test_files_are_private_even_under_an_open_umask(recover_home: Path) -> None:
    save_profile(full_profile())
    save_profile(full_profile().model_copy(update={"settings": Settings(goal_days=40)}))
    save_month(full_month())
    save_month(MonthLog(month="2026-11"))
    expected = {
        recover_home: 0o700,
        paths.log_dir(): 0o700,
        paths.profile_path(): 0o600,
        paths.backup_path(paths.profile_path()): 0o600,
        paths.month_log_path("2026-11"): 0o600,
        paths.backup_path(paths.month_log_path("2026-11")): 0o600,
        paths.summary_path(): 0o600,
        paths.lock_path(): 0o600,
    }
    found = {path: stat.S_IMODE(path.stat().st_mode) for path in expected}
    assert found == expected


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_an_existing_open_folder_is_made_private(recover_home: Path) -> None:
    recover_home.mkdir(mode=0o755)
    recover_home.chmod(0o755)
    save_profile(full_profile())
    assert stat.S_IMODE(recover_home.stat().st_mode) == 0o700


def test_saving_leaves_the_process_umask_alone(open_umask: None) -> None:
    save_profile(full_profile())
    assert os.umask(0o000) == 0o000


# --- reading leaves no trace --------------------------------------------------------------


def test_reading_on_a_fresh_machine_creates_nothing(recover_home: Path) -> None:
    assert storage.read_profile() == Profile()
    assert storage.read_month("2026-11") == MonthLog(month="2026-11")
    assert storage.saved_months() == []
    assert summary.read_checked() is None
    assert not recover_home.exists()


def test_reading_a_saved_profile_changes_no_file(recover_home: Path) -> None:
    save_profile(full_profile())
    save_month(full_month())
    before = snapshot(recover_home)
    storage.read_profile()
    storage.read_month("2026-11")
    storage.read_month("2026-12")
    assert snapshot(recover_home) == before


def test_a_malformed_month_is_a_programming_error_not_a_path() -> None:
    with pytest.raises(ValueError, match="YYYY-MM"):
        storage.read_month("../profile")


# --- damaged files are refused and left untouched -----------------------------------------


def assert_refused_untouched(target: Path, damaged: bytes, *, home: Path) -> ProfileUnreadable:
    """Write `damaged` to `target`; reading and saving must both refuse and change no file."""
    target.write_bytes(damaged)
    before = snapshot(home)
    with pytest.raises(ProfileUnreadable) as refused:
        load_installed(target)
    with pytest.raises(ProfileUnreadable):
        attempt_transaction()
    assert snapshot(home) == before
    assert not temp_files(home)
    return refused.value


def test_a_profile_cut_at_any_line_is_refused_and_left_untouched(recover_home: Path) -> None:
    target = saved_profile_with_backup()
    data = target.read_bytes()
    cuts = [0] + [i + 1 for i, byte in enumerate(data[:-1]) if byte == ord("\n")]
    assert len(cuts) > 60
    for cut in cuts:
        error = assert_refused_untouched(target, data[:cut], home=recover_home)
        assert error.exit_code == 3


def test_a_month_log_cut_at_any_line_is_refused_and_left_untouched(recover_home: Path) -> None:
    save_month(full_month())
    target = paths.month_log_path("2026-11")
    data = target.read_bytes()
    for cut in [i + 1 for i, byte in enumerate(data[:-1]) if byte == ord("\n")]:
        target.write_bytes(data[:cut])
        with pytest.raises(ProfileUnreadable):
            storage.read_month("2026-11")
        with pytest.raises(ProfileUnreadable), storage.transaction(TODAY) as tx:
            tx.month("2026-11").urges.clear()
        assert target.read_bytes() == data[:cut]


def test_a_profile_cut_at_any_byte_is_refused(recover_home: Path) -> None:
    target = saved_profile_with_backup()
    data = target.read_bytes()
    for cut in range(len(data) - 1):
        target.write_bytes(data[:cut])
        with pytest.raises(ProfileUnreadable):
            storage.read_profile()
    # Only the final newline missing: everything is there, so it reads.
    target.write_bytes(data[:-1])
    assert storage.read_profile().settings.goal_days == 61


def test_a_sample_of_byte_cuts_blocks_every_save(recover_home: Path) -> None:
    target = saved_profile_with_backup()
    data = target.read_bytes()
    for cut in random.Random(7).sample(range(len(data) - 1), 40):
        assert_refused_untouched(target, data[:cut], home=recover_home)


def test_random_byte_flips_are_refused_or_read_never_anything_else(recover_home: Path) -> None:
    target = saved_profile_with_backup()
    data = target.read_bytes()
    rng = random.Random(11)
    outcomes = {"refused": 0, "read": 0}
    for _ in range(400):
        damaged = bytearray(data)
        damaged[rng.randrange(len(data))] = rng.randrange(256)
        target.write_bytes(bytes(damaged))
        try:
            storage.read_profile()
        except ProfileUnreadable as error:
            outcomes["refused"] += 1
            assert CANARY not in str(error)
        else:
            outcomes["read"] += 1  # a flip inside a value can still be valid data
        assert target.read_bytes() == bytes(damaged)
    assert outcomes["refused"] > 100


def test_bytes_that_are_not_utf8_are_refused_and_left_untouched(recover_home: Path) -> None:
    target = saved_profile_with_backup()
    data = target.read_bytes()
    for position in random.Random(3).sample(range(len(data)), 25):
        damaged = data[:position] + b"\xff" + data[position + 1 :]
        error = assert_refused_untouched(target, damaged, home=recover_home)
        assert "not UTF-8" in str(error)


@pytest.mark.parametrize(
    ("line", "replacement", "where"),
    [
        ("goal_days = 61", 'goal_days = "thirty"', "settings.goal_days"),
        ("goal_days = 61", "goal_days = 5", "settings.goal_days"),
        ("beat = 4", "beat = -1", "program.position.beat"),
        ('track = "move_on"', 'track = "back_together"', "program.track"),
        ("started_on = 2026-09-01", 'started_on = "yesterday"', "no_contact.started_on"),
        (f"schema_version = {SCHEMA}", f'schema_version = "{SCHEMA}"', "schema_version"),
        (f"schema_version = {SCHEMA}", "schema_version = 0", "schema_version"),
        (f"schema_version = {SCHEMA}", "schema_version = true", "schema_version"),
        ("step = 2", "step = 9", "reflections.1.step"),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_by_name(
    recover_home: Path, line: str, replacement: str, where: str
) -> None:
    target = saved_profile_with_backup()
    text = target.read_text(encoding="utf-8")
    assert line in text
    damaged = edited_on_purpose(text.replace(line, replacement, 1)).encode("utf-8")
    error = assert_refused_untouched(target, damaged, home=recover_home)
    assert where in str(error)


def test_the_error_names_the_file_and_the_backup_but_not_what_was_written(
    recover_home: Path,
) -> None:
    target = saved_profile_with_backup()
    damaged = target.read_text(encoding="utf-8").replace("goal_days = 61", "goal_days = 5")
    damaged = edited_on_purpose(damaged)
    error = assert_refused_untouched(target, damaged.encode("utf-8"), home=recover_home)
    message = str(error)
    assert str(target) in message
    assert str(paths.backup_path(target)) in message
    assert CANARY not in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "damage",
    [
        # tomllib quotes a repeated table's name in its own message
        pytest.param(
            lambda text: text.replace("\n[end]\n", f'\n["{CANARY}"]\n["{CANARY}"]\n[end]\n'),
            id="repeated-table-name",
        ),
        # pydantic's location ends in the dictionary key
        pytest.param(
            lambda text: text.replace(
                "[reflections.entries.value]\n", f'[reflections.entries.value]\n"{CANARY}" = 7\n'
            ),
            id="bad-value-under-their-key",
        ),
        pytest.param(
            lambda text: text.replace(
                "[program.sessions_done]\n", f'[program.sessions_done]\n"{CANARY}" = "someday"\n'
            ),
            id="bad-date-under-their-key",
        ),
        pytest.param(
            lambda text: text.replace(f'value = "{CANARY}"', f'value = "{CANARY}'),
            id="unterminated-string",
        ),
        pytest.param(
            lambda text: text.replace(f'value = "{CANARY}"', f"value = {CANARY}"),
            id="unquoted-words",
        ),
    ],
)
def test_the_person_s_words_never_appear_in_an_error(
    recover_home: Path, damage: Callable[[str], str]
) -> None:
    target = saved_profile_with_backup()
    text = target.read_text(encoding="utf-8")
    damaged = edited_on_purpose(damage(text))
    assert damaged != text
    error = assert_refused_untouched(target, damaged.encode("utf-8"), home=recover_home)
    assert CANARY not in str(error)
    assert "CANARY" not in str(error)


def test_without_a_backup_the_error_says_so(recover_home: Path) -> None:
    save_profile(full_profile())
    target = paths.profile_path()
    error = assert_refused_untouched(target, b"schema_version = 1\n", home=recover_home)
    assert "no backup" in str(error)
    assert str(target) in str(error)


def test_an_invalid_change_is_not_visible_in_the_validation_error() -> None:
    save_profile(full_profile())
    with pytest.raises(ValidationError) as refused, storage.transaction(TODAY) as tx:
        tx.profile.settings.goal_days = CANARY  # type: ignore[assignment]
    assert CANARY not in str(refused.value)


# --- a newer version's file -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["profile", "month"])
def test_a_file_from_a_newer_version_is_refused_and_left_untouched(
    recover_home: Path, kind: str
) -> None:
    save_profile(full_profile())
    save_month(full_month())
    target = paths.profile_path() if kind == "profile" else paths.month_log_path("2026-11")
    newer = models.SCHEMA_VERSION + 1
    text = target.read_text(encoding="utf-8").replace(
        f"schema_version = {models.SCHEMA_VERSION}\n",
        f'schema_version = {newer}\nnew_idea = "from the future"\n',
    )
    target.write_text(edited_on_purpose(text), encoding="utf-8")
    before = snapshot(recover_home)
    with pytest.raises(ProfileTooNew) as refused:
        load_installed(target)
    with pytest.raises(ProfileTooNew), storage.transaction(TODAY) as tx:
        tx.profile.settings.goal_days = 22
        tx.month("2026-11").checkins.clear()
    assert snapshot(recover_home) == before
    assert refused.value.exit_code == 3
    assert f"version {newer}" in str(refused.value)
    assert str(target) in str(refused.value)


# --- released versions --------------------------------------------------------------------


def test_there_is_a_fixture_of_every_released_version() -> None:
    assert [folder.name for folder in VERSION_FOLDERS] == [
        f"v{n}" for n in range(1, models.SCHEMA_VERSION + 1)
    ]
    for folder in VERSION_FOLDERS:
        names = {file.name for file in folder.glob("*.toml")}
        assert "profile.toml" in names
        assert any(name.startswith("log-") for name in names)


@pytest.mark.parametrize("file", FIXTURE_FILES, ids=fixture_id)
def test_every_released_file_loads(file: Path) -> None:
    record = load_installed(install_fixture(file))
    assert record.schema_version == models.SCHEMA_VERSION


@pytest.mark.parametrize("file", FIXTURE_FILES, ids=fixture_id)
def test_migrating_a_released_file_is_idempotent(file: Path) -> None:
    raw = tomllib.loads(file.read_text(encoding="utf-8"))
    raw.pop("end")
    once = models.migrate(copy.deepcopy(raw))
    twice = models.migrate(copy.deepcopy(once))
    assert once == twice
    assert once["schema_version"] == models.SCHEMA_VERSION


@pytest.mark.parametrize("file", FIXTURE_FILES, ids=fixture_id)
def test_a_released_file_saved_again_keeps_its_data_and_backs_up_the_original(
    file: Path,
) -> None:
    target = install_fixture(file)
    original = target.read_bytes()
    loaded = load_installed(target)
    with storage.transaction(TODAY) as tx:
        if isinstance(loaded, Profile):
            tx.profile.settings.region = "XX"
        else:
            tx.month(loaded.month).checkins.pop()
    saved = load_installed(target)
    assert saved.schema_version == models.SCHEMA_VERSION
    expected = loaded.model_dump()
    if isinstance(loaded, Profile):
        expected["settings"]["region"] = "XX"
    else:
        expected["checkins"].pop()
    assert saved.model_dump() == expected
    assert paths.backup_path(target).read_bytes() == original


def test_the_v1_profile_keeps_every_answer() -> None:
    install_fixture(FIXTURES / "v1" / "profile.toml")
    profile = storage.read_profile()
    assert profile.settings == Settings(region="GB", goal_days=45, day_starts_at=time(3, 0))
    assert profile.onboarding.breakup_on == date(2026, 9, 27)
    [screening] = profile.safety.screenings
    assert (screening.began_on, screening.finished_on) == (date(2026, 10, 2), date(2026, 10, 2))
    assert [(a.question, a.yes) for a in screening.answers] == [
        ("hurt", False),
        ("afraid", False),
        ("controlled", False),
        ("frightened_them", False),
    ]
    assert not safety.reconnect_closed(profile)
    assert profile.program.position == Position(session="2b", beat=3)
    assert profile.program.sessions_done["2a"] == date(2026, 10, 9)
    assert profile.no_contact.started_on == date(2026, 10, 2)
    [slip] = profile.no_contact.slips
    assert slip.on == date(2026, 10, 19)
    assert slip.note == 'Sent "happy birthday" at midnight.\nRegret it a bit.'
    assert slip.recorded_at == datetime(2026, 10, 19, 23, 41, 7, tzinfo=UTC)
    assert [r.key for r in profile.reflections] == ["step1.pull", "step1.pledges", "step2.plan"]
    pull, pledges, plan = profile.reflections
    first = pull.entries[0].value
    assert isinstance(first, str) and first.endswith("picking up my phone 📱")
    assert pull.entries[1].value == "Less than before.\nMostly Sundays."
    assert pledges.entries[0].value == ["no_texts_calls", "no_social_checking", "no_late_night"]
    assert plan.entries[0].value == {
        "morning": "a walk before work",
        "evening": "call Sam (my sister's 'pep talk')",
    }


def test_the_v1_month_log_keeps_every_checkin_and_urge() -> None:
    install_fixture(FIXTURES / "v1" / "log-2026-11.toml")
    log = storage.read_month("2026-11")
    assert [c.on for c in log.checkins] == [date(2026, 11, d) for d in (1, 2, 3)]
    assert [c.contact for c in log.checkins] == ["none", "ignored", "necessary"]
    assert log.checkins[0].selfcare == ["sleep", "food"]
    assert log.checkins[1].urge == 3 and log.checkins[1].note is None
    assert log.urges[0].draft == "I know I shouldn't write this but I miss you 💔"
    assert (log.urges[0].before, log.urges[0].after, log.urges[0].paused_seconds) == (8, 4, 600)
    assert log.urges[1].after is None


def test_the_v2_profile_keeps_every_screening() -> None:
    install_fixture(FIXTURES / "v2" / "profile.toml")
    profile = storage.read_profile()
    assert [s.began_on for s in profile.safety.screenings] == [date(2026, 10, 2), date(2026, 11, 2)]
    latest = profile.safety.screenings[-1].answers
    assert [(a.question, a.yes, a.how_often) for a in latest if a.yes] == [
        ("own_frightened", True, "once")
    ]
    assert [a.question for a in latest if a.high_danger] == ["choked"]
    assert safety.closed_reasons(profile) == ["own_behaviour"]


def v1_profile(closed: str, answers: str) -> str:
    """The released v1 profile, as a person with a closed screen would have it."""
    text = (FIXTURES / "v1" / "profile.toml").read_text(encoding="utf-8")
    text = text.replace("reconnect_closed = []", f"reconnect_closed = {closed}")
    start = text.index("[safety.answers]\n")
    end = text.index("\n\n", start)
    return text[:start] + "[safety.answers]\n" + answers + text[end:]


def test_a_v1_screen_keeps_every_stored_reason_as_a_recorded_answer() -> None:
    # Release 1 stored its reasons beside the answers; the answers here name none of them
    # (older question ids), so each reason must become a recorded "yes" of its own.
    answers = "hurt = false\nscared = true\n"
    paths.data_dir().mkdir(parents=True)
    paths.profile_path().write_text(
        v1_profile('["harm", "ex_asked_no_contact"]', answers), encoding="utf-8"
    )
    profile = storage.read_profile()
    assert safety.closed_reasons(profile) == ["harm", "ex_asked_no_contact"]
    [screening] = profile.safety.screenings
    assert [(a.question, a.yes, a.closes) for a in screening.answers] == [
        ("hurt", False, None),
        ("scared", True, None),
        (models.V1_STORED_REASON, True, "harm"),
        (models.V1_STORED_REASON, True, "ex_asked_no_contact"),
    ]
    with storage.transaction(TODAY) as tx:  # saved in the new format, still closed
        tx.profile.settings.goal_days = 60
    text = paths.profile_path().read_text(encoding="utf-8")
    assert "reconnect_closed" not in text
    assert safety.closed_reasons(storage.read_profile()) == ["harm", "ex_asked_no_contact"]


def test_a_v1_yes_to_a_released_question_keeps_its_reason_even_without_the_list() -> None:
    # A v1 file whose stored list was deleted by hand: the answers alone still close it.
    raw = tomllib.loads(v1_profile("[]", "hurt_physically = false\nex_afraid = true\n"))
    raw.pop("end")
    migrated = models.migrate(raw)
    profile = Profile.model_validate(migrated)
    assert safety.closed_reasons(profile) == ["own_behaviour"]
    assert migrated["safety"] == {
        "screenings": [
            {
                "began_on": date(2026, 10, 2),
                "finished_on": date(2026, 10, 2),
                "answers": [
                    {"question": "hurt_physically", "yes": False, "closes": "harm"},
                    {"question": "ex_afraid", "yes": True, "closes": "own_behaviour"},
                ],
            }
        ]
    }


def test_the_v1_migration_is_pure() -> None:
    raw = tomllib.loads(v1_profile('["harm"]', "afraid = true\n"))
    raw.pop("end")
    before = copy.deepcopy(raw)
    models.migrate(raw)
    assert raw["safety"] == before["safety"]


def test_a_v1_screen_stopped_part_way_resumes_after_the_migration() -> None:
    raw = tomllib.loads(v1_profile("[]", "hurt = false\n"))
    raw.pop("end")
    del raw["onboarding"]["completed_on"]
    profile = Profile.model_validate(models.migrate(raw))
    current = safety.under_way(profile)
    assert current is not None and [a.question for a in current.answers] == ["hurt"]


# --- backups and failed changes -------------------------------------------------------------


def test_the_backup_holds_the_previous_good_version() -> None:
    target = paths.profile_path()
    save_profile(full_profile())
    assert not paths.backup_path(target).exists()
    first = target.read_bytes()
    with storage.transaction(TODAY) as tx:
        tx.profile.settings.goal_days = 100
    assert paths.backup_path(target).read_bytes() == first
    with storage.transaction(TODAY) as tx:
        tx.profile.settings.goal_days = 200
    assert (
        tomllib.loads(paths.backup_path(target).read_text(encoding="utf-8"))["settings"][
            "goal_days"
        ]
        == 100
    )


def test_moving_the_backup_over_a_damaged_file_restores_it() -> None:
    target = saved_profile_with_backup()
    target.write_bytes(b"garbage")
    paths.backup_path(target).replace(target)
    assert storage.read_profile() == full_profile()


def interrupt(tx: storage.Transaction) -> None:
    raise KeyboardInterrupt  # Ctrl-C in the middle of a change


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(interrupt, id="interrupted"),
        pytest.param(lambda tx: setattr(tx.profile.settings, "goal_days", 5), id="invalid-value"),
        pytest.param(
            lambda tx: setattr(tx.profile.program, "track", "back_together"), id="invalid-choice"
        ),
    ],
)
def test_a_change_that_fails_saves_nothing(
    recover_home: Path, change: Callable[[storage.Transaction], Any]
) -> None:
    saved_profile_with_backup()
    before = snapshot(recover_home)
    with pytest.raises((KeyboardInterrupt, ValidationError)), storage.transaction(TODAY) as tx:
        tx.month("2026-11").urges.clear()
        tx.profile.reflections.clear()
        change(tx)
    assert snapshot(recover_home) == before


def test_an_in_place_change_that_would_not_read_back_saves_nothing(recover_home: Path) -> None:
    saved_profile_with_backup()
    save_month(full_month())
    before = snapshot(recover_home)
    with warnings.catch_warnings(record=True) as warned:
        warnings.simplefilter("always")
        with pytest.raises(RecoverError, match="did not pass") as refused:  # noqa: SIM117
            with storage.transaction(TODAY) as tx:
                tx.month("2026-11").urges.clear()
                tx.profile.program.sessions_done["1a"] = CANARY  # type: ignore[assignment]
    assert snapshot(recover_home) == before
    assert CANARY not in str(refused.value)
    assert not [w for w in warned if CANARY in str(w.message)]


def test_a_change_is_refused_when_the_core_profile_is_unreadable(recover_home: Path) -> None:
    save_month(full_month())
    paths.profile_path().write_bytes(b"schema_version = 1\n")
    before = snapshot(recover_home)
    with pytest.raises(ProfileUnreadable), storage.transaction(TODAY) as tx:
        tx.month("2026-11").urges.clear()
    assert snapshot(recover_home) == before


def test_transactions_cannot_be_nested() -> None:
    with pytest.raises(RuntimeError, match="nested"), storage.transaction(TODAY):  # noqa: SIM117
        with storage.transaction(TODAY):
            pass
    with storage.transaction(TODAY) as tx:  # the lock and the flag were released
        tx.profile.settings.goal_days = 22
    assert storage.read_profile().settings.goal_days == 22


# --- disk errors ----------------------------------------------------------------------------


def fail_on_call(
    monkeypatch: pytest.MonkeyPatch, name: str, error: OSError, *, fail_calls: set[int]
) -> list[int]:
    """Make os.<name> raise `error` on the given call numbers (1-based); returns the call log."""
    real = getattr(os, name)
    calls: list[int] = []

    def patched(*args: Any, **kwargs: Any) -> Any:
        calls.append(len(calls) + 1)
        if len(calls) in fail_calls:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, patched)
    return calls


# On macOS files are flushed with fcntl(F_FULLFSYNC), not os.fsync.
NOT_ON_MACOS = pytest.mark.skipif(sys.platform == "darwin", reason="files use F_FULLFSYNC")
DISK_ERRORS = [
    pytest.param(
        "fsync",
        OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)),
        id="fsync-ENOSPC",
        marks=NOT_ON_MACOS,
    ),
    pytest.param(
        "fsync", OSError(errno.EIO, os.strerror(errno.EIO)), id="fsync-EIO", marks=NOT_ON_MACOS
    ),
    pytest.param("replace", OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), id="replace-ENOSPC"),
    pytest.param("replace", OSError(errno.EIO, os.strerror(errno.EIO)), id="replace-EIO"),
]


@pytest.mark.parametrize(("name", "error"), DISK_ERRORS)
@pytest.mark.parametrize("failing_call", [1, 2], ids=["backup-write", "file-write"])
def test_a_disk_error_leaves_the_file_as_it_was(
    recover_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    error: OSError,
    failing_call: int,
) -> None:
    target = saved_profile_with_backup()
    before = target.read_bytes()
    # The backup and then the file: each one fsync of its temp file and one replace.
    with monkeypatch.context() as patch, pytest.raises(RecoverError) as refused:
        fail_on_call(patch, name, error, fail_calls={failing_call})
        attempt_transaction()
    assert target.read_bytes() == before
    assert storage.read_profile().settings.goal_days == 61
    assert not temp_files(recover_home)
    message = str(refused.value)
    assert message.startswith(f"Could not save {target} (")
    assert "Nothing was changed." in message
    assert "\n" not in message


def test_a_change_of_two_files_stopped_after_its_record_is_finished_by_the_next_read(
    recover_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_profile(full_profile())
    save_month(full_month())
    # Replaces: each of the four temp files is staged with none; 1 is the commit record;
    # 2 and 3 (the log's backup and the log) succeed; 4, the profile's backup, fails.
    with monkeypatch.context() as patch, pytest.raises(RecoverError) as refused:
        fail_on_call(patch, "replace", OSError(errno.EIO, "I/O error"), fail_calls={4})
        with storage.transaction(TODAY) as tx:
            tx.profile.settings.goal_days = 99
            tx.month("2026-11").urges.clear()
    assert "Your change is saved" in str(refused.value)
    assert paths.commit_record_path().exists()
    assert storage.read_month("2026-11").urges == []
    assert storage.read_profile().settings.goal_days == 99  # finished before reading
    assert not paths.commit_record_path().exists()
    assert not temp_files(recover_home)


def test_a_folder_fsync_failure_says_the_change_is_saved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_profile(full_profile())
    real_fsync = os.fsync

    def fsync_files_only(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
        real_fsync(fd)

    with monkeypatch.context() as patch, pytest.raises(RecoverError, match="change is saved"):
        patch.setattr(os, "fsync", fsync_files_only)
        attempt_transaction()
    assert storage.read_profile().settings.region == "changed"


def test_a_summary_that_cannot_be_written_does_not_fail_the_save(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_profile(full_profile())
    assert paths.summary_path().exists()
    real_replace = os.replace

    def no_summary(source: Any, target: Any) -> None:
        if Path(target).name == paths.SUMMARY_FILE:
            raise OSError(errno.ENOSPC, "No space")
        real_replace(source, target)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", no_summary)
        attempt_transaction()
    assert storage.read_profile().settings.region == "changed"
    assert not paths.summary_path().exists()  # so the status bar loads the profile itself


def test_a_replace_blocked_briefly_by_another_program_succeeds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_profile(full_profile())
    denied = PermissionError(errno.EACCES, "Access is denied")
    with monkeypatch.context() as patch:
        calls = fail_on_call(patch, "replace", denied, fail_calls={1, 2})
        attempt_transaction()
    assert len(calls) >= 3
    assert storage.read_profile().settings.region == "changed"


def test_a_replace_blocked_for_good_fails_cleanly(
    recover_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = saved_profile_with_backup()
    before = snapshot(recover_home)
    monkeypatch.setattr(disk, "REPLACE_RETRY_SECONDS", 0.3)
    denied = PermissionError(errno.EACCES, "Access is denied")
    with monkeypatch.context() as patch, pytest.raises(RecoverError, match="Nothing was changed"):
        calls = fail_on_call(patch, "replace", denied, fail_calls=set(range(1, 1000)))
        attempt_transaction()
    assert len(calls) > 2  # it was retried, not given up on at once
    assert snapshot(recover_home) == before
    assert target.read_bytes() == before["profile.toml"]
    assert not temp_files(recover_home)


# --- leftovers from a killed save -------------------------------------------------------------


def test_temp_files_left_by_a_killed_save_are_swept_at_the_next_change(recover_home: Path) -> None:
    save_profile(full_profile())
    save_month(full_month())
    leftovers = [
        recover_home / ".profile.toml.recover-tmp-abc123",
        recover_home / ".profile.toml.bak.recover-tmp-x",
        recover_home / ".summary.json.recover-tmp-1",
        paths.log_dir() / ".2026-11.toml.recover-tmp-zz",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"half a file")
    keep = [
        recover_home / "notes.txt",
        recover_home / ".bashrc.tmp-abc123",  # another program's temp file, not recover's
        paths.log_dir() / "2026-10.toml.bak",
    ]
    for file in keep:
        file.write_bytes(b"mine")
    with storage.transaction(TODAY) as tx:
        assert tx.profile.settings.goal_days == 60  # even a change that saves nothing sweeps
    assert not temp_files(recover_home)
    assert all(file.read_bytes() == b"mine" for file in keep)


def test_a_folder_that_cannot_be_created_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_bytes(b"")
    monkeypatch.setenv("RECOVER_HOME", str(blocker / "recover"))
    with pytest.raises(RecoverError) as refused:
        attempt_transaction()
    assert str(refused.value).startswith(f"Could not open {blocker / 'recover'} to save")
    assert "Nothing was changed." in str(refused.value)
    assert blocker.read_bytes() == b""


def test_a_save_rereads_only_the_months_it_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    today = TODAY
    days = [today - timedelta(weeks=8), today - timedelta(weeks=4), today]
    for day in days[:2]:
        with storage.transaction(TODAY) as tx:
            tx.month(f"{day:%Y-%m}").checkins.append(
                models.CheckIn(on=day, recorded_at=datetime.now(UTC), mood=5, contact="ignored")
            )
    months_read: list[str] = []
    original = storage._read

    def counting(path: Path, model: Any, defaults: dict[str, Any]) -> Any:
        if path.parent.name == paths.LOG_DIR:
            months_read.append(path.stem)
        return original(path, model, defaults)

    monkeypatch.setattr(storage, "_read", counting)
    with storage.transaction(TODAY) as tx:
        tx.month(f"{today:%Y-%m}").checkins.append(
            models.CheckIn(on=today, recorded_at=datetime.now(UTC), mood=6, contact="none")
        )

    assert months_read == [f"{today:%Y-%m}"]
    fresh = summary.read_checked()
    assert fresh is not None
    assert fresh["checkins"] == {
        days[0].isoformat(): "ignored",
        days[1].isoformat(): "ignored",
        today.isoformat(): "none",
    }


def test_a_profile_saved_by_an_editor_with_a_byte_order_mark_still_loads() -> None:
    with storage.transaction(TODAY) as tx:
        tx.profile.settings.region = "GB"
    profile = paths.profile_path()
    profile.write_bytes(b"\xef\xbb\xbf" + profile.read_bytes().replace(b"\n", b"\r\n"))
    assert storage.read_profile().settings.region == "GB"


def test_a_damaged_old_month_log_never_blocks_todays_save() -> None:
    today = TODAY
    old = date(today.year - 2, 1, 10)
    for day in (old, today):
        with storage.transaction(TODAY) as tx:
            tx.month(f"{day:%Y-%m}").checkins.append(
                models.CheckIn(on=day, recorded_at=datetime.now(UTC), mood=5, contact="none")
            )
    damaged = paths.month_log_path(f"{old:%Y-%m}")
    damaged.write_text("not toml [", encoding="utf-8")

    with storage.transaction(TODAY) as tx:
        tx.profile.settings.goal_days = 45

    assert storage.read_profile().settings.goal_days == 45
    assert not paths.summary_path().exists()  # the status bar loads fully and names the file
    with pytest.raises(ProfileUnreadable, match=str(damaged)):
        storage.load_streak_events(datetime.now(UTC))
