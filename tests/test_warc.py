"""WARC archives: pages in, articles out; other records passed over; damage reported.

The archives are written by the tests with warcio from pages written here.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from communique.errors import InputError
from communique.ingest import read_articles
from communique.model import Article

PAGE = """<html><head><title>Ministers meet in Vienna</title>
<meta name="date" content="2015-03-03"></head><body><article>
<h1>Ministers meet in Vienna</h1>
<p>Germany accused Poland on Tuesday of blocking the new trade agreement, two diplomats said.</p>
<p>Poland rejected the accusation and said it would keep talking with its neighbours.</p>
<p>The talks in the Austrian capital are due to continue next week with both delegations.</p>
</article></body></html>"""

UNDATED = PAGE.replace('<meta name="date" content="2015-03-03">', "").replace("Vienna", "Geneva")

TEXT = "Chile and Peru signed a fishing agreement in Lima on Monday, officials of both countries said.\n"


def _archive(path: Path, records: list[tuple[str, str, bytes, str]], gzip: bool = True) -> Path:
    """Write (kind, url, payload, content type) records; kind: response, resource, request."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for kind, url, payload, ctype in records:
            headers = {"WARC-Date": "2015-03-05T10:00:00Z"}
            if kind == "response":
                status = "200 OK" if not url.endswith("/moved") else "301 Moved Permanently"
                http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
                record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                   http_headers=http, warc_headers_dict=headers)
            else:
                record = writer.create_warc_record(url, kind, payload=io.BytesIO(payload),
                                                   warc_content_type=ctype, warc_headers_dict=headers)
            writer.write_record(record)
    return path


@pytest.mark.parametrize("gzip", [True, False])
def test_pages_become_articles_and_other_records_are_passed_over(tmp_path: Path, gzip: bool) -> None:
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    archive = _archive(tmp_path / name, [
        ("request", "https://news.example/a", b"GET /a HTTP/1.1\r\n\r\n", "application/http; msgtype=request"),
        ("response", "https://news.example/a", PAGE.encode(), "text/html; charset=utf-8"),
        ("response", "https://news.example/logo.png", b"\x89PNG....", "image/png"),
        ("response", "https://news.example/moved", b"<html>moved</html>", "text/html"),
        ("resource", "https://news.example/b.txt", TEXT.encode(), "text/plain"),
        ("response", "https://news.example/c", UNDATED.encode(), "text/html"),
    ], gzip=gzip)
    items = list(read_articles([archive]))
    assert all(isinstance(i, Article) for i in items), items
    first, text, undated = items
    assert first.url == "https://news.example/a"
    assert "Germany accused Poland" in first.text and first.published == date(2015, 3, 3)
    assert first.origin is not None and first.origin.path == str(archive) and first.origin.line == 2
    assert text.text.startswith("Chile and Peru signed") and text.url == "https://news.example/b.txt"
    assert undated.published == date(2015, 3, 5)  # the crawl date, said in a note
    assert any("crawl date" in note for note in undated.notes)


def test_a_bad_page_is_reported_and_reading_goes_on(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "mixed.warc.gz", [
        ("response", "https://news.example/empty", b"   ", "text/html"),
        ("response", "https://news.example/a", PAGE.encode(), "text/html"),
    ])
    items = list(read_articles([archive]))
    assert isinstance(items[0], InputError) and f"{archive}:1" in str(items[0])
    assert isinstance(items[1], Article)


def test_a_truncated_archive_keeps_the_pages_before_the_damage(tmp_path: Path) -> None:
    archive = _archive(tmp_path / "cut.warc", [
        ("response", "https://news.example/a", PAGE.encode(), "text/html"),
        ("response", "https://news.example/c", UNDATED.encode(), "text/html"),
    ], gzip=False)
    data = archive.read_bytes()
    second = data.index(b"WARC/1.0", 10)
    archive.write_bytes(data[:second] + b"WARC/1.0\r\nWARC-Type: resp")
    items = list(read_articles([archive]))
    assert isinstance(items[0], Article)
    assert all(isinstance(i, InputError) for i in items[1:]) and items[1:]


def test_warc_files_are_found_in_directories(tmp_path: Path) -> None:
    _archive(tmp_path / "one.warc.gz", [("response", "https://news.example/a", PAGE.encode(), "text/html")])
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    items = list(read_articles([tmp_path]))
    assert [type(i) for i in items] == [Article]


def test_code_reads_a_warc_archive(tmp_path: Path, code) -> None:
    from communique.runner import run
    from communique.store import Store

    archive = _archive(tmp_path / "crawl.warc.gz", [("response", "https://news.example/a", PAGE.encode(), "text/html")])
    with Store(tmp_path / "w.duckdb") as store:
        report = run([archive], store=store)
        assert report.coded == 1 and report.events >= 1


def test_articles_are_counted_for_the_progress_bar(tmp_path: Path) -> None:
    from communique.ingest import count_articles

    _archive(tmp_path / "a.warc.gz", [
        ("request", "https://news.example/a", b"GET /a HTTP/1.1\r\n\r\n", "application/http; msgtype=request"),
        ("response", "https://news.example/a", PAGE.encode(), "text/html"),
        ("resource", "https://news.example/b.txt", TEXT.encode(), "text/plain"),
    ])
    (tmp_path / "b.jsonl").write_text('{"text": "one"}\n\n{"text": "two"}\n{"text": "three"}\n', encoding="utf-8")
    (tmp_path / "c.txt").write_text(TEXT, encoding="utf-8")
    assert count_articles([tmp_path]) == 6
    assert count_articles([tmp_path / "c.txt", "-"]) is None
