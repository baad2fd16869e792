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


def test_dask_local_cluster_gives_the_same_events(tmp_path, pipeline):
    from communique.cluster import load_dir, run_dask

    corpus = _corpus(tmp_path)
    shards = tmp_path / "shards"
    shards.mkdir()
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    for i in range(3):  # three input shards
        (shards / f"part{i}.jsonl").write_text("".join(lines[i::3]), encoding="utf-8")
    single = tmp_path / "single.duckdb"
    with Store(single) as store:
        run([shards], pipeline=pipeline, store=store)
    out = tmp_path / "out"
    manifest = run_dask([shards], out, "local", workers=2)
    assert len(manifest["shards"]) == 3 and manifest["articles"] == 24
    merged = tmp_path / "merged.duckdb"
    with Store(merged) as store:
        load_dir(out, store)
        load_dir(out, store)  # loading twice replaces, never duplicates
    assert _snapshot(merged) == _snapshot(single)


def test_an_article_that_breaks_a_stage_is_skipped_and_reported(tmp_path, pipeline, monkeypatch):
    from communique.errors import CodingError
    from communique.pipeline import Pipeline

    corpus = _corpus(tmp_path)
    original = Pipeline.code_doc

    def flaky(self, article, doc):
        if article.id == "doc-05":
            raise ValueError("simulated stage failure")
        return original(self, article, doc)

    monkeypatch.setattr(Pipeline, "code_doc", flaky)
    with Store(tmp_path / "f.duckdb") as store:
        report = run([corpus], pipeline=pipeline, store=store, batch_size=4)
        assert report.coded == 23
        assert len(report.skipped) == 1 and isinstance(report.skipped[0], CodingError)
        assert "doc-05" in str(report.skipped[0]) and "corpus.jsonl" in str(report.skipped[0])
        assert store.counts()["skipped"] == 1


def test_a_killed_run_resumes_to_the_same_store(tmp_path):
    """The CLI killed without warning (SIGKILL, as by the OOM killer or a pulled plug) midway,
    after it stored some batches and before it finished, then run again: the store ends as after
    one uninterrupted run."""
    import signal
    import subprocess
    import sys
    import time

    n = 800
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = COUNTRIES[i % 10], COUNTRIES[(i + 3) % 10]
            fh.write(json.dumps({"id": f"k-{i:03d}", "date": "2015-03-04",
                                 "text": f"{a} accused {b} of spying on Monday. {b} denied it."}) + "\n")

    def command(db):
        return [sys.executable, "-m", "communique.cli", "code", str(corpus), "--db", str(db), "--workers", "1"]

    def size(name: str) -> int:
        return sum(p.stat().st_size for p in tmp_path.glob(f"{name}.duckdb*"))

    def first_write(proc, name: str, empty: int) -> float:
        """When the run's store first grows past its empty tables: a first batch is being saved."""
        deadline = time.monotonic() + 600
        while size(name) <= empty and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        return time.monotonic()

    def empty_size(proc, name: str) -> int:
        deadline = time.monotonic() + 600
        while size(name) == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)  # the tables are created at once, then the model loads
        return size(name)

    # the uninterrupted run, timed from its first save to its end
    full = tmp_path / "full.duckdb"
    proc = subprocess.Popen(command(full), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = first_write(proc, "full", empty_size(proc, "full"))
    assert proc.wait(timeout=600) == 0
    rest = time.monotonic() - first

    # the same run killed when about half of what followed its first save is done: the first
    # batch (of eight or so) is committed by then, and the last is still far off
    partial = tmp_path / "partial.duckdb"
    proc = subprocess.Popen(command(partial), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first_write(proc, "partial", empty_size(proc, "partial"))
    time.sleep(rest / 2)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)

    again = subprocess.run(command(partial), check=True, capture_output=True, text=True, timeout=600)
    already = int(again.stderr.split("already stored ")[1].split(";")[0])
    assert 0 < already < n, again.stderr
    assert _snapshot(partial) == _snapshot(full)


def _write(path, docs):
    with path.open("w", encoding="utf-8") as fh:
        for ident, text in docs:
            fh.write(json.dumps({"id": ident, "date": "2015-03-04", "text": text}) + "\n")
    return path


def test_stored_articles_answers_as_has_article_does(tmp_path, pipeline):
    corpus = _write(tmp_path / "a.jsonl", [("a1", "France criticized Spain."), ("a2", "Japan praised India.")])
    with Store(tmp_path / "s.duckdb") as store:
        run([corpus], pipeline=pipeline, store=store)
        from communique.ingest import read_articles
        from communique.store import content_hash

        keys = [(a.id, content_hash(a)) for a in read_articles([corpus])]
        asked = [*keys, ("a1", "another hash"), ("a9", keys[0][1])]
        assert store.stored_articles(asked) == {k for k in asked if store.has_article(*k)} == set(keys)
        assert store.stored_articles([]) == set()


def test_an_article_saved_after_the_look_up_is_looked_up_again(tmp_path, pipeline, monkeypatch):
    """The store is asked about many articles at once; an id saved since (here "x", replaced by
    another text) is asked about again, so its first text, seen later, is coded anew, not skipped."""
    import communique.pipeline as pipeline_module

    first, second = "France criticized Spain on Monday.", "Kenya praised Egypt on Friday."
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        run([_write(tmp_path / "a.jsonl", [("x", first)])], pipeline=pipeline, store=store)
    monkeypatch.setattr(pipeline_module, "CHUNK_ARTICLES", 1)  # code (and save) as articles come
    docs = [("x", second), ("b", "Japan praised India."), ("c", "Mexico thanked Canada."),
            ("d", "Spain met Brazil."), ("x", first)]  # saved after four articles: x's second text
    with Store(db) as store:
        report = run([_write(tmp_path / "b.jsonl", docs)], pipeline=pipeline, store=store, batch_size=1)
        assert (report.coded, report.already) == (5, 0)
        again = run([_write(tmp_path / "c.jsonl", [("x", first), ("b", "Japan praised India."), ("y", second)])],
                    pipeline=pipeline, store=store)
        assert (again.coded, again.already) == (1, 2)


def test_a_reading_error_comes_after_the_articles_read_before_it(tmp_path, pipeline, monkeypatch):
    import communique.ingest as ingest
    import communique.pipeline as pipeline_module

    good = list(ingest.read_articles([_write(tmp_path / "a.jsonl", [("a1", "France criticized Spain."),
                                                                     ("a2", "Japan praised India.")])]))

    def failing(paths, **kwargs):
        yield from good
        raise OSError("disk gone")

    monkeypatch.setattr(ingest, "read_articles", failing)
    monkeypatch.setattr(pipeline_module, "CHUNK_ARTICLES", 1)  # code each article as it is read
    seen = []
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(OSError, match="disk gone"):
        run(["unused"], pipeline=pipeline, store=store, on_article=lambda c: seen.append(c.article.id))
    assert seen == ["a1", "a2"]
