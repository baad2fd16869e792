"""The evaluation gate: accuracy on ../shared/examples and ../shared/eval may not fall below
the floors pinned in tests/eval_floors.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from communique.evaluation import evaluate
from conftest import need_shared

FLOORS = yaml.safe_load((Path(__file__).parent / "eval_floors.yaml").read_text(encoding="utf-8"))


def _check(figures: dict, floors: dict) -> list[str]:
    problems = []
    for key, floor in floors.items():
        if key.endswith("_max"):
            got = figures[key.removesuffix("_max")]
            if got > floor:
                problems.append(f"{key.removesuffix('_max')} = {got}, above the ceiling {floor}")
        elif figures[key] < floor:
            problems.append(f"{key} = {figures[key]}, below the floor {floor}")
    return problems


@pytest.mark.parametrize("name", sorted(FLOORS["answers"]))
def test_answer_file_floors(name, pipeline):
    path = need_shared("examples", name, "expected.yaml")
    figures = evaluate(path, pipeline)
    assert not _check(figures, FLOORS["answers"][name]), figures


@pytest.mark.parametrize("gold,key", [("plover_gsr.jsonl", "plover_gsr"),
                                      ("petrarch2_validation.jsonl", "petrarch2_udp_gsr")])
def test_gold_set_floors(gold, key, pipeline):
    figures = evaluate(need_shared("eval", gold), pipeline)
    assert not _check(figures, FLOORS[key]), {k: v for k, v in figures.items() if k != "misses"}
