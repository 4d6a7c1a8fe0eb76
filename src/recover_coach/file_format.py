"""How a record file is laid out: its TOML, then an end table that seals it.

    ...the record's TOML...

    [end]
    checksum = "sha256:..."   # of everything above the end table
    complete = true           # last, so a file cut anywhere is caught

A file cut short at a line boundary still parses as TOML, and lines lost in the middle can
too: the end table catches both. A person who edits a file on purpose deletes the checksum
line; the file is then checked like any other and sealed again at the next save. Strings,
never files: storage.py reads and writes.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from typing import Any

import tomli_w

END_TABLE = "\n[end]\n"
RESEAL = (
    "If you edited it on purpose, delete the line `checksum = ...` near its end: recover "
    "then checks it and seals it again at the next save"
)
_TOML_POSITION = re.compile(r"\(at (line \d+, column \d+|end of document)\)$")


class Damaged(ValueError):
    """A file that cannot be a whole, unchanged record; the message never quotes it."""


def seal(data: dict[str, Any]) -> bytes:
    """A record's file: its TOML, then the end table with the checksum of what is above."""
    body = tomli_w.dumps(data)
    return (body + f'{END_TABLE}checksum = "{_checksum(body)}"\ncomplete = true\n').encode()


def unseal(text: str) -> dict[str, Any]:
    """The record a file's text holds, once its end table says it is whole and unchanged."""
    try:
        raw = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        # tomllib can quote keys and characters from the file: keep only the position.
        position = _TOML_POSITION.search(str(error))
        raise Damaged(f"not valid TOML{f' at {position.group(1)}' if position else ''}") from None
    end = raw.pop("end", None)
    if not isinstance(end, dict) or end.get("complete") is not True:
        raise Damaged(
            "the file is incomplete: its last lines, `[end]` and `complete = true`, are missing"
        )
    if "checksum" in end and end["checksum"] != _checksum(_body(text)):
        raise Damaged(f"it was changed outside recover: lines are missing or different. {RESEAL}")
    return raw


def _body(text: str) -> str:
    """What the checksum covers: everything before the end table, as recover wrote it."""
    text = text.replace("\r\n", "\n")  # an editor on Windows may have changed line ends
    return text[: text.rfind(END_TABLE)]


def _checksum(body: str) -> str:
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()
