"""Bytes to text: refuse what is not text, find the encoding, normalise the characters.

Strict UTF-8 first; a declared HTML charset; else a charset-normalizer guess that must be
plausible. Every doubt is kept as a warning on the article.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import NamedTuple

import ftfy
from charset_normalizer import from_bytes

__all__ = [
    "HTML_SNIFF_RE",
    "Decoded",
    "UnreadableArticle",
    "control_ratio",
    "decode",
    "human_size",
    "normalise",
    "repair_mojibake",
]


class UnreadableArticle(ValueError):
    """The file holds no readable article; the message is a short reason for a person."""


HTML_SNIFF_RE = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*"
    r"(?:<!doctype\s+html|<(?:html|head|body|article|meta|title|main|div|p|h1)\b)",
    re.IGNORECASE | re.DOTALL,
)
_HTML_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)

# Magic numbers of formats people drop into an upload by mistake.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0", "Office document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
)
_NON_ASCII_TEXT_RE = re.compile(rb"[^\t\n\r\x20-\x7e]")
# Legacy single-byte encodings an English news file is most likely to be in.
_WESTERN_ENCODINGS = ["cp1252", "latin_1", "iso8859_15"]
# charset-normalizer's "chaos" differs by a few hundredths between code pages that read the
# same Latin prose (one accented letter more or less odd): within this much, Western wins.
_WESTERN_CHAOS_MARGIN = 0.05

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2000\u2001\u2002\u2003\u2004\u2005\t"), " ")
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)
# str.translate is slow on long texts; most files need none of it, so look first.
_ODD_CHARS_RE = re.compile(
    "[\u200b\u2060\ufeff\u00ad\u00a0\u202f\u2007\u2000-\u2005\t\ufb00-\ufb04]"
)
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# UTF-8 read as cp1252 or Latin-1 leaves a lead byte's letter (U+00C2-U+00F4: "â€™", "Ã©")
# before a continuation byte's character; read as cp1251, Cyrillic ER or ES before one.
_CONTINUATION_1252 = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_CONTINUATION_1251 = "\u0402-\u040f\u0452-\u045f\u0490\u0491\u00a0-\u00bf\u2018-\u2026\u2116"
# The marks of UTF-8 read as cp1252 and as cp1251. Searched one after the other: a pattern
# that opens with a character class is scanned for that class in C, an alternation of two
# is tried at every position (half as fast on the generated articles).
_MOJIBAKE_MARKS = (
    f"[\u00c2-\u00f4][{_CONTINUATION_1252}]",
    f"[\u0420\u0421][{_CONTINUATION_1251}]",
)
_MOJIBAKE_RES = tuple(re.compile(mark) for mark in _MOJIBAKE_MARKS)
_MOJIBAKE_RE = re.compile("|".join(_MOJIBAKE_MARKS))  # any of them, in one pattern
# Valid multi-byte UTF-8 sequences; with this many per broken byte a file is UTF-8.
_UTF8_SEQUENCE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_UTF8_VALID_PER_BROKEN = 4
# Text whose letters are this much ASCII is Latin prose; its other letters must be Latin
# this often for a guessed encoding to be believed.
_LATIN_SHARE = 0.6
_ACCENT_LATIN_SHARE = 0.8


# --- decoding -----------------------------------------------------------------------------


def human_size(n: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= factor:
            return f"{n / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


class Decoded(NamedTuple):
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, *, prefer_html: bool) -> Decoded:
    """The text, the encoding's name and what was doubtful. Strict UTF-8 first; UTF-8 with a
    few broken bytes (replaced, with a warning); a declared charset; a plausible guess."""
    for bom, codec, name in (
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), name)
            except UnicodeDecodeError as exc:
                raise UnreadableArticle("cannot decode text") from exc

    if b"\x00" in data:
        raise UnreadableArticle("binary file (NUL bytes)")
    for magic, kind in _BINARY_SIGNATURES:
        if data.startswith(magic):
            raise UnreadableArticle(f"binary file ({kind})")

    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8

    # An HTML page that declares its charset is taken at its word (WHATWG reads the
    # Latin-1 labels as windows-1252).
    if prefer_html or HTML_SNIFF_RE.match(data[:512].decode("ascii", "ignore")):
        declared = _HTML_CHARSET_RE.search(data[:4096])
        if declared:
            label = declared.group(1).decode("ascii").lower()
            if label in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
                label = "cp1252"
            try:
                return Decoded(data.decode(label), _encoding_name(data, label))
            except (LookupError, UnicodeDecodeError):
                pass

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        # Legacy-encoded prose is mostly ASCII; a file that is not is some binary format.
        unusual = len(_NON_ASCII_TEXT_RE.findall(data)) / len(data)
        raise UnreadableArticle("binary file (not text)" if unusual > 0.3 else "cannot decode text")
    # charset-normalizer often ranks a Central European code page first for English text
    # with a few accented names. Where a Western one reads the bytes as cleanly, prefer it:
    # it is what an English news file in a legacy encoding almost always is, and picking
    # cp1250 would turn "è" into "č" without a trace.
    western = from_bytes(data, cp_isolation=_WESTERN_ENCODINGS).best()
    ranked = list(matches)
    if western is not None and western.chaos <= best.chaos + _WESTERN_CHAOS_MARGIN:
        ranked.insert(0, western)
    for match in ranked:
        text = str(match)
        if "\ufffd" in text or match.chaos > 0.3:
            continue
        if not _plausible_script(text):
            continue  # Latin prose read as CJK (or another script) is a wrong guess
        warnings = () if match is ranked[0] else (f"encoding guessed as {match.encoding}",)
        return Decoded(text, _encoding_name(data, match.encoding), warnings)
    raise UnreadableArticle("cannot decode text")


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few broken bytes (a truncated character, a pasted Latin-1 line): still
    UTF-8, the bad bytes replaced, and a warning. A legacy-encoded file has (almost) no
    valid multi-byte sequences, so it never passes."""
    valid = len(_UTF8_SEQUENCE_RE.findall(data))
    if valid == 0:
        return None
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    if broken * _UTF8_VALID_PER_BROKEN > valid:
        return None
    return Decoded(text, "utf-8", (f"{broken} invalid UTF-8 byte(s) replaced",))


