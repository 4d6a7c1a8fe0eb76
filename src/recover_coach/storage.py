"""The only module that reads and writes the person's files.

Every save follows one path: take the lock, read and validate, change, check that the new
text reads back, write a temp file in the same directory, fsync it, keep the version that was
read as `<file>.bak`, replace the file, fsync the directory. A file that fails to parse or
validate is never overwritten. Each file ends with an end marker, so a file cut short at a
line boundary is caught. Reading never creates a file or a folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar, cast

import tomli_w
from pydantic import BaseModel, ValidationError

from recover_coach import clock, models, paths, summary
from recover_coach.errors import Busy, ProfileTooNew, ProfileUnreadable, RecoverError
from recover_coach.models import SCHEMA_VERSION, MonthLog, Profile, migrate
from recover_coach.streak import StreakEvents

END_MARKER = "\n[end]\ncomplete = true\n"
LOCK_TIMEOUT_SECONDS = 10.0
REPLACE_RETRY_SECONDS = 1.0
TEMP_MARKER = ".tmp-"
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_TOML_POSITION = re.compile(r"\(at (line \d+, column \d+|end of document)\)$")

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
        changes: list[tuple[Path, bytes, bytes | None]] = []
        for path, loaded in self._loaded.items():
            data = _plain(loaded.record)
            if data != loaded.data:
                _check_valid(path, data, type(loaded.record))
                text = tomli_w.dumps(data) + END_MARKER
                changes.append((path, text.encode("utf-8"), loaded.on_disk))
        if not changes and not self.rewrite_summary and paths.summary_path().exists():
            return
        recent = summary.months_around(self.today)
        months = self._month_facts(recent)
        derived = None if months is None else summary.build(profile, months, recent)
        watched = [paths.profile_path(), *(paths.month_log_path(m) for m in months or {})]
        # Logs first, the core last: the core is what every command reads to find its way.
        changes.sort(key=lambda change: change[0] == paths.profile_path())
        unconfirmed = [
            path
            for number, (path, data, previous) in enumerate(changes)
            if not _save(path, data, previous, nothing_saved_yet=number == 0)
        ]
        if derived is None:
            paths.summary_path().unlink(missing_ok=True)  # the status bar then loads fully
        else:
            _save_summary(summary.seal(derived, watched))
        if unconfirmed:
            raise RecoverError(
                f"Saved {unconfirmed[0]}, but the system could not confirm it reached the disk.",
                "Your change is saved. If this repeats, keep RECOVER_HOME on a local disk.",
            )


@contextlib.contextmanager
def transaction(today: date, lock_timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[Transaction]:
    """Hold the profile lock while reading, changing and saving; nothing is saved on error.

    `today` is the person's day: the summary saved with the change keeps its recent weeks.
    """
    import filelock

    global _in_transaction
    if _in_transaction:
        raise RuntimeError("storage.transaction() cannot be nested")
    # mode: the lock file is created 0600 whatever the umask (filelock fchmods a new file).
    lock = filelock.FileLock(str(paths.lock_path()), timeout=lock_timeout, mode=0o600)
    try:
        folder = _ensure_private_dir(paths.data_dir())
        lock.acquire()
    except filelock.Timeout:  # before OSError: Timeout is a TimeoutError
        raise Busy(
            "Another recover command is saving right now.", "Wait a moment and run it again."
        ) from None
    except OSError as error:
        raise RecoverError(
            f"Could not open {paths.data_dir()} to save ({error.strerror or 'no access'}).",
            "Nothing was changed. Check that you can write to that folder, or set RECOVER_HOME.",
        ) from None
    _in_transaction = True
    try:
        _sweep_temp_files(folder)
        tx = Transaction(today)
        yield tx
        tx.commit()
    finally:
        _in_transaction = False
        lock.release()


def load_streak_events(now: datetime) -> StreakEvents:
    """The streak's events from every file, when the summary is not usable; saves a new one.

    Saving it is best effort and quick, so the status bar takes the fast path again: skipped
    when nothing was ever saved, when another command holds the lock, or when a file cannot
    be read (that error is raised here, naming the file).
    """
    profile = read_profile()
    today = clock.logical_date(now, profile.settings.day_starts_at)
    recent = summary.months_around(today)
    months = {m: summary.month_facts(read_month(m)) for m in {*saved_months(), *recent}}
    events = summary.parse(summary.build(profile, months, recent))
    if paths.profile_path().exists():
        with contextlib.suppress(RecoverError), transaction(today, lock_timeout=0.2) as tx:
            tx.rewrite_summary = True
    return events


def _month_path(month: str) -> Path:
    if not _MONTH.fullmatch(month):
        raise ValueError("a month is written YYYY-MM")
    return paths.month_log_path(month)


def _read(path: Path, model: type[ModelT], defaults: dict[str, Any]) -> tuple[ModelT, bytes | None]:
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        return model.model_validate(defaults), None
    except OSError as error:
        reason = error.strerror or "cannot open it"
        raise ProfileUnreadable(path, _existing_backup(path), reason) from None
    return _parse(path, raw_bytes, model), raw_bytes


def _parse(path: Path, raw_bytes: bytes, model: type[ModelT]) -> ModelT:
    """Validate a file's bytes; every error names only the file, never what it holds."""
    backup = _existing_backup(path)
    try:
        text = raw_bytes.decode("utf-8-sig")  # an editor may have added a byte-order mark
    except UnicodeDecodeError:
        raise ProfileUnreadable(path, backup, "not UTF-8 text") from None
    try:
        raw = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        # tomllib can quote keys and characters from the file: keep only the position.
        position = _TOML_POSITION.search(str(error))
        where = f" at {position.group(1)}" if position else ""
        raise ProfileUnreadable(path, backup, f"not valid TOML{where}") from None
    if raw.pop("end", None) != {"complete": True}:
        raise ProfileUnreadable(
            path,
            backup,
            "the file is incomplete: its last lines, `[end]` and `complete = true`, are missing",
        )
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


