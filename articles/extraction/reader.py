"""Article files to text: decode the bytes, strip HTML and page chrome, find title and outlet.

`read_article` is the only entry point. It never guesses silently: bytes that are not text,
or text with no article in it, raise `UnreadableArticle` with a short reason for the ingest
report.
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString, PreformattedString
from charset_normalizer import from_bytes

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
_DROP_TAGS = (
    *("script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav", "form"),
    *("button", "input", "select", "textarea", "object", "embed", "video", "audio", "map"),
    *("dialog", "footer", "aside", "link", "meta"),
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
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# UTF-8 read as cp1252 leaves these behind ("â€™", "Ã©").
_MOJIBAKE_RE = re.compile(
    r"[\u00c2\u00c3\u00c5][\u0080-\u00bf\u0152\u0153\u0160\u0161\u017d\u017e\u0178"
    r"\u2018-\u203a\u20ac\u2122]|\u00e2\u20ac"
)

_EN_FUNCTION_WORDS = frozenset(
    (
        *("the", "and", "of", "to", "in", "a", "is", "was", "for", "on", "that", "with", "by"),
        *("said", "as", "at", "from", "it", "be", "were", "has", "have", "will", "its"),
        *("their", "an", "are", "this", "which", "who", "not", "but"),
    )
)
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
    text = _fix_mojibake(text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _ODD_CHARS_RE.search(text):
        text = text.translate(_ZERO_WIDTH).translate(_SPACES).translate(_LIGATURES)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _fix_mojibake(text: str) -> str:
    """Undo UTF-8 that was once decoded as cp1252, but only when that round trip is exact."""
    if not _MOJIBAKE_RE.search(text):
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
    letters = [ch for ch in line if ch.isalpha()]
    words = line.split()
    return (
        len(letters) >= 4
        and 1 <= len(words) <= 6
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
        words = _WORD_RE.findall(line)
        if _DATE_HEADER_RE.match(line) or len(words) >= 40:
            break  # the body has begun
        if len(words) >= 15 and _SENTENCE_END_RE.search(line):
            break
        if _is_headline(line, words):
            title = line
    return title


def _is_headline(line: str, words: list[str]) -> bool:
    if not 3 <= len(words) <= 25 or not 12 <= len(line) <= 200:
        return False
    if line.endswith((".", ":", ";", ",")) or line.startswith(("[", "(", "By ", "by ")):
        return False
    if _MENU_LINE_RE.search(line) or _is_banner(line) or line.isupper():
        return False
    if parse_date_text(line) is not None and len(words) <= 8:
        return False  # a date line ("Friday, 17 February 2017 | 10:30")
    return line[0].isupper() or line[0].isdigit() or line[0] in "\"'\u201c\u2018"


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
        if len(line) < _PROSE_LINE_MIN_WORDS * 2 or _MENU_LINE_RE.search(line):
            continue
        words = _WORD_RE.findall(line)
        if len(words) >= _PROSE_LINE_MIN_WORDS:
            count += len(words)
            if count >= _MIN_PROSE_WORDS:
                return
    raise UnreadableArticle("no article text found")


def _language(text: str, declared: str | None = None) -> str:
    """'en' when the text reads as English, else the page's declared language or 'und'.

    A function-word count is enough to tell English news from anything else; it does not
    try to name other languages.
    """
    words = [w.lower() for w in _WORD_RE.findall(text[:3000])]
    if words:
        share = sum(1 for w in words if w in _EN_FUNCTION_WORDS) / len(words)
        if share >= 0.12:
            return "en"
    if declared:
        primary = declared.split("-")[0].strip().lower()
        if primary and primary != "en":
            return primary
    return "und" if words else "en"


# --- HTML ---------------------------------------------------------------------------------


def _read_html(markup: str, encoding: str) -> ArticleText:
    soup = BeautifulSoup(markup, "lxml")
    # One walk over the tree; every later lookup filters this list (soup.find() on a missing
    # attribute walks the whole page each time).
    tags = [t for t in soup.find_all(True) if isinstance(t, Tag)]
    metas = _meta_values(tags)
    ld = list(_json_ld_objects(tags))
    declared_lang = next((t.get("lang") for t in tags if t.name == "html"), None)
    dated = [t for t in tags if t.get("itemprop") == "datePublished"]

    page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
    meta_title = _first(metas, _TITLE_META_KEYS)
    root = _pick_root(soup, tags, _headline_tag(tags, (meta_title or "", page_title)))
    _drop_noise(tags, root)
    published = _html_published(root, metas, ld, dated)

    site_name = _first(metas, _NAME_META_KEYS) or _ld_publisher(ld)
    h1 = root.find("h1") or soup.find("h1")
    title = " ".join(h1.get_text(" ").split()) if isinstance(h1, Tag) else ""
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
    text = "\n\n".join(_blocks(root))
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


def _meta_values(tags: list[Tag]) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in (t for t in tags if t.name == "meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def _first(values: dict[str, str], keys: Iterable[str]) -> str | None:
    return next((values[k] for k in keys if values.get(k)), None)


def _json_ld_objects(tags: list[Tag]) -> Iterator[dict]:
    for script in (t for t in tags if t.name == "script" and t.get("type") == _LD_JSON):
        try:
            data = json.loads(script.string or "")
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


def _headline_tag(tags: list[Tag], titles: tuple[str, ...]) -> Tag | None:
    """The page's headline element: its first <h1>, else a heading that repeats the title."""
    h1 = next((t for t in tags if t.name == "h1"), None)
    if h1 is not None:
        return h1
    wanted = [" ".join(t.split()).casefold() for t in titles if t.strip()]
    for tag in tags:
        if tag.name in {"h2", "h3"}:
            text = " ".join(tag.get_text(" ").split()).casefold()
            # The <title> may add the site's name: "Headline | Site".
            if len(text.split()) >= 3 and any(t.startswith(text) for t in wanted):
                return tag
    return None