def _plausible_script(text: str) -> bool:
    """Whether a single-byte or CJK guess reads like text: where most letters are ASCII
    (Latin prose), the others must be Latin letters too (accents), not ideographs or
    another script's letters that the guess made of accented bytes."""
    letters = [ch for ch in text if ch.isalpha()]
    ascii_letters = sum(ch.isascii() for ch in letters)
    if ascii_letters < _LATIN_SHARE * len(letters):
        return True  # not Latin prose: the guess's own measures decide
    others = [ch for ch in letters if not ch.isascii()]
    latin = sum(unicodedata.name(ch, "").startswith("LATIN") for ch in others)
    return latin >= _ACCENT_LATIN_SHARE * len(others)
    others = [ch for ch in letters if not ch.isascii()]
    if len(others) < _LATIN_SHARE * len(letters) / (1 - _LATIN_SHARE) and len(letters) - len(
        others
    ) >= _LATIN_SHARE * len(letters):
        latin = sum(unicodedata.name(ch, "").startswith("LATIN") for ch in others)
        return latin >= _ACCENT_LATIN_SHARE * len(others)
    return True


def _encoding_name(data: bytes, codec: str) -> str:
    """A stable, IANA-style name: bytes that read the same in Latin-1 and cp1252 are Latin-1."""
    name = codecs.lookup(codec).name
    if name in {"cp1252", "latin-1", "iso8859-1", "iso8859-15"}:
        if not re.search(rb"[\x80-\x9f]", data):
            return "iso-8859-1"
        return "windows-1252" if name == "cp1252" else name
    return {"utf-8": "utf-8", "cp1250": "windows-1250", "cp1251": "windows-1251"}.get(name, name)


def normalise(text: str) -> str:
    """Line ends, NFC, invisible characters and odd spaces; quotes and dashes are kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():  # no mojibake, already NFC; the tab is the one odd character
        if "\t" in text:
            text = text.translate(_SPACES)
    else:
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _ODD_CHARS_RE.search(text):
            text = text.translate(_ZERO_WIDTH).translate(_SPACES).translate(_LIGATURES)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    if "\n\n\n" in text:
        text = _BLANK_LINES_RE.sub("\n\n", text)
    return text.strip()


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was once decoded as a legacy code page ("â€™", "Ã©", Cyrillic read
    as cp1252 or cp1251) with ftfy, which changes the text only where the repair is
    certain. ftfy's own test costs a millisecond, so a cheap look for the marks such text
    leaves comes first."""
    if text.isascii() or not any(mark.search(text) for mark in _MOJIBAKE_RES):
        return text
    return ftfy.fix_encoding(text)


def control_ratio(text: str) -> float:
    return len(_CONTROL_RE.findall(text)) / max(len(text), 1)
