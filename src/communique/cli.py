"""The command line: a thin layer over the Python API (``communique --help``)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from . import __version__
from .errors import CommuniqueError
from .settings import Settings

app = typer.Typer(help="communique: political event data from news articles.", no_args_is_help=True,
                  add_completion=False)
actors_app = typer.Typer(help="Look into the actor knowledge base.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")
err = Console(stderr=True)
# a readable table when the output is a file or a pipe (make demo, CI logs), the terminal's width otherwise
out = Console(width=None if sys.stdout.isatty() else 150)

DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB file (default: communique.duckdb or $COMMUNIQUE_DB).")]
ActorsOpt = Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor file(s) that add or override entries.")]
AllOpt = Annotated[bool, typer.Option("--all", help="Include negated and hypothetical events.")]


def _pipeline(actor_files: list[Path] | None):
    from .pipeline import Pipeline

    return Pipeline(actor_files=tuple(actor_files or ()))


def _fail(exc: CommuniqueError) -> typer.Exit:
    err.print(f"[red]error:[/red] {exc}")
    return typer.Exit(2)


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False) -> None:
    if version:
        out.print(f"communique {__version__}")
        raise typer.Exit()


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, or - for standard input.")],
    db: DbOpt = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Write export records to standard output instead of a database.")] = False,
    actors: ActorsOpt = None,
    include_all: AllOpt = False,
    workers: Annotated[int, typer.Option("--workers", help="Processes to code with (default: all cores).")] = 0,
    force: Annotated[bool, typer.Option("--force", help="Re-code articles already stored from the same content.")] = False,
    dask: Annotated[str | None, typer.Option("--dask", help="Run on Dask: 'local' or a scheduler address (tcp://host:8786).")] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="With --dask: directory for Parquet parts and manifest.")] = None,
) -> None:
    """Code articles into events and store them (or print them with --jsonl).

    Runs are resumable: articles already stored from the same content are skipped, so the
    same command continues an interrupted run without duplicating anything.
    """
    from .runner import default_workers

    workers = workers or default_workers()
    if dask:
        if not out_dir:
            raise _fail(CommuniqueError("--dask needs --out DIR for the Parquet parts and manifest"))
        from .cluster import run_dask

        try:
            manifest = run_dask(paths, out_dir, dask, workers=max(workers, 1),
                                actor_files=tuple(str(a) for a in actors or ()))
        except CommuniqueError as exc:
            raise _fail(exc) from exc
        err.print(f"coded {manifest['articles']} article(s), {manifest['events']} event(s) in "
                  f"{len(manifest['shards'])} shard(s) -> {out_dir}; merge with `communique load {out_dir} --db FILE`")
        return
    from .records import records
    from .store import Store

    try:
        pipe = _pipeline(actors)
        store = None if jsonl else Store(db or Settings().db)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    skipped: list[str] = []

    def on_skip(e: CommuniqueError) -> None:
        skipped.append(str(e))
        err.print(f"[yellow]skipped:[/yellow] {e}")

    def emit(coded) -> None:
        for rec in records(coded, include_all=include_all):
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")

    from .pipeline import code_files

    try:
        if jsonl:
            report = code_files(paths, pipeline=pipe, on_article=emit, on_skip=on_skip, workers=workers)
        else:
            report = _code_with_progress(paths, store, pipe, on_skip, workers, resume=not force)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    finally:
        if store is not None:
            store.close()
    where = "standard output" if jsonl else (db or Settings().db)
    err.print(f"coded {report.coded} article(s), {report.events} event(s) -> {where}; "
              f"already stored {report.already}; skipped {len(report.skipped)}")
    if report.coded == 0 and report.skipped:
        raise typer.Exit(1)


def _code_with_progress(paths, store, pipe, on_skip, workers: int, resume: bool):
    """Code into the store under a progress bar: articles done, articles per second and, once
    a background count of the inputs is in, the share done and the time left."""
    import threading
    import time

    from .ingest import count_articles
    from .pipeline import code_files

    columns = (TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("code", total=None, rate="")
        started = time.perf_counter()

        def count() -> None:
            total = count_articles(paths)
            if total:
                progress.update(task, total=total)

        threading.Thread(target=count, daemon=True).start()

        def tick(_item) -> None:
            progress.advance(task)
            done = progress.tasks[0].completed
            progress.update(task, rate=f"{done / max(time.perf_counter() - started, 1e-6):.1f} art/s")

        def skip(e) -> None:
            progress.advance(task)
            on_skip(e)

        return code_files(paths, store=store, pipeline=pipe, on_article=tick, on_skip=skip, on_already=tick,
                          workers=workers, resume=resume)


def _actor(row: dict, prefix: str) -> str:
    parts = [row.get(f"{prefix}_{k}") for k in ("country", "sector", "org")]
    name = row.get(f"{prefix}_name")
    text = "/".join(p for p in parts if p)
    return f"{text} ({name})" if name else text or "-"


@app.command()
def load(directory: Annotated[Path, typer.Argument(help="A directory written by `code --dask ... --out DIR`.")],
         db: DbOpt = None) -> None:
    """Merge Parquet parts written by a Dask run into a store."""
    from .cluster import load_dir
    from .store import Store

    try:
        with Store(db or Settings().db) as store:
            loaded = load_dir(directory, store)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    err.print(f"loaded {loaded['articles']} article(s) from {loaded['shards']} shard(s) into {db or Settings().db}")


@app.command()
def show(db: DbOpt = None, limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
         article: Annotated[str | None, typer.Option(help="Only this article id.")] = None,
         include_all: AllOpt = False) -> None:
    """Print the stored events as a table."""
    from .store import Store

    try:
        with Store(db or Settings().db) as store:
            rows = store.events(article_id=article, include_all=include_all, limit=limit)
            counts = store.counts()
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    table = Table(title=f"events ({counts.get('exported_events', len(rows))} exported of {counts.get('events', 0)} stored)")
    for col in ("date", "event", "mode", "source", "target", "cameo", "where", "trigger", "conf"):
        table.add_column(col, overflow="fold")
    for r in rows:
        flags = " (neg)" if r.get("negated") else ""
        table.add_row(str(r.get("date") or ""), (r.get("event") or "") + flags, r.get("mode") or "",
                      _actor(r, "source"), _actor(r, "target"), r.get("cameo") or "",
                      r.get("location_name") or "", r.get("trigger") or "", f"{r.get('confidence', 0):.2f}")
    out.print(table)


@app.command()
def export(fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
           db: DbOpt = None, output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file.")] = None,
           include_all: AllOpt = False) -> None:
    """Export the store: JSONL records (PLOVER) or CAMEO-style CSV/Parquet rows."""
    from .store import Store

    try:
        with Store(db or Settings().db) as store:
            n = store.export(fmt, output, include_all=include_all)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    err.print(f"exported {n} {'records' if fmt == 'jsonl' else 'rows'}" + (f" to {output}" if output else ""))


@app.command("eval")
def eval_cmd(
    gold: Annotated[list[Path], typer.Argument(help="expected.yaml answer files, gold JSONL sets, or folders.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    limit: Annotated[int | None, typer.Option(help="Score only the first N records of JSONL sets.")] = None,
    misses: Annotated[int, typer.Option(help="Show this many misses per set.")] = 0,
    actors: ActorsOpt = None,
) -> None:
    """Score the coder against answer files and gold sets."""
    from .evaluation import evaluate_paths
    from .evaluation.report import print_reports

    try:
        reports = evaluate_paths(gold, _pipeline(actors), limit)
    except CommuniqueError as exc:
        raise _fail(exc) from exc
    if as_json:
        for r in reports:
            r.pop("misses", None)
        sys.stdout.write(json.dumps({"reports": reports}, default=str, indent=1) + "\n")
    else:
        print_reports(reports, out, misses)


@actors_app.command("lookup")
def actors_lookup(name: str, on: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD (default: today).")] = None,
                  actors: ActorsOpt = None) -> None:
    """Print the knowledge-base candidates for a name and the one chosen on a date."""
    from .knowledge import load_kb

    day = date.fromisoformat(on) if on else date.today()
    kb = load_kb(tuple(actors or ()))
    cands = kb.candidates(name, day, any_case=True)
    if not cands:
        err.print(f"no knowledge-base entry for {name!r}")
        raise typer.Exit(1)
    best = kb.resolve(name, day) or cands[0]
    table = Table(title=f"{name!r} on {day}")
    for col in ("", "entry", "how", "actor", "valid", "evidence"):
        table.add_column(col)
    for c in cands:
        a = c.actor
        table.add_row("*" if c is best or c == best else "", f"{c.ref.kind}:{c.ref.id}", c.ref.how,
                      f"{a.code} {'/'.join(x for x in (a.country, a.sector, a.org, a.name, a.role) if x)}",
                      "yes" if c.valid else "no", c.evidence.describe())
    out.print(table)


@actors_app.command("list")
def actors_list(actors: ActorsOpt = None) -> None:
    """Show the size of the knowledge base by kind, and its version."""
    from .knowledge import load_kb

    kb = load_kb(tuple(actors or ()))
    table = Table(title=f"actor knowledge base {kb.version} (loaded in {kb.load_seconds:.2f}s)")
    table.add_column("kind")
    table.add_column("entries", justify="right")
    for k, v in kb.sizes().items():
        table.add_row(k, str(v))
    out.print(table)


def main() -> None:
    try:
        app()
    except CommuniqueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise SystemExit(2) from exc


if __name__ == "__main__":
    main()
