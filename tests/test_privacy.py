"""What the person wrote never shows in a repr, a str or a traceback of any saved record."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from helpers_storage import full_month, full_profile
from recover_coach.models import SCHEMA_VERSION, Record


def every_record_class(base: type[Record] = Record) -> set[type[Record]]:
    found: set[type[Record]] = set()
    for sub in base.__subclasses__():
        found |= {sub, *every_record_class(sub)}
    return found


def records_in(value: Any) -> Iterator[Record]:
    if isinstance(value, Record):
        yield value
        for name in type(value).model_fields:
            yield from records_in(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from records_in(item)


def texts_in(value: Any) -> Iterator[str]:
    """Every piece of text a record holds, keys of tables included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts_in(getattr(value, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts_in(key)
            yield from texts_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts_in(item)


def test_the_fixtures_hold_every_kind_of_record() -> None:
    seen = {type(record) for record in records_in([full_profile(), full_month()])}
    assert seen == every_record_class()


def test_no_record_shows_its_text_in_repr_or_str() -> None:
    for record in records_in([full_profile(), full_month()]):
        shown = f"{record!r}\n{record!s}"
        for text in texts_in(record):
            if len(text) >= 3:
                assert text not in shown, f"{type(record).__name__} shows its text"


def test_numbers_dates_and_sizes_still_show_for_debugging() -> None:
    shown = repr(full_month())
    assert (
        shown == f"MonthLog(schema_version={SCHEMA_VERSION}, month=<7 chars>, checkins=<2 items>, "
        "urges=<2 items>)"
    )
