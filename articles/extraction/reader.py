"""Article files to text: decode the bytes, strip HTML and page chrome, find title and outlet.

`read_article` is the only entry point. It never guesses silently: bytes that are not text,
or text with no article in it, raise `UnreadableArticle` with a short reason for the ingest
report.
"""

from __future__ import annotations

import codecs
import json
import re
import string
import unicodedata
from collections.abc import Container, Iterable, Iterator
from datetime import date
from functools import lru_cache
from itertools import filterfalse

from charset_normalizer import from_bytes
from lxml import etree

from .dates import parse_date_text, parse_machine_date
from .types import ArticleText

__all__ = ["UnreadableArticle", "read_article"]


class UnreadableArticle(ValueError):
    """The file holds no readable article; the message is a short reason for a person."""


# --- pattern data -------------------------------------------------------------------------

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_SNIFF_RE = re.compile(
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

# Elements that never hold article text.
_DROP_TAGS = frozenset(
    (
        *("script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav", "form"),
        *("button", "input", "select", "textarea", "object", "embed", "video", "audio", "map"),
        *("dialog", "footer", "aside", "link", "meta"),
    )
)
_DROP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
# Parts of a class or id ("share-box", "inline_ad") that mark page furniture.
_NOISE_WORDS = frozenset(
    (
        *("share", "sharing", "social", "breadcrumb", "breadcrumbs", "crumbs", "related", "ad"),
        *("ads", "advert", "adverts", "advertisement", "advertising", "promo", "sponsored"),
        *("newsletter", "subscribe", "subscription", "comments", "comment", "cookie"),
        *("cookies", "sidebar", "widget", "popular", "trending", "outbrain", "taboola"),
        *("recommended", "recirculation", "paywall", "masthead", "menu", "navbar", "nav"),
        *("footer", "toolbar", "tags", "skip", "skiplink", "skiplinks", "langs", "languages"),
    )
)
# Compound class names that end in one of these are menus: "mainmenu", "topnav".
_NOISE_SUFFIXES = ("menu", "nav")
_NOISE_JOINED = frozenset(
    {"mostread", "mostpopular", "readmore", "seealso", "alsoread", "morenews"}
)
# Headings that open a list of links to other stories.
_RELATED_HEADING_RE = re.compile(
    r"^\s*(?:related|most\s+(?:read|popular|viewed)|read\s+(?:more|also|next)|also\s+read|"
    r"see\s+also|more\s+(?:on|from|stories|news)|recommended|popular|trending|latest|top\s+stories)\b",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    (
        *("p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5"),
        *("h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "figure"),
        *("figcaption", "table", "thead", "tbody", "tr", "td", "th", "address", "hr"),
        *("caption", "details", "summary"),
    )
)
_NAME_META_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher")
_TITLE_META_KEYS = ("og:title", "twitter:title", "dc.title")
# Where pages put their publication date, most specific first; the bare "date" keys come
# last. Modification dates (article:modified_time, og:updated_time, dateModified,
# last-modified) are never read: an update is not the publication.
_DATE_META_KEYS = (
    *("article:published_time", "og:published_time", "og:article:published_time"),
    *("article:published", "article.published", "published_time", "datepublished"),
    *("pubdate", "publishdate", "publish-date", "publish_date", "published-date"),
    *("published_date", "publication_date", "pub_date", "release_date", "datecreated"),
    *("dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created"),
    *("citation_publication_date", "citation_date", "originalpublicationdate"),
    *("sailthru.date", "parsely-pub-date", "date", "dc.date", "dcterms.date"),
)
_LD_DATE_KEYS = ("datePublished", "dateCreated")
# A <time> marked as a change, not the publication - unless it is marked as both, as
# WordPress marks a post never edited: class="entry-date published updated".
_MODIFIED_WORDS = frozenset({"updated", "modified", "datemodified", "lastmod", "edited", "revised"})
_PUBLISHED_WORDS = frozenset({"published", "pubdate", "datepublished", "publishdate"})
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_LD_JSON = "application/ld+json"
_TITLE_SEPARATORS_RE = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00bb|\u00b7)\s+")

# Plain text page furniture at the end of a file.
_CHROME_LINE_RE = re.compile(
    r"^(?:share(?:\s+this(?:\s+(?:article|story|page))?)?\b.*|loading\.*|"
    r"comments?\s*\(\d+\).*|print\b.*|related\s*:.*|advertisement|"
    r"(?:read|see)\s+(?:more|also)\b.*|latest\b.{0,20}|more\s+(?:news|stories)\b.*|"
    r"(?:tags?|topics)\s*:.*|copyright\b.*|\u00a9.*|all\s+rights\s+reserved.*|"
    r".*\bfollow\s+(?:us|me|him|her|them)\s+on\s+(?:twitter|facebook|x|telegram|instagram)\b.*|"
    r"(?:https?://|www\.)\S+|-{3,}|_{3,}|\*{3,})$",
    re.IGNORECASE,
)
_MENU_LINE_RE = re.compile(r"\S\s*(?:\||>|\u00bb|/)\s*\S.*(?:\||>|\u00bb|/)|\s\|\s|\s{2,}/\s{2,}")
_DATE_HEADER_RE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", re.UNICODE)
# UTF-8 bytes that may be part of a `_WORD_RE` word (ASCII letters, ' and -, and all
# non-ASCII); every other byte becomes a space.
_WORD_BYTES = bytes(
    b if b >= 0x80 or chr(b) in string.ascii_letters + "'-" else 0x20 for b in range(256)
)
_TEXT_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

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

_EN_FUNCTION_WORDS = frozenset(
    (
        *("the", "and", "of", "to", "in", "a", "is", "was", "for", "on", "that", "with", "by"),
        *("said", "as", "at", "from", "it", "be", "were", "has", "have", "will", "its"),
        *("their", "an", "are", "this", "which", "who", "not", "but"),
    )
)
_EN_FUNCTION_WORDS_BYTES = frozenset(w.encode() for w in _EN_FUNCTION_WORDS)
_MIN_PROSE_WORDS = 20
# Without <article> or <main>, the story is the smallest block with this share of the
# page's paragraph words (see `_prose_container`).
_CONTAINER_SHARE = 0.75
_MAX_CHROME_LINE = 150
_SENTENCE_END_RE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_PROSE_LINE_MIN_WORDS = 6


# --- public entry point -------------------------------------------------------------------


def read_article(data: bytes, filename: str, *, max_bytes: int | None = None) -> ArticleText:
    """Decode an article file (plain text or HTML) to `ArticleText`.

    Raises `UnreadableArticle` for empty, binary, oversized, undecodable or article-less files.
    """
    if max_bytes is not None and len(data) > max_bytes:
        size, limit = _human_size(len(data)), _human_size(max_bytes)
        if size == limit:
            size = f"{len(data):,} bytes"
        raise UnreadableArticle(f"file is {size}, over the {limit} limit")
    if not data.strip():
        raise UnreadableArticle("empty file")

    looks_html = filename.lower().endswith(_HTML_SUFFIXES)
    raw, encoding = _decode(data, prefer_html=looks_html)
    text = _normalise(raw)
    if not text.strip():
        raise UnreadableArticle("empty file")
    if _control_ratio(text) > 0.01:
        raise UnreadableArticle("binary file (control characters)")

    if looks_html or _HTML_SNIFF_RE.match(text):
        return _read_html(text, encoding)
    return _read_plain(text, encoding)


# --- decoding -----------------------------------------------------------------------------


def _human_size(n: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= factor:
            return f"{n / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _decode(data: bytes, *, prefer_html: bool) -> tuple[str, str]:
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
    if prefer_html or _HTML_SNIFF_RE.match(data[:512].decode("ascii", "ignore")):
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


def _normalise(text: str) -> str:
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


def _control_ratio(text: str) -> float:
    return len(_CONTROL_RE.findall(text)) / max(len(text), 1)


# --- plain text ---------------------------------------------------------------------------


def _read_plain(text: str, encoding: str) -> ArticleText:
    text = _strip_trailing_chrome(text)
    _require_prose(text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return ArticleText(
        text=text,
        title=_plain_title(lines),
        publisher=_plain_publisher(lines),
        language=_language(text),
        encoding=encoding,
    )


def _is_banner(line: str) -> bool:
    """An outlet's name set in capitals: 'MIDDLE EAST DISPATCH'."""
    if not 1 <= len(line.split()) <= 6:
        return False  # the cheap test first: a first line is often a whole paragraph
    letters = [ch for ch in line if ch.isalpha()]
    return (
        len(letters) >= 4
        and all(ch.isupper() for ch in letters)
        and not any(ch.isdigit() for ch in line)
        and not line.endswith((".", ":", ","))
    )


def _plain_publisher(lines: list[str]) -> str | None:
    if not lines:
        return None
    first = re.split(r"\s+\|\s+|\s{3,}", lines[0])[0].strip()
    return first if _is_banner(first) else None


def _plain_title(lines: list[str]) -> str | None:
    """The headline: the last headline-like line above the first paragraph.

    Taking the last one skips taglines and kickers under an outlet banner; bylines, date
    lines and captions between the headline and the body are not headline-like.
    """
    title = None
    for line in lines[:15]:
        n_words = _number_of_words(line)
        if _DATE_HEADER_RE.match(line) or n_words >= 40:
            break  # the body has begun
        if n_words >= 15 and _SENTENCE_END_RE.search(line):
            break
        if _is_headline(line, n_words):
            title = line
    return title


def _is_headline(line: str, n_words: int) -> bool:
    if not 3 <= n_words <= 25 or not 12 <= len(line) <= 200:
        return False
    if line.endswith((".", ":", ";", ",")) or line.startswith(("[", "(", "By ", "by ")):
        return False
    if _is_menu_line(line) or _is_banner(line) or line.isupper():
        return False
    if parse_date_text(line) is not None and n_words <= 8:
        return False  # a date line ("Friday, 17 February 2017 | 10:30")
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"'\u201c\u2018"


def _is_menu_line(line: str) -> bool:
    """`_MENU_LINE_RE.search(line)`. Every match holds one of its separators | > \u00bb /, and
    substring tests for them cost a fraction of the search, which most lines fail."""
    has_separator = "|" in line or "/" in line or ">" in line or "\u00bb" in line
    return has_separator and bool(_MENU_LINE_RE.search(line))


def _strip_trailing_chrome(text: str) -> str:
    """Drop share buttons, 'Loading...', follow-us lines and the like after the article.

    Only a run of chrome and short label lines at the very end goes, and only if it holds
    at least one line that is unmistakably chrome; the article's last sentence stays.
    """
    lines = text.split("\n")
    first_chrome: int | None = None
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        if not line:
            continue
        words = _TEXT_WORD_RE.findall(line)
        sentence = bool(_SENTENCE_END_RE.search(line)) and len(words) > 6
        if len(line) <= _MAX_CHROME_LINE and not sentence and _CHROME_LINE_RE.match(line):
            first_chrome = i
            continue
        if len(words) <= 5 and not _SENTENCE_END_RE.search(line):
            continue  # a stray label such as "Press TV News Roku"
        break
    if first_chrome is None:
        return text
    kept = "\n".join(lines[:first_chrome]).rstrip()
    # A line that introduced the chrome ("Follow us at the following addresses:") goes too.
    head, _, last = kept.rpartition("\n")
    if last.rstrip().endswith(":") and len(_TEXT_WORD_RE.findall(last)) <= 15:
        kept = head.rstrip()
    return kept


def _require_prose(text: str) -> None:
    """Refuse text without ~20 words in lines of running prose (menus and labels do not count)."""
    count = 0
    for line in text.split("\n"):
        if len(line) < _PROSE_LINE_MIN_WORDS * 2 or _is_menu_line(line):
            continue
        n_words = _number_of_words(line)
        if n_words >= _PROSE_LINE_MIN_WORDS:
            count += n_words
            if count >= _MIN_PROSE_WORDS:
                return
    raise UnreadableArticle("no article text found")


def _language(text: str, declared: str | None = None) -> str:
    """'en' when the text reads as English, else the page's declared language or 'und'.

    A function-word count is enough to tell English news from anything else; it does not
    try to name other languages.
    """
    words, function_words = _count_words(text[:3000])
    if words and function_words / words >= 0.12:
        return "en"
    if declared:
        primary = declared.split("-")[0].strip().lower()
        if primary and primary != "en":
            return primary
    return "und" if words else "en"


def _number_of_words(text: str) -> int:
    """`len(_WORD_RE.findall(text))`, counted as `_count_words` counts."""
    pieces = text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).split()
    others = list(filterfalse(bytes.isalpha, pieces))
    return len(pieces) - len(others) + sum([_odd_piece_words(piece)[0] for piece in others])


def _count_words(text: str) -> tuple[int, int]:
    """How many `_WORD_RE` words `text` has, and how many of them are English function words.

    The same count as `[w.lower() for w in _WORD_RE.findall(text)]`, faster: no ASCII
    character but a letter, ' and - is ever part of a word, so the UTF-8 bytes are cut at
    all the others first. A piece of plain ASCII letters is one word; only the few others
    (with an apostrophe, a hyphen, an accent or a curly quote) go through the regex. A
    function word is plain ASCII, so ASCII case is all that needs folding.
    """
    pieces = text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).lower().split()
    others = list(filterfalse(bytes.isalpha, pieces))
    words = len(pieces) - len(others)
    function_words = sum(map(_EN_FUNCTION_WORDS_BYTES.__contains__, pieces))
    for piece in others:
        piece_words, piece_function_words = _odd_piece_words(piece)
        words += piece_words
        function_words += piece_function_words
    return words, function_words


@lru_cache(maxsize=8192)
def _odd_piece_words(piece: bytes) -> tuple[int, int]:
    """The `_WORD_RE` words in a piece of UTF-8 that is not all ASCII letters ("don't",
    "al-Assad", "Caf\u00e9"), and how many of them are English function words. Cached:
    the same names and contractions recur from article to article."""
    found = _WORD_RE.findall(piece.decode("utf-8", "surrogatepass"))
    return len(found), sum(w.lower() in _EN_FUNCTION_WORDS for w in found)


# --- HTML ---------------------------------------------------------------------------------
#
# Pages are parsed with lxml's HTML parser (libxml2), the parser behind BeautifulSoup's
# "lxml" builder, and read the way BeautifulSoup reads the same tree: every text node is a
# string of its own; comments are no text; an element's text (`_strings`) leaves out what
# is inside <script>, <style>, <template>, <rt> and <rp> unless the element is one of them.
# Page chrome is not cut out of the tree: `_dropped` collects it and later walks skip it,
# so the text on either side of it stays two strings, as it did after bs4's decompose().

# BeautifulSoup gives the text in these elements string classes of their own.
_STRING_CONTAINERS = frozenset({"script", "style", "template", "rt", "rp"})
_CLASS_TOKEN_RE = re.compile(r"\S+")
_CLASS_JOIN_RE = re.compile(r"[-_]")
_CLASS_SPLIT_RE = re.compile(r"[-_\s]+")
_DISPLAY_NONE_RE = re.compile(r"display\s*:\s*none", re.IGNORECASE)

_Element = etree._Element


def _read_html(markup: str, encoding: str) -> ArticleText:
    page = _parse_html(markup)
    # One walk over the tree; every later lookup filters this list. Holding every element
    # also keeps its lxml proxy alive, so an element is the same object each time it is met
    # and can be a dict key or a set member (`_dropped`, `_prose_container`).
    tags = [tag for top in page for tag in top.iter(etree.Element)]
    metas = _meta_values(tags)
    ld = list(_json_ld_objects(tags))
    declared_lang = next((t.get("lang") for t in tags if t.tag == "html"), None)
    dated = [t for t in tags if t.get("itemprop") == "datePublished"]

    title_tag = next((t for t in tags if t.tag == "title"), None)
    page_title = "" if title_tag is None else " ".join(_stripped_strings(title_tag))
    meta_title = _first(metas, _TITLE_META_KEYS)
    root = _pick_root(tags, _headline_tag(tags, (meta_title or "", page_title)))
    dropped = _dropped(tags, root)
    published = _html_published(root, page, dropped, metas, ld, dated)

    site_name = _first(metas, _NAME_META_KEYS) or _ld_publisher(ld)
    h1 = next(_find_all(root, page, dropped, "h1"), None)
    if h1 is None and root is not None:
        h1 = next(_find_all(None, page, dropped, "h1"), None)
    title = "" if h1 is None else " ".join(_text(h1, dropped).split())
    suffix = None
    for candidate in (meta_title, page_title):
        if candidate:
            stripped, suffix_part = _split_title(candidate, site_name)
            title = title or stripped
            suffix = suffix or suffix_part
    if not suffix and meta_title and page_title.startswith(meta_title):
        # <title> is og:title plus the site's name: "Zones agreed - Wire".
        rest = page_title[len(meta_title) :].strip(" |-\u2013\u2014:\u00bb\u00b7")
        if rest and len(rest.split()) <= 5 and rest != page_title[len(meta_title) :].strip():
            suffix = rest
    text = "\n\n".join(_blocks(root, page, dropped))
    text = _normalise(_strip_trailing_chrome(text))
    _require_prose(text)
    return ArticleText(
        text=text,
        title=title or None,
        publisher=site_name or suffix,
        language=_language(text, declared_lang if isinstance(declared_lang, str) else None),
        encoding=encoding,
        meta_published=published,
    )


def _parse_html(markup: str) -> list[_Element]:
    """The page's top-level nodes: its <html> element, but also the comments around it and
    a second <html> that libxml2 opens for markup after a stray </html>.

    `huge_tree` lifts the limits libxml2 puts on the trees it builds (256 levels of nesting,
    10 MB text nodes), which bs4, building its own tree from the parser's events, never
    met; nesting past 2047 levels still ends the page there.
    """
    parser = etree.HTMLParser(recover=True, huge_tree=True)
    parser.feed(markup)
    html = parser.close()
    if html is None:  # nothing but a comment
        return []
    return [*reversed(list(html.itersiblings(preceding=True))), html, *html.itersiblings()]


# --- HTML: reading the tree as BeautifulSoup did --------------------------------------------


def _strings(tag: _Element, dropped: Container[_Element] = frozenset()) -> list[str]:
    """The text nodes under `tag` in document order (bs4's `Tag.strings`), skipping `dropped`.

    A loop, not recursion, as in bs4: a page may nest elements a thousand deep."""
    wanted = tag.tag if tag.tag in _STRING_CONTAINERS else None
    if wanted is None and next(tag.iterancestors(*_STRING_CONTAINERS), None) is not None:
        return []  # bs4 gives the text inside a <script> (etc.) to that container alone
    return _strings_below(tag, wanted, dropped)


def _strings_below(
    tag: _Element, wanted: str | None, dropped: Container[_Element] = frozenset()
) -> list[str]:
    """`_strings(tag, dropped)` of a tag that is not inside a string container; `wanted` is
    its tag if it is one, else None. Strings of a container below it are not its own."""
    found: list[str] = []
    todo: list[tuple[_Element, str | None] | str] = [(tag, wanted)]  # elements, then tails
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            found.append(item)
            continue
        node, container = item
        if node.text and container == wanted:
            found.append(node.text)
        for child in reversed(node):
            if child.tail and container == wanted:
                todo.append(child.tail)
            if isinstance(child.tag, str) and child not in dropped:
                todo.append((child, child.tag if child.tag in _STRING_CONTAINERS else container))
    return found


def _text(tag: _Element, dropped: Container[_Element] = frozenset()) -> str:
    """bs4's `tag.get_text(" ")`."""
    return " ".join(_strings(tag, dropped))


def _stripped_strings(tag: _Element) -> Iterator[str]:
    """bs4's `tag.stripped_strings`: joined with " ", `tag.get_text(" ", strip=True)`."""
    return (s for s in map(str.strip, _strings(tag)) if s)


def _paragraph_words(tags: list[_Element]) -> dict[_Element, int]:
    """`len(p.get_text(" ").split())` of every <p> of the page (`tags`): a space between
    strings never joins two words. The paragraphs inside a string container, which have no
    strings, are found once for the page, not by a walk up from each paragraph."""
    silenced = {p for t in tags if t.tag in _STRING_CONTAINERS for p in t.iterdescendants("p")}
    return {
        p: 0 if p in silenced else _split_count(" ".join(_strings_below(p, None)))
        for p in tags
        if p.tag == "p"
    }


# ASCII whitespace (where `str.split` cuts an ASCII string) -> space, any other byte -> "x".
_SPACE_OR_X = bytes(0x20 if chr(b).isspace() else 0x78 for b in range(128)) + b"x" * 128


def _split_count(text: str) -> int:
    """`len(text.split())`, without making the words of an ASCII text: one starts at each
    non-space that follows a space, and at the start."""
    if not text.isascii():
        return len(text.split())
    marks = text.encode("ascii").translate(_SPACE_OR_X)
    return marks.count(b" x") + marks.startswith(b"x")


def _nodes(tag: _Element) -> Iterator[_Element | str]:
    """bs4's `tag.descendants`: elements, comments and text nodes (as str) in document order."""
    todo = _contents_last_first(tag)
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, str) and isinstance(node.tag, str):  # not a comment
            todo.extend(_contents_last_first(node))


