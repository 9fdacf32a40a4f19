"""Plain-text layout: word counts, menu and chrome lines, the prose test, title and outlet of
a plain-text article."""

from __future__ import annotations

import re
import string
from functools import lru_cache
from itertools import filterfalse

from .data import load
from .datetext import parse_date_text
from .decoding import UnreadableArticle
from .page_lines import (
    BYLINE_RE,
    has_photo_credit,
    is_button_row,
    is_caption,
    is_consent_banner,
    is_end_chrome,
    is_furniture,
    is_label_run,
    is_name_line,
    is_spaced_menu,
    reader_words,
    without_date_header,
    word_count,
    words_of,
)

_MENU_LINE_RE = re.compile(r"\S\s*(?:\||>|\u00bb|/)\s*\S.*(?:\||>|\u00bb|/)|\s\|\s|\s{2,}/\s{2,}")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", re.UNICODE)
# UTF-8 bytes that may be part of a `_WORD_RE` word (ASCII letters, ' and -, and all
# non-ASCII); every other byte becomes a space.
_WORD_BYTES = bytes(
    b if b >= 0x80 or chr(b) in string.ascii_letters + "'-" else 0x20 for b in range(256)
)
_TEXT_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

# English function words (language detection counts them: `count_words`).
_EN_FUNCTION_WORDS = frozenset(load("reader")["function_words"])
_EN_FUNCTION_WORDS_BYTES = frozenset(w.encode() for w in _EN_FUNCTION_WORDS)
_MIN_PROSE_WORDS = 20
# A line of a page's closing chrome is at most this long.
_MAX_CHROME_LINE = 150
_SENTENCE_END_RE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_PROSE_LINE_MIN_WORDS = 6
_NO_HEADLINE_ENDINGS = (".", ":", ";", ",", "\u060c", "\u061b", "\u06d4")
# "12 comments", "1,204 views", "5 min read", "340 просмотров": a count on the page.
_COUNTER_RE = re.compile(rf"\d+\s+(?:{reader_words('counter_words')})(?!\w)", re.IGNORECASE)
_CLOCK_RE = re.compile(r"(?<![\d:])[0-2]?\d:[0-5]\d(?![\d:])")
# A photo credit on a line of its own ("AP Photo/ Jane Roe, file") is this short.
_CREDIT_MAX_WORDS = 8
# A menu item or breadcrumb is a few words; a piece this long between separators is prose.
_MENU_ITEM_MAX_WORDS = 12
_MENU_SEPARATOR_RE = re.compile(r"\s*(?:\||>|\u00bb|/)\s*")


# --- plain text ---------------------------------------------------------------------------


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


def plain_publisher(lines: list[str]) -> str | None:
    if not lines:
        return None
    first = re.split(r"\s+\|\s+|\s{3,}", lines[0])[0].strip()
    return first if _is_banner(first) else None


def plain_title(lines: list[str]) -> str | None:
    """The headline: the last headline-like line above the first paragraph.

    Taking the last one skips taglines and kickers under an outlet banner; bylines, date
    lines and captions between the headline and the body are not headline-like.
    """
    title = None
    after_credit = False
    for line in lines[:15]:
        line = without_date_header(line)
        if is_consent_banner(line) or is_label_run(line, word_count(line)):
            continue  # a cookie banner or an icon sprite's names: no paragraph of the story
        n_words = number_of_words(line)
        if n_words >= 40:
            break  # the body has begun
        if n_words >= 15 and _SENTENCE_END_RE.search(line):
            break
        credit = has_photo_credit(line)
        if not credit and not after_credit and _is_headline(line, n_words):
            title = line
        # The line under a credit that stands alone is the photo's caption.
        after_credit = credit and n_words <= _CREDIT_MAX_WORDS
    return title


def _is_headline(line: str, n_words: int) -> bool:
    if not 3 <= n_words <= 25 or not 12 <= len(line) <= 200:
        return False
    # A clause of a statement ends in a comma or semicolon of any script: no headline.
    if line.endswith(_NO_HEADLINE_ENDINGS) or line.startswith(("[", "(")) or BYLINE_RE.match(line):
        return False
    if is_menu_line(line) or is_spaced_menu(line) or _is_banner(line) or line.isupper():
        return False
    if is_caption(line, word_count(line)):
        return False  # a photo's caption ("... in Idlib, Oct. 1. (Agency Photo)")
    if is_button_row(words_of(line)) or is_name_line(line):
        return False  # font-size buttons ("Font size A A A"), a byline ("Jane Roe, John Doe")
    if _COUNTER_RE.match(line):
        return False  # page furniture that counts ("1 pages in this article", "12 comments")
    if is_furniture(line, word_count(line)):
        return False  # a share bar, a byline label ("Author: X"), a tag or stamp line
    if n_words <= 8 and (parse_date_text(line) is not None or _CLOCK_RE.search(line)):
        return False  # a date line ("Friday, 17 February 2017 | 10:30", "23 Sep. 16:55")
    first = line[0]
    if first.isalpha() and not first.isupper() and not first.islower():
        return True  # a script without capitals (Arabic, Persian)
    return first.isupper() or first.isdigit() or first in "\"'\u201c\u2018"


def is_menu_line(line: str) -> bool:
    """`_MENU_LINE_RE.search(line)`. Every match holds one of its separators | > \u00bb /, and
    substring tests for them cost a fraction of the search, which most lines fail."""
    has_separator = "|" in line or "/" in line or ">" in line or "\u00bb" in line
    return has_separator and bool(_MENU_LINE_RE.search(line))


def strip_trailing_chrome(text: str) -> str:
    """Drop share buttons, 'Loading...', follow-us lines and the like after the article: the
    page's closing chrome as `page_lines.is_end_chrome` defines it, in any language.

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
        if len(line) <= _MAX_CHROME_LINE and not sentence and is_end_chrome(line):
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


def require_prose(text: str) -> None:
    """Refuse text without ~20 words in lines of running prose (menus and labels do not count)."""
    count = 0
    for line in text.split("\n"):
        if len(line) < _PROSE_LINE_MIN_WORDS * 2:
            continue
        if is_menu_line(line) and not _has_prose_piece(line):
            continue
        n_words = number_of_words(line)
        if n_words >= _PROSE_LINE_MIN_WORDS:
            count += n_words
            if count >= _MIN_PROSE_WORDS:
                return
    raise UnreadableArticle("no article text found")


def _has_prose_piece(line: str) -> bool:
    """A line with menu separators that still holds running text between two of them: an
    agency credit ("PLACE, 16 May. /Agency/. The talks ...") or "and/or" in a sentence, not
    a run of short menu items."""
    return any(
        number_of_words(piece) >= _MENU_ITEM_MAX_WORDS for piece in _MENU_SEPARATOR_RE.split(line)
    )


def number_of_words(text: str) -> int:
    """`len(_WORD_RE.findall(text))`, counted as `count_words` counts."""
    pieces = text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).split()
    others = list(filterfalse(bytes.isalpha, pieces))
    return len(pieces) - len(others) + sum([_odd_piece_words(piece)[0] for piece in others])


def count_words(text: str) -> tuple[int, int]:
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