def _save(path: Path, data: bytes, previous: bytes | None, *, nothing_saved_yet: bool) -> bool:
    """Write one file of a commit and its backup; False if the folder flush failed after."""
    try:
        if previous is not None:
            _write_and_replace(paths.backup_path(path), previous)
        _write_and_replace(path, data)
    except OSError as error:
        left = "Nothing was changed." if nothing_saved_yet else "That file was left as it was."
        raise RecoverError(
            f"Could not save {path} ({error.strerror or 'write failed'}; is the disk full?).",
            f"{left} Free some disk space or check the folder's permissions, then try again.",
        ) from None
    # One folder flush covers both renames. It comes after the replace, so a failure here
    # cannot be undone: the caller finishes the commit, then reports it (never hidden).
    try:
        _fsync_dir(path.parent)
    except OSError:
        return False
    return True


def _save_summary(text: str) -> None:
    # The summary is derived and the data is already saved: failing to refresh it must not
    # report a failed save. Removing it makes the status bar fall back to the full load.
    try:
        _write_and_replace(paths.summary_path(), text.encode("utf-8"))
        _fsync_dir(paths.summary_path().parent)
    except OSError:
        with contextlib.suppress(OSError):
            paths.summary_path().unlink(missing_ok=True)


def _write_and_replace(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash at any moment leaves the old or the new file."""
    import tempfile

    folder = _ensure_private_dir(path.parent)
    # mkstemp creates the file 0600 whatever the umask.
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}{TEMP_MARKER}")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            _fsync(handle.fileno())  # never retried: after a failed fsync the pages are gone
        _replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _replace(source: Path, target: Path) -> None:
    # On Windows another process (a reader, an indexer) holding the target open makes the
    # replace fail for a moment: retry briefly, never delete-then-rename.
    deadline = time.monotonic() + REPLACE_RETRY_SECONDS
    while True:
        try:
            source.replace(target)
            return
        except PermissionError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def _fsync(fd: int) -> None:
    if sys.platform == "darwin":
        import fcntl

        fcntl.fcntl(fd, fcntl.F_FULLFSYNC)  # plain fsync leaves the drive's cache unflushed
    else:
        os.fsync(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # directory handles cannot be flushed on Windows
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _ensure_private_dir(folder: Path) -> Path:
    # Explicit modes rather than os.umask: changing the umask would change it for the whole
    # process, and every file here is created by mkstemp (0600) or filelock (mode=0o600).
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        folder.chmod(0o700)
    return folder


def _sweep_temp_files(folder: Path) -> None:
    """Remove temp files a killed save left behind; safe because we hold the lock."""
    for directory in (folder, folder / paths.LOG_DIR):
        if directory.is_dir():
            for leftover in directory.glob(f".*{TEMP_MARKER}*"):
                with contextlib.suppress(OSError):  # one stuck leftover must not block saving
                    leftover.unlink(missing_ok=True)