def _pick_root(soup: BeautifulSoup, tags: list[Tag], headline: Tag | None = None) -> Tag:
    """The element that holds the story: the <article> with most paragraph text, <main>, ...,
    else the block of the body that holds most of its paragraphs."""

    counted: dict[int, int] = {}

    def prose(tag: Tag) -> int:
        if id(tag) not in counted:
            counted[id(tag)] = sum(len(p.get_text(" ").split()) for p in tag.find_all("p"))
        return counted[id(tag)]

    articles = [t for t in tags if t.name == "article"]
    if articles:
        best = max(articles, key=prose)
        if prose(best) >= 40:
            return best
    for wanted in (
        lambda t: t.get("itemprop") == "articleBody",
        lambda t: t.name == "main",
        lambda t: t.get("role") == "main",
    ):
        found = next((t for t in tags if wanted(t)), None)
        if found is not None and prose(found) >= 40:
            return found
    body = soup.body
    if not isinstance(body, Tag):
        return soup
    return _prose_container(body, tags, headline)


def _prose_container(body: Tag, tags: list[Tag], headline: Tag | None) -> Tag:
    """The smallest block under `body` with `_CONTAINER_SHARE` of the paragraph words.

    Pages without <article> or <main> (older CMSs, ministry sites) wrap the story in a
    <div id="content">; menus, language links and side columns around it then fall away.
    The walk goes down one child at a time and stops before it would leave the headline
    behind, or split the story's paragraphs.
    """
    words: dict[int, int] = {}
    for para in (t for t in tags if t.name == "p"):
        count = len(para.get_text(" ").split())
        for parent in para.parents:
            words[id(parent)] = words.get(id(parent), 0) + count
            if parent is body:
                break
    total = words.get(id(body), 0)
    if total < 40:
        return body
    keep = set() if headline is None else {id(headline), *(id(a) for a in headline.parents)}
    node = body
    while True:
        children = [c for c in node.children if isinstance(c, Tag) and c.name != "p"]
        best = max(children, key=lambda c: words.get(id(c), 0), default=None)
        if best is None or words.get(id(best), 0) < _CONTAINER_SHARE * total:
            return node
        if id(node) in keep and id(best) not in keep:
            return node  # the headline (and the byline by it) would fall outside
        node = best


