"""Plain-text layout: word counts, menu and chrome lines, the prose test, title and outlet of
a plain-text article."""

from __future__ import annotations

import re
import string
from functools import cache, lru_cache
from itertools import filterfalse

from .data import for_language, load
from .datetext import parse_date_text
from .decoding import UnreadableArticle
from .page_lines import is_furniture, word_count

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
# The archive's scraper header (" date 2017-12-20 ", or only the month: " date 2024-01 ")
# written in front of the page's first line.
_DATE_HEADER_RE = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", re.UNICODE)
# UTF-8 bytes that may be part of a `_WORD_RE` word (ASCII letters, ' and -, and all
# non-ASCII); every other byte becomes a space.
_WORD_BYTES = bytes(
    b if b >= 0x80 or chr(b) in string.ascii_letters + "'-" else 0x20 for b in range(256)
)
_TEXT_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)

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
_MAX_CHROME_LINE = 150
_SENTENCE_END_RE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*$")
_PROSE_LINE_MIN_WORDS = 6
_NO_HEADLINE_ENDINGS = (".", ":", ";", ",", "\u060c", "\u061b", "\u06d4")
_COUNTER_RE = re.compile(
    r"\d+\s+(?:pages?|comments?|views?|shares?|photos?|replies|min(?:ute)?s?\s+read)\b",
    re.IGNORECASE,
)
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
        header = _DATE_HEADER_RE.match(line)
        if header:  # the scraper's header stands in front of the page's first line
            line = line[header.end() :].strip()
        n_words = number_of_words(line)
        if n_words >= 40:
            break  # the body has begun
        if n_words >= 15 and _SENTENCE_END_RE.search(line):
            break
        credit = _photo_credit_re().search(line) is not None
        if not credit and not after_credit and _is_headline(line, n_words):
            title = line
        # The line under a credit that stands alone is the photo's caption.
        after_credit = credit and n_words <= _CREDIT_MAX_WORDS
    return title


@cache
def _photo_credit_re() -> re.Pattern[str]:
    """A photo credit in any supported language: "Photo: X", "(Photo: X)", "AP Photo/ X",
    "Фото: X", or a copyright sign."""
    words = {
        word
        for lang in load("languages")["supported"]
        for word in for_language("reader", lang).get("photo_words", ())
    }
    names = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(
        rf"(?<!\w)(?:{names})\s*(?:[:/\u00a9]|\bby\b|\bcredit\b)|\(\s*(?:{names})\b|\u00a9",
        re.IGNORECASE,
    )


def _is_headline(line: str, n_words: int) -> bool:
    if not 3 <= n_words <= 25 or not 12 <= len(line) <= 200:
        return False
    # A clause of a statement ends in a comma or semicolon of any script: no headline.
    if line.endswith(_NO_HEADLINE_ENDINGS) or line.startswith(("[", "(", "By ", "by ")):
        return False
    if is_menu_line(line) or _is_banner(line) or line.isupper():
        return False
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
