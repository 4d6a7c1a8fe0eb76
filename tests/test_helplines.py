"""The helpline data stays trustworthy: sourced, recently checked, never without a fallback.

When a test here fails because an entry is older than a year, re-check that number on the
service's own site and update `last_verified` (and `source`) in content/support.toml.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest

from recover_coach.content_models import Helpline, Support

SUPPORT_FILE = Path(__file__).resolve().parents[1] / "content" / "support.toml"
MAX_AGE = timedelta(days=365)


def load() -> Support:
    with SUPPORT_FILE.open("rb") as handle:
        return Support.model_validate(tomllib.load(handle))


def every_helpline(support: Support) -> list[tuple[str, Helpline]]:
    found = [("international", line) for line in support.international]
    for code, region in support.regions.items():
        found += [(code, line) for line in region.helplines]
    return found


SUPPORT = load()
HELPLINES = every_helpline(SUPPORT)
IDS = [f"{where}: {line.name} ({line.kind})" for where, line in HELPLINES]


@pytest.mark.parametrize(("where", "line"), HELPLINES, ids=IDS)
def test_every_helpline_was_checked_within_a_year(where: str, line: Helpline) -> None:
    age = date.today() - line.last_verified
    assert age <= MAX_AGE, f"{where} {line.name}: last checked {line.last_verified}; re-check it"


@pytest.mark.parametrize(("where", "line"), HELPLINES, ids=IDS)
def test_every_helpline_names_its_source(where: str, line: Helpline) -> None:
    assert line.source.strip(), f"{where} {line.name} has no source"
    assert line.number or line.text or line.web, f"{where} {line.name} has no way to reach it"


@pytest.mark.parametrize(("where", "line"), HELPLINES, ids=IDS)
def test_every_number_is_only_digits_and_spaces_so_scripts_can_dial_it(
    where: str, line: Helpline
) -> None:
    if line.number is not None:
        assert re.fullmatch(r"[0-9]+( [0-9]+)*", line.number), f"{where} {line.name}"
    if line.text is not None:
        assert line.text.startswith("text "), f"{where} {line.name}: say it in full"


def test_no_helpline_claims_a_check_in_the_future() -> None:
    assert all(line.last_verified <= date.today() for _, line in HELPLINES)


def test_the_international_list_has_a_directory() -> None:
    directories = [line for line in SUPPORT.international if line.kind == "directory"]
    assert directories
    assert any(line.web == "findahelpline.com" for line in directories)


@pytest.mark.parametrize("code", sorted(SUPPORT.regions))
def test_every_region_has_an_emergency_number_with_a_source(code: str) -> None:
    region = SUPPORT.regions[code]
    assert region.emergency.isascii() and region.emergency.isdigit(), code
    assert region.emergency_source.strip()


@pytest.mark.parametrize("code", sorted(SUPPORT.regions))
def test_every_region_has_a_crisis_line(code: str) -> None:
    assert any(line.kind == "crisis" for line in SUPPORT.regions[code].helplines)


def test_region_keys_are_country_codes() -> None:
    assert all(len(code) == 2 and code.isupper() for code in SUPPORT.regions)


def test_the_caring_line_is_one_short_sentence() -> None:
    line = SUPPORT.crisis_line
    assert len(line) <= 160
    assert line.count(".") <= 1


def test_ireland_has_its_crisis_lines_and_gb_a_line_for_own_behaviour_from_its_own_site() -> None:
    ireland = {line.name: line for line in SUPPORT.regions["IE"].helplines}
    assert {"Samaritans", "50808", "Pieta"} <= set(ireland)
    own = {
        code: line
        for code, r in SUPPORT.regions.items()
        for line in r.helplines
        if line.kind == "own_behaviour"
    }
    assert own["GB"].name == "Respect Phoneline"
    assert "respectphoneline.org.uk" in own["GB"].source  # the service's own page


def test_an_entry_without_a_way_to_reach_it_is_refused() -> None:
    with pytest.raises(ValueError, match="number"):
        Helpline.model_validate(
            {"name": "X", "kind": "crisis", "source": "s", "last_verified": "2026-01-01"}
        )
    with pytest.raises(ValueError):
        Helpline.model_validate(
            {
                "name": "X",
                "number": "1-800-555",
                "kind": "crisis",
                "source": "s",
                "last_verified": "2026-01-01",
            }
        )
