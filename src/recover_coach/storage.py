"""The person's files: reading and validating them, and saving changes under the lock.

Every save follows one path: take the lock, finish any save a kill interrupted, read and
validate, change, check that the new text reads back, then hand the new bytes to disk.py,
which writes them atomically (several files as one change, through a commit record) and
keeps the version that was read as `<file>.bak`. A file that fails to parse or validate is
never overwritten. Each file is sealed with a checksum (file_format.py), so a file cut
short, or with lines lost in the middle, is caught. Files reached through a symbolic link
are read and written where the link points. Reading never creates a file or a folder.
"""

from __future__ import annotations

import contextlib
import json
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from recover_coach import clock, disk, file_format, models, paths, summary
from recover_coach.errors import Busy, ProfileTooNew, ProfileUnreadable, RecoverError
from recover_coach.models import SCHEMA_VERSION, MonthLog, Profile, migrate
from recover_coach.streak import StreakEvents

LOCK_TIMEOUT_SECONDS = 10.0
MAX_FILE_BYTES = 64 * 1024 * 1024  # five years of daily notes is a few MB
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")

ModelT = TypeVar("ModelT", bound=BaseModel)

# One transaction at a time per process: a nested one would wait on its own lock, then save
# over the outer one's changes.
_in_transaction = False


def read_profile() -> Profile:
    """The core profile as saved; a fresh one when nothing has been saved yet."""
    return _read(paths.profile_path(), Profile, {})[0]


def read_month(month: str) -> MonthLog:
    """One month's log ('YYYY-MM'); an empty log when that month has none."""
    return _read(_month_path(month), MonthLog, {"month": month})[0]


def saved_months() -> list[str]:
    """The months that have a log file, oldest first."""
    return [log.stem for log in paths.month_logs()]


@dataclass
class _Loaded:
    record: BaseModel
    data: dict[str, Any]  # the record as loaded: an unchanged record is not rewritten
    on_disk: bytes | None  # the bytes it parsed from: the only thing ever kept as a backup


class Transaction:
    """The files one change touches, loaded under the lock and saved together on success."""

    def __init__(self, today: date) -> None:
        self.today = today  # which months the summary's calendar keeps
        self._loaded: dict[Path, _Loaded] = {}
        self.rewrite_summary = False

    @property
    def profile(self) -> Profile:
        return self._load(paths.profile_path(), Profile, {})

    def month(self, month: str) -> MonthLog:
        return self._load(_month_path(month), MonthLog, {"month": month})

    def _load(self, path: Path, model: type[ModelT], defaults: dict[str, Any]) -> ModelT:
        if path not in self._loaded:
            record, on_disk = _read(path, model, defaults)
            self._loaded[path] = _Loaded(record, _plain(record), on_disk)
        return cast(ModelT, self._loaded[path].record)

    def _month_facts(self, recent: list[str]) -> dict[str, summary.MonthFacts] | None:
        """Every month log's facts for the summary; None when an older log can't be read.

        With a fresh summary only the months this change touched are read again, so a save
        costs the same after five years as on the first day.
        """
        previous = None if self.rewrite_summary else summary.read_checked()  # not yet written
        known = set(saved_months()) if previous is None else summary.watched_months(previous)
        touched = {path.stem for path in self._loaded if path.parent == paths.log_dir()}
        facts: dict[str, summary.MonthFacts] = {}
        for month in sorted({*known, *recent, *touched}):
            log = paths.month_log_path(month)
            carried = (
                None
                if log in self._loaded
                else summary.carried_facts(previous, month, log, recent=month in recent)
            )
            if carried is None:
                try:
                    carried = summary.month_facts(self.month(month))
                except ProfileUnreadable:
                    # Today's save still goes ahead; without a summary, `recover streak`
                    # reads everything and names the damaged file.
                    return None
            facts[month] = carried
        return facts

    def commit(self) -> None:
        # Everything is checked before anything is written, so a failed check saves nothing.
        profile = self.profile  # the summary needs it; an unreadable core stops the save here
        changed: list[tuple[Path, bytes, bytes | None]] = []
        for path, loaded in self._loaded.items():
            data = _plain(loaded.record)
            if data != loaded.data:
                _check_valid(path, data, type(loaded.record))
                changed.append((path, file_format.seal(data), loaded.on_disk))
        if not changed and not self.rewrite_summary and paths.summary_path().exists():
            return
        recent = summary.months_around(self.today)
        months = self._month_facts(recent)
        derived = None if months is None else summary.build(profile, months, recent)
        watched = [paths.profile_path(), *(paths.month_log_path(m) for m in months or {})]
        with disk.interrupts_deferred():  # Ctrl-C takes effect once the files agree again
            if changed:
                _save(changed)
            if derived is None:
                paths.summary_path().unlink(missing_ok=True)  # the status bar then loads fully
            else:
                _save_summary(summary.seal(derived, watched))


