"""The timeline `recover history` shows: check-ins, slips and urges in date order.

Pure: records in, entries out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from recover_coach.models import CheckIn, MonthLog, Slip, Urge

KIND_ORDER = {"check-in": 0, "slip": 1, "urge": 2}  # within a day
JSON_BUCKETS = {"check-in": "checkins", "slip": "slips", "urge": "urges"}


@dataclass(frozen=True)
class Entry:
    """One line of the timeline: a check-in, a slip or an urge, on its day."""

    on: date
    kind: str  # "check-in", "slip" or "urge"
    record: CheckIn | Slip | Urge


def months_in_range(saved: Iterable[str], since: str | None, until: str | None) -> list[str]:
    return [m for m in saved if (since is None or m >= since) and (until is None or m <= until)]


def entries(
    slips: Iterable[Slip],
    logs: Iterable[MonthLog],
    since: str | None = None,
    until: str | None = None,
) -> list[Entry]:
    """Check-ins, slips and urges in date order (within the months given, when given)."""
    found = [Entry(check_in.on, "check-in", check_in) for log in logs for check_in in log.checkins]
    found += [Entry(urge.on, "urge", urge) for log in logs for urge in log.urges]
    found += [
        Entry(slip.on, "slip", slip)
        for slip in slips
        if (since is None or f"{slip.on:%Y-%m}" >= since)
        and (until is None or f"{slip.on:%Y-%m}" <= until)
    ]
    return sorted(found, key=lambda entry: (entry.on, KIND_ORDER[entry.kind], _moment(entry)))


def as_json(found: Iterable[Entry]) -> dict[str, Any]:
    data: dict[str, list[dict[str, Any]]] = {bucket: [] for bucket in JSON_BUCKETS.values()}
    for entry in found:
        data[JSON_BUCKETS[entry.kind]].append(entry.record.model_dump(mode="json"))
    return {"version": 1, **data}


def _moment(entry: Entry) -> float:
    record = entry.record
    return (record.at if isinstance(record, Urge) else record.recorded_at).timestamp()