def _class_words(tag: Tag, *extra: str) -> Iterator[str]:
    """Lower-case parts of the class and id (and of the `extra` attributes), joined and split
    at - and _: "share-box" gives "sharebox", "share" and "box"."""
    values: list[str] = [v for a in extra if isinstance(v := tag.get(a), str)]
    classes = tag.get("class")
    if isinstance(classes, list):
        values.extend(classes)
    elif isinstance(classes, str):
        values.append(classes)
    ident = tag.get("id")
    if isinstance(ident, str):
        values.append(ident)
    for value in values:
        value = value.lower()
        yield re.sub(r"[-_]", "", value)
        yield from re.split(r"[-_\s]+", value)


def _is_noise(tag: Tag) -> bool:
    if tag.name in _DROP_TAGS:
        return True
    if tag.name == "header":
        return tag.find("h1") is None  # an article's own header holds its headline
    role = tag.get("role")
    if isinstance(role, str) and role.lower() in _DROP_ROLES:
        return True
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    style = tag.get("style")
    if isinstance(style, str) and re.search(r"display\s*:\s*none", style, re.IGNORECASE):
        return True
    words = set(_class_words(tag))
    if words & _NOISE_WORDS or words & _NOISE_JOINED:
        return True
    if any(w.endswith(_NOISE_SUFFIXES) for w in words):
        return True
    if tag.name in {"section", "div", "ul", "ol"}:
        heading = _opening_heading(tag)
        if heading is not None and _RELATED_HEADING_RE.match(heading.get_text(" ")):
            return True
    # A figure without a picture is an ad slot or an empty embed.
    return tag.name == "figure" and tag.find(["img", "picture", "video"]) is None


def _opening_heading(tag: Tag) -> Tag | None:
    """The heading a block opens with, if no text comes before it ("Related", "Most read")."""
    for seen, node in enumerate(tag.descendants):
        if isinstance(node, Tag):
            if node.name in _HEADINGS:
                return node
        elif (
            isinstance(node, NavigableString)
            and not isinstance(node, PreformattedString)
            and node.strip()
        ):
            return None
        if seen > 12:
            return None
    return None


def _drop_noise(tags: list[Tag], root: Tag) -> None:
    keep = {id(root), *(id(parent) for parent in root.parents)}
    doomed = [tag for tag in tags if id(tag) not in keep and _is_noise(tag)]
    for tag in doomed:
        if not tag.decomposed:
            tag.decompose()


def _html_published(
    root: Tag, metas: dict[str, str], ld: list[dict], dated: list[Tag]
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
        raw = tag.get("content") or tag.get("datetime") or tag.get_text(" ")
        value = _meta_date(raw if isinstance(raw, str) else None)
        if value:
            return value
    times = [t for t in root.find_all("time") if isinstance(t, Tag) and not _marks_a_change(t)]
    # A <time> in a byline, not one inside a paragraph that names another event.
    for tag in sorted(times, key=lambda t: not t.has_attr("pubdate")):
        parent = tag.parent
        if parent is not None and len(parent.get_text(" ").split()) > 20:
            continue
        raw = tag.get("datetime") or tag.get_text(" ")
        value = _meta_date(raw if isinstance(raw, str) else None)
        if value:
            return value
    return None


def _marks_a_change(tag: Tag) -> bool:
    words = set(_class_words(tag, "itemprop"))
    return bool(words & _MODIFIED_WORDS) and not words & _PUBLISHED_WORDS


def _meta_date(raw: object) -> date | None:
    """The calendar date as written: '2017-05-05T23:30:00-04:00' stays 5 May (no UTC shift);
    '20180515' is 15 May 2018."""
    if not isinstance(raw, str) or not raw.strip():
        return None
    return parse_machine_date(raw)


def _blocks(root: Tag) -> list[str]:
    """Text of `root`, one string per paragraph-like block; <br> becomes a line break."""
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        lines = ("".join(buffer)).split("\n")
        text = "\n".join(" ".join(line.split()) for line in lines if line.strip())
        if text:
            blocks.append(text)
        buffer.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, PreformattedString):
                continue  # comments, doctype, CDATA
            if isinstance(child, NavigableString):
                buffer.append(re.sub(r"\s+", " ", str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name == "br":
                buffer.append("\n")
            elif child.name == "pre":
                flush()
                blocks.append(child.get_text().strip("\n"))
            elif child.name in _BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(root)
    flush()
    return [b for b in blocks if b.strip()]
