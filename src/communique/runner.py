"""The run stage: stream inputs through the pipeline on one or all cores into a store.

Articles are read lazily, coded in batches (``nlp.pipe``), by this process or by a pool of
worker processes that each load the pipeline once, with a bounded number of batches in
flight so memory does not grow with the corpus. Results are written to the store in batches.
A run is resumable: an article already stored from the same content is not coded again, so
after a crash or Ctrl-C the same command continues where it stopped and never duplicates.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .errors import CodingError, InputError
from .model import Article, CodedArticle
from .pipeline import Pipeline


@dataclass
class RunReport:
    coded: int = 0
    events: int = 0
    already: int = 0  # articles a resumed run found stored from the same content
    skipped: list[InputError | CodingError] = field(default_factory=list)


# One pipeline per worker process, loaded by the pool initializer.
_WORKER: dict[str, Pipeline] = {}


def _init_worker(actor_files: tuple[Path, ...]) -> None:
    pipe = Pipeline(actor_files=actor_files)
    pipe.coder, pipe.matchers  # noqa: B018 - load the model and knowledge once per worker
    _WORKER["pipeline"] = pipe


def _code_batch(batch: list[Article]) -> tuple[list[CodedArticle], list[CodingError]]:
    errors: list[CodingError] = []
    return list(_WORKER["pipeline"].code_many(batch, errors=errors)), errors


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def run(
    paths: Iterable[str | Path],
    *,
    pipeline: Pipeline | None = None,
    store=None,
    workers: int = 1,
    batch_size: int = 32,
    resume: bool = True,
    on_article: Callable[[CodedArticle], None] | None = None,
    on_skip: Callable[[InputError], None] | None = None,
    on_already: Callable[[Article], None] | None = None,
) -> RunReport:
    """Code every article under ``paths``; bad inputs are skipped, reported and recorded."""
    from .ingest import read_articles
    from .store import content_hash

    pipe = pipeline or Pipeline()
    report = RunReport()

    def articles() -> Iterator[Article]:
        for item in read_articles(paths, limits=pipe.settings.limits):
            if isinstance(item, InputError):
                report.skipped.append(item)
                if store is not None:
                    store.record_skip(str(item), item.path, item.line)
                if on_skip:
                    on_skip(item)
                continue
            if resume and store is not None and store.has_article(item.id, content_hash(item)):
                report.already += 1
                if on_already:
                    on_already(item)
                continue
            yield item

    pending: list[CodedArticle] = []
    failures: list[CodingError] = []

    def report_failures() -> None:
        while failures:
            err = failures.pop(0)
            report.skipped.append(err)
            if store is not None:
                store.record_skip(str(err), err.path, err.line)
            if on_skip:
                on_skip(err)

    def done(coded: CodedArticle) -> None:
        report.coded += 1
        report.events += len(coded.events)
        if on_article:
            on_article(coded)
        if store is not None:
            pending.append(coded)
            if len(pending) >= 4 * batch_size:
                store.save(pending)
                pending.clear()

    try:
        if workers <= 1:
            for coded in pipe.code_many(articles(), batch_size=batch_size, errors=failures):
                report_failures()
                done(coded)
            report_failures()
        else:
            _run_pool(articles(), pipe, workers, batch_size, done, failures)
            report_failures()
    finally:
        if store is not None and pending:
            store.save(pending)  # what was coded before a crash or Ctrl-C is kept
    return report


def _run_pool(articles: Iterator[Article], pipe: Pipeline, workers: int, batch_size: int,
              done: Callable[[CodedArticle], None], failures: list[CodingError]) -> None:
    # A clean server process forks the workers (not this one, whose database and BLAS threads
    # make fork unsafe); each worker loads the pipeline once.
    method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
    ctx = mp.get_context(method)
    with ctx.Pool(workers, initializer=_init_worker, initargs=(tuple(pipe.actor_files),)) as pool:
        in_flight = []
        for batch in _batches(articles, batch_size):
            in_flight.append(pool.apply_async(_code_batch, (batch,)))
            while len(in_flight) >= 2 * workers:  # bounded: memory does not grow with the corpus
                coded_batch, errors = in_flight.pop(0).get()
                failures.extend(errors)
                for coded in coded_batch:
                    done(coded)
        for result in in_flight:
            coded_batch, errors = result.get()
            failures.extend(errors)
            for coded in coded_batch:
                done(coded)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
