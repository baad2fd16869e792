"""Resumable runs: an interrupted run, run again, ends with the same store as an uninterrupted one."""

from __future__ import annotations

import json

import pytest

from communique.runner import run
from communique.store import Store

COUNTRIES = ["France", "Germany", "Japan", "Brazil", "India", "Kenya", "Canada", "Mexico", "Spain", "Egypt"]


def _corpus(tmp_path):
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(24):
            a, b = COUNTRIES[i % 10], COUNTRIES[(i + 3) % 10]
            text = f"{a} criticized {b} on Monday over a trade dispute. {b} rejected the criticism."
            fh.write(json.dumps({"id": f"doc-{i:02d}", "date": "2015-03-04", "text": text}) + "\n")
    return path


def _snapshot(db):
    with Store(db) as store:
        rows = store.events(include_all=True)
        return sorted((r["article_id"], r["event"], r["source_country"], r["target_country"]) for r in rows), \
            store.counts()["articles"]


def test_interrupted_run_resumes_without_duplicates(tmp_path, pipeline):
    corpus = _corpus(tmp_path)
    full = tmp_path / "full.duckdb"
    with Store(full) as store:
        run([corpus], pipeline=pipeline, store=store, batch_size=4)

    partial = tmp_path / "partial.duckdb"
    seen = []

    def interrupt(coded):
        seen.append(coded.article.id)
        if len(seen) == 10:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the run

    with Store(partial) as store, pytest.raises(KeyboardInterrupt):
        run([corpus], pipeline=pipeline, store=store, batch_size=4, on_article=interrupt)
    with Store(partial) as store:
        stored = store.counts()["articles"]
        assert 0 < stored < 24  # what was coded before the interruption was kept
        report = run([corpus], pipeline=pipeline, store=store, batch_size=4)
    assert report.already == stored and report.already + report.coded == 24
    assert _snapshot(partial) == _snapshot(full)
    assert _snapshot(full)[1] == 24


def test_two_workers_give_the_same_events(tmp_path, pipeline):
    corpus = _corpus(tmp_path)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    with Store(one) as store:
        run([corpus], pipeline=pipeline, store=store, workers=1, batch_size=4)
    with Store(two) as store:
        run([corpus], pipeline=pipeline, store=store, workers=2, batch_size=4)
    assert _snapshot(one) == _snapshot(two)
