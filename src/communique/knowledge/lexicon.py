"""Word lists used by the pipeline stages (``data/lexicon.yaml``)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from ._files import DATA_DIR, load_entries


class WordList(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    words: list[str] = Field(min_length=1)


class Lexicon:
    def __init__(self, lists: dict[str, frozenset[str]], version: int) -> None:
        self._lists = lists
        self.version = version

    def __getitem__(self, name: str) -> frozenset[str]:
        return self._lists[name]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    version, entries = load_entries(DATA_DIR / "lexicon.yaml", "lists", WordList)
    return Lexicon({e.name: frozenset(w.lower() for w in e.words) for e in entries}, version)
