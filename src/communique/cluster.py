"""Coding beyond one machine: the same per-shard function on Dask workers, Parquet out.

``run_dask(inputs, out_dir, address)`` maps ``code_shard`` over the input shards (one shard per
input file) on a Dask cluster (``"local"`` starts a ``LocalCluster`` of worker processes; any
other value is a scheduler address such as ``tcp://scheduler:8786``). Each worker loads the
spaCy pipeline once, codes its shard into an in-memory store, and writes the store's tables as
Parquet files under ``out_dir/<shard>/``; ``manifest.json`` lists the shards. ``load_dir``
merges such a directory into a store (re-loading replaces the same articles, never duplicates).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .errors import InputError, StoreError
from .store import Store
from .tables import ALL_TABLES, TABLES, quote_name

MANIFEST = "manifest.json"


def shard_inputs(paths: list[str | Path]) -> list[str]:
    """The input files (one shard each) under files and directories, in a stable order."""
    from .ingest import SUFFIXES  # the readers' own suffix rules

    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file() and _suffix(p) in SUFFIXES)
        else:
            out.append(str(path))
    return out


def _suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz" and len(suffixes) > 1:
        return suffixes[-2]
    return suffixes[-1] if suffixes else ""


@lru_cache(maxsize=2)
def _worker_pipeline(actor_files: tuple[str, ...]):
    from .pipeline import Pipeline

    pipe = Pipeline(actor_files=tuple(Path(p) for p in actor_files))
    pipe.coder, pipe.matchers  # noqa: B018
    return pipe


def shard_name(path: str) -> str:
    return Path(path).name.split(".")[0][:40] + "-" + hashlib.sha1(path.encode()).hexdigest()[:10]


def code_shard(path: str, out_dir: str, actor_files: tuple[str, ...] = ()) -> dict[str, Any]:
    """Code one input file into ``out_dir/<shard>/<table>.parquet``; returns its manifest entry."""
    from .runner import run

    started = time.perf_counter()
    target = Path(out_dir) / shard_name(path)
    target.mkdir(parents=True, exist_ok=True)
    pipe = _worker_pipeline(actor_files)
    with Store(":memory:") as store:
        report = run([path], pipeline=pipe, store=store, workers=1, resume=False)
        for table in ALL_TABLES:
            dest = target / f"{table}.parquet"
            store.con.execute(f"COPY {quote_name(table)} TO '{dest.as_posix()}' (FORMAT PARQUET)")
    return {"input": path, "part": target.name, "articles": report.coded, "events": report.events,
            "skipped": [str(e) for e in report.skipped], "seconds": round(time.perf_counter() - started, 2),
            "coder": pipe.coder_version}


def run_dask(paths: list[str | Path], out_dir: str | Path, address: str = "local", *, workers: int = 2,
             actor_files: tuple[str, ...] = ()) -> dict[str, Any]:
    """Code every shard on a Dask cluster and write ``manifest.json``; returns the manifest."""
    from distributed import Client, LocalCluster

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    shards = shard_inputs(paths)
    if not shards:
        raise InputError("no input files to code", path=str(paths[0]) if paths else None)
    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with Client(cluster if cluster is not None else address) as client:
            futures = client.map(code_shard, shards, out_dir=str(out), actor_files=tuple(actor_files), pure=False)
            entries = client.gather(futures)
    finally:
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()
    manifest = {"communique": __version__, "shards": entries,
                "articles": sum(e["articles"] for e in entries), "events": sum(e["events"] for e in entries)}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def load_dir(out_dir: str | Path, store: Store) -> dict[str, int]:
    """Merge a directory written by ``run_dask`` into ``store``, one transaction per shard."""
    out = Path(out_dir)
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise StoreError(f"no readable {MANIFEST}: run `communique code --dask ... --out DIR` first", path=out) from exc
    con = store.con
    loaded = {"shards": 0, "articles": 0}
    for entry in manifest["shards"]:
        part = out / entry["part"]
        con.begin()
        try:
            articles = (part / "articles.parquet").as_posix()
            for table in TABLES:
                key = "id" if table == "articles" else "article_id"
                con.execute(f"DELETE FROM {quote_name(table)} WHERE {quote_name(key)} IN (SELECT id FROM read_parquet('{articles}'))")
            for table in ALL_TABLES:
                con.execute(f"INSERT INTO {quote_name(table)} SELECT * FROM read_parquet('{(part / f'{table}.parquet').as_posix()}')")
            con.commit()
        except Exception as exc:
            with contextlib.suppress(Exception):
                con.rollback()
            raise StoreError(f"cannot load shard {entry['part']}: {exc}", path=part) from exc
        loaded["shards"] += 1
        loaded["articles"] += entry["articles"]
    return loaded
