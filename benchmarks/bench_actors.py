"""Benchmark: knowledge-base load time and the share of coding time spent resolving actors.

Run: .venv/bin/python benchmarks/bench_actors.py [N_ARTICLES]
Prints the load time of the whole knowledge base (cold, in a fresh build) and, over N
Wikinews articles, the time of the spaCy parse alone, of the whole pipeline, and of the
mentions+actors stages, with their ratio to the parse (measured in the same run).
"""

from __future__ import annotations

import json
import sys
import time

from communique.actors import resolve_mentions
from communique.ingest import parse_record
from communique.knowledge.kb import build
from communique.mentions import find_phrases
from communique.pipeline import Pipeline
from communique.settings import shared_dir


def main(n: int = 200) -> None:
    started = time.perf_counter()
    kb = build()
    load = time.perf_counter() - started
    print(f"knowledge base: {kb.sizes()}")
    print(f"load time (cold build, validated): {load:.3f} s")
    corpus = shared_dir() / "corpora" / "wikinews_2004_2018" / "articles.jsonl"
    if not corpus.exists():
        print(f"{corpus} absent: skipping the coding benchmark")
        return
    with corpus.open(encoding="utf-8") as fh:
        articles = [parse_record(json.loads(line)) for _, line in zip(range(n), fh, strict=False)]
    pipe = Pipeline()
    pipe.nlp, pipe.kb, pipe.matchers  # noqa: B018 - load before timing
    t0 = time.perf_counter()
    docs = list(pipe.nlp.pipe([a.text for a in articles], batch_size=32))
    parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for a, d in zip(articles, docs, strict=True):
        phrases = find_phrases(d, pipe.kb, pipe.matchers)
        resolve_mentions(d, phrases, pipe.kb, pipe.lex, a.published, a.id)
    actors = time.perf_counter() - t0
    t0 = time.perf_counter()
    events = sum(len(pipe.code_doc(a, d).events) for a, d in zip(articles, docs, strict=True))
    stages = time.perf_counter() - t0
    words = sum(len(a.text.split()) for a in articles)
    print(f"{n} articles, {words} words, {events} events")
    print(f"spaCy parse:            {parse:.2f} s ({n / parse:.1f} articles/s)")
    print(f"mentions + actors:      {actors:.2f} s = {actors / parse:.1%} of the parse time")
    print(f"all stages after parse: {stages:.2f} s = {stages / parse:.1%} of the parse time")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
