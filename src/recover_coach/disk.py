"""Writing files so that a crash, a kill or a full disk never leaves half of a change.

storage.py decides what to write; this module writes it. One file is replaced atomically:
a temp file in the same folder, flushed to the disk, then renamed over the old one. Several
files that must change together (a check-in that is also a slip touches its month log and
the profile) go through a commit record:

1. every new version is written to a temp file and flushed (nothing visible has changed);
2. the commit record, naming each temp file, its target and its checksum, is written and
   flushed: from this moment the change has happened, even if the process dies;
3. each temp file is renamed over its target, and the folders are flushed;
4. the commit record is removed.

Whoever finds a commit record finishes it before reading anything (`finish_interrupted`,
under the lock): the renames of step 3 are simply done again, checked against the
checksums. So readers see the old files or the new ones, never a mix. A save that dies
before step 2 leaves only temp files, swept by the next save. The record is one small file,
replaced atomically like any other, so it is whole or absent.

Two computers sharing the folder through a sync service (a later issue) would each write
files of their own, named for the computer, so that no save spans two computers and each
computer's commit record covers only its own files.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from recover_coach import paths
from recover_coach.errors import RecoverError

TEMP_MARKER = ".recover-tmp-"
REPLACE_RETRY_SECONDS = 1.0
# Left alone in a folder that is otherwise empty: what file managers add on their own.
SYSTEM_FILES = {".DS_Store", "Thumbs.db", "desktop.ini"}


class InterruptedSaveBroken(RecoverError):
    """A commit record names files that are neither staged nor in place (they were changed)."""

    exit_code = 3


def write_and_replace(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash at any moment leaves the old or the new file."""
    temp = stage(path, data)
    try:
        replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def stage(path: Path, data: bytes) -> Path:
    """Write `data` to a flushed temp file beside `path` (created 0600); returns its path."""
    import tempfile

    # A file reached through a link is written where the link points; that folder is the
    # person's own and keeps its mode.
    folder = ensure_private_dir(path.parent) if _inside_data_dir(path) else path.parent
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}{TEMP_MARKER}")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            fsync_file(handle.fileno())  # never retried: after a failed fsync the pages are gone
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def save_together(changes: list[tuple[Path, bytes]]) -> None:
    """Replace several files as one change (see the module's docstring for how)."""
    staged: list[tuple[Path, Path, str]] = []
    try:
        for path, data in changes:
            staged.append((stage(path, data), path, _sha256(data)))
        record = [[_relative(temp), _relative(path), digest] for temp, path, digest in staged]
        write_and_replace(paths.commit_record_path(), json.dumps(record).encode("utf-8"))
        fsync_dir(paths.data_dir())
    except BaseException:
        if not paths.commit_record_path().exists():
            for temp, _, _ in staged:
                temp.unlink(missing_ok=True)
        raise
    # From here on the change has happened: a failure only delays the renames until the
    # next command finishes them.
    _apply(staged)


def finish_interrupted() -> bool:
    """Finish a save that was stopped after its commit record was written; True if one was.

    The caller holds the lock.
    """
    record_path = paths.commit_record_path()
    try:
        entries = json.loads(record_path.read_text(encoding="utf-8"))
        staged = [
            (_absolute(temp), _absolute(target), str(digest)) for temp, target, digest in entries
        ]
    except FileNotFoundError:
        return False
    except (OSError, ValueError, TypeError):
        raise InterruptedSaveBroken(
            f"Cannot read {record_path}, the record of a save that was interrupted.",
            "Nothing was changed. Move that file away to go on; the save it records is lost.",
        ) from None
    pending = []
    for temp, target, digest in staged:
        if temp.exists() and _sha256(temp.read_bytes()) == digest:
            pending.append((temp, target, digest))
        elif not (target.exists() and _sha256(target.read_bytes()) == digest):
            raise InterruptedSaveBroken(
                f"An interrupted save could not be finished: {target} is not as it recorded.",
                f"Nothing was changed. Check the file, then move {record_path} away to go on.",
            )
    _apply(pending)
    return True


