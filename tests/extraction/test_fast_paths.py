"""The fast paths of sentences.py, rounds.py, the reader modules and dates.py give what the
rules give."""

from __future__ import annotations

import re

import numpy
import pytest
import spacy

from articles.extraction import attribution, datestamps, markup, page_lines, plaintext, sentences
from articles.extraction.sentences import SentInfo, Tokens

TRICKY_LINES = [
    "",
    "   ",
    "Home | Syria | Iraq",
    "By Jane Roe, with research by A.N. Other",
    "14:30 GMT, 5 May 2017 -- updated",
    "_ ' . - ... -- __init__ 'quoted' don't e-mail U.S.-led",
    "mid-2017 2017-18 3.5% a_b _a b_ x.y.z -x- 'x'",
    "Caf\u00e9 d\u2019Orsay \u2014 \u00abZ\u00fcrich\u00bb Stra\u00dfe \u0130stanbul \u212aelvin",
    "tab\there\u00a0nbsp\u2009thin",
]


MARKER_LINES = [
    "PHOTO: AFP",
    "Follow us on Twitter",
    "see WWW.example.com",
    "photographs of the talks",
    "no marker at all",
    "F\u00f8llow",
    "\u0130 photo",
    "B\u0130Z\u0130 TAK\u0130P ED\u0130N",
    "\u0424\u041e\u0422\u041e: \u0422\u0410\u0421\u0421",
    "FOTO\u011eRAF: AJANS",
    " ".join(["follow"] * 41),
]
MENU_LINES = [
    "World > Middle East > Syria",
    "News / Syria",
    "a  /  b",
    "Home \u00bb Syria \u00bb Talks",
    "and/or a > b",
    "Talks | Astana",
    "x|y",
]


def _every_character() -> list[str]:
    """Each Latin-1 character and some Unicode spaces: between letters, alone, after a space."""
    texts = []
    for code in [*range(256), 0x2000, 0x2028, 0x3000, 0x200B, 0xFEFF]:
        c = chr(code)
        texts.extend((f"a{c}b {c} {c}c", c, f" {c}"))
    return texts


PROBES = [*TRICKY_LINES, *MARKER_LINES, *MENU_LINES, *_every_character()]

