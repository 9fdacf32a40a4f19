"""HTML pages to article text: the story's root, page chrome, title, outlet and date markup."""

from __future__ import annotations

import json
import re
from collections.abc import Container, Iterable, Iterator
from datetime import date
from functools import lru_cache

from lxml import etree

from .datetext import parse_machine_date
from .decoding import normalise
from .language import detect_language
from .page_lines import RELATED_HEADER_RE, RELATED_OPENING_RE
from .plaintext import require_prose, strip_trailing_chrome
from .types import ArticleText

# Elements that never hold article text.
_DROP_TAGS = frozenset(
    (
        *("script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav", "form"),
        *("button", "input", "select", "textarea", "object", "embed", "video", "audio", "map"),
        *("dialog", "footer", "aside", "link", "meta"),
        # A photo's caption: it describes the picture (often of an earlier meeting, with its
        # date), never the story.
        "figcaption",
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


# Headings that open a list of links to other stories ("Related", "Most read", "Читайте
# также", "More from World"): `related_headers` and `section_link_openers` in
# `patterns/reader.json`.
def _is_related_heading(text: str) -> bool:
    return bool(RELATED_OPENING_RE.match(text) or RELATED_HEADER_RE.match(text))


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

# Without <article> or <main>, the story is the smallest block with this share of the
# page's paragraph words (see `_prose_container`).
_CONTAINER_SHARE = 0.75

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


def read_html(markup: str, encoding: str) -> ArticleText:
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
    text = normalise(strip_trailing_chrome(text))
    require_prose(text)
    return ArticleText(
        text=text,
        title=title or None,
        publisher=site_name or suffix,
        language=detect_language(text, declared_lang if isinstance(declared_lang, str) else None),
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
        if heading is not None and _is_related_heading(_text(heading)):
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
