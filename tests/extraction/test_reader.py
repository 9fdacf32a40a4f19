"""Reading article files: encodings, refusals, plain-text headers and HTML pages."""

from __future__ import annotations

from datetime import date

import pytest

from articles.extraction.reader import UnreadableArticle, read_article
from tests.shared_corpus import load_gold, shared_dir

BODY = (
    "The Turkish delegation was headed by Sel\u00e7uk \u00dcnal, who told reporters that the "
    "guarantors had agreed on the next steps, and Iran's envoy said the talks had gone well."
)
CURLY = "\u201cWe are ready,\u201d said Jaberi Ansari\u2019s deputy \u2013 and the talks began."
MB = 1024 * 1024


def whatwg_cp1252(data: bytes) -> str:
    """Decode as a browser does: cp1252, with its five undefined bytes as C1 controls."""
    return "".join(
        chr(b) if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes([b]).decode("cp1252") for b in data
    )


@pytest.mark.parametrize(
    ("data", "encoding", "expected"),
    [
        pytest.param(BODY.encode("utf-8"), "utf-8", BODY, id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + BODY.encode("utf-8"), "utf-8", BODY, id="utf-8-bom"),
        pytest.param(BODY.encode("latin-1"), "iso-8859-1", BODY, id="latin-1"),
        pytest.param(
            (BODY + " " + CURLY).encode("cp1252"),
            "windows-1252",
            BODY + " " + CURLY,
            id="cp1252-curly-quotes",
        ),
        pytest.param(
            ("Caf\u00e8 owners in Idlib said: " + BODY).encode("cp1252"),
            "iso-8859-1",
            "Caf\u00e8 owners in Idlib said: " + BODY,
            id="latin-1-not-central-european",
        ),
        pytest.param(BODY.encode("utf-16"), "utf-16", BODY, id="utf-16-bom"),
        pytest.param(
            whatwg_cp1252((BODY + " " + CURLY).encode("utf-8")).encode("utf-8"),
            "utf-8",
            BODY + " " + CURLY,
            id="mojibake-repaired",
        ),
        pytest.param(BODY.replace("\u00dc", "U\u0308").encode("utf-8"), "utf-8", BODY, id="nfc"),
    ],
)
def test_decoding(data: bytes, encoding: str, expected: str) -> None:
    article = read_article(data, "article.txt")
    assert article.text == expected
    assert article.encoding == encoding


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("A line\r\nnext line\r\n", "A line\nnext line", id="crlf"),
        pytest.param("A\u00a0line\u202fhere", "A line here", id="no-break-spaces"),
        pytest.param("Sy\u00adria zero\u200bwidth", "Syria zerowidth", id="invisible"),
        pytest.param("\ufb01nal o\ufb00er", "final offer", id="ligatures"),
        pytest.param("a\n\n\n\n\nb", "a\n\nb", id="blank-runs"),
        pytest.param("trailing   \nspaces\t", "trailing\nspaces", id="trailing-spaces"),
    ],
)
def test_normalisation(raw: str, expected: str) -> None:
    article = read_article((BODY + "\n\n" + raw).encode("utf-8"), "a.txt")
    assert article.text == BODY + "\n\n" + expected


