"""The only module that reads and writes the person's files.

Every save follows one path: take the lock, read and validate, change, write a temp file in
the same directory, fsync it, keep the previous good version as `<file>.bak`, replace the
file, fsync the directory. A file that fails to parse or validate is never overwritten.
Each file ends with an end marker, so a file cut short at a line boundary is caught.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import tomli_w
from pydantic import BaseModel, ValidationError

from recover_coach import paths, summary
from recover_coach.errors import Busy, ProfileTooNew, ProfileUnreadable
from recover_coach.models import SCHEMA_VERSION, MonthLog, Profile, migrate

END_MARKER = "\n[end]\ncomplete = true\n"
LOCK_TIMEOUT_SECONDS = 10.0
REPLACE_RETRY_SECONDS = 1.0
TEMP_MARKER = ".tmp-"

ModelT = TypeVar("ModelT", bound=BaseModel)


def read_profile() -> Profile:
    """The core profile as saved; a fresh one when nothing has been saved yet."""
    return _read(paths.profile_path(), Profile, {})


def read_month(month: str) -> MonthLog:
    """One month's log ('YYYY-MM'); an empty log when that month has none."""
    return _read(paths.month_log_path(month), MonthLog, {"month": month})


def saved_months() -> list[str]:
    """The months that have a log file, oldest first."""
    folder = paths.log_dir()
    if not folder.is_dir():
        return []
    return sorted(p.stem for p in folder.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9].toml"))


class Transaction:
    """The files one change touches, loaded under the lock and saved together on success."""

    def __init__(self) -> None:
        self._profile: Profile | None = None
        self._profile_text = ""
        self._months: dict[str, tuple[MonthLog, str]] = {}

    @property
    def profile(self) -> Profile:
        if self._profile is None:
            self._profile = read_profile()
            self._profile_text = _dump(self._profile)
        return self._profile

    def month(self, month: str) -> MonthLog:
        if month not in self._months:
            log = read_month(month)
            self._months[month] = (log, _dump(log))
        return self._months[month][0]

    def commit(self) -> None:
        changed = False
        # Logs first, the core last: the core is what every command reads to find its way.
        for month, (log, before) in sorted(self._months.items()):
            text = _dump(log)
            if text != before:
                _write_validated(paths.month_log_path(month), text)
                changed = True
        if self._profile is not None:
            text = _dump(self._profile)
            if text != self._profile_text:
                _write_validated(paths.profile_path(), text)
                changed = True
        if changed or not paths.summary_path().exists():
            self._refresh_summary()

    def _refresh_summary(self) -> None:
        recent = summary.months_for_summary(self.profile.settings.day_starts_at)
        logs = [self.month(m) for m in recent]
        derived = summary.build(self.profile, logs)
        watched = [paths.profile_path(), *(paths.month_log_path(m) for m in recent)]
        derived["fingerprints"] = summary.fingerprints(watched)
        _atomic_write(paths.summary_path(), summary.encode(derived), keep_backup=False)


@contextlib.contextmanager
def transaction() -> Iterator[Transaction]:
    """Hold the profile lock while reading, changing and saving; nothing is saved on error."""
    import filelock

    folder = _ensure_private_dir(paths.data_dir())
    lock = filelock.FileLock(str(paths.lock_path()), timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise Busy(
            "Another recover command is saving right now.", "Wait a moment and run it again."
        ) from None
    try:
        _sweep_temp_files(folder)
        tx = Transaction()
        yield tx
        tx.commit()
    finally:
        lock.release()


def _read(path: Path, model: type[ModelT], defaults: dict[str, Any]) -> ModelT:
    try:
        raw_bytes = path.read_bytes()
    except FileNotFoundError:
        return model.model_validate(defaults)
    except OSError as error:
        raise ProfileUnreadable(path, paths.backup_path(path), error.strerror or "cannot open") from None
    return _parse(path, raw_bytes, model)


def _parse(path: Path, raw_bytes: bytes, model: type[ModelT]) -> ModelT:
    backup = paths.backup_path(path)
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileUnreadable(path, backup, "not UTF-8 text") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileUnreadable(path, backup, f"not valid TOML: {error}") from None
    if raw.pop("end", None) != {"complete": True}:
        raise ProfileUnreadable(path, backup, "the file is incomplete: its end marker is missing")
    version = raw.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or version < 1:
        raise ProfileUnreadable(path, backup, "schema_version is not a positive whole number")
    if version > SCHEMA_VERSION:
        raise ProfileTooNew(path, version, SCHEMA_VERSION)
    try:
        return model.model_validate(migrate(raw))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        raise ProfileUnreadable(path, backup, f"{where}: {first['msg']}") from None


def _dump(record: BaseModel) -> str:
    return tomli_w.dumps(record.model_dump(mode="python", exclude_none=True)) + END_MARKER


def _write_validated(path: Path, text: str) -> None:
    _atomic_write(path, text, keep_backup=True)


def _atomic_write(path: Path, text: str, *, keep_backup: bool) -> None:
    """Replace `path` with `text` so that a crash at any moment leaves the old or the new file."""
    folder = _ensure_private_dir(path.parent)
    if keep_backup and path.exists():
        # The current file was read and validated in this transaction: it is a good version.
        _replace_with(paths.backup_path(path), path.read_bytes(), folder)
    _replace_with(path, text.encode("utf-8"), folder)


def _replace_with(path: Path, data: bytes, folder: Path) -> None:
    import tempfile

    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}{TEMP_MARKER}")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            _fsync(handle.fileno())
        _replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_dir(folder)


def _replace(source: Path, target: Path) -> None:
    # On Windows another process (a reader, an indexer) holding the target open makes the
    # replace fail for a moment: retry briefly, never delete-then-rename.
    deadline = time.monotonic() + REPLACE_RETRY_SECONDS
    while True:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def _fsync(fd: int) -> None:
    if sys.platform == "darwin":
        import fcntl

        fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
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
    os.umask(0o077)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        folder.chmod(0o700)
    return folder


def _sweep_temp_files(folder: Path) -> None:
    """Remove temp files a killed save left behind; safe because we hold the lock."""
    for directory in (folder, folder / paths.LOG_DIR):
        if directory.is_dir():
            for leftover in directory.glob(f".*{TEMP_MARKER}*"):
                leftover.unlink(missing_ok=True)
