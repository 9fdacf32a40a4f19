"""Page lines: which line of a page is chrome (mastheads, menus, date stamps, bylines, photo
captions, related-links headings and lists, share bars, follow-us lines) and which is prose,
for `sentences.analyse_layout`. Word data per language in `patterns/reader.json`; month names
from `patterns/dates.json`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .data import load
from .stand_ins import ascii_stand_ins, with_stand_ins


class StringCache(dict):
    """Value of `compute(key)` for every key seen so far (token strings repeat a lot)."""

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.compute(key)
        return value


# Line markers are split into a pattern anchored at the start of the line and patterns that
# open with a literal (searched only when the literal occurs): one search per alternative
# over every line of prose costs several times more.
_CAPTION_OPENING_RE = re.compile(
    r"^\s*[\[(]?\s*(?:photo|picture|image|caption|file\s+photo|archive\s+photo|pictured)\b",
    re.IGNORECASE,
)
_CAPTION_BRACKET_RE = re.compile(
    r"\((?:(?:photo|picture|image)\b|(?:afp|reuters|ap|getty|epa|sputnik|tass|anadolu)[^)]{0,20}\)\s*$)",
    re.IGNORECASE,
)
# "... in Geneva, Switzerland. / Reuters": a caption with its agency's credit after a slash.
# Captions are short; a paragraph of the story that ends in its wire's credit stays text.
CAPTION_MAX_WORDS = 40
_CAPTION_SLASH_CREDIT_RE = re.compile(r"[.!?][\"'\u201d\u2019]?\s*/\s*[^\s/][^/.!?]{0,40}$")
_PHOTO_RE = re.compile("photo", re.IGNORECASE)
_CAPTION_PHOTO_RE = re.compile(
    r"\bphoto\s*(?:by|:|credit)|\b(?:file|archive)\s+photo\b", re.IGNORECASE
)


def _reader_words(key: str) -> str:
    """The `key` list of `patterns/reader.json` in every language at once (layout runs before
    the language matters), as one alternation, longest first; a space matches any run."""
    data = load("reader")
    blocks = [data, *data.get("languages", {}).values()]
    words = sorted({w for block in blocks for w in block.get(key, ())}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)


# "Related", "Читайте также:", "À lire aussi", "مقالات ذات صلة": a line that is only a
# related-links heading; or a section's ("More from World", "Also in Region": the section's
# name, one or two words, capitalised).
_SECTION_NAME = r"(?-i:[A-Z\u0400-\u042f])[\w\-]*(?:\s+[\w\-]+)?"
RELATED_HEADER_RE = re.compile(
    rf"^\s*(?:{_reader_words('related_headers')}"
    rf"|(?:{_reader_words('section_link_openers')})\s+{_SECTION_NAME})\s*[:.]?\s*$",
    re.IGNORECASE,
)
# "(Reporting by A; Editing by B)": a news agency's credit line.
_CREDIT_LINE_RE = re.compile(
    rf"^\s*\(\s*(?:{_reader_words('credit_words')})\s[^()]*\)\s*$", re.IGNORECASE
)
# "Author: Jane Roe", "Автор: ...", "Yazar: ...": a byline with a label.
_BYLINE_LABEL_RE = re.compile(rf"^\s*(?:{_reader_words('byline_labels')})\s*:", re.IGNORECASE)
_BYLINE_LABEL_MAX_WORDS = 6
# "Tags: Syria, Astana", "Etiketler:", "الوسوم:": the page's tags.
_TAG_LINE_RE = re.compile(rf"^\s*(?:{_reader_words('tag_words')})\s*:", re.IGNORECASE)
# "Leave a reply", "Your email address will not be published", "Rate this article".
_WIDGET_LINE_RE = re.compile(rf"^\s*(?:{_reader_words('widget_lines')})(?!\w)", re.IGNORECASE)
_WIDGET_MAX_WORDS = 15
# "Last updated: 14:02 18/09/2017", "آخر تحديث: ١٤:٠٢": a stamp with a digit of any script.
_STAMP_LINE_RE = re.compile(rf"^\s*(?:{_reader_words('stamp_words')})(?!\w)\D*\d", re.IGNORECASE)
_STAMP_MAX_WORDS = 8
# "Paylaş Facebook Twitter WhatsApp": a short line naming social networks, at most two
# other words, and no sentence end.
_NETWORK_RE = re.compile(rf"(?<!\w)(?:{_reader_words('social_networks')})(?!\w)", re.IGNORECASE)
_SHARE_BAR_MAX_WORDS = 8
# "Share: f t g+", "Поделиться", "مشاركة:": share buttons in any language, on a short line.
_SHARE_LINE_RE = re.compile(rf"^\s*(?:{_reader_words('share_words')})\s*(?::|$)", re.IGNORECASE)
_SHARE_LINE_MAX_WORDS = 6
_RELATED_INLINE_RE = re.compile(
    r"^\s*(?:related|read\s+(?:more|also)|see\s+also|also\s+read|more\s+on)\s*[:\-\u2013\u2014]",
    re.IGNORECASE,
)
_CHROME_OPENING_RE = re.compile(
    r"^\s*(?:posted\b|published\b|updated\b|share\b|print\b|comments?\b|loading\b"
    r"|advertisement\b|subscribe\b|sign\s+in\b|home\s*[|/»>]|copyright\b|©|all\s+rights)",
    re.IGNORECASE,
)
_HANDLE_RE = re.compile(r"@\w+\s*$")
_URL_RE = re.compile(r"https?://", re.IGNORECASE)
_WWW_RE = re.compile(r"www\.", re.IGNORECASE)
_FOLLOW_RE = re.compile(r"follow\s+(?:us|me|her|him|them)\s+on\b", re.IGNORECASE)


def _slash_credit_caption(line: str) -> bool:
    return (
        "/" in line
        and len(line.split()) <= CAPTION_MAX_WORDS
        and bool(_CAPTION_SLASH_CREDIT_RE.search(line))
    )


def is_caption(line: str) -> bool:
    """ "Photo: ...", "(Photo by ...)", "file photo", "... (AFP)", "... Geneva. / Reuters"."""
    return bool(
        _CAPTION_OPENING_RE.match(line)
        or ("(" in line and _CAPTION_BRACKET_RE.search(line))
        or _slash_credit_caption(line)
        or (_PHOTO_RE.search(line) and _CAPTION_PHOTO_RE.search(line))
    )


def _has_marker_word(line: str) -> bool:
    """Whether "photo", "www." or "follow" (the words the caption and chrome patterns search
    anywhere in a line) occurs in any case. Substring tests of the lower-cased line cost a
    fraction of a case-insensitive search; `str.lower` turns only ASCII capitals into these
    letters, so both find the same lines."""
    lowered = line.lower()
    return "photo" in lowered or "www." in lowered or "follow" in lowered


def _is_caption_or_chrome(line: str, opening: bool = True) -> bool:
    """`is_caption(line) or _has_chrome_marker(line)`, with the searches for words anywhere
    in the line done only when one of them occurs. `opening`: False if `OPENING_RE` does
    not match the line (then no pattern anchored at its start does)."""
    if _has_marker_word(line):
        return is_caption(line) or _has_chrome_marker(line)
    return bool(
        (opening and (_CAPTION_OPENING_RE.match(line) or _CHROME_OPENING_RE.match(line)))
        or ("(" in line and _CAPTION_BRACKET_RE.search(line))
        or _slash_credit_caption(line)
        or ("@" in line and _HANDLE_RE.search(line))
        or ("://" in line and _URL_RE.search(line))
    )


def _has_chrome_marker(line: str) -> bool:
    """ "Posted ...", "Share", "Copyright", "Follow us on", "@handle", links."""
    return bool(
        _CHROME_OPENING_RE.match(line)
        or ("@" in line and _HANDLE_RE.search(line))
        or ("://" in line and _URL_RE.search(line))
        or _WWW_RE.search(line)
        or _FOLLOW_RE.search(line)
    )


# A byline ("By Jane Roe, with research by ..."); a paragraph of prose that opens with
# "By the standards of ..." or "By Tuesday, ..." is no byline.
_BYLINE_RE = re.compile(r"^\s*by\s+\S", re.IGNORECASE)
_MENU_SEPARATORS = ("|", "»", "\u203a", " > ", " / ")
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_WORD_RE = re.compile(
    rf"^(?:{_MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|utc|gmt"
    r"|am|pm|[0-9]+(?:st|nd|rd|th)?|[\d:./+\-()]+)$",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W_][\w'\u2019.\-]*", re.UNICODE)
_SENT_END_RE = re.compile(r"[.!?\u061f\u06d4…][\"'”\u2019)\]»\u200f\u200e]*\s*$")
# For ASCII lines, `_WORD_RE` words are the runs of letters, digits and _ ' . - that hold a
# letter or a digit. With _ ' . - deleted, every letter and digit made an "x" and every other
# byte a space, each such run is one run of "x" (and a run without letters or digits none).
_WORD_MARKS = bytes(0x78 if chr(b).isascii() and chr(b).isalnum() else 0x20 for b in range(256))


def _words(line: str) -> list[str]:
    """The words of a line (`_WORD_RE`)."""
    return _WORD_RE.findall(line)


# The character classes of `_WORD_RE`, whose stand-ins keep its words (stand_ins.py).
_WORD_STAND_INS = ascii_stand_ins([r"[^\W_]", r"[\w'\u2019.\-]"])


def word_count(line: str) -> int:
    """`len(_words(line))`, without building the words of an ASCII line: they are the runs
    of "x" in its marks, and one starts at each "x" after a space, and at the start. A line
    whose only non-ASCII characters are punctuation with stand-ins is counted as ASCII."""
    if not line.isascii():
        line = with_stand_ins(line, _WORD_STAND_INS)
    if line.isascii():
        marks = line.encode("ascii").translate(_WORD_MARKS, b"_'.-")
        return marks.count(b" x") + marks.startswith(b"x")
    return len(_WORD_RE.findall(line))


def _month_names_of_every_language() -> frozenset[str]:
    """Month names of every language of `patterns/dates.json`, lower case: a date stamp
    ("21 декабря 2017, 00:15") is chrome in any language."""
    data = load("dates")
    blocks = [data, *data.get("languages", {}).values()]
    return frozenset(
        str(name).lower()
        for block in blocks
        for key in ("months", "solar_months")
        for name in block.get(key, ())
    )


_OTHER_MONTH_NAMES = _month_names_of_every_language()


def _is_date_word(word: str) -> bool:
    word = word.strip(".,|\u060c")
    return bool(_DATE_WORD_RE.match(word)) or word.lower() in _OTHER_MONTH_NAMES


_DATE_WORD = StringCache(_is_date_word)


def _is_date_line(words: list[str]) -> bool:
    if not words:
        return False
    datey = sum(map(_DATE_WORD.__getitem__, words))
    return datey >= max(2, len(words) - 1) or (len(words) <= 3 and datey >= 1)


def _is_masthead(line: str, n_words: int) -> bool:
    if n_words > 7:
        return False
    if line.isascii():  # ASCII letters are all cased: "every letter a capital" is isupper()
        return line.isupper()
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def is_prose(line: str, n_words: int) -> bool:
    return n_words >= 12 and (bool(_SENT_END_RE.search(line)) or len(line) >= 100)


def is_heading_after(line: str, n_words: int, previous: str) -> bool:
    """A short line without a sentence end, after a line that ended a sentence (not the
    wrapped rest of a paragraph)."""
    return (
        n_words <= 10
        and not _SENT_END_RE.search(line)
        and bool(_SENT_END_RE.search(previous.rstrip()))
    )


def is_spaced_menu(line: str) -> bool:
    """A row of links set apart by runs of spaces, without a sentence end ("Home  World
    Politics  Sport  Video"): a menu, however many words it has."""
    return line.strip().count("  ") >= _MENU_GAPS and not _SENT_END_RE.search(line)


_MENU_GAPS = 4


def _is_menu(line: str) -> bool:
    """ "Home | Syria | Iraq", "World > Middle East > Syria", "News / Syria"."""
    return sum(line.count(sep) for sep in _MENU_SEPARATORS) >= 2 or (
        " / " in line and len(line) < 40
    )


def is_chrome_line(line: str, n_words: int, opening: bool = True) -> bool:
    """`n_words`: the number of `_words(line)`; `opening`: False if `OPENING_RE` does not
    match the line."""
    if n_words < 3:
        return True
    if _is_caption_or_chrome(line, opening) or (opening and _RELATED_INLINE_RE.match(line)):
        return True
    if opening and _BYLINE_RE.match(line) and not is_prose(line, n_words):
        return True
    if is_furniture(line, n_words, opening):
        return True
    if n_words > 15:
        return False
    if _is_menu(line) and not is_prose(line, n_words):
        return True
    return _is_masthead(line, n_words) or _is_date_line(_words(line))


def is_furniture(line: str, n_words: int, opening: bool = True) -> bool:
    """A share line or bar, a byline label ("Author: X"), a credit or tag line, a comment
    form or rating widget, or a short stamp line, in any language: never a headline.
    `opening`: False if `OPENING_RE` does not match the line."""
    if opening and n_words <= _SHARE_LINE_MAX_WORDS and _SHARE_LINE_RE.match(line):
        return True
    if opening and _is_furniture_line(line, n_words):
        return True
    return n_words <= _SHARE_BAR_MAX_WORDS and _is_share_bar(line, n_words)


def _is_furniture_line(line: str, n_words: int) -> bool:
    """A credit line, a tag line, a byline label, a comment form or rating widget, or a
    short stamp line ("Last updated: ...", "آخر تحديث: ...") in any language."""
    return bool(
        (n_words <= _BYLINE_LABEL_MAX_WORDS and _BYLINE_LABEL_RE.match(line))
        or _CREDIT_LINE_RE.match(line)
        or _TAG_LINE_RE.match(line)
        or (n_words <= _WIDGET_MAX_WORDS and _WIDGET_LINE_RE.match(line))
        or (n_words <= _STAMP_MAX_WORDS and _STAMP_LINE_RE.match(line))
    )


def _is_share_bar(line: str, n_words: int) -> bool:
    """Two or more social networks named, at most two other words, no sentence end."""
    if _SENT_END_RE.search(line):
        return False
    networks = len(_NETWORK_RE.findall(line))
    return networks >= 2 and n_words - networks <= 2


def norm_line(text: str) -> str:
    return " ".join(text.split()).casefold()


def _background_opener_re() -> re.Pattern[str]:
    """ "Background:", "Справка:", "Hintergrund -": the openers of every language at once
    (layout runs before the language matters, and one union costs one search)."""
    data = load("rounds")
    blocks = [data, *data.get("languages", {}).values()]
    words = sorted({w for block in blocks for w in block.get("background_openers", ())}, key=len)
    openers = "|".join(re.escape(w) for w in reversed(words))
    return re.compile(rf"^\s*(?:{openers})\s*[:\-\u2013\u2014]", re.IGNORECASE)


BACKGROUND_RE = _background_opener_re()

# The patterns anchored at the start of a line, as one: most lines of a page open with none
# of them, and one failed match of the union costs less than half as much as six.
_OPENING_PATTERNS = (
    *(_CAPTION_OPENING_RE, _CHROME_OPENING_RE, _RELATED_INLINE_RE, _BYLINE_RE),
    *(RELATED_HEADER_RE, BACKGROUND_RE, _SHARE_LINE_RE),
    *(_CREDIT_LINE_RE, _TAG_LINE_RE, _WIDGET_LINE_RE, _STAMP_LINE_RE, _BYLINE_LABEL_RE),
)
OPENING_RE = re.compile("|".join(f"(?:{rx.pattern})" for rx in _OPENING_PATTERNS), re.IGNORECASE)
