"""Benchmark: how well events are dated, placed and attributed on real news.

Run: .venv/bin/python benchmarks/bench_attribution.py [N_ARTICLES]
Codes the first N Wikinews articles of ../shared/corpora and prints the share of events with
a day-precision date, with a location, and inside a quote or speech act with a resolved speaker.
"""

from __future__ import annotations

import json
import sys
import time

from communique.ingest import parse_record
from communique.pipeline import Pipeline
from communique.settings import shared_dir


def main(n: int = 200) -> None:
    corpus = shared_dir() / "corpora" / "wikinews_2004_2018" / "articles.jsonl"
    if not corpus.exists():
        print(f"{corpus} absent: nothing to measure")
        return
    with corpus.open(encoding="utf-8") as fh:
        articles = [parse_record(json.loads(line)) for _, line in zip(range(n), fh, strict=False)]
    pipe = Pipeline()
    started = time.perf_counter()
    coded = list(pipe.code_many(articles))
    seconds = time.perf_counter() - started
    events = [e for c in coded for e in c.events if e.exported]
    quotes = [q for c in coded for q in c.quotes]
    total = max(len(events), 1)
    day = sum(1 for e in events if e.date_precision == "day")
    publication = sum(1 for e in events if e.date_precision == "publication")
    located = sum(1 for e in events if e.location is not None)
    reported = sum(1 for e in events if e.reported_by is not None)
    in_quote = sum(1 for e in events if e.quote_id is not None)
    speakers = sum(1 for q in quotes if q.speaker is not None)
    print(f"{len(articles)} articles, {len(events)} exported events, {len(quotes)} quotes, {seconds:.1f} s")
    print(f"events with a day-precision date from the text:  {day / total:.1%}")
    print(f"events dated by the publication date only:       {publication / total:.1%}")
    print(f"events with a location:                          {located / total:.1%}")
    print(f"events inside a quote or speech act:             {in_quote / total:.1%}")
    print(f"events reported by a resolved speaker:           {reported / total:.1%}")
    print(f"quotes with a resolved speaker:                  {speakers / max(len(quotes), 1):.1%}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
