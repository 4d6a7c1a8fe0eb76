"""Every path recover uses, in one place, with the environment overrides tests and people rely on.

RECOVER_HOME moves the whole profile (default: the platform's user data directory).
RECOVER_CONTENT runs the app on another content folder (for translators).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "recover"
PROFILE_FILE = "profile.toml"
LOCK_FILE = "recover.lock"
SUMMARY_FILE = "summary.json"
COMMIT_RECORD_FILE = "pending-save.json"
CONTENT_CACHE_FILE = "content-cache.json"
LOG_DIR = "log"
BACKUP_SUFFIX = ".bak"


def data_dir() -> Path:
    override = os.environ.get("RECOVER_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs  # only when no override: keeps the status-bar path light

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def profile_path() -> Path:
    return data_dir() / PROFILE_FILE


def lock_path() -> Path:
    return data_dir() / LOCK_FILE


def summary_path() -> Path:
    return data_dir() / SUMMARY_FILE


def commit_record_path() -> Path:
    """A save of several files that is under way, or was stopped and must be finished."""
    return data_dir() / COMMIT_RECORD_FILE


def own_names() -> set[str]:
    """The names recover gives the files and folders it makes in its folder."""
    return {PROFILE_FILE, LOCK_FILE, SUMMARY_FILE, COMMIT_RECORD_FILE, CONTENT_CACHE_FILE, LOG_DIR}


def content_cache_path() -> Path:
    """The program content's parsed TOML, kept between runs (derived: safe to delete)."""
    return data_dir() / CONTENT_CACHE_FILE


def log_dir() -> Path:
    return data_dir() / LOG_DIR


def month_log_path(month: str) -> Path:
    """The file holding one calendar month's check-ins and urges; month is 'YYYY-MM'."""
    return log_dir() / f"{month}.toml"


def month_logs() -> list[Path]:
    """Every month log on disk, oldest first; other files (backups, temp files, a stray
    `2026-13.toml`) are not recover's logs and are left alone."""
    folder = log_dir()
    if not folder.is_dir():
        return []
    logs = folder.glob("[0-9][0-9][0-9][0-9]-[01][0-9].toml")
    return sorted(log for log in logs if "01" <= log.stem[5:] <= "12")


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def content_dir_override() -> Path | None:
    override = os.environ.get("RECOVER_CONTENT")
    return Path(override).expanduser() if override else None
