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


def log_dir() -> Path:
    return data_dir() / LOG_DIR


def month_log_path(month: str) -> Path:
    """The file holding one calendar month's check-ins and urges; month is 'YYYY-MM'."""
    return log_dir() / f"{month}.toml"


def month_logs() -> list[Path]:
    """Every month log on disk, oldest first (backups and temp files aside)."""
    folder = log_dir()
    return sorted(folder.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9].toml")) if folder.is_dir() else []


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def content_dir_override() -> Path | None:
    override = os.environ.get("RECOVER_CONTENT")
    return Path(override).expanduser() if override else None