def _contents_last_first(tag: _Element) -> list[_Element | str]:
    """bs4's `tag.contents` (its text, then each child node followed by its tail), reversed
    to pop from a stack."""
    found: list[_Element | str] = []
    for child in reversed(tag):
        if child.tail:
            found.append(child.tail)
        found.append(child)
    if tag.text:
        found.append(tag.text)
    return found


def _only_string(tag: _Element) -> str | None:
    """bs4's `tag.string`: the text of an element whose one child is a text node (or an
    element with one, and so on); else None."""
    contents = _contents_last_first(tag)
    if len(contents) != 1:
        return None
    (only,) = contents
    if isinstance(only, str):
        return only
    if isinstance(only.tag, str):
        return _only_string(only)
    return only.text  # a comment


def _find_all(
    root: _Element | None, page: list[_Element], dropped: set[_Element], name: str
) -> Iterator[_Element]:
    """The <name> elements under `root` (None: the whole page) that were not dropped."""
    if root is not None:
        found: Iterable[_Element] = root.iterdescendants(name)
    else:
        found = (tag for top in page for tag in top.iter(name))
    return (tag for tag in found if tag not in dropped)


# --- HTML: metadata, story root, page chrome ------------------------------------------------


def _meta_values(tags: list[_Element]) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in (t for t in tags if t.tag == "meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def _first(values: dict[str, str], keys: Iterable[str]) -> str | None:
    return next((values[k] for k in keys if values.get(k)), None)


def _json_ld_objects(tags: list[_Element]) -> Iterator[dict]:
    for script in (t for t in tags if t.tag == "script" and t.get("type") == _LD_JSON):
        try:
            data = json.loads(_only_string(script) or "")
        except (TypeError, ValueError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                stack.extend(v for v in item.values() if isinstance(v, list | dict))


def _ld_publisher(objects: list[dict]) -> str | None:
    for obj in objects:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            return publisher["name"].strip() or None
    return None


def _split_title(title: str, site_name: str | None) -> tuple[str, str | None]:
    """'Headline | Site' -> ('Headline', 'Site'); also 'Site | Headline' when the site is known."""
    title = " ".join(title.split())
    parts = _TITLE_SEPARATORS_RE.split(title)
    if len(parts) < 2:
        return title, None
    if site_name and parts[0].casefold() == site_name.casefold():
        return title[len(parts[0]) :].lstrip(" |-\u2013\u2014:\u00bb\u00b7"), parts[0]
    last = parts[-1]
    head = title[: len(title) - len(last)].rstrip(" |-\u2013\u2014:\u00bb\u00b7")
    separator = title[len(head) : len(title) - len(last)].strip()
    if site_name and last.casefold() == site_name.casefold():
        return head, last
    # Without og:site_name, only a short, name-like tail counts as the site: a dash may
    # just as well belong to the headline ("Russia - Iran talks end").
    words = last.split()
    if separator in {"|", "::", "\u00bb", "\u00b7"}:
        is_site = len(words) <= 5 and len(last) < len(head)
    else:
        is_site = len(words) <= 3 and len(head.split()) >= 4 and all(w[0].isupper() for w in words)
    return (head, last) if is_site else (title, None)


def _headline_tag(tags: list[_Element], titles: tuple[str, ...]) -> _Element | None:
    """The page's headline element: its first <h1>, else a heading that repeats the title."""
    h1 = next((t for t in tags if t.tag == "h1"), None)
    if h1 is not None:
        return h1
    wanted = [" ".join(t.split()).casefold() for t in titles if t.strip()]
    for tag in tags:
        if tag.tag in {"h2", "h3"}:
            text = " ".join(_text(tag).split()).casefold()
            # The <title> may add the site's name: "Headline | Site".
            if len(text.split()) >= 3 and any(t.startswith(text) for t in wanted):
                return tag
    return None


def _pick_root(tags: list[_Element], headline: _Element | None = None) -> _Element | None:
    """The element that holds the story: the <article> with most paragraph text, <main>, ...,
    else the block of the body that holds most of its paragraphs; None (the whole page) for
    a page without a <body>."""

    paragraph_words = _paragraph_words(tags)
    counted: dict[_Element, int] = {}

    def prose(tag: _Element) -> int:
        if tag not in counted:
            counted[tag] = sum(map(paragraph_words.__getitem__, tag.iterdescendants("p")))
        return counted[tag]

    articles = [t for t in tags if t.tag == "article"]
    if articles:
        best = max(articles, key=prose)
        if prose(best) >= 40:
            return best
    for wanted in (
        lambda t: t.get("itemprop") == "articleBody",
        lambda t: t.tag == "main",
        lambda t: t.get("role") == "main",
    ):
        found = next((t for t in tags if wanted(t)), None)
        if found is not None and prose(found) >= 40:
            return found
    body = next((t for t in tags if t.tag == "body"), None)
    if body is None:
        return None
    return _prose_container(body, paragraph_words, headline)


def _prose_container(
    body: _Element, paragraph_words: dict[_Element, int], headline: _Element | None
) -> _Element:
    """The smallest block under `body` with `_CONTAINER_SHARE` of the paragraph words.

    Pages without <article> or <main> (older CMSs, ministry sites) wrap the story in a
    <div id="content">; menus, language links and side columns around it then fall away.
    The walk goes down one child at a time and stops before it would leave the headline
    behind, or split the story's paragraphs.
    """
    words: dict[_Element, int] = {}
    for para, count in paragraph_words.items():
        for parent in para.iterancestors():
            words[parent] = words.get(parent, 0) + count
            if parent is body:
                break
    total = words.get(body, 0)
    if total < 40:
        return body
    keep = set() if headline is None else {headline, *headline.iterancestors()}
    node = body
    while True:
        children = [c for c in node if isinstance(c.tag, str) and c.tag != "p"]
        best = max(children, key=lambda c: words.get(c, 0), default=None)
        if best is None or words.get(best, 0) < _CONTAINER_SHARE * total:
            return node
        if node in keep and best not in keep:
            return node  # the headline (and the byline by it) would fall outside
        node = best


def _class_words(classes: str | None, *names: str | None) -> set[str]:
    """Lower-case parts of a class attribute and of names such as the id, joined and split
    at - and _: "share-box" gives "sharebox", "share" and "box"."""
    values = [name for name in names if name is not None]
    if classes is not None:
        values.extend(_CLASS_TOKEN_RE.findall(classes))
    words: set[str] = set()
    for value in values:
        value = value.lower()
        words.add(_CLASS_JOIN_RE.sub("", value))
        words.update(_CLASS_SPLIT_RE.split(value))
    return words


@lru_cache(maxsize=4096)
def _names_furniture(classes: str | None, ident: str | None) -> bool:
    """Whether the class or id marks page furniture ("share-box", "mainmenu"). Cached: a page
    repeats its class names, and a site its whole layout."""
    words = _class_words(classes, ident)
    if words & _NOISE_WORDS or words & _NOISE_JOINED:
        return True
    return any(w.endswith(_NOISE_SUFFIXES) for w in words)


def _is_noise(tag: _Element) -> bool:
    name = tag.tag
    if name in _DROP_TAGS:
        return True
    if name == "header":
        # an article's own header holds its headline
        return next(tag.iterdescendants("h1"), None) is None
    attributes = dict(tag.items())  # one call instead of a `get` (as costly) per attribute
    if attributes:
        role = attributes.get("role")
        if role is not None and role.lower() in _DROP_ROLES:
            return True
        if "hidden" in attributes or attributes.get("aria-hidden") == "true":
            return True
        style = attributes.get("style")
        if style is not None and _DISPLAY_NONE_RE.search(style):
            return True
        classes, ident = attributes.get("class"), attributes.get("id")
        if (classes is not None or ident is not None) and _names_furniture(classes, ident):
            return True
    if name in {"section", "div", "ul", "ol"}:
        heading = _opening_heading(tag)
        if heading is not None and _RELATED_HEADING_RE.match(_text(heading)):
            return True
    # A figure without a picture is an ad slot or an empty embed.
    return name == "figure" and next(tag.iterdescendants("img", "picture", "video"), None) is None


def _opening_heading(tag: _Element) -> _Element | None:
    """The heading a block opens with, if no text comes before it ("Related", "Most read")."""
    for seen, node in enumerate(_nodes(tag)):
        if isinstance(node, str):
            if node.strip():
                return None
        elif node.tag in _HEADINGS:
            return node
        if seen > 12:
            return None
    return None


def _dropped(tags: list[_Element], root: _Element | None) -> set[_Element]:
    """The page chrome outside the story's root, with everything inside it."""
    keep = set() if root is None else {root, *root.iterancestors()}
    dropped: set[_Element] = set()
    for tag in [t for t in tags if t not in keep and _is_noise(t)]:
        if tag not in dropped:
            dropped.update(tag.iter(etree.Element))
    return dropped


def _html_published(
    root: _Element | None,
    page: list[_Element],
    dropped: set[_Element],
    metas: dict[str, str],
    ld: list[dict],
    dated: list[_Element],
) -> date | None:
    for key in _DATE_META_KEYS:
        value = _meta_date(metas.get(key))
        if value:
            return value
    for key in _LD_DATE_KEYS:
        for obj in ld:
            value = _meta_date(obj.get(key))
            if value:
                return value
    for tag in dated:
        if tag in dropped:  # a date in the page chrome (a teaser, the <head>) is not ours
            continue
        raw = tag.get("content") or tag.get("datetime") or _text(tag, dropped)
        value = _meta_date(raw)
        if value:
            return value
    times = [t for t in _find_all(root, page, dropped, "time") if not _marks_a_change(t)]
    # A <time> in a byline, not one inside a paragraph that names another event.
    for tag in sorted(times, key=lambda t: t.get("pubdate") is None):
        parent = tag.getparent()
        if parent is not None and len(_text(parent, dropped).split()) > 20:
            continue
        raw = tag.get("datetime") or _text(tag, dropped)
        value = _meta_date(raw)
        if value:
            return value
    return None


def _marks_a_change(tag: _Element) -> bool:
    words = _class_words(tag.get("class"), tag.get("itemprop"), tag.get("id"))
    return bool(words & _MODIFIED_WORDS) and not words & _PUBLISHED_WORDS


def _meta_date(raw: object) -> date | None:
    """The calendar date as written: '2017-05-05T23:30:00-04:00' stays 5 May (no UTC shift);
    '20180515' is 15 May 2018."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    return parse_machine_date(raw)


def _blocks(root: _Element | None, page: list[_Element], dropped: set[_Element]) -> list[str]:
    """Text of `root` (None: the whole page), one string per paragraph-like block, without
    the `dropped` page chrome; <br> becomes a line break, a newline in the markup a space.
    (`flush` collapses all other runs of whitespace.)"""
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        if not buffer:
            return  # block elements flush before and after: most calls find nothing
        joined = "".join(buffer)
        if "\n" in joined:
            text = "\n".join(" ".join(line.split()) for line in joined.split("\n") if line.strip())
        else:
            text = " ".join(joined.split())
        if text:
            blocks.append(text)
        buffer.clear()

    def walk(text: str | None, children: Iterable[_Element]) -> None:
        if text:
            buffer.append(text.replace("\n", " "))
        for child in children:
            name = child.tag
            if isinstance(name, str) and child not in dropped:  # not a comment
                if name == "br":
                    buffer.append("\n")
                elif name == "pre":
                    flush()
                    blocks.append("".join(_strings(child, dropped)).strip("\n"))
                elif name in _BLOCK_TAGS:
                    flush()
                    walk(child.text, child)
                    flush()
                else:
                    walk(child.text, child)
            tail = child.tail  # lxml makes a new string on each access
            if tail:
                buffer.append(tail.replace("\n", " "))

    if root is None:
        walk(None, page)
    else:
        walk(root.text, root)
    flush()
    return [b for b in blocks if b.strip()]
