"""The disk cache of built knowledge: read back while its sources are unchanged, built again
when one changes or the entry is damaged, and never in the way when it cannot be used."""

from __future__ import annotations

import pytest

from communique.knowledge._cache import cache_dir, cached


@pytest.fixture
def folder(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(where))
    return where


def _builder(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_an_entry_is_read_back_while_its_sources_are_unchanged(folder, tmp_path):
    source = tmp_path / "actors.yaml"
    source.write_text("version: 1\n", encoding="utf-8")
    build, calls = _builder({"names": ["Ruritania"]})
    assert cached("kb", [source], build) == {"names": ["Ruritania"]}
    assert cached("kb", [source], build) == {"names": ["Ruritania"]}
    assert len(calls) == 1 and len(list(folder.glob("kb-*.pickle"))) == 1


def test_an_edited_source_is_built_again_and_replaces_the_old_entry(folder, tmp_path):
    source = tmp_path / "actors.yaml"
    source.write_text("version: 1\n", encoding="utf-8")
    cached("kb", [source], _builder("first")[0])
    source.write_text("version: 2\n", encoding="utf-8")
    build, calls = _builder("second")
    assert cached("kb", [source], build) == "second" and calls == [1]
    assert len(list(folder.glob("kb-*.pickle"))) == 1


def test_a_damaged_entry_is_built_again(folder, tmp_path):
    source = tmp_path / "actors.yaml"
    source.write_text("version: 1\n", encoding="utf-8")
    cached("kb", [source], _builder("value")[0])
    (entry,) = folder.glob("kb-*.pickle")
    entry.write_bytes(b"not a pickle")
    build, calls = _builder("value")
    assert cached("kb", [source], build) == "value" and calls == [1]
    assert cached("kb", [source], build) == "value" and calls == [1]  # and written again


def test_the_cache_can_be_turned_off_and_an_unwritable_folder_only_costs_time(tmp_path, monkeypatch):
    source = tmp_path / "actors.yaml"
    source.write_text("version: 1\n", encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", "off")
    assert cache_dir() is None
    build, calls = _builder("value")
    assert cached("kb", [source], build) == "value" and cached("kb", [source], build) == "value"
    assert len(calls) == 2
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_CACHE_DIR", str(blocker / "cache"))  # a folder inside a file
    assert cached("kb", [source], build) == "value"


def test_an_unreadable_source_is_left_to_the_build_to_report(folder, tmp_path):
    build, calls = _builder("value")
    assert cached("kb", [tmp_path / "missing.yaml"], build) == "value" and calls == [1]
    assert not folder.exists()


def test_the_cached_knowledge_base_equals_the_built_one(folder):
    from communique.knowledge import kb as kb_module
    from communique.knowledge._files import DATA_DIR

    built = kb_module.build()
    sources = sorted(DATA_DIR.rglob("*.yaml"))
    cached("kb", sources, lambda: built)
    read = cached("kb", sources, lambda: pytest.fail("the entry was not read"))
    assert read is not built
    assert read.names.keys() == built.names.keys() and read.titles == built.titles
    assert read.versions == built.versions
