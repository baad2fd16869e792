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


@pytest.fixture(scope="session")
def measured(pipeline, full_pipeline):
    """figures(path, full=False): evaluation figures, computed once per path and parse mode."""
    done: dict[tuple[Path, bool], dict] = {}

    def figures(path: Path, full: bool = False) -> dict:
        if (path, full) not in done:
            done[path, full] = evaluate(path, full_pipeline if full else pipeline)
        return done[path, full]

    return figures


GOLD = [("plover_gsr.jsonl", "plover_gsr"), ("petrarch2_validation.jsonl", "petrarch2_udp_gsr")]


@pytest.mark.parametrize("name", sorted(FLOORS["answers"]))
def test_answer_file_floors(name, measured):
    figures = measured(need_shared("examples", name, "expected.yaml"))
    assert not _check(figures, FLOORS["answers"][name]), figures


@pytest.mark.parametrize("gold,key", GOLD)
def test_gold_set_floors(gold, key, measured):
    figures = measured(need_shared("eval", gold))
    assert not _check(figures, FLOORS[key]), {k: v for k, v in figures.items() if k != "misses"}


@pytest.mark.parametrize("path", [("examples", name, "expected.yaml") for name in sorted(FLOORS["answers"])]
                         + [("eval", gold) for gold, _ in GOLD], ids=lambda p: p[-2] if len(p) == 3 else p[-1])
def test_selective_parsing_keeps_every_figure(path, measured):
    """Parsing only the sentences the screen keeps gives the figures of parsing every sentence."""
    where = need_shared(*path)
    assert measured(where) == measured(where, full=True)
