"""Article files to text: decode the bytes, strip HTML and page chrome, find title and outlet.

`read_article` is the only entry point. It never guesses silently: bytes that are not text,
or text with no article in it, raise `UnreadableArticle` with a short reason for the ingest
report.
"""

from __future__ import annotations

from dataclasses import replace

from .decoding import (
    HTML_SNIFF_RE,
    UnreadableArticle,
    control_ratio,
    decode,
    human_size,
    normalise,
    repair_mojibake,
)
from .language import detect_language
from .markup import read_html
from .plaintext import plain_publisher, plain_title, require_prose, strip_trailing_chrome
from .types import ArticleText

__all__ = ["UnreadableArticle", "read_article"]

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


def read_article(data: bytes, filename: str, *, max_bytes: int | None = None) -> ArticleText:
    """Decode an article file (plain text or HTML) to `ArticleText`.

    Raises `UnreadableArticle` for empty, binary, oversized, undecodable or article-less files.
    """
    if max_bytes is not None and len(data) > max_bytes:
        size, limit = human_size(len(data)), human_size(max_bytes)
        if size == limit:
            size = f"{len(data):,} bytes"
        raise UnreadableArticle(f"file is {size}, over the {limit} limit")
    if not data.strip():
        raise UnreadableArticle("empty file")

    looks_html = filename.lower().endswith(_HTML_SUFFIXES)
    raw, encoding, warnings = decode(data, prefer_html=looks_html)
    repaired = repair_mojibake(raw)
    if repaired != raw:
        warnings = (*warnings, "mojibake repaired (UTF-8 once read as a legacy code page)")
    text = normalise(repaired)
    if not text.strip():
        raise UnreadableArticle("empty file")
    if control_ratio(text) > 0.01:
        raise UnreadableArticle("binary file (control characters)")

    if looks_html or HTML_SNIFF_RE.match(text):
        article = read_html(text, encoding)
    else:
        article = _read_plain(text, encoding)
    return replace(article, warnings=warnings) if warnings else article


def _read_plain(text: str, encoding: str) -> ArticleText:
    text = strip_trailing_chrome(text)
    require_prose(text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return ArticleText(
        text=text,
        title=plain_title(lines),
        publisher=plain_publisher(lines),
        language=detect_language(text),
        encoding=encoding,
    )
