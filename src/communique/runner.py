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


LOOKUP_BATCH = 64  # articles read ahead, whose stored copies are looked up in one query


def _read_ahead(items: Iterator[Article | InputError], size: int) -> tuple[list[Article | InputError], Exception | None]:
    """The next ``size`` items, and the error that stopped reading them if one was raised (to be
    raised in its turn, after the items read before it)."""
    group: list[Article | InputError] = []
    try:
        while len(group) < size:
            group.append(next(items))
    except StopIteration:
        pass
    except Exception as exc:
        return group, exc
    return group, None


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
    saved: set[str] = set()  # ids of articles saved since the store was last asked what it holds

    def articles() -> Iterator[Article]:
        # the store is asked which articles it holds for LOOKUP_BATCH articles at once; one saved
        # since is asked about again, so each answer is what the store holds at the article's turn
        items = iter(read_articles(paths, limits=pipe.settings.limits))
        while True:
            group, failure = _read_ahead(items, LOOKUP_BATCH)
            keys = {at: (item.id, content_hash(item)) for at, item in enumerate(group)
                    if not isinstance(item, InputError)} if resume and store is not None else {}
            stored = store.stored_articles(list(keys.values())) if keys and store is not None else set()
            saved.clear()
            for at, item in enumerate(group):
                if isinstance(item, InputError):
                    report.skipped.append(item)
                    if store is not None:
                        store.record_skip(str(item), item.path, item.line)
                    if on_skip:
                        on_skip(item)
                    continue
                key = keys.get(at)
                if key is not None and store is not None and (
                        store.has_article(*key) if item.id in saved else key in stored):
                    report.already += 1
                    if on_already:
                        on_already(item)
                    continue
                yield item
            if failure is not None:
                raise failure  # reading failed, after the articles read before it
            if len(group) < LOOKUP_BATCH:
                return

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
                saved.update(c.article.id for c in pending)
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
