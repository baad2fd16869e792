"""Tests of the ingest stage: readers, decoding, normalisation and input errors.

Every article text here is invented for the tests ("Valdoria", "Estrevia" are fictional).
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from communique.errors import EncodingError, InputError
from communique.ingest import (
    article_id,
    guess_language,
    normalize_text,
    parse_html,
    parse_record,
    parse_text_article,
    read_articles,
)
from communique.model import Article, Origin
from communique.settings import Limits
from conftest import need_shared

FICTIONAL = """

# Valdoria and Estrevia Trade Barbs Over River Pact

By [Mara Quell](#)

March 14, 2021



A ferry on the Morvan river, pictured above, carried ministers to the talks.

Talks between Valdoria and Estrevia on the Morvan river pact stalled on Tuesday, officials said.

The Valdorian foreign minister said the river commission was "paralysed" by delays.

As a result, the commission cannot meet, and calls for its reform "are answered

with empty promises," she said, according to a statement on the [ministry's website](#).

The **Estrevian** delegation said it would study the [draft](https://example.invalid/draft) text.

#### **Related articles:**

- [Valdoria Recalls Envoy Over Border Row](#)
- [Estrevia Sets Election Date](#)

- [Morvan Commission Meets Again](https://example.invalid/morvan)

Original url: <https://news.example.invalid/2021/03/14/valdoria-estrevia-river-pact>"""


def _articles(results: list[Article | InputError]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def _errors(results: list[Article | InputError]) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


def _check_offsets(article: Article) -> None:
    assert article.paragraphs
    for start, end in article.paragraphs:
        para = article.text[start:end]
        assert para and para == para.strip() and "\n\n" not in para
    assert "\n\n".join(article.text[s:e] for s, e in article.paragraphs) == article.text


# ---------------------------------------------------------------- text articles


def test_text_header_body_and_related_block() -> None:
    art = parse_text_article(FICTIONAL, origin=Origin("fictional.txt"))
    assert art.title == "Valdoria and Estrevia Trade Barbs Over River Pact"
    assert art.byline == "Mara Quell"
    assert art.published == date(2021, 3, 14)
    assert art.url == "https://news.example.invalid/2021/03/14/valdoria-estrevia-river-pact"
    assert art.id == article_id(art.text, url=art.url)
    assert len(art.id) == 16
    assert "Related" not in art.text and "Recalls Envoy" not in art.text
    assert "Morvan Commission" not in art.text and "Original url" not in art.text
    assert "March 14, 2021" not in art.text and "Mara Quell" not in art.text
    # the caption is kept as the first body paragraph
    first = art.text[art.paragraphs[0][0]:art.paragraphs[0][1]]
    assert first.startswith("A ferry on the Morvan river")
    assert art.language == "en"


def test_quote_broken_paragraph_is_joined() -> None:
    art = parse_text_article(FICTIONAL)
    joined = 'calls for its reform "are answered with empty promises," she said'
    assert joined in art.text
    paras = [art.text[s:e] for s, e in art.paragraphs]
    assert any(joined in p for p in paras)
    assert not any(p.startswith("with empty promises") for p in paras)


def test_paragraph_offsets_point_at_their_text() -> None:
    art = parse_text_article(FICTIONAL)
    _check_offsets(art)
    paras = [art.text[s:e] for s, e in art.paragraphs]
    assert paras[1] == (
        "Talks between Valdoria and Estrevia on the Morvan river pact stalled on Tuesday, officials said."
    )
    assert len(paras) == 5


def test_markdown_links_images_and_emphasis_reduced() -> None:
    art = parse_text_article(FICTIONAL)
    assert "according to a statement on the ministry's website." in art.text
    assert "The Estrevian delegation said it would study the draft text." in art.text
    assert "[" not in art.text and "](" not in art.text and "**" not in art.text
    md = "![a photo](photo.jpg)\n\nThe __envoy__ met the [council](http://x.invalid) *today*.\n"
    assert parse_text_article(md).text == "The envoy met the council today."


@pytest.mark.parametrize(
    "line",
    ["2021-03-14", "14 Mar 2021", "14 March 2021", "Updated: March 14, 2021", "Sunday, March 14, 2021"],
)
def test_date_line_forms(line: str) -> None:
    text = f"# Ministers Meet in Geneva\n\n{line}\n\nThe two ministers met in Geneva on Sunday.\n"
    art = parse_text_article(text)
    assert art.published == date(2021, 3, 14)
    assert art.text == "The two ministers met in Geneva on Sunday."


def test_first_short_line_is_title_and_plain_text_is_all_body() -> None:
    art = parse_text_article("Envoys Meet in Vienna\n\nThe envoys met in Vienna on Monday.\n")
    assert art.title == "Envoys Meet in Vienna"
    assert art.text == "The envoys met in Vienna on Monday."
    plain = "The envoys met in Vienna on Monday.\nThey agreed to meet again.\n\nNo date was set."
    art = parse_text_article(plain)
    assert art.title is None and art.byline is None and art.published is None and art.url is None
    assert art.text == "The envoys met in Vienna on Monday. They agreed to meet again.\n\nNo date was set."
    assert art.id == article_id(art.text)


def test_explicit_published_wins() -> None:
    art = parse_text_article(FICTIONAL, published=date(2020, 1, 2))
    assert art.published == date(2020, 1, 2)


def test_normalisation_keeps_offsets_coherent() -> None:
    raw = (
        "The\u00a0minister\u200b said\r\nthe talks\u202e ended.\r\n\r\n"
        "Troops\x00 will\x07 with\u00addraw\ufeff\u2003soon.\rA second line.\n"
    )
    art = parse_text_article(raw)
    assert art.text == "The minister said the talks ended.\n\nTroops will withdraw soon. A second line."
    _check_offsets(art)
    assert normalize_text("Cafe\u0301") == "Caf\u00e9"  # NFC
    assert normalize_text("a\u2028b") == "a\nb"


# ---------------------------------------------------------------- JSON Lines


def _write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_ids_kept_and_bad_line_reported(tmp_path: Path) -> None:
    good = {"id": "v-1", "title": "Talks open", "date": "2021-03-14", "source": "Test Wire",
            "url": "https://example.invalid/1", "text": "Envoys met.\n\nThey talked.", "extra": {"x": 1}}
    path = _write_jsonl(tmp_path / "a.jsonl", [
        json.dumps(good),
        '{"id": "v-2", "text": "cut off',
        json.dumps({"id": 7, "text": "Second record, numeric id."}),
        "",
        json.dumps({"text": "No id here."}),
    ])
    results = list(read_articles([path]))
    arts, errs = _articles(results), _errors(results)
    assert [a.id for a in arts] == ["v-1", "7", article_id("No id here.")]
    assert len(errs) == 1 and errs[0].line == 2
    assert "a.jsonl:2" in str(errs[0]) and "malformed JSON" in str(errs[0])
    first = arts[0]
    assert first.title == "Talks open" and first.source == "Test Wire"
    assert first.published == date(2021, 3, 14) and first.url == "https://example.invalid/1"
    assert first.origin == Origin(str(path), 1)
    assert first.text == "Envoys met.\n\nThey talked."
    assert first.paragraphs == ((0, 11), (13, 25))
    assert arts[2].origin == Origin(str(path), 5)


def test_jsonl_odd_records(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "odd.ndjson", [
        json.dumps({"id": "d", "text": ""}),
        json.dumps({"id": "d", "text": 123}),
        json.dumps({"id": "d", "title": "no text"}),
        json.dumps([1, 2]),
        '{"id": "s", "date": "2021-13-45", "text": "Talks \\ud800 ended"}',
        json.dumps({"id": "r", "date": "14/03/2021", "text": "First."}),
        json.dumps({"id": "r", "date": "not a date", "url": "not a url", "text": "Second."}),
    ])
    results = list(read_articles([path]))
    errs = _errors(results)
    assert [e.line for e in errs] == [1, 2, 3, 4]
    assert all("odd.ndjson" in str(e) for e in errs)
    arts = {(a.id, a.origin.line if a.origin else None): a for a in _articles(results)}
    sur = arts[("s", 5)]
    assert sur.text == "Talks \ufffd ended" and sur.published is None
    assert any("2021-13-45" in n for n in sur.notes)
    assert arts[("r", 6)].published == date(2021, 3, 14)
    second = arts[("r", 7)]
    assert second.published is None and second.url is None
    assert any("repeats the id of line 6" in n for n in second.notes)
    assert not any("repeats" in n for n in arts[("r", 6)].notes)


def test_parse_record_directly() -> None:
    art = parse_record({"id": "x1", "text": "One paragraph\nwrapped."}, origin=Origin("f.jsonl", 3))
    assert art.id == "x1" and art.text == "One paragraph wrapped." and art.paragraphs == ((0, 22),)
    with pytest.raises(InputError, match=r"f\.jsonl:3: .*not a JSON object"):
        parse_record(["x"], origin=Origin("f.jsonl", 3))  # type: ignore[arg-type]


def test_json_array_file_and_gz_jsonl(tmp_path: Path) -> None:
    arr = tmp_path / "arr.json"
    arr.write_text(json.dumps([{"id": "a", "text": "First."}, {"id": "b", "text": "Second."}]))
    gz = tmp_path / "recs.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g", "text": "Zipped."}) + "\n")
    arts = _articles(list(read_articles([arr, gz])))
    assert [a.id for a in arts] == ["a", "b", "g"]


# ---------------------------------------------------------------- encodings


ARTICLE = "Ministers from Valdoria met in Zürich on Monday. « Nous sommes prêts », said José Peña."


def test_utf8_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    (art,) = list(read_articles([path]))
    assert isinstance(art, Article) and art.text == ARTICLE and art.notes == ()


def test_utf16le_bom(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"))
    (art,) = list(read_articles([path]))
    assert isinstance(art, Article) and art.text == ARTICLE
    assert any("UTF-16 LE" in n for n in art.notes)


def test_latin1_fallback_is_noted(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(ARTICLE.encode("latin-1"))
    (art,) = list(read_articles([path]))
    assert isinstance(art, Article) and art.text == ARTICLE
    assert "decoded as Latin-1 (cp1252): not valid UTF-8" in art.notes
    cp = tmp_path / "cp.txt"
    cp.write_bytes("The envoy\u2019s \u201cfinal\u201d offer \u2013 rejected.".encode("cp1252"))
    (art,) = list(read_articles([cp]))
    assert isinstance(art, Article) and art.text == "The envoy\u2019s \u201cfinal\u201d offer \u2013 rejected."


# ---------------------------------------------------------------- errors


def test_empty_and_whitespace_only(tmp_path: Path) -> None:
    files = {"empty.txt": b"", "ws.txt": b" \t\r\n\x0b\x0c\n",
             "uws.md": "\u00a0\u2003\u3000\u2028\u2029\u0085\ufeff".encode()}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    results = list(read_articles(sorted(tmp_path.iterdir())))
    assert len(results) == 3 and all(isinstance(r, InputError) for r in results)
    for r, name in zip(results, sorted(files), strict=True):
        assert name in str(r) and "nothing to code" in str(r)


def test_binary_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 8)
    (err,) = list(read_articles([path]))
    assert isinstance(err, EncodingError) and "binary data, not text" in str(err) and "blob.txt" in str(err)
    ctl = tmp_path / "ctl.dat"
    ctl.write_bytes(b"\x01\x02\x03\x04\x05\x06 a b \x0e\x0f\x10\x11" * 20)
    (err,) = list(read_articles([ctl]))
    assert isinstance(err, EncodingError)


def test_over_long_and_no_spaces(tmp_path: Path) -> None:
    limits = Limits(max_chars=1_000, max_bytes=1_000_000, max_token_chars=50)
    long = tmp_path / "long.txt"
    long.write_text("Talks went on. " * 100)
    word = tmp_path / "word.txt"
    word.write_text("Talks went on. " + "x" * 60 + " and ended.")
    bigfile = tmp_path / "big.txt"
    bigfile.write_text("Talks. " * 200_000)
    r_long, r_word, r_big = (next(read_articles([p], limits=limits)) for p in (long, word, bigfile))
    assert isinstance(r_long, InputError)
    assert "article is 1,499 characters, over the limit of 1,000 (set COMMUNIQUE_MAX_CHARS" in str(r_long)
    assert isinstance(r_word, InputError) and "not prose" in str(r_word) and "word.txt" in str(r_word)
    assert isinstance(r_big, InputError) and "COMMUNIQUE_MAX_BYTES" in str(r_big)
    # Chinese is written without spaces: a long run of ideographs is still prose
    zh = parse_text_article("瓦尔多利亚外长在日内瓦会谈。" * 10, limits=limits)
    assert zh.language == "zh"


def test_gzip_bomb_refused_without_memory_blowup(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    chunk = b"\0" * (1 << 20)
    with gzip.open(bomb, "wb", compresslevel=9) as fh:
        for _ in range(64):  # 64 MiB of zeros, about 64 KB on disk
            fh.write(chunk)
    assert bomb.stat().st_size < 200_000
    limits = Limits(max_bytes=1 << 20)
    tracemalloc.start()
    try:
        results = list(read_articles([bomb], limits=limits))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(results) == 1 and isinstance(results[0], InputError)
    assert "bomb.txt.gz" in str(results[0]) and "decompressed" in str(results[0])
    assert peak < 8 * (1 << 20)


def test_gz_text_and_directory_walk(tmp_path: Path) -> None:
    sub = tmp_path / "b_dir"
    sub.mkdir()
    with gzip.open(sub / "z.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write("Zipped article text.")
    (tmp_path / "a.md").write_text("Markdown article text.")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c", "text": "Record text."}) + "\n")
    (tmp_path / "skip.csv").write_text("not,an,article")
    (tmp_path / ".hidden.txt").write_text("Hidden text.")
    results = list(read_articles([tmp_path]))
    assert [a.text for a in _articles(results)] == ["Markdown article text.", "Zipped article text.", "Record text."]
    missing = list(read_articles([tmp_path / "nope.txt"]))
    assert isinstance(missing[0], InputError) and "nope.txt" in str(missing[0])


def test_stdin_and_sniffing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (art,) = list(read_articles(["-"], stdin=io.BytesIO(b"Envoys met in Vienna.")))
    assert isinstance(art, Article) and art.origin == Origin("<stdin>")

    class FakeStdin:
        buffer = io.BytesIO(json.dumps({"id": "in", "text": "From a pipe."}).encode())

    monkeypatch.setattr("sys.stdin", FakeStdin())
    (art,) = list(read_articles(["-"]))
    assert isinstance(art, Article) and art.id == "in"
    page = tmp_path / "page.dat"
    page.write_text("<html><body><article><p>Envoys met in Vienna to discuss the river border "
                    "and agreed to meet again next month.</p></article></body></html>")
    (art,) = list(read_articles([page]))
    assert isinstance(art, Article) and art.text.startswith("Envoys met in Vienna")


# ---------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Envoys agree on river border</title>
<script>var x = "Rebels stormed the northern garrison overnight";</script>
<style>.ad:after { content: "Artillery pounded the valley" }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<!-- Commented out: Gunmen seized the ferry terminal. -->
<noscript>Militias blocked the highway.</noscript>
<article><h1>Envoys agree on river border</h1>
<p>Envoys from Valdoria and Estrevia agreed on Monday to mark the river border with buoys, a spokesman said.</p>
<p>The two governments will set up a joint commission to settle any remaining disputes next year.</p>
<p>&ldquo;This is a good day for both our peoples,&rdquo; the Valdorian envoy told reporters in Geneva.</p>
</article><script>console.log("Troops opened fire on protesters");</script></body></html>"""


def test_html_drops_script_style_comment_text() -> None:
    art = parse_html(PAGE, origin=Origin("page.html"))
    assert art.title == "Envoys agree on river border"
    assert "Envoys from Valdoria and Estrevia agreed on Monday" in art.text
    assert "\u201cThis is a good day" in art.text
    for bad in ("Rebels", "Artillery", "Gunmen", "Militias", "opened fire", "Home"):
        assert bad not in art.text
    _check_offsets(art)


# ---------------------------------------------------------------- language and ids


def test_language_guess_and_id() -> None:
    assert guess_language("The ministers met.") == "en"
    assert guess_language("Министры иностранных дел встретились в Женеве.") == "ru"
    assert guess_language("المفاوضات بين البلدين استؤنفت اليوم") == "ar"
    assert guess_language("השרים נפגשו בז'נבה") == "he"
    assert guess_language("Le ministre a rencontré son homologue à Zürich.") == "en"
    assert article_id("body", url="https://x.invalid/a") == article_id("other", url="https://x.invalid/a")
    assert article_id("body", record_id="rec-9") == "rec-9"


# ---------------------------------------------------------------- shared files


def test_every_nasty_file_yields_articles_or_errors() -> None:
    root = need_shared("corpora", "nasty")
    files = sorted(p for p in root.iterdir() if p.is_file())
    assert files
    outcomes: dict[str, list[Article | InputError]] = {}
    for path in files:
        results = list(read_articles([path]))
        assert results, path.name
        for r in results:
            assert isinstance(r, (Article, InputError)), path.name
            if isinstance(r, InputError):
                assert path.name in str(r)
            else:
                assert r.text.strip()
                _check_offsets(r)
        outcomes[path.name] = results
    assert all(isinstance(r, InputError) for r in outcomes["empty.txt"])
    assert all(isinstance(r, InputError) for r in outcomes["whitespace_unicode_only.txt"])
    assert isinstance(outcomes["binary_random_4k.bin"][0], EncodingError)
    assert all(isinstance(r, InputError) for r in outcomes["no_spaces_200k.txt"])
    assert all(isinstance(r, InputError) for r in outcomes["big_20mb_repeated.txt.gz"])
    malformed = outcomes["jsonl_one_malformed_line.jsonl"]
    assert len(_articles(malformed)) == 6 and [e.line for e in _errors(malformed)] == [4]
    html = _articles(outcomes["html_page_with_scripts.html"])[0]
    for bad in ("Rebels bombed", "Troops attack", "Militants seized", "shelled", "Invasion", "fake paragraph"):
        assert bad not in html.text
    assert "troops from three villages" in html.text and html.published == date(2021, 3, 14)
    clean = _articles(outcomes["zero_width_and_bidi_controls.txt"])[0].text
    assert not any(ch in clean for ch in "\u200b\u200c\u200d\u2060\u00ad\ufeff\u202e\u202b\u2066\u2069\u200f")
    assert _articles(outcomes["russian_article.txt"])[0].language == "ru"
    assert _articles(outcomes["chinese_article.txt"])[0].language == "zh"
    assert _articles(outcomes["latin1_article.txt"])[0].notes


def test_reference_article() -> None:
    path = need_shared("examples", "osce-2012", "article.txt")
    (art,) = list(read_articles([path]))
    assert isinstance(art, Article)
    assert art.title == "Clinton and Lavrov Bicker Over OSCE"
    assert art.byline == "Nikolaus von Twickel"
    assert art.published == date(2012, 12, 6)
    assert art.url == "https://www.themoscowtimes.com/2012/12/06/clinton-and-lavrov-bicker-over-osce-a19985"
    assert 'demands for its unity "are countered with unfriendly acts," he said' in art.text
    assert "Lavrov Meeting Planned With Clinton" not in art.text
    assert "Original url" not in art.text and "Related" not in art.text
    assert "December 06, 2012" not in art.text and "[" not in art.text
    _check_offsets(art)


def test_fallback_html_extractor_skips_non_text() -> None:
    from communique.ingest._html import _fallback

    text = _fallback(PAGE)["text"]
    assert "Envoys from Valdoria and Estrevia agreed" in text
    for bad in ("Rebels", "Artillery", "Gunmen", "Militias", "opened fire"):
        assert bad not in text


@pytest.mark.parametrize(
    ("url_line", "related"),
    [
        ("URL: https://example.invalid/a", "**See also**"),
        ("Source: http://example.invalid/a", "## Read more"),
        ("Original url: <https://example.invalid/a>", "Related:"),
    ],
)
def test_url_line_and_related_heading_variants(url_line: str, related: str) -> None:
    text = (
        "# Border Talks Resume\n\n"
        "Negotiators from Valdoria and Estrevia resumed border talks in Vienna on Monday.\n\n"
        "Read more: [An earlier round](#)\n\n"
        "Both sides said progress had been made on the ferry crossings.\n\n"
        f"{related}\n\n* [Older story one](#)\n* [Older story two](#)\n\n{url_line}\n"
    )
    art = parse_text_article(text)
    assert art.url is not None and art.url.rstrip("/").endswith("example.invalid/a")
    assert art.text == (
        "Negotiators from Valdoria and Estrevia resumed border talks in Vienna on Monday.\n\n"
        "Both sides said progress had been made on the ferry crossings."
    )
