"""Bytes to clean text: reading with limits, encoding detection, normalisation, checks, script.

Reading never buffers past ``Limits.max_bytes`` (gzip is decompressed in bounded steps),
decoding never raises on odd bytes (it falls back to Latin-1 and says so in a note),
and normalisation is idempotent, so text may safely pass through it twice.
"""

from __future__ import annotations

import codecs
import gzip
import re
import unicodedata
import zlib
from pathlib import Path
from typing import BinaryIO

from communique.errors import EncodingError, InputError
from communique.settings import Limits

LATIN1_NOTE = "decoded as Latin-1 (cp1252): not valid UTF-8"
LATIN1_ISO_NOTE = "decoded as Latin-1 (ISO-8859-1): not valid UTF-8"

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)

_CHUNK = 1 << 16
_SNIFF = 1 << 16  # bytes looked at for the binary check
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")

# ---------------------------------------------------------------- reading


def read_limited(path: Path, limits: Limits) -> bytes:
    """All bytes of a file (gunzipped if it ends in .gz), refusing past ``max_bytes``."""
    if path.suffix.lower() == ".gz":
        return _gunzip_limited(path, limits)
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise InputError(_too_big(size, limits), path=path)
    with path.open("rb") as fh:
        data = fh.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:  # the file grew while we read it
        raise InputError(_too_big(len(data), limits), path=path)
    return data


def read_stream_limited(stream: BinaryIO, limits: Limits, *, name: str) -> bytes:
    """Bytes of a stream (stdin), refusing past ``max_bytes``; gzip detected by magic."""
    data = stream.read(limits.max_bytes + 1)
    if data[:2] == b"\x1f\x8b" and len(data) <= limits.max_bytes:
        return _gunzip_bytes(data, limits, name=name)
    if len(data) > limits.max_bytes:
        raise InputError(_too_big(len(data), limits, more=True), path=name)
    return data