def _apply(staged: list[tuple[Path, Path, str]]) -> None:
    for temp, target, _ in staged:
        replace(temp, target)
    for folder in {target.parent for _, target, _ in staged}:
        fsync_dir(folder)
    paths.commit_record_path().unlink(missing_ok=True)
    fsync_dir(paths.data_dir())


def replace(source: Path, target: Path) -> None:
    """Rename `source` over `target`, waiting briefly for another program that holds it open.

    On Windows a reader, an indexer or a virus scanner holding the target makes the rename
    fail for a moment: retry, and never delete-then-rename.
    """
    deadline = time.monotonic() + REPLACE_RETRY_SECONDS
    while True:
        try:
            source.replace(target)
            return
        except PermissionError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def fsync_file(fd: int) -> None:
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)  # plain fsync leaves the drive's cache unflushed
            return
        except OSError:
            pass  # network and FUSE volumes do not support it: a plain fsync is all there is
    os.fsync(fd)


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # directory handles cannot be flushed on Windows
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_private_dir(folder: Path) -> Path:
    """Make `folder` (and any missing parents) readable by this user only, if recover owns it.

    A folder that already holds files recover did not make keeps its mode and its files:
    recover refuses to use it rather than change it.
    """
    # Explicit modes rather than os.umask, which would change it for the whole process.
    # Every missing level is made private: mkdir(parents=True) would make them 0777 & ~umask.
    missing = [path for path in (folder, *folder.parents) if not path.exists()]
    for created in reversed(missing):
        created.mkdir(mode=0o700, exist_ok=True)  # another command may be making it too
        if os.name == "posix":
            created.chmod(0o700)  # mkdir's mode is cut by the umask
    if folder == paths.data_dir() and _is_foreign(folder):
        raise RecoverError(
            f"{folder} already holds files that are not recover's.",
            "Nothing was changed. Set RECOVER_HOME to a new or empty folder, "
            f"for example {folder / paths.APP_NAME}.",
        )
    if os.name == "posix" and stat.S_IMODE(folder.stat().st_mode) != 0o700:
        folder.chmod(0o700)
    return folder


def _is_foreign(folder: Path) -> bool:
    """True for a folder that holds files but none of recover's: another program's folder."""
    names = {entry.name for entry in folder.iterdir()} - SYSTEM_FILES
    return bool(names) and not names & paths.own_names()


def sweep_temp_files(folder: Path) -> None:
    """Remove temp files a killed save left behind; safe because the caller holds the lock.

    Only recover's own temp files (`.<name>.recover-tmp-<random>`), and none that an
    unfinished commit record names (finish_interrupted runs first).
    """
    for directory in (folder, folder / paths.LOG_DIR):
        if directory.is_dir():
            for leftover in directory.glob(f".*{TEMP_MARKER}*"):
                with contextlib.suppress(OSError):  # one stuck leftover must not block saving
                    leftover.unlink(missing_ok=True)


@contextlib.contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the files are consistent again, then stop as the person asked."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: pressed.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


def explain(error: OSError) -> str:
    """What went wrong writing, in words a person can act on (never a path's contents)."""
    if isinstance(error, PermissionError) and os.name == "nt":
        return "another program has it open: an editor, a sync client or a virus scanner"
    if isinstance(error, PermissionError):
        return "no permission to write there"
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    return f"{error.strerror or 'write failed'}; is the disk full or unplugged?"


def _inside_data_dir(path: Path) -> bool:
    return path.parent in (paths.data_dir(), paths.log_dir())


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _relative(path: Path) -> str:
    return path.relative_to(paths.data_dir()).as_posix()


def _absolute(relative: object) -> Path:
    text = str(relative)
    if text.startswith("/") or ".." in Path(text).parts:
        raise ValueError("a commit record names only files in recover's folder")
    return paths.data_dir() / text
