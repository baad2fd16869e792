"""Shared fixtures: the spaCy model (loaded once) and the ../shared folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from communique.settings import shared_dir


@pytest.fixture(autouse=True, scope="session")
def _knowledge_cache(tmp_path_factory):
    """The tests build and read the knowledge cache in a folder of their own."""
    os.environ.setdefault("COMMUNIQUE_CACHE_DIR", str(tmp_path_factory.mktemp("knowledge-cache")))


def quads(coded) -> list[tuple[str, str, str | None, str | None]]:
    """The exported events of a coded article as (type, CAMEO root, source country, target
    country), sorted: the shape the table-driven event tests compare."""
    return sorted((
        (e.type, (e.cameo or "")[:2], e.source.country if e.source else None, e.target.country if e.target else None)
        for e in coded.events if e.exported
    ), key=str)


def need_shared(*parts: str) -> Path:
    """Path under ../shared; skip with a reason if it is absent, fail if CI is set."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing, and CI must not skip tests that need ../shared")
        pytest.skip(f"{path} is absent (the ../shared folder beside the repository)")
    return path


@pytest.fixture(scope="session")
def pipeline():
    """One loaded pipeline (spaCy model, knowledge base, ontology) for the whole session."""
    from communique.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def full_pipeline():
    """A pipeline that parses every sentence (``COMMUNIQUE_PARSE=full``), not only those the
    screen keeps: for tests of stages that look at every noun phrase, such as actor resolution."""
    from communique.pipeline import Pipeline
    from communique.settings import Settings

    return Pipeline(settings=Settings(parse="full"))


def _coder(pipe):
    from datetime import date

    from communique.ingest import parse_text_article

    def _code(text: str, published: date | None = date(2012, 12, 6)):
        return pipe.code(parse_text_article(text, published=published))

    return _code


@pytest.fixture(scope="session")
def code(pipeline):
    """code(text, published=date(...)) -> CodedArticle, for sentences written in the tests."""
    return _coder(pipeline)


@pytest.fixture(scope="session")
def code_full(full_pipeline):
    """Like ``code``, with every sentence parsed."""
    return _coder(full_pipeline)
