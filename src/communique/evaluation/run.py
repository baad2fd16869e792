"""Run the evaluations a path names, and compare figures with the floors pinned in the repo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import EvalError
from ..model import Article, CodedArticle
from ..pipeline import Pipeline
from .answers import score_answers
from .gold import score_petrarch, score_plover


def evaluate(path: Path, pipeline: Pipeline, limit: int | None = None) -> dict[str, Any]:
    """Figures for one answer file or gold set, as a plain dict."""
    def code(articles: list[Article]) -> list[CodedArticle]:
        return list(pipeline.code_many(articles))

    if path.suffix in {".yaml", ".yml"}:
        from ..ingest import read_articles

        article_path = path.with_name("article.txt")
        items = list(read_articles([article_path]))
        if not items or not isinstance(items[0], Article):
            raise EvalError(f"cannot read the article beside the answer file: {items[0] if items else 'missing'}",
                            path=article_path)
        coded = pipeline.code(items[0])
        rep = score_answers(path, coded)
        return {"kind": "answers", **rep.figures()}
    if path.name.startswith("plover_gsr"):
        rep = score_plover(path, code, limit)
    elif path.name.startswith("petrarch2_validation"):
        rep = score_petrarch(path, code, limit)
    else:
        raise EvalError("unknown gold set: expected an expected.yaml, plover_gsr.jsonl or "
                        "petrarch2_validation.jsonl", path=path)
    return {"kind": rep.name, "path": str(path), "records": rep.records, **rep.figures,
            "per_type": rep.per_type, "misses": rep.misses}


def evaluate_paths(paths: list[Path], pipeline: Pipeline, limit: int | None = None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*/expected.yaml")) + sorted(path.glob("expected.yaml"))
            found += sorted(p for p in path.glob("*.jsonl") if p.name.startswith(("plover_gsr", "petrarch2")))
            out.extend(evaluate(p, pipeline, limit) for p in found)
        else:
            out.append(evaluate(path, pipeline, limit))
    return out