def open_maybe_gzip(path: Path) -> BinaryIO:
    """A binary reader for a file, transparently gunzipping ``.gz`` (reads stay bounded)."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _too_big(size: int, limits: Limits, *, more: bool = False) -> str:
    over = "over" if not more else "at least, over"
    return (
        f"input is {size:,} bytes ({over} the limit of {limits.max_bytes:,}); "
        "split it or set COMMUNIQUE_MAX_BYTES to raise the limit"
    )


def _gunzip_limited(path: Path, limits: Limits) -> bytes:
    """Decompress a .gz file in bounded steps: a decompression bomb is refused, not buffered."""
    try:
        with gzip.open(path, "rb") as fh:
            # GzipFile.read(n) inflates at most n bytes, so memory stays bounded by the limit.
            data = fh.read(limits.max_bytes + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise InputError(f"not a readable gzip file ({exc}); re-compress or unpack it", path=path) from exc
    if len(data) > limits.max_bytes:
        raise InputError(
            f"gzip content is over {limits.max_bytes:,} bytes once decompressed (refused before "
            "reading further); split it or set COMMUNIQUE_MAX_BYTES to raise the limit",
            path=path,
        )
    return data


def _gunzip_bytes(raw: bytes, limits: Limits, *, name: str) -> bytes:
    out = bytearray()
    dec = zlib.decompressobj(16 + zlib.MAX_WBITS)
    buf = raw
    try:
        while buf and not dec.eof:
            out += dec.decompress(buf, _CHUNK)
            if len(out) > limits.max_bytes:
                raise InputError(
                    f"gzip content is over {limits.max_bytes:,} bytes once decompressed; "
                    "set COMMUNIQUE_MAX_BYTES to raise the limit",
                    path=name,
                )
            buf = dec.unconsumed_tail
    except zlib.error as exc:
        raise InputError(f"not a readable gzip stream ({exc})", path=name) from exc
    return bytes(out)


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes, *, path: str | Path | None = None, line: int | None = None) -> tuple[str, list[str]]:
    """Decode bytes to text; returns the text and notes on anything unusual.

    Order: byte-order mark (UTF-8/16/32), UTF-16 without BOM (NUL pattern), strict UTF-8,
    UTF-8 with a few bad bytes replaced (when the rest is clearly UTF-8), else Latin-1
    (cp1252 when its 0x80-0x9F bytes are cp1252 punctuation).
    Raises EncodingError for binary data.
    """
    notes: list[str] = []
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                text = body.decode(codec)
            except UnicodeDecodeError:
                text = body.decode(codec, errors="replace")
                notes.append(f"{label} with byte-order mark: undecodable bytes replaced with U+FFFD")
            if codec != "utf-8":
                notes.append(f"decoded as {label} (byte-order mark)")
            _check_binary_text(text, path=path, line=line)
            return text, notes

    utf16 = _sniff_utf16(data)
    if utf16 is not None:
        text = data.decode(utf16, errors="replace")
        notes.append(f"decoded as {utf16.upper()} without a byte-order mark (NUL byte pattern)")
        _check_binary_text(text, path=path, line=line)
        return text, notes

    nul = data.count(0)
    if nul > max(8, len(data) // 1000):
        raise EncodingError(
            f"binary data, not text: {nul:,} NUL bytes in {len(data):,} bytes; "
            "give a text, JSON Lines or HTML file",
            path=path, line=line,
        )

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text, note = _decode_non_utf8(data, exc)
        notes.append(note)
    _check_binary_text(text, path=path, line=line)
    return text, notes


def _sniff_utf16(data: bytes) -> str | None:
    head = data[:4096]
    if len(head) < 8 or len(head) % 2:
        head = head[: len(head) - (len(head) % 2)]
    if len(head) < 8:
        return None
    half = len(head) // 2
    even_nul = head[0::2].count(0)
    odd_nul = head[1::2].count(0)
    if odd_nul > 0.4 * half and even_nul < 0.05 * half:
        return "utf-16-le"
    if even_nul > 0.4 * half and odd_nul < 0.05 * half:
        return "utf-16-be"
    return None


def _decode_non_utf8(data: bytes, exc: UnicodeDecodeError) -> tuple[str, str]:
    # Truncated at the very end (a cut-off multi-byte character): UTF-8 with U+FFFD.
    if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
        return data.decode("utf-8", errors="replace"), "UTF-8 cut off mid-character at the end: replaced with U+FFFD"
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good_multibyte = len(_GOOD_NON_ASCII_RE.findall(replaced))
    if good_multibyte and good_multibyte >= bad:
        return replaced, f"not valid UTF-8: {bad} undecodable byte sequence(s) replaced with U+FFFD"
    high_c1 = {b for b in data if 0x80 <= b <= 0x9F}
    if high_c1 & _CP1252_UNDEFINED:
        return data.decode("latin-1"), LATIN1_ISO_NOTE
    return data.decode("cp1252"), LATIN1_NOTE


def _check_binary_text(text: str, *, path: str | Path | None, line: int | None) -> None:
    """Refuse text whose head is mostly control characters (binary read as text)."""
    head = text[:_SNIFF]
    if not head:
        return
    controls = len(_BINARY_CONTROL_RE.findall(head))
    if controls >= 4 and controls > 0.1 * len(head):
        raise EncodingError(
            f"binary data, not text: {controls:,} of the first {len(head):,} characters are "
            "control characters; give a text, JSON Lines or HTML file",
            path=path, line=line,
        )


_GOOD_NON_ASCII_RE = re.compile("[^\x00-\x7f\ufffd]")
_BINARY_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")

# ---------------------------------------------------------------- normalisation

_ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
_NEWLINES_RE = re.compile("\r\n?|[\x85\u2028]")
_INVISIBLE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f"  # C0/C1 controls except \t \n (and NEL, handled above)
    "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
_SPACES_RE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_RUN_OF_SPACES_RE = re.compile(r"[ \t]*\t[ \t]*| {2,}")
_TRAILING_RE = re.compile(r"[ \t]+\n")

# Mojibake: a UTF-8 lead byte read as cp1252, followed by continuation bytes read as cp1252.
_CONT = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_MOJIBAKE_RE = re.compile(f"[\u00c2-\u00f4][{_CONT}]{{1,3}}")


def normalize_text(text: str) -> str:
    """Clean text: line ends to LF, controls and invisible marks out, spaces plain, NFC.

    Runs of spaces and tabs become one space (a line's indentation stays as one space,
    which paragraph splitting may use); trailing spaces go.
    """
    if not text:
        return text
    if _SURROGATE_RE.search(text):
        text = _SURROGATE_RE.sub("\ufffd", text)
    text = _NEWLINES_RE.sub("\n", text)
    text = text.replace("\u2029", "\n\n")
    if "\x1b" in text:
        text = _ANSI_RE.sub("", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)
    text = _RUN_OF_SPACES_RE.sub(" ", text)
    text = _TRAILING_RE.sub("\n", text)
    return unicodedata.normalize("NFC", text)


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo UTF-8 that was read as cp1252 (``â€™`` → ``’``, ``JosÃ©`` → ``José``)."""
    count = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal count
        run = match.group(0)
        raw = bytearray()
        for ch in run:
            try:
                raw += ch.encode("cp1252")
            except UnicodeEncodeError:
                if ord(ch) > 0xFF:
                    return run
                raw.append(ord(ch))
        try:
            fixed = bytes(raw).decode("utf-8")
        except UnicodeDecodeError:
            # greedy match may have swallowed one char too many: try the shorter prefixes
            for cut in range(len(raw) - 1, 1, -1):
                try:
                    fixed = bytes(raw[:cut]).decode("utf-8")
                except UnicodeDecodeError:
                    continue
                count += 1
                return fixed + run[cut:]  # one char per byte
            return run
        count += 1
        return fixed

    if not _MOJIBAKE_RE.search(text):
        return text, 0
    for _ in range(2):  # double mojibake needs two passes
        new = _MOJIBAKE_RE.sub(fix, text)
        if new == text:
            break
        text = new
    return text, count


