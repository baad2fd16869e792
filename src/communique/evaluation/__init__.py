"""Evaluation: answer files (expected.yaml) and JSON Lines gold sets, with pinned floors."""

from .answers import AnswerReport, event_matches, score_answers
from .gold import GoldReport, score_petrarch, score_plover
from .run import evaluate, evaluate_paths

__all__ = [
    "AnswerReport", "GoldReport", "evaluate", "evaluate_paths", "event_matches", "score_answers",
    "score_petrarch", "score_plover",
]
