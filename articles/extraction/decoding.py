"""Bytes to text: refuse what is not text, find the encoding, normalise the characters.

Strict UTF-8 first; a declared HTML charset; else a charset-normalizer guess that must be
plausible. Every doubt is kept as a warning on the article.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

__all__ = [
    "HTML_SNIFF_RE",
    "UnreadableArticle",
    "control_ratio",
    "decode",
    "human_size",
    "normalise",
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
# UTF-8 read as cp1252 leaves these behind ("â€™", "Ã©").
_MOJIBAKE_RE = re.compile(
    r"[\u00c2\u00c3\u00c5][\u0080-\u00bf\u0152\u0153\u0160\u0161\u017d\u017e\u0178"
    r"\u2018-\u203a\u20ac\u2122]|\u00e2\u20ac"
)
_MOJIBAKE_LEADS = "\u00c2\u00c3\u00c5\u00e2"  # every match starts with one of these


# --- decoding -----------------------------------------------------------------------------


def human_size(n: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= factor:
            return f"{n / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def decode(data: bytes, *, prefer_html: bool) -> tuple[str, str]:
    """Return (text, encoding name). Strict UTF-8 first, then a declared or detected charset."""
    for bom, codec, name in (
        (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise UnreadableArticle("cannot decode text") from exc

    if b"\x00" in data:
        raise UnreadableArticle("binary file (NUL bytes)")
    for magic, kind in _BINARY_SIGNATURES:
        if data.startswith(magic):
            raise UnreadableArticle(f"binary file ({kind})")

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    # An HTML page that declares its charset is taken at its word (WHATWG reads the
    # Latin-1 labels as windows-1252).
    if prefer_html or HTML_SNIFF_RE.match(data[:512].decode("ascii", "ignore")):
        declared = _HTML_CHARSET_RE.search(data[:4096])
        if declared:
            label = declared.group(1).decode("ascii").lower()
            if label in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
                label = "cp1252"
            try:
                return data.decode(label), _encoding_name(data, label)
            except (LookupError, UnicodeDecodeError):
                pass

    best = from_bytes(data).best()
    if best is None:
        # Legacy-encoded prose is mostly ASCII; a file that is not is some binary format.
        unusual = len(_NON_ASCII_TEXT_RE.findall(data)) / len(data)
        raise UnreadableArticle("binary file (not text)" if unusual > 0.3 else "cannot decode text")
    # charset-normalizer often ranks a Central European code page first for English text
    # with a few accented names. Where a Western one reads the bytes as cleanly, prefer it:
    # it is what an English news file in a legacy encoding almost always is, and picking
    # cp1250 would turn "è" into "č" without a trace.
    western = from_bytes(data, cp_isolation=_WESTERN_ENCODINGS).best()
    chosen = western if western is not None and western.chaos <= best.chaos + 0.02 else best
    text = str(chosen)
    if "\ufffd" in text or chosen.chaos > 0.3:
        raise UnreadableArticle("cannot decode text")
    return text, _encoding_name(data, chosen.encoding)


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
        text = _fix_mojibake(text)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _ODD_CHARS_RE.search(text):
            text = text.translate(_ZERO_WIDTH).translate(_SPACES).translate(_LIGATURES)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    if "\n\n\n" in text:
        text = _BLANK_LINES_RE.sub("\n\n", text)
    return text.strip()


def _fix_mojibake(text: str) -> str:
    """Undo UTF-8 that was once decoded as cp1252, but only when that round trip is exact."""
    if not any(ch in text for ch in _MOJIBAKE_LEADS) or not _MOJIBAKE_RE.search(text):
        return text
    try:
        # Browsers decode the five bytes cp1252 leaves undefined as C1 controls; map them back.
        raw = b"".join(
            bytes([ord(ch)]) if 0x80 <= ord(ch) <= 0x9F else ch.encode("cp1252") for ch in text
        )
        repaired = raw.decode("utf-8")
    except UnicodeError:
        return text
    return text if _MOJIBAKE_RE.search(repaired) else repaired


def control_ratio(text: str) -> float:
    return len(_CONTROL_RE.findall(text)) / max(len(text), 1)