@pytest.mark.parametrize(
    ("data", "max_bytes", "reason"),
    [
        pytest.param(b"", None, "empty file", id="empty"),
        pytest.param(b" \r\n\t \n", None, "empty file", id="whitespace"),
        pytest.param(b"\xef\xbb\xbf \n", None, "empty file", id="bom-only"),
        pytest.param(bytes(range(256)) * 4, None, "binary file (NUL bytes)", id="nul-bytes"),
        pytest.param(b"%PDF-1.7\n" + BODY.encode(), None, "binary file (PDF", id="pdf"),
        pytest.param(b"\x89PNG\r\n\x1a\n....", None, "binary file (PNG", id="png"),
        pytest.param(bytes(range(1, 32)) * 40 + BODY.encode(), None, "binary file", id="controls"),
        pytest.param(
            bytes((i * 7919) % 255 + 1 for i in range(4000)), None, "binary file", id="noise"
        ),
        pytest.param(
            b"a" * (2 * MB + MB // 2), 2 * MB, "file is 2.5 MB, over the 2 MB limit", id="size"
        ),
        pytest.param(
            b"Home | News | Sport\nSubscribe\nSign in\n", None, "no article text", id="menu"
        ),
        pytest.param(b"Loading...\n\nShare this article", None, "no article text", id="chrome"),
    ],
)
def test_unreadable(data: bytes, max_bytes: int | None, reason: str) -> None:
    with pytest.raises(UnreadableArticle) as excinfo:
        read_article(data, "bad.txt", max_bytes=max_bytes)
    assert reason in str(excinfo.value)
    assert isinstance(excinfo.value, ValueError)


def test_size_limit_allows_files_at_the_limit() -> None:
    data = BODY.encode()
    assert read_article(data, "a.txt", max_bytes=len(data)).text == BODY


@pytest.mark.parametrize(
    ("lines", "title", "publisher"),
    [
        pytest.param(
            [
                "STEPPE LEDGER",
                "Politics | Syria | Economy",
                "Monday, 14 May 2018",
                "Ninth round opens with observers from Amman",
            ],
            "Ninth round opens with observers from Amman",
            "STEPPE LEDGER",
            id="banner-menu-date-headline",
        ),
        pytest.param(
            [
                "THE CAPITAL POST | Analysis",
                "A weekly letter on Central Asia",
                "14 May 2018",
                "Ninth round opens in the capital",
                "By A. Writer",
            ],
            "Ninth round opens in the capital",
            "THE CAPITAL POST",
            id="tagline-under-banner",
        ),
        pytest.param(
            ["World > Middle East > Syria", "Guarantors meet again in the steppe"],
            "Guarantors meet again in the steppe",
            None,
            id="breadcrumb-line",
        ),
        pytest.param(
            [
                "Outlet.example",
                "Saturday June 1 2024",
                "Guarantors meet again",
                "14 May 2018 10:00",
                "Guarantors meet again",
            ],
            "Guarantors meet again",
            None,
            id="mixed-case-outlet-is-not-a-banner",
        ),
        pytest.param(
            ["Guarantors meet again", "[Photo: Delegates in the hall, 14 May 2018.]"],
            "Guarantors meet again",
            None,
            id="caption-under-headline",
        ),
        pytest.param([" date 2018-05-15 ASTANA - " + BODY], None, None, id="date-header-no-title"),
        pytest.param(
            [" date 2018-05-15 Back to the front page", "Guarantors meet again in the capital"],
            "Guarantors meet again in the capital",
            None,
            id="date-header-before-page-chrome",
        ),
        pytest.param(
            [" date 2018-05-15 Guarantors meet again in the capital"],
            "Guarantors meet again in the capital",
            None,
            id="date-header-before-the-headline",
        ),
        pytest.param(
            [
                "Guarantors meet again",
                "Delegates arrive at the hotel in the capital (Photo: Jane Roe)",
            ],
            "Guarantors meet again",
            None,
            id="caption-with-photo-credit",
        ),
        pytest.param(
            ["Guarantors meet again", "Agency Photo/ Jane Roe, file", "Delegates in the hall"],
            "Guarantors meet again",
            None,
            id="caption-under-a-photo-credit",
        ),
        pytest.param(
            ["Guarantors meet again", "23 Sep. 16:55 (UTC+3)"],
            "Guarantors meet again",
            None,
            id="stamp-without-year",
        ),
        pytest.param(
            ["Guarantors meet again", "Share", "3 pages in this article"],
            "Guarantors meet again",
            None,
            id="page-counter",
        ),
    ],
)
def test_plain_text_title_and_publisher(
    lines: list[str], title: str | None, publisher: str | None
) -> None:
    text = "\n\n".join([*lines, BODY])
    article = read_article(text.encode(), "a.txt")
    assert article.title == title
    assert article.publisher == publisher
    assert article.language == "en"
    assert article.meta_published is None


@pytest.mark.parametrize(
    "chrome",
    [
        pytest.param(["SHARE THIS ARTICLE", "Outlet TV Apps"], id="share"),
        pytest.param(
            [
                "---",
                "A. Writer is our correspondent, follow her on X: @writer",
                "Follow us on Twitter @outlet",
                "Loading...",
                "Latest See more",
            ],
            id="follow-loading",
        ),
        pytest.param(["Comments (3)  |  Print  |  Share"], id="comments-print-share"),
        pytest.param(["Our site is also at these addresses:", "www.outlet.example"], id="mirrors"),
    ],
)
def test_trailing_chrome_is_dropped(chrome: list[str]) -> None:
    text = "\n\n".join(["Guarantors meet again", BODY, *chrome])
    assert read_article(text.encode(), "a.txt").text == "Guarantors meet again\n\n" + BODY


def test_short_closing_line_of_the_article_stays() -> None:
    text = "\n\n".join([BODY, "The talks resume in May."])
    assert read_article(text.encode(), "a.txt").text.endswith("The talks resume in May.")


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Guarantors agree on zones | The Steppe Courier</title>
<meta property="og:site_name" content="The Steppe Courier">
<meta property="article:published_time" content="2017-05-04T18:00:00+06:00">
<script>var tracking = "analytics code here";</script>
<style>.story { color: black; }</style>
</head><body>
<header class="site-header"><a href="/">THE STEPPE COURIER</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world/">World news</a></li></ul></nav>
<form><input name="q" placeholder="Search"></form></header>
<div class="breadcrumbs"><a href="/">Home</a> &raquo; World</div>
<main><article>
<h1>Guarantors agree on de-escalation zones</h1>
<p class="byline">By A. Writer &middot; <time datetime="2017-05-04">04.05.2017</time></p>
<p>ASTANA &ndash; Russia, Iran and Turkey signed a memorandum on four zones in Syria at the
close of the fourth round of talks in the Kazakh capital on Thursday.</p>
<figure class="inline-ad"><script>renderAd();</script></figure>
<p>The Russian delegation was led by Alexander Lavrentiev.<br>The Turkish one by
Sedat &Ouml;nal.</p>
<div class="share-box">Share: <a href="#">Facebook</a> <a href="#">Twitter</a></div>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Third round ends without rebels</a>
<span>15.03.2017</span></li></ul></aside>
<section><h2>Most read</h2><ol><li>Currency steady against the dollar</li></ol></section>
</main>
<footer><p>&copy; 2017 The Steppe Courier. All rights reserved.</p></footer>
</body></html>
"""


def test_html_page_keeps_the_article_and_drops_the_page() -> None:
    article = read_article(HTML_PAGE.encode(), "page.html")
    text = article.text
    assert text.startswith(
        "Guarantors agree on de-escalation zones\n\nBy A. Writer \u00b7 04.05.2017"
    )
    assert "ASTANA \u2013 Russia, Iran and Turkey signed a memorandum on four zones" in text
    assert "Lavrentiev.\nThe Turkish one by Sedat \u00d6nal." in text
    for chrome in (
        "World news",
        "Search",
        "analytics",
        "renderAd",
        "Share:",
        "Facebook",
        "Third round",
        "Most read",
        "Currency",
        "All rights",
        "color",
        "Home",
    ):
        assert chrome not in text, chrome
    assert "\n\nThe Russian delegation" in text  # paragraphs are separated by blank lines
    assert article.title == "Guarantors agree on de-escalation zones"
    assert article.publisher == "The Steppe Courier"
    assert article.meta_published == date(2017, 5, 4)
    assert article.language == "en"


@pytest.mark.parametrize(
    ("head", "body_extra", "title", "publisher", "published"),
    [
        pytest.param(
            "<title>Guarantors meet again | Steppe Wire</title>",
            "",
            "Guarantors meet again",
            "Steppe Wire",
            None,
            id="title-suffix-is-the-publisher",
        ),
        pytest.param(
            "<title>Russia - Iran talks end in the capital</title>",
            "",
            "Russia - Iran talks end in the capital",
            None,
            None,
            id="dash-in-headline-is-kept",
        ),
        pytest.param(
            '<meta property="og:title" content="Zones agreed"><title>Zones agreed - Wire</title>',
            '<p class="meta"><time datetime="2017-05-05T09:12">5 May</time></p>',
            "Zones agreed",
            "Wire",
            date(2017, 5, 5),
            id="og-title-and-byline-time",
        ),
        pytest.param(
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2019-04-26", "publisher": {"name": "Ledger"}}</script>',
            "",
            None,
            "Ledger",
            date(2019, 4, 26),
            id="json-ld",
        ),
    ],
)
def test_html_metadata(
    head: str, body_extra: str, title: str | None, publisher: str | None, published: date | None
) -> None:
    html = f"<html><head>{head}</head><body>{body_extra}<p>{BODY}</p></body></html>"
    article = read_article(html.encode(), "page.htm")
    assert article.title == title
    assert article.publisher == publisher
    assert article.meta_published == published


@pytest.mark.parametrize(
    ("head", "body_extra", "published"),
    [
        pytest.param(
            '<meta name="pubdate" content="20190307">', "", date(2019, 3, 7), id="compact"
        ),
        pytest.param(
            '<meta property="og:published_time" content="2019-03-07T08:02:00+04:00">',
            "",
            date(2019, 3, 7),
            id="og-published-time",
        ),
        pytest.param(
            '<meta name="DC.date.issued" content="2019-03-07">',
            "",
            date(2019, 3, 7),
            id="dublin-core",
        ),
        pytest.param(
            '<meta name="sailthru.date" content="2019-03-07 08:02:00">',
            "",
            date(2019, 3, 7),
            id="sailthru",
        ),
        pytest.param(
            '<meta name="parsely-pub-date" content="2019-03-07T04:02:00Z">',
            "",
            date(2019, 3, 7),
            id="parsely",
        ),
        pytest.param(
            '<meta name="publishdate" content="2019/03/07">', "", date(2019, 3, 7), id="publishdate"
        ),
        pytest.param(
            '<meta name="date" content="2019-03-09">'
            '<meta name="publish-date" content="2019-03-07">',
            "",
            date(2019, 3, 7),
            id="specific-key-beats-bare-date",
        ),
        pytest.param(
            '<meta itemprop="datePublished" content="2019-03-07">',
            "",
            date(2019, 3, 7),
            id="itemprop",
        ),
        pytest.param(
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage", '
            '"dateModified": "2021-01-05"}, {"@type": "NewsArticle", '
            '"dateModified": "2021-01-05", "datePublished": "2019-03-07T08:02:00+04:00"}]}'
            "</script>",
            "",
            date(2019, 3, 7),
            id="json-ld-published-not-modified",
        ),
        pytest.param(
            "",
            '<p class="byline">By A. Writer <time class="updated" datetime="2021-01-05">5 Jan'
            '</time> <time pubdate datetime="2019-03-07">7 March</time></p>',
            date(2019, 3, 7),
            id="time-pubdate-beats-updated-time",
        ),
        pytest.param(
            "",
            '<div class="entry-meta">Posted on <time class="entry-date published updated" '
            'datetime="2019-03-07T08:02:00+00:00">March 7, 2019</time></div>',
            date(2019, 3, 7),
            id="time-marked-published-and-updated",
        ),
        pytest.param(
            '<meta property="article:modified_time" content="2021-01-05T10:00:00+00:00">'
            '<meta property="og:updated_time" content="2021-01-05T10:00:00+00:00">'
            '<script type="application/ld+json">{"dateModified": "2021-01-05"}</script>',
            '<p class="meta"><time class="entry-modified" datetime="2021-01-05">5 Jan</time></p>',
            None,
            id="modified-dates-only",
        ),
        pytest.param(
            '<meta itemprop="datePublished" content="not a date">',
            '<nav><span itemprop="datePublished" content="2018-05-01">Teaser</span></nav>'
            '<p class="byline"><time datetime="2019-03-07">7 March 2019</time></p>',
            date(2019, 3, 7),
            id="dates-in-page-chrome-are-skipped",
        ),
    ],
)
def test_html_publication_metadata(head: str, body_extra: str, published: date | None) -> None:
    html = f"<html><head>{head}</head><body>{body_extra}<p>{BODY}</p></body></html>"
    assert read_article(html.encode(), "page.html").meta_published == published


# A ministry-style page: no <article> or <main>, the story in <div id="content">, menus,
# language links, a column of other releases and a footer with a "Last modified" date.
PRESS_RELEASE_PAGE = """<!DOCTYPE html><html lang="en"><head>
<title>No. 55/19, 12 March 2019, Press release on the meeting in the Kazakh capital</title>
</head><body>
<div id="skip-link"><a href="#content">Skip to main content</a></div>
<div id="header"><div class="langs"><a href="/tr/">Turkce</a> | <a href="/en/">English</a></div>
<ul id="topmenu"><li><a href="/en/minister/">Minister</a></li>
<li><a href="/en/releases/">Press Releases</a></li></ul></div>
<div id="content">
<h2 class="title">No. 55/19, 12 March 2019, Press release on the meeting in the Kazakh capital</h2>
<p>{body}</p>
<p>Our delegation was headed by the Deputy Minister, who met the other heads of delegation.</p>
</div>
<div id="right-col"><h4>Other Press Releases</h4><ul class="list">
<li><a href="/a">No. 40/19, 1 March 2019, Press release on the floods</a></li>
<li><a href="/b">No. 31/19, 20 February 2019, Press release on the visit</a></li></ul></div>
<div id="bottom"><p>Ministry of Foreign Affairs, 8 Main Street, Ankara</p>
<p class="lastmod">Last modified: 02.04.2019 09:41</p></div>
</body></html>
""".replace("{body}", BODY)


def test_page_without_article_element_reads_the_content_block() -> None:
    article = read_article(PRESS_RELEASE_PAGE.encode(), "release.html")
    text = article.text
    assert text.startswith("No. 55/19, 12 March 2019, Press release on the meeting")
    assert text.endswith("who met the other heads of delegation.")
    for chrome in ("Skip to", "English", "Minister\n", "Other Press", "floods", "Last modified"):
        assert chrome not in text, chrome
    assert (
        article.title
        == "No. 55/19, 12 March 2019, Press release on the meeting in the Kazakh capital"
    )


def test_content_block_keeps_the_headline_and_byline_above_it() -> None:
    html = (
        "<html><body><div class='top'><ul><li>Home</li><li>World</li></ul></div>"
        "<div class='head'><h1>Envoys return to the capital</h1>"
        "<p class='byline'>By A. Writer \u00b7 Published 7 March 2019</p></div>"
        f"<div class='text'><p>{BODY}</p><p>{BODY}</p></div></body></html>"
    )
    text = read_article(html.encode(), "page.html").text
    assert "Envoys return to the capital\n\nBy A. Writer \u00b7 Published 7 March 2019" in text


def test_compound_menu_class_names_are_dropped() -> None:
    html = (
        "<html><body><article><h1>Envoys return</h1><div class='sidenav'>World | Region</div>"
        f"<ul class='mainmenu'><li>Sport</li></ul><p>{BODY}</p></article></body></html>"
    )
    text = read_article(html.encode(), "page.html").text
    assert "Region" not in text and "Sport" not in text


def test_time_inside_a_body_paragraph_is_not_the_publication_date() -> None:
    html = (
        "<html><body><article><h1>Zones agreed</h1><p>" + BODY + " The previous meeting, on "
        '<time datetime="2017-03-15">15 March</time>, ended without the rebels.</p>'
        "</article></body></html>"
    )
    assert read_article(html.encode(), "a.html").meta_published is None


def test_html_is_sniffed_without_an_html_extension() -> None:
    article = read_article(HTML_PAGE.encode(), "download.txt")
    assert article.title == "Guarantors agree on de-escalation zones"
    assert "<p" not in article.text


def test_html_declared_legacy_charset() -> None:
    html = (
        '<html><head><meta charset="iso-8859-1"></head><body><p>' + BODY + " " + CURLY + "</p>"
        "</body></html>"
    ).encode("cp1252")
    article = read_article(html, "a.html")
    assert CURLY in article.text
    assert article.encoding == "windows-1252"


def test_non_english_text_is_not_labelled_english() -> None:
    german = (
        "Die Garantiem\u00e4chte Russland, Iran und die T\u00fcrkei haben sich in der "
        "kasachischen Hauptstadt auf neue Schritte geeinigt, teilte das Au\u00dfenministerium "
        "nach zwei Tagen mit."
    )
    assert read_article(german.encode(), "a.txt").language != "en"
    html = f'<html lang="de"><body><p>{german}</p></body></html>'
    assert read_article(html.encode(), "a.html").language == "de"


@pytest.mark.corpus
@pytest.mark.parametrize("folder", ["seeds", "corpus/dev"])
def test_shared_corpus_files_read_cleanly(folder: str) -> None:
    directory = shared_dir() / folder
    for source, entry in sorted(load_gold(directory).items()):
        article = read_article((directory / source).read_bytes(), source, max_bytes=5 * MB)
        assert article.language == entry.get("language", "en"), source
        assert article.encoding == entry.get("encoding", "utf-8"), source
        assert "\r" not in article.text and "\ufffd" not in article.text, source
        assert "<" not in article.text, source


@pytest.mark.corpus
def test_latin1_corpus_file_keeps_the_turkish_name() -> None:
    path = shared_dir() / "corpus" / "dev" / "112_seventeenth-round-latin1.txt"
    if not path.is_file():
        pytest.skip(f"{path.name} is not in this copy of the corpus")
    assert "Sel\u00e7uk \u00dcnal" in read_article(path.read_bytes(), path.name).text


def test_html_text_around_dropped_chrome_stays_apart() -> None:
    # Read as bs4 read it: a dropped <script> or share box leaves the text on either side
    # as two strings, which get_text(" ") joins with a space.
    html = (
        '<html><body><article><h1>Zones<script>x</script>agreed <span class="share">s</span>'
        f"in Astana</h1><p>{BODY}</p><p>By A. Writer <time>4 May<script>x</script>2017</time>"
        "</p></article></body></html>"
    )
    article = read_article(html.encode(), "a.html")
    assert article.title == "Zones agreed in Astana"
    assert article.meta_published == date(2017, 5, 4)


def test_html_deeply_nested_paragraphs_are_kept() -> None:
    # Deeper than the 256 levels libxml2 builds by default.
    html = (
        f"<html><body><p>{BODY}</p>"
        + "<div>" * 300
        + f"<p>Deep: {BODY}</p>"
        + "</div>" * 300
        + "</body></html>"
    )
    assert read_article(html.encode(), "a.html").text == f"{BODY}\n\nDeep: {BODY}"


@pytest.mark.parametrize(
    "text",
    [
        BODY + " " + CURLY,
        "It's the end-of-talks \u2018deal\u2019 -- THE \u0130T \u212aELVIN caf\u00e9s 3rd_of x-",
        "\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b the \u0432 of",
        "",
    ],
)
def test_word_count_matches_the_word_pattern(text: str) -> None:
    from articles.extraction.plaintext import _EN_FUNCTION_WORDS, _WORD_RE, count_words

    words = [w.lower() for w in _WORD_RE.findall(text)]
    assert count_words(text) == (len(words), sum(w in _EN_FUNCTION_WORDS for w in words))


def test_headline_in_a_script_without_capitals() -> None:
    headline = "وفود الدول الضامنة تجتمع في أستانا"
    body = (
        "اجتمعت وفود روسيا وإيران وتركيا يوم الاثنين في العاصمة الكازاخستانية واتفقت على "
        "عقد الجولة المقبلة من المحادثات في الصيف بحسب بيان وزارة الخارجية."
    )
    article = read_article(f"{headline}\n\n{body}".encode(), "a.txt")
    assert article.title == headline
    assert article.language == "ar"


def test_agency_credit_with_slashes_is_still_article_text() -> None:
    # "/Agency/" puts menu separators into the paragraph; it is prose all the same.
    text = (
        "Talks to open in the capital\n\nASTANA, May 3. /Agency/. The guarantors will open "
        "the talks on Wednesday with bilateral meetings, and the plenary is due the next day "
        "when the delegations are expected to sign the memorandum."
    )
    article = read_article(text.encode(), "a.txt")
    assert article.text.endswith("memorandum.")
    assert article.title == "Talks to open in the capital"
