"""Era wording at the precision of the date (issue #12): the congress and the plenums held by the
document's date, by name (snippets/eras.yaml plenums, verified dates)."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.core import snippets as snippets_mod

S = snippets_mod.load()


@pytest.mark.parametrize("day, text", [
    ("2018-01-25", "党的十九大和十九届二中全会精神"),
    ("2018-03-10", "党的十九大和十九届二中、三中全会精神"),  # 三中 closed 2018-02-28
    ("2020-03-01", "党的十九大和十九届二中、三中、四中全会精神"),
    ("2021-12-01", "党的十九大和十九届历次全会精神"),
    ("2022-11-01", "党的二十大精神"),
    ("2023-02-28", "党的二十大和二十届二中全会精神"),  # closed that day
    ("2023-02-27", "党的二十大精神"),
    ("2024-07-18", "党的二十大和二十届二中、三中全会精神"),
    ("2026-03-01", "党的二十大和二十届二中、三中、四中全会精神"),
])
def test_the_spirit_names_the_plenums_held(day, text):
    assert S.era(dt.date.fromisoformat(day)).大会精神 == text


def test_every_plenum_is_after_its_congress_and_in_order():
    for p in S.plenums:
        assert S.congresses[p.congress] <= p.start <= p.end
    sessions = [(p.congress, p.session) for p in S.plenums]
    assert sessions == sorted(sessions) and len(set(sessions)) == len(sessions)
