"""Benchmark: throughput and peak memory of communique against spaCy alone, in one run.

Run: .venv/bin/python benchmarks/bench_speed.py [N_PER_CORPUS] [--memory N_LARGE]

Inputs: the first N articles of Wikinews and of Reuters in ../shared/corpora. Each mode runs
in its own process, watched for peak resident memory (the process and its children):
  (a) the spaCy pipeline alone, as shipped, over every article (the floor of the old approach)
  (a') the same with communique's exact, faster component internals (communique.components)
  (b) communique end to end, single process, storage included
  (b') the same with every sentence parsed (COMMUNIQUE_PARSE=full), to show what the screen saves
  (c) communique with all cores (--workers)
  (d) communique on a 2-worker local Dask cluster, then merged into a store
and prints articles/s, words/s, peak memory and the ratio (b)/(a) (>1 means faster than
spaCy alone). With --memory N_LARGE it also runs (b) over N_LARGE articles to compare peaks.
With --no-speed only the memory comparison runs. With --eval it prints the evaluation figures on ../shared/examples and ../shared/eval with
selective and with full parsing (they must be equal).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from communique.settings import shared_dir

CORPORA = ("wikinews_2004_2018", "reuters21578")


def make_input(n: int, folder: Path) -> tuple[Path, int, int]:
    """JSONL shards with the first n articles of each corpus; returns (folder, articles, words)."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = words = 0
    for name in CORPORA:
        src = shared_dir() / "corpora" / name / "articles.jsonl"
        lines = []
        with src.open(encoding="utf-8") as fh:
            for line in fh:
                if len(lines) >= n:
                    break
                lines.append(line)
        for i in range(0, len(lines), 250):  # shards of 250 articles
            (folder / f"{name}-{i:05d}.jsonl").write_text("".join(lines[i:i + 250]), encoding="utf-8")
        articles += len(lines)
        words += sum(len(json.loads(x)["text"].split()) for x in lines)
    return folder, articles, words


def child(mode: str, folder: str, work: str) -> None:
    """One benchmark mode, run in a child process."""
    from communique.pipeline import Pipeline

    if mode in {"spacy", "spacy-tuned"}:
        import spacy

        from communique.ingest import read_articles
        from communique.nlp import _model_location, speed_up
        from communique.settings import Settings

        nlp = spacy.load(_model_location(Settings().model))  # as shipped
        nlp.max_length = 2_000_000
        if mode == "spacy-tuned":
            speed_up(nlp)  # with communique's exact, faster component internals
        texts = [a.text for a in read_articles([folder]) if hasattr(a, "text")]
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    elif mode in {"single", "full", "cores"}:
        from communique.runner import default_workers, run
        from communique.store import Store

        with Store(Path(work) / f"{mode}.duckdb") as store:
            run([folder], pipeline=Pipeline(), store=store, workers=default_workers() if mode == "cores" else 1)
    elif mode == "dask":
        from communique.cluster import load_dir, run_dask
        from communique.store import Store

        run_dask([folder], Path(work) / "parts", "local", workers=2)
        with Store(Path(work) / "dask.duckdb") as store:
            load_dir(Path(work) / "parts", store)