# A line test with a fast path -> (the fast path, the plain rule it stands for).
FAST_LINE_TESTS = {
    "layout word count": (page_lines.word_count, lambda s: len(page_lines._WORD_RE.findall(s))),
    "reader word count": (plaintext.number_of_words, lambda s: len(plaintext._WORD_RE.findall(s))),
    "reader split count": (markup._split_count, lambda s: len(s.split())),
    "reader menu line": (plaintext.is_menu_line, lambda s: bool(plaintext._MENU_LINE_RE.search(s))),
    "layout marker word": (
        lambda s: page_lines._has_marker_word(s, page_lines.word_count(s)),
        lambda s: (
            page_lines.word_count(s) <= page_lines._MARKER_LINE_MAX_WORDS
            and bool(re.search("|".join(map(re.escape, page_lines._markers())), s, re.IGNORECASE))
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(FAST_LINE_TESTS))
def test_fast_line_test_gives_what_the_plain_rule_gives(name: str) -> None:
    fast, plain = FAST_LINE_TESTS[name]
    assert [text for text in PROBES if fast(text) != plain(text)] == []


@pytest.mark.parametrize(
    "line", ["MIDDLE EAST DISPATCH", "Middle East", "BBC 24", "1234", "\u00c9CHO DU MATIN"]
)
def test_masthead_test_of_ascii_lines_matches_the_letter_test(line: str) -> None:
    letters = [ch for ch in line if ch.isalpha()]
    expected = bool(letters) and all(ch.isupper() for ch in letters)
    assert page_lines._is_masthead(line, 3) == expected


def test_orth_strings_look_up_new_and_merged_hashes() -> None:
    nlp = spacy.blank("en")
    table = sentences._OrthStrings()
    words = [f"Word{i}" for i in range(300)]
    for chunk in range(0, 300, 30):
        ending = ["The", "talks", "end", ".", f"\n{' ' * chunk}\n", "Next", "!", "\n", "-"]
        doc = nlp.make_doc(" ".join([*words[chunk : chunk + 30], *ending]))
        orths = doc.to_array("ORTH")
        text, lower, breaks = table.lookup(orths, doc.vocab.strings)
        assert text == [t.text for t in doc]
        assert lower == [t.lower_ for t in doc]
        assert breaks == [t.i for t in doc if sentences._is_break(t.text)]
        assert len(breaks) == 4
    assert len(table.table[0]) > 1  # some were merged into the sorted arrays
    keys = table.table[0]
    assert numpy.all(keys[:-1] < keys[1:])
    doc = nlp.make_doc(" ".join(words))
    assert table.lookup(doc.to_array("ORTH"), doc.vocab.strings)[0] == words


def test_tokens_of_a_doc() -> None:
    doc = spacy.blank("en")("The 13th round  opened\nin Astana.")
    view = Tokens.of(doc)
    assert view.text == [t.text for t in doc]
    assert view.lower == [t.lower_ for t in doc]
    assert view.idx == [t.idx for t in doc]
    assert view.ws == [bool(t.whitespace_) for t in doc]
    assert view.breaks == [5, 8]


def test_sentence_marks_without_the_break_offsets_of_the_lookup() -> None:
    nlp = spacy.blank("en")
    text = "HEADLINE HERE\nBy Jane Roe\n\nTalks opened (in Astana). They ended!\n- a bullet"
    doc = sentences.mark_sentences(nlp.make_doc(text))
    rebuilt = nlp.make_doc(text)
    view = Tokens.of(rebuilt)
    rebuilt.user_data["astana.tokens"] = (view.text, view.lower, view.idx, view.ws)
    sentences.mark_sentences(rebuilt)
    assert sentences.tokens_of(rebuilt).breaks is None  # found by the plain test
    starts = doc.user_data["astana.sent_starts"]
    assert rebuilt.user_data["astana.sent_starts"] == starts == [0, 3, 7, 14, 18]


def _sent(index: int, start_char: int, end_char: int) -> SentInfo:
    return SentInfo(index, 0, 0, start_char, end_char, 0, 0, sentences.BODY)


def test_history_sentences_are_those_holding_a_marker() -> None:
    text = "Talks opened. The Civil War began in 2011. Since 2011, aid fell. Civil\nwar."
    bounds = [(0, 13), (14, 42), (43, 63), (64, 74)]
    sents = [_sent(i, a, b) for i, (a, b) in enumerate(bounds)]
    expected = {
        s.index
        for s in sents
        if any(m in text[s.start_char : s.end_char].lower() for m in attribution.HISTORY_MARKERS)
    }
    assert attribution._history_sentences(text, sents) == expected == {1, 2}
    # lower-casing that changes the length takes the sentence-by-sentence path
    text = "\u0130stanbul: civil war."
    sents = [_sent(0, 0, len(text))]
    assert attribution._history_sentences(text, sents) == {0}


def test_subordinate_scan_stops_at_punctuation() -> None:
    words = ["talks", "opened", "after", "the", "meeting", ",", "in", "May"]
    tv = Tokens(words, [w.lower() for w in words], list(range(len(words))), [True] * len(words))
    assert attribution._is_subordinate(tv, 0, 4)  # "after" before "meeting"
    assert not attribution._is_subordinate(tv, 0, 7)  # the comma ends the search


def _page_tags(html: str) -> list:
    page = markup._parse_html(html)
    return [tag for top in page for tag in top.iter(markup.etree.Element)]


def test_reader_paragraph_words_are_the_word_counts_of_the_text() -> None:
    tags = _page_tags(
        "<html><head><script>var p = '<p>no</p>';</script></head><body>"
        "<p>One <b>two</b>three <i>four\nfive</i></p><p>  </p>"
        "<template><p>inside a template</p><div><p>deeper still</p></div></template>"
        "<ruby>x<rt><p>ruby text</p></rt></ruby><p>six<script>no</script> seven</p>"
        "</body></html>"
    )
    counts = markup._paragraph_words(tags)
    paragraphs = [t for t in tags if t.tag == "p"]
    assert list(counts) == paragraphs
    assert counts == {p: len(markup._text(p).split()) for p in paragraphs}
    assert sorted(counts.values()) == [0, 0, 0, 0, 2, 5]


def _plain_is_noise(tag) -> bool:
    """`markup._is_noise` as it read each attribute with `get` (the rule, without the cache)."""
    name = tag.tag
    if name in markup._DROP_TAGS:
        return True
    if name == "header":
        return next(tag.iterdescendants("h1"), None) is None
    role = tag.get("role")
    if role is not None and role.lower() in markup._DROP_ROLES:
        return True
    if tag.get("hidden") is not None or tag.get("aria-hidden") == "true":
        return True
    style = tag.get("style")
    if style is not None and markup._DISPLAY_NONE_RE.search(style):
        return True
    if tag.get("class") is not None or tag.get("id") is not None:
        words = markup._class_words(tag.get("class"), tag.get("id"))
        if words & markup._NOISE_WORDS or words & markup._NOISE_JOINED:
            return True
        if any(w.endswith(markup._NOISE_SUFFIXES) for w in words):
            return True
    if name in {"section", "div", "ul", "ol"}:
        heading = markup._opening_heading(tag)
        if heading is not None and markup._is_related_heading(markup._text(heading)):
            return True
    return name == "figure" and next(tag.iterdescendants("img", "picture", "video"), None) is None


def test_reader_noise_test_matches_the_rule_and_splits_class_names() -> None:
    tags = _page_tags(
        "<html><body>"
        '<div class="share-box">a</div><div id="mainMenu">b</div><div class="Story body">c</div>'
        '<div id="x" CLASS="most_read">d</div><p hidden>e</p><p aria-hidden="true">f</p>'
        '<p aria-hidden="false">g</p><div role="Navigation">h</div><div role="main">i</div>'
        '<span style="DISPLAY: none">j</span><span style="color: red">k</span>'
        '<div class="a b  c" id="story text">l</div><figure><img src="x.png"></figure>'
        '<figure class="wide"></figure><section><h2>Related</h2><p>m</p></section>'
        '<div class="ad-slot">n</div><div class="head">o</div><div class="">p</div>'
        "</body></html>"
    )
    assert [markup._is_noise(t) for t in tags] == [_plain_is_noise(t) for t in tags]
    assert sum(map(markup._is_noise, tags)) == 10
    assert markup._class_words("share-box a_b", "Main Menu") == {
        *("sharebox", "share", "box", "ab", "a", "b", "main menu", "main", "menu"),
    }


@pytest.mark.parametrize(
    "text",
    [
        *TRICKY_LINES,
        "Russia, Turkey and Iran agreed on four de-escalation zones in Astana on Thursday.",
        "Russia, Turkey and Iran agreed on four de-escalation zones in Astana on Thursday",
        "[Photo] Delegations of Russia, Turkey and Iran arrive in Astana for the new round.",
        "word " * 30,
        "A short line that ends with a stop.",
    ],
)
def test_dates_prose_test_matches_the_rule(text: str) -> None:
    line = datestamps.Line(text, 0, len(text), 0)
    expected = (
        not datestamps.CAPTION_RE.match(text)
        and len(datestamps._words(text)) >= datestamps._PROSE_MIN_WORDS
        and (bool(datestamps._SENTENCE_END_RE.search(text)) or len(text) >= 120)
    )
    assert datestamps.is_prose(line) == expected


OPENING_LINES = [
    *TRICKY_LINES,
    "Photo: AFP",
    "(Picture by Jane Roe)",
    "Posted on 3 May 2018",
    "Related stories",
    "Related: talks end",
    "Read more:",
    "By Jane Roe",
    "Background: the talks began in 2017",
    "Editor's note - this article was updated",
    "  \u00a9 2018 Agency",
    "Home / Syria",
    "The talks opened in Astana on Thursday, the ministry said.",
]


@pytest.mark.parametrize("line", OPENING_LINES)
def test_opening_union_matches_where_an_opening_pattern_does(line: str) -> None:
    patterns = page_lines._OPENING_PATTERNS
    assert all(rx.flags & re.IGNORECASE for rx in patterns)
    expected = any(rx.match(line) for rx in patterns)
    assert (page_lines.OPENING_RE.match(line) is not None) == expected
    n_words = page_lines.word_count(line)
    if not expected:  # what the union rules out is never tested
        assert page_lines.is_chrome_line(line, n_words, False) == page_lines.is_chrome_line(
            line, n_words
        )
