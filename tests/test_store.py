"""The DuckDB store and the export contract, on small invented articles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb
import pytest

from communique.errors import StoreError
from communique.model import (
    Actor,
    Article,
    CodedArticle,
    Event,
    Evidence,
    Mention,
    Origin,
    Place,
    Quote,
    TimeExpr,
)
from communique.records import CAMEO_COLUMNS, cameo_row, records
from communique.store import Store, content_hash

RUR_GOV = Actor(country="RUR", sector="GOV")
FRE_GOV = Actor(country="FRE", sector="GOV", name="Anna Blum", role="foreign minister")
UN = Actor(country="UNO", org="UNSC")


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def make_article(article_id: str = "a1", *, accuse_scale: float = -2.0,
                 title: str = "Ruritania accuses Freedonia") -> CodedArticle:
    """An invented article: an accusation, a quote, and a denied (non-exported) attack."""
    text = ("Ruritania accused Freedonia of moving troops to the border on Monday. "
            '"We will not attack anyone," Freedonia\'s foreign minister Anna Blum said in Zenda.')
    s1 = (0, text.index(" \""))
    s2 = (s1[1] + 1, len(text))
    rur = _span(text, "Ruritania")
    fre = _span(text, "Freedonia")
    blum = _span(text, "Freedonia's foreign minister Anna Blum")
    quote = _span(text, "We will not attack anyone,")
    published = date(2031, 3, 4)
    article = Article(
        id=article_id, text=text, title=title, byline="A. Writer", published=published,
        url=f"https://example.invalid/{article_id}", source="Zenda Times", paragraphs=((0, len(text)),),
        origin=Origin("inputs/news.jsonl", 3), notes=("decoded as Latin-1",),
    )
    mentions = (
        Mention(article_id, 0, *rur, "Ruritania", "name", RUR_GOV,
                Evidence("kb", "RUR", date(1990, 1, 1), None, ("Ruritania",))),
        Mention(article_id, 0, *fre, "Freedonia", "name", Actor(country="FRE", sector="GOV")),
        Mention(article_id, 1, *blum, "Freedonia's foreign minister Anna Blum", "title", FRE_GOV,
                Evidence("title", words=("foreign", "minister"), antecedent=(fre[0], fre[1]))),
        Mention(article_id, 1, 0, 0, "someone", "pronoun"),
    )
    times = (
        TimeExpr(article_id, "on Monday", *_span(text, "on Monday"), date(2031, 3, 3), "day"),
        TimeExpr(article_id, "someday", 0, 0, None, "before"),
    )
    quotes = (
        Quote(f"{article_id}-q1", article_id, "We will not attack anyone,", *quote, True, FRE_GOV,
              "Freedonia's foreign minister Anna Blum", "said", None),
        Quote(f"{article_id}-q2", article_id, "they", 0, 0, False, None),
    )
    accuse = Event(
        id=f"{article_id}-e1", article_id=article_id, sentence=0, start=s1[0], end=s1[1],
        trigger="accused", trigger_start=10, trigger_end=17, type="ACCUSE", mode="allegation",
        cameo="112", quad_code=2, event_scale=accuse_scale, source=RUR_GOV, target=Actor(country="FRE"),
        source_text="Ruritania", target_text="Freedonia", contexts=("military", "territory"),
        date=date(2031, 3, 3), date_precision="day",
        location=Place("Zenda", "RUR", 50.5, 14.25, 123456), confidence=0.8, coder="rules-1",
        evidence=(0,),
    )
    attack = Event(
        id=f"{article_id}-e2", article_id=article_id, sentence=1, start=s2[0], end=s2[1],
        trigger="attack", trigger_start=quote[0] + 12, trigger_end=quote[0] + 18, type="ASSAULT",
        mode=None, cameo=None, quad_code=4, event_scale=-9, source=FRE_GOV, target=None,
        negated=True, modality="future", reported=True, quote_id=f"{article_id}-q1",
        reported_by=FRE_GOV, coder="rules-1", evidence=(1, 2),
    )
    return CodedArticle(article, mentions, (accuse, attack), quotes, times, notes=("coded by test",))


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as db:
        yield db


def test_records_contract() -> None:
    coded = make_article()
    recs = list(records(coded))
    assert [r["kind"] for r in recs] == ["article"] + ["mention"] * 4 + ["time"] * 2 + ["quote"] * 2 + ["event"] * 2
    article = recs[0]
    assert article["published"] == "2031-03-04"
    assert article["origin"] == "inputs/news.jsonl:3"
    assert article["notes"] == ["decoded as Latin-1", "coded by test"]
    assert recs[1]["actor"]["text"] == "Ruritania"
    assert recs[1]["evidence"]["summary"].startswith("kb; entry RUR")
    event = recs[-2]
    assert event["event_text"] == coded.article.text[event["start"]:event["end"]]
    assert event["event_text"].startswith("Ruritania accused")
    assert event["actor"]["code"] == "RURGOV" and event["recipient"]["text"] == "Freedonia"
    assert event["exported"] is True and recs[-1]["exported"] is False
    json.dumps(recs)  # JSON-ready
    assert [r["kind"] for r in records(coded, include_all=False)].count("event") == 1


def test_cameo_row() -> None:
    event = next(r for r in records(make_article()) if r["kind"] == "event")
    row = cameo_row(event, url="https://example.invalid/a1")
    assert tuple(row) == CAMEO_COLUMNS
    assert row["source_code"] == "RURGOV" and row["target_country"] == "FRE"
    assert row["event_code"] == "112" and row["event_root"] == "11"
    assert row["contexts"] == "military;territory" and row["lat"] == 50.5
    assert row["url"] == "https://example.invalid/a1"


def test_save_then_events_round_trip(store: Store) -> None:
    assert store.save(make_article()) == 1
    events = store.events()
    assert len(events) == 1
    row = events[0]
    assert row["id"] == "a1-e1"
    assert (row["source_country"], row["source_sector"], row["source_code"], row["source_text"]) == (
        "RUR", "GOV", "RURGOV", "Ruritania")
    assert row["target_country"] == "FRE" and row["target_sector"] is None
    assert row["date"] == date(2031, 3, 3)
    assert row["context"] == ["military", "territory"]
    assert (row["location_name"], row["location_country"], row["location_lat"], row["location_lon"]) == (
        "Zenda", "RUR", 50.5, 14.25)
    assert row["location_geonames_id"] == 123456
    assert row["coder"] == "rules-1" and row["exported"] is True
    assert row["event_scale"] == -2.0 and row["quad_code"] == 2 and row["evidence"] == [0]
    articles = store.articles()
    assert articles[0]["published"] == date(2031, 3, 4)
    assert articles[0]["content_hash"] == content_hash(make_article().article)


def test_non_exported_events_stored_but_hidden(store: Store, tmp_path: Path) -> None:
    store.save(make_article())
    assert [e["id"] for e in store.events()] == ["a1-e1"]
    everything = store.events(include_all=True)
    assert [e["id"] for e in everything] == ["a1-e1", "a1-e2"]
    hidden = everything[1]
    assert hidden["negated"] is True and hidden["reported_by_name"] == "Anna Blum"
    assert hidden["target_code"] is None
    assert store.counts()["events"] == 2 and store.counts()["exported_events"] == 1
    assert store.events(article_id="nope", include_all=True) == []
    assert len(store.events(include_all=True, limit=1)) == 1

    default = tmp_path / "default.jsonl"
    full = tmp_path / "full.jsonl"
    store.export("jsonl", default)
    store.export("jsonl", full, include_all=True)
    ids = [json.loads(line).get("id") for line in default.read_text().splitlines()]
    assert "a1-e1" in ids and "a1-e2" not in ids
    assert "a1-e2" in [json.loads(line).get("id") for line in full.read_text().splitlines()]


def test_save_twice_replaces(store: Store) -> None:
    store.save(make_article())
    store.save(make_article(accuse_scale=-3.5, title="Second version"))
    counts = store.counts()
    assert counts["articles"] == 1 and counts["mentions"] == 4 and counts["times"] == 2
    assert counts["quotes"] == 2 and counts["events"] == 2
    assert store.events()[0]["event_scale"] == -3.5
    assert store.articles()[0]["title"] == "Second version"
    # the same id twice in one batch keeps the last copy
    store.save([make_article(accuse_scale=-1.0), make_article(accuse_scale=-4.0)])
    assert store.counts()["events"] == 2 and store.events()[0]["event_scale"] == -4.0


def test_failed_save_keeps_earlier_data(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save(make_article("a1"))
    original = Store._insert

    def failing_insert(self: Store, table: str, columns: object, rows: list[dict]) -> None:
        if table == "events" and any(r["event_scale"] == -7.0 for r in rows):
            raise duckdb.ConversionException("simulated failure")
        original(self, table, columns, rows)

    monkeypatch.setattr(Store, "_insert", failing_insert)
    with pytest.raises(StoreError) as info:
        store.save(make_article("a1", accuse_scale=-7.0, title="broken"))
    assert "a1" in str(info.value) and ":memory:" in str(info.value)
    assert store.articles()[0]["title"] == "Ruritania accuses Freedonia"
    assert store.events()[0]["event_scale"] == -2.0
    assert store.counts()["mentions"] == 4

    # in a batch, articles before the failing one are kept; the error names the failing one
    with pytest.raises(StoreError, match="'a3'"):
        store.save([make_article("a2"), make_article("a3", accuse_scale=-7.0)])
    assert [a["id"] for a in store.articles()] == ["a1", "a2"]
    assert store.counts()["events"] == 4


def test_export_jsonl_equals_records(store: Store, tmp_path: Path) -> None:
    coded = [make_article("a2"), make_article("a1", accuse_scale=1.5)]
    store.save(coded)
    expected = [r for c in sorted(coded, key=lambda c: c.article.id) for r in records(c, include_all=True)]
    out = tmp_path / "out" / "all.jsonl"
    assert store.export("jsonl", out, include_all=True) == len(expected)
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert got == expected
    assert list(store.records(include_all=True)) == expected
    default = [r for c in sorted(coded, key=lambda c: c.article.id) for r in records(c, include_all=False)]
    assert list(store.records()) == default


def test_csv_and_parquet_exports(store: Store, tmp_path: Path) -> None:
    store.save([make_article("a1"), make_article("a2")])
    for fmt in ("csv", "parquet"):
        out = tmp_path / f"events.{fmt}"
        assert store.export(fmt, out) == 2
        reader = "read_csv" if fmt == "csv" else "read_parquet"
        rows = duckdb.sql(f"SELECT event_id, source_code, event_root, contexts, url, lat, date "
                          f"FROM {reader}('{out}') ORDER BY event_id").fetchall()
        assert len(rows) == 2
        assert rows[0][:5] == ("a1-e1", "RURGOV", 11 if fmt == "csv" else "11", "military;territory",
                               "https://example.invalid/a1")
        assert rows[0][5] == 50.5 and rows[0][6] == date(2031, 3, 3)
    assert store.export("parquet", tmp_path / "all.parquet", include_all=True) == 4
    with pytest.raises(StoreError):
        store.export("xml", tmp_path / "x.xml")


def test_text_file_is_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError) as info:
        Store(bogus)
    assert str(bogus) in str(info.value) and "not a DuckDB database" in str(info.value)


def test_reopen_keeps_data_and_resume(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "events.duckdb"
    coded = make_article()
    with Store(path) as db:
        db.save(coded)
        db.record_skip("[E100] empty file", tmp_path / "empty.txt", None)
        db.record_skip("[E100] bad JSON", "in.jsonl", 7)
    with Store(path) as db:
        counts = db.counts()
        assert counts["articles"] == 1 and counts["events"] == 2 and counts["skipped"] == 2
        assert db.has_article("a1", content_hash(coded.article))
        assert not db.has_article("a1", content_hash(replace(coded.article, text="changed")))
        assert not db.has_article("a9", content_hash(coded.article))
        assert db.events()[0]["source_name"] is None


def test_memory_limit_follows_the_index_not_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """DuckDB's cache of the file stays at the base limit; the store adds what its article
    index needs as articles are saved, and it says clearly when the base is not a size."""
    import communique.store as store_module

    monkeypatch.setenv("COMMUNIQUE_DB_MEMORY", "32MB")
    monkeypatch.setattr(store_module, "INDEX_BYTES_PER_ARTICLE", 8 * 2**20)  # make the growth visible
    with Store(tmp_path / "m.duckdb") as st:
        def limit() -> int:
            return store_module.memory_bytes(st.con.execute("SELECT current_setting('memory_limit')").fetchone()[0])

        before = limit()
        st.save([make_article(f"m{i}") for i in range(3)])
        assert limit() > before
    monkeypatch.setenv("COMMUNIQUE_DB_MEMORY", "lots")
    with pytest.raises(StoreError, match="not a size"):
        Store(tmp_path / "n.duckdb")