def measure(mode: str, folder: Path, work: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MB, process tree) of one mode."""
    started = time.perf_counter()
    env = {**os.environ, "COMMUNIQUE_PARSE": "full" if mode == "full" else "selective"}
    proc = subprocess.Popen([sys.executable, __file__, "--child", mode, str(folder), str(work)], env=env)
    watched = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            rss = watched.memory_info().rss + sum(c.memory_info().rss for c in watched.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    if proc.returncode != 0:
        raise SystemExit(f"mode {mode} failed with exit code {proc.returncode}")
    return time.perf_counter() - started, peak / 2**20


def main(n: int, large: int | None, speed: bool = True) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder, articles, words = make_input(n, Path(tmp) / "input")
        print(f"input: {articles} articles, {words} words ({n} each from {', '.join(CORPORA)})")
        if speed:
            speed_modes(folder, articles, words, Path(tmp))
        if large:
            # each run starts from an empty store: a store holding the articles already would
            # make the run skip them as done
            big, big_articles, _ = make_input(large, Path(tmp) / "large")
            for name in ("mem-small", "mem-large"):
                (Path(tmp) / name).mkdir()
            _, small_peak = measure("single", folder, Path(tmp) / "mem-small")
            seconds, big_peak = measure("single", big, Path(tmp) / "mem-large")
            print(f"memory, 1 process: {articles} articles peak {small_peak:.0f} MB; "
                  f"{big_articles} articles peak {big_peak:.0f} MB ({big_peak / small_peak - 1:+.1%}) "
                  f"in {seconds:.0f} s")


def speed_modes(folder: Path, articles: int, words: int, tmp: Path) -> None:
    """Modes (a) to (d) over the same input, each in its own process."""
    results = {}
    print(f"screen: {parsed_share(folder):.0%} of tokens go through the spaCy pipeline")
    from communique.knowledge._cache import cache_dir

    # the screen's measure above loaded the knowledge, so (b)-(d) read it from the cache, as every
    # run after a first one does; COMMUNIQUE_CACHE_DIR=off measures them building it (+0.7 s)
    print(f"knowledge cache: {cache_dir() or 'off'}")
    for mode, label in (("spacy", "(a) spaCy pipeline alone"), ("spacy-tuned", "(a') spaCy, tuned components"),
                        ("single", "(b) communique, 1 process"),
                        ("full", "(b') communique, full parse"),
                        ("cores", "(c) communique, all cores"), ("dask", "(d) communique, Dask 2 workers")):
        work = tmp / mode
        work.mkdir()
        seconds, peak = measure(mode, folder, work)
        results[mode] = seconds
        print(f"{label:34s} {seconds:7.1f} s  {articles / seconds:6.1f} articles/s  "
              f"{words / seconds:8.0f} words/s  peak {peak:6.0f} MB")
    print(f"ratio (b)/(a) speed: {results['spacy'] / results['single']:.2f} "
          "(>= 1.5 is the target: communique faster than spaCy alone); "
          f"against (a'): {results['spacy-tuned'] / results['single']:.2f}; "
          f"selective over full parse (b')/(b): {results['full'] / results['single']:.2f}")


def parsed_share(folder: Path) -> float:
    """Share of the input's tokens that the screen sends to the spaCy pipeline."""
    from communique.ingest import read_articles
    from communique.pipeline import Pipeline

    pipe = Pipeline()
    total = parsed = 0
    for article in read_articles([folder]):
        if hasattr(article, "text"):
            doc, units = pipe.screen.plan(article.text)
            total += len(doc)
            parsed += sum(u.last - u.first for u in units if u.parse)
    return parsed / max(total, 1)


def print_eval() -> None:
    """Evaluation figures with selective and with full parsing, side by side."""
    from communique.evaluation import evaluate
    from communique.pipeline import Pipeline
    from communique.settings import Settings

    paths = [*sorted((shared_dir() / "examples").glob("*/expected.yaml")),
             shared_dir() / "eval" / "plover_gsr.jsonl", shared_dir() / "eval" / "petrarch2_validation.jsonl"]
    modes = {m: Pipeline(settings=Settings(parse=m)) for m in ("selective", "full")}
    for path in paths:
        figures = {m: evaluate(path, pipe) for m, pipe in modes.items()}
        keys = [k for k, v in figures["selective"].items() if isinstance(v, int | float)]
        same = "same" if figures["selective"] == figures["full"] else "DIFFERENT"
        shown = ", ".join(f"{k} {figures['selective'][k]}/{figures['full'][k]}" for k in keys[:8])
        print(f"eval {path.parent.name}/{path.name} (selective/full, {same}): {shown}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
    else:
        args = sys.argv[1:]
        large = int(args[args.index("--memory") + 1]) if "--memory" in args else None
        if "--eval" in args:
            print_eval()
        main(int(args[0]) if args and args[0].isdigit() else 500, large, speed="--no-speed" not in args)