# ---------------------------------------------------------------- checks

_LONG_RUN_CACHE: dict[int, re.Pattern[str]] = {}


def check_raw_length(text: str, limits: Limits, *, path: str | Path | None, line: int | None = None) -> None:
    """Refuse, before any cleaning, raw text far over the limit (cleaning cannot save it)."""
    if len(text) > 2 * limits.max_chars:
        raise InputError(
            f"article is {len(text):,} characters, over the limit of {limits.max_chars:,} "
            "(set COMMUNIQUE_MAX_CHARS to raise it)",
            path=path, line=line,
        )


def check_body(text: str, limits: Limits, *, path: str | Path | None, line: int | None = None) -> None:
    """Raise InputError if the (normalised) text is empty, too long or not prose."""
    if not text.strip():
        what = "empty input" if not text else "input holds only whitespace"
        raise InputError(f"{what}: nothing to code; give an article with body text", path=path, line=line)
    if len(text) > limits.max_chars:
        raise InputError(
            f"article is {len(text):,} characters, over the limit of {limits.max_chars:,} "
            "(set COMMUNIQUE_MAX_CHARS to raise it)",
            path=path, line=line,
        )
    n = limits.max_token_chars
    pat = _LONG_RUN_CACHE.get(n)
    if pat is None:
        pat = _LONG_RUN_CACHE[n] = re.compile(rf"\S{{{n + 1},}}")
    for match in pat.finditer(text):
        run = match.group(0)
        if _is_cjk_run(run):
            continue
        raise InputError(
            f"the text holds a {len(run):,}-character 'word' without spaces (over the limit of "
            f"{n:,}): this is not prose (base64, minified code or a URL dump?); remove it",
            path=path, line=line,
        )


def _is_cjk_run(run: str) -> bool:
    """Scripts written without spaces (Chinese, Japanese, Thai...) make long runs legitimately."""
    sample = run[:2000]
    spaceless = sum(
        1 for ch in sample
        if "\u3000" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\u0e00" <= ch <= "\u0eff"
        or "\uff00" <= ch <= "\uffef" or "\uf900" <= ch <= "\ufaff"
    )
    return spaceless > 0.5 * len(sample)


# ---------------------------------------------------------------- language

_LATIN_RE = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a]")
_SCRIPT_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ru", re.compile("[\u0400-\u052f]")),                 # Cyrillic
    ("he", re.compile("[\u05d0-\u05ea]")),                 # Hebrew letters
    ("ar", re.compile("[\u0620-\u064a\u066e-\u06d3\u0750-\u077f]")),  # Arabic letters
    ("el", re.compile("[\u0370-\u03ff]")),                 # Greek
    ("ja", re.compile("[\u3040-\u30ff]")),                 # kana
    ("zh", re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")),   # CJK ideographs
    ("ko", re.compile("[\uac00-\ud7af]")),                 # Hangul
)


def guess_language(text: str) -> str:
    """'en' unless the letters are mostly of one non-Latin script ('ru', 'zh', 'ar', 'he', ...).

    A script count, not language identification: Latin-script text is taken as English,
    and a non-Latin text with no dominant script is 'und'.
    """
    sample = text[:20_000]
    if sample.isascii():
        return "en"
    latin = len(_LATIN_RE.findall(sample))
    counts = {code: len(pat.findall(sample)) for code, pat in _SCRIPT_RES}
    total = latin + sum(counts.values())
    if total == 0 or latin >= 0.5 * total:
        return "en"
    if counts["ja"] and counts["ja"] > 0.1 * total:  # kana among kanji: Japanese
        counts["ja"] += counts.pop("zh")
    code, n = max(counts.items(), key=lambda kv: kv[1])
    return code if n > 0.5 * total else "und"