@contextlib.contextmanager
def transaction(
    today: date,
    *,
    lock_timeout: float = LOCK_TIMEOUT_SECONDS,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[Transaction]:
    """Hold the profile lock while reading, changing and saving; nothing is saved on error.

    `today` is the person's day: the summary saved with the change keeps its recent weeks.
    Another command holding the lock for longer than `lock_timeout` makes this one Busy;
    with `on_wait` (answers a person typed, which must not be lost) it is called once and
    the save waits as long as it takes.
    """
    global _in_transaction
    if _in_transaction:
        raise RuntimeError("storage.transaction() cannot be nested")
    try:
        folder = disk.ensure_private_dir(paths.data_dir())
    except OSError as error:
        raise RecoverError(
            f"Could not open {paths.data_dir()} to save ({error.strerror or 'no access'}).",
            "Nothing was changed. Check that you can write to that folder, or set RECOVER_HOME.",
        ) from None
    with _locked(lock_timeout, on_wait):
        _in_transaction = True
        try:
            disk.finish_interrupted()  # before the sweep: its temp files are the change
            disk.sweep_temp_files(folder)
            tx = Transaction(today)
            yield tx
            tx.commit()
        finally:
            _in_transaction = False


@contextlib.contextmanager
def _locked(timeout: float, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    import filelock

    # mode: the lock file is created 0600 whatever the umask (filelock fchmods a new file).
    lock = filelock.FileLock(str(paths.lock_path()), mode=0o600)
    try:
        try:
            lock.acquire(timeout=min(timeout, 0.5) if on_wait else timeout)
        except filelock.Timeout:
            if on_wait is None:
                raise
            on_wait()
            lock.acquire(timeout=-1)  # filelock waits as long as it takes on a negative one
    except filelock.Timeout:  # before OSError: Timeout is a TimeoutError
        raise Busy(
            "Another recover command is saving right now.", "Wait a moment and run it again."
        ) from None
    except OSError as error:
        raise RecoverError(
            f"Could not open {paths.lock_path()} ({error.strerror or 'no access'}).",
            "Nothing was changed. Check that you can write to that folder, or set RECOVER_HOME.",
        ) from None
    try:
        yield
    finally:
        lock.release()


def read_content_cache(key: str) -> dict[str, Any] | None:
    """The program content's parsed TOML kept by an earlier run under `key`, else None."""
    try:
        kept = json.loads(paths.content_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(kept, dict)
        or kept.get("key") != key
        or not isinstance(kept.get("raw"), dict)
    ):
        return None
    raw: dict[str, Any] = kept["raw"]
    return raw


def keep_content_cache(key: str, raw: dict[str, Any]) -> None:
    """Keep the parsed content for the next run. Best effort, and only in a folder recover
    already made: reading the content never creates one."""
    if not paths.data_dir().is_dir():
        return
    with contextlib.suppress(OSError, TypeError, ValueError, RecoverError):
        disk.write_and_replace(
            paths.content_cache_path(), json.dumps({"key": key, "raw": raw}).encode("utf-8")
        )


def load_streak_events(now: datetime) -> StreakEvents:
    """The streak's events from every file, when the summary is not usable.

    It saves a new summary first (so the status bar takes the fast path again) and reads it
    back: every file is read once. When that cannot be done (nothing was ever saved, another
    command holds the lock, a file cannot be read) the events are derived here instead, and
    an unreadable file is named in the error.
    """
    profile = read_profile()
    today = clock.logical_date(now, profile.settings.day_starts_at)
    if paths.profile_path().exists():
        with contextlib.suppress(RecoverError), transaction(today, lock_timeout=0.2) as tx:
            tx.rewrite_summary = True
        saved = summary.read_events(now)
        if saved is not None:
            return saved
    recent = summary.months_around(today)
    months = {m: summary.month_facts(read_month(m)) for m in {*saved_months(), *recent}}
    return summary.parse(summary.build(profile, months, recent))


def _month_path(month: str) -> Path:
    if not _MONTH.fullmatch(month):
        raise ValueError("a month is written YYYY-MM")
    return paths.month_log_path(month)


def _read(path: Path, model: type[ModelT], defaults: dict[str, Any]) -> tuple[ModelT, bytes | None]:
    _finish_interrupted_save()
    if path.is_symlink() and not path.exists():
        raise ProfileUnreadable(
            path, _existing_backup(path), "it is a link to a file that does not exist"
        )
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block and /dev/zero never ends
            raise ProfileUnreadable(path, _existing_backup(path), "it is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ProfileUnreadable(
                path, _existing_backup(path), "it is far too large to be recover's"
            )
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        return model.model_validate(defaults), None
    except OSError as error:
        reason = error.strerror or "cannot open it"
        raise ProfileUnreadable(path, _existing_backup(path), reason) from None
    return _parse(path, raw_bytes, model), raw_bytes


def _finish_interrupted_save() -> None:
    """A save stopped half-way is finished before anything is read (under the lock)."""
    if not paths.commit_record_path().exists():
        return
    if _in_transaction:  # this process holds the lock already
        disk.finish_interrupted()
        return
    with _locked(LOCK_TIMEOUT_SECONDS):
        disk.finish_interrupted()


def _parse(path: Path, raw_bytes: bytes, model: type[ModelT]) -> ModelT:
    """Validate a file's bytes; every error names only the file, never what it holds."""
    backup = _existing_backup(path)
    try:
        text = raw_bytes.decode("utf-8-sig")  # an editor may have added a byte-order mark
    except UnicodeDecodeError:
        raise ProfileUnreadable(path, backup, "not UTF-8 text") from None
    try:
        raw = file_format.unseal(text)
    except file_format.Damaged as damage:
        raise ProfileUnreadable(path, backup, str(damage)) from None
    version = raw.get("schema_version", 1)
    if type(version) is not int or version < 1:
        raise ProfileUnreadable(path, backup, "schema_version is not a positive whole number")
    if version > SCHEMA_VERSION:
        raise ProfileTooNew(path, version, SCHEMA_VERSION)
    try:
        return model.model_validate(migrate(raw))
    except ValidationError as error:
        first = error.errors()[0]
        raise ProfileUnreadable(
            path, backup, f"{_field_path(first['loc'])}: {first['msg']}"
        ) from None
    except (KeyError, TypeError, ValueError):
        raise ProfileUnreadable(path, backup, "an older format could not be updated") from None


def _existing_backup(path: Path) -> Path | None:
    backup = paths.backup_path(path)
    return backup if backup.exists() else None


def _field_path(loc: tuple[int | str, ...]) -> str:
    """Where validation failed, in field names only: dictionary keys may be the person's words."""
    known = {name for cls in models.Record.__subclasses__() for name in cls.model_fields}
    parts: list[str] = []
    for part in loc:
        if not isinstance(part, int) and part not in known:
            break
        parts.append(str(part))
    return ".".join(parts) or "top level"


def _plain(record: BaseModel) -> dict[str, Any]:
    """The record as plain values, exactly what its file holds (TOML has no null).

    No serializer warnings: they quote the value (the person's words) on stderr, and a value
    of the wrong kind is refused by _check_valid anyway.
    """
    return record.model_dump(mode="python", exclude_none=True, warnings=False)


def _check_valid(path: Path, data: dict[str, Any], model: type[BaseModel]) -> None:
    # validate_assignment does not see in-place changes (a list append): validate what is
    # about to be written the way a read would, so recover never writes a file it can't read.
    try:
        model.model_validate(data)
    except ValidationError:
        raise RecoverError(
            f"Could not save {path}: the change did not pass recover's checks.",
            "Nothing was changed. This is a bug in recover; please report it.",
        ) from None


def _save(changed: list[tuple[Path, bytes, bytes | None]]) -> None:
    """Write the changed files and their backups: one file atomically, several together."""
    files: list[tuple[Path, bytes]] = []
    for path, data, previous in changed:
        if previous is not None:
            files.append((paths.backup_path(path), previous))
        files.append((_target(path), data))
    first = changed[0][0]
    try:
        if len(changed) > 1:
            disk.save_together(files)
            return
        for path, data in files:  # the backup first: at every moment one of them is good
            disk.write_and_replace(path, data)
    except OSError as error:
        if paths.commit_record_path().exists():
            raise RecoverError(
                f"Your change is saved, but writing it could not finish ({disk.explain(error)}).",
                "The next recover command finishes it. Check the disk if this repeats.",
            ) from None
        raise RecoverError(
            f"Could not save {first} ({disk.explain(error)}).",
            "Nothing was changed. Free some disk space or check the folder, then try again.",
        ) from None
    # One folder flush covers both renames. It comes after them, so a failure here cannot be
    # undone: it is reported, never hidden.
    try:
        disk.fsync_dir(first.parent)
    except OSError:
        raise RecoverError(
            f"Saved {first}, but the system could not confirm it reached the disk.",
            "Your change is saved. If this repeats, keep RECOVER_HOME on a local disk.",
        ) from None


def _target(path: Path) -> Path:
    """Where a file's bytes go: through a symbolic link to the file it points at."""
    return path.resolve() if path.is_symlink() else path


def _save_summary(text: str) -> None:
    # The summary is derived and the data is already saved: failing to refresh it must not
    # report a failed save. Removing it makes the status bar fall back to the full load.
    try:
        disk.write_and_replace(paths.summary_path(), text.encode("utf-8"))
        disk.fsync_dir(paths.summary_path().parent)
    except OSError:
        with contextlib.suppress(OSError):
            paths.summary_path().unlink(missing_ok=True)
