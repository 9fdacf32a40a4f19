"""Page lines: which line of a page is chrome (mastheads, menus, date stamps, bylines, photo
captions, related-links headings and lists, share bars, follow-us lines) and which is prose,
for `sentences.analyse_layout`; and which lines close a page (`is_end_chrome`, for
`plaintext.strip_trailing_chrome`). Word data per language in `patterns/reader.json`, built
into patterns here once; month and weekday names from `patterns/dates.json`.
"""

from __future__ import annotations

import re
from collections import Counter
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


def _blocks(name: str) -> list[Any]:
    """The English top level and every language's block of `patterns/<name>.json`: layout
    runs before the language matters, and a page's chrome may be in any language."""
    data = load(name)
    return [data, *data.get("languages", {}).values()]


def reader_word_list(key: str) -> list[str]:
    """The `key` list of `patterns/reader.json` in every language at once, lower case."""
    return sorted({str(w).lower() for block in _blocks("reader") for w in block.get(key, ())})


def reader_words(key: str) -> str:
    """`reader_word_list(key)` as one pattern; a space matches any run of spaces."""
    return alternation(reader_word_list(key))


def alternation(phrases: list[str]) -> str:
    """A pattern matching any of `phrases` (lower case; a space matches any run of spaces),
    written as a tree of their shared beginnings: "sh(?:are(?:\\s+(?:on|this))?|...)". The
    engine tries the branches of an alternation one by one, so one branch per first letter
    costs a fraction of one per phrase, and it tries longer phrases before their prefixes."""
    tree: dict[str, dict] = {}
    for phrase in phrases:
        node = tree
        for ch in " ".join(phrase.split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _tree_pattern(tree)


def _tree_pattern(node: dict[str, dict]) -> str:
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _tree_pattern(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = "|".join(branches)
    if "" in node:  # a phrase ends here: the longer ones first, then the end
        return f"(?:{body})?"
    return body if len(branches) == 1 else f"(?:{body})"


def _opening(words: str, after: str = r"(?!\w)") -> re.Pattern[str]:
    """A line opening with one of `words` (an alternation) and then `after`."""
    return re.compile(rf"^\s*(?:{words}){after}", re.IGNORECASE)


# Line markers are split into a pattern anchored at the start of the line and patterns that
# open with a literal (searched only when the literal occurs): one search per alternative
# over every line of prose costs several times more.
# "Photo: ...", "[Picture of ...]", "Фото пресс-службы": a caption.
_CAPTION_OPENING_RE = _opening(rf"[\[(]?\s*(?:{reader_words('caption_openers')})")
_PHOTO_WORDS = reader_words("photo_words")
# "... (Photo: X)", "... (AFP)", "... (Reuters/Jane Roe)": a caption's bracketed credit.
_CAPTION_BRACKET_RE = re.compile(
    rf"\((?:\s*(?:{_PHOTO_WORDS})(?!\w)|(?:{reader_words('agency_names')})(?!\w)[^)]{{0,20}}\)\s*$)",
    re.IGNORECASE,
)
# A photo credit in any language: "Photo: X", "AP Photo/ X", "Photo by X", "Фото: X",
# "Fotoğraf: X", "(Photo: X)", a copyright sign, or a caption phrase ("file photo").
_PHOTO_CREDIT_RE = re.compile(
    rf"(?<!\w)(?:{_PHOTO_WORDS})\s*(?:[:/\u00a9]|(?:{reader_words('photo_credit_words')})(?!\w))"
    rf"|\(\s*(?:{_PHOTO_WORDS})(?!\w)|\u00a9|(?<!\w)(?:{reader_words('caption_phrases')})(?!\w)",
    re.IGNORECASE,
)
# "Jane Roe (L) and John Doe (R) ...": people placed in a photo, a caption.
_POSITION_MARK_RE = re.compile(
    rf"\(\s*(?:{reader_words('caption_position_marks')})\s*\)", re.IGNORECASE
)
_POSITION_MARKS_MIN = 2


def _places_people(line: str) -> bool:
    return len(_POSITION_MARK_RE.findall(line)) >= _POSITION_MARKS_MIN


# "... in Geneva, Switzerland. / Reuters": a caption with its agency's credit after a slash.
# Captions are short; a paragraph of the story that ends in its wire's credit stays text.
CAPTION_MAX_WORDS = 40
_CAPTION_SLASH_CREDIT_RE = re.compile(r"[.!?][\"'\u201d\u2019]?\s*/\s*[^\s/][^/.!?]{0,40}$")


# "Related", "Читайте также:", "À lire aussi", "مقالات ذات صلة": a line that is only a
# related-links heading; or a section's ("More from World", "Also in Region": the section's
# name, one or two words, capitalised).
_SECTION_NAME = r"(?-i:[A-Z\u0400-\u042f])[\w\-]*(?:\s+[\w\-]+)?"
_RELATED_WORDS = reader_words("related_headers")
RELATED_HEADER_RE = re.compile(
    rf"^\s*(?:{_RELATED_WORDS}"
    rf"|(?:{reader_words('section_link_openers')})\s+{_SECTION_NAME})\s*[:.]?\s*$",
    re.IGNORECASE,
)
# "Related: ...", "Read more - ...", "Читайте также: ...": a link after a related heading.
_RELATED_INLINE_RE = _opening(_RELATED_WORDS, r"\s*[:\-\u2013\u2014]")
# "Read more about ...", "Most read", "Latest news from the region": a heading over a block
# of links in HTML, or a closing line of a page (never a sentence: see `is_end_chrome`).
RELATED_OPENING_RE = _opening(_RELATED_WORDS)
# "(Reporting by A; Editing by B)": a news agency's credit line.
_CREDIT_LINE_RE = _opening(rf"\(\s*(?:{reader_words('credit_words')})", r"\s[^()]*\)\s*$")
# "Author: Jane Roe", "Автор: ...", "Yazar: ...": a byline with a label.
_BYLINE_LABEL_RE = _opening(reader_words("byline_labels"), r"\s*:")
_BYLINE_LABEL_MAX_WORDS = 6
# "Tags: Syria, Astana", "Etiketler:", "الوسوم:": the page's tags.
_TAG_LINE_RE = _opening(reader_words("tag_words"), r"\s*:")
# "Leave a reply", "Your email address will not be published", "Rate this article".
_WIDGET_LINE_RE = _opening(reader_words("widget_lines"))
_WIDGET_MAX_WORDS = 15
# "Last updated: 14:02 18/09/2017", "آخر تحديث: ١٤:٠٢": a stamp with a digit of any script.
_STAMP_WORDS = reader_words("stamp_words")
_STAMP_LINE_RE = _opening(_STAMP_WORDS, r"(?!\w)\D*\d")
_STAMP_MAX_WORDS = 8
# "Paylaş Facebook Twitter WhatsApp": a short line naming social networks, at most two
# other words, and no sentence end.
_NETWORK_RE = re.compile(rf"(?<!\w)(?:{reader_words('social_networks')})(?!\w)", re.IGNORECASE)
_SHARE_BAR_MAX_WORDS = 8
# "Share: f t g+", "Поделиться", "مشاركة:": share buttons in any language, on a short line.
_SHARE_LINE_RE = _opening(reader_words("share_words"), r"\s*(?::|$)")
_SHARE_LINE_MAX_WORDS = 6
# "Share this", "Loading...", "Copyright 2017", "Home | World", "© 2017": page furniture
# whatever follows; "Posted in News", "Updated 2 years ago": a stamp (chrome, but a page's
# last lines keep it: see `is_end_chrome`).
_FURNITURE_OPENING_RE = _opening(
    rf"(?:{reader_words('chrome_openers')})(?!\w)|(?:{reader_words('home_words')})\s*[|/»>]|\u00a9",
    "",
)
_STAMP_OPENING_RE = _opening(_STAMP_WORDS)
_HANDLE_RE = re.compile(r"@\w+\s*$")
_URL_RE = re.compile(r"https?://", re.IGNORECASE)
_WWW_RE = re.compile(r"www\.", re.IGNORECASE)
_FOLLOW_RE = re.compile(rf"(?:{reader_words('follow_phrases')})(?!\w)", re.IGNORECASE)
# "We use cookies ...", "Мы используем файлы cookie", "Bu sitede çerezler ...": a consent
# banner. Matched at a word's start: one stem covers a language's endings.
_CONSENT_RE = re.compile(rf"(?<!\w)(?:{reader_words('consent_words')})", re.IGNORECASE)
# A line that is only a link ("www.outlet.example") or a rule ("---", "___", "***").
_LINK_OR_RULE_LINE_RE = re.compile(r"^\s*(?:(?:https?://|www\.)\S+|-{3,}|_{3,}|\*{3,})\s*$")


# Every match of `_PHOTO_CREDIT_RE`, `_WWW_RE`, `_FOLLOW_RE` or `_CONSENT_RE` (the patterns
# searched anywhere in a line) holds one of these, lower case: the photo words (every caption
# phrase holds one), the first word of each follow-us and consent phrase, "www." and the
# copyright sign;
# without those that hold a shorter one (see `_has_marker_word`).
def _markers() -> list[str]:
    firsts = {"www.", "\u00a9", *reader_word_list("photo_words")}
    phrases = (*reader_word_list("follow_phrases"), *reader_word_list("consent_words"))
    firsts |= {w.split()[0] for w in phrases}
    return sorted(w for w in firsts if not any(o != w and o in w for o in firsts))


_MARKER_RE = re.compile(alternation(_markers()))


def _slash_credit_caption(line: str) -> bool:
    return (
        "/" in line
        and len(line.split()) <= CAPTION_MAX_WORDS
        and bool(_CAPTION_SLASH_CREDIT_RE.search(line))
    )


def is_caption(line: str, n_words: int | None = None) -> bool:
    """ "Photo: ...", "(Photo by ...)", "Фото: ...", "file photo", "... (AFP)", "... Geneva.
    / Reuters". `n_words`: `word_count(line)`, if known."""
    if n_words is None:
        n_words = word_count(line)
    return bool(
        _CAPTION_OPENING_RE.match(line)
        or ("(" in line and _bracket_caption(line, n_words))
        or _slash_credit_caption(line)
        or has_photo_credit(line, n_words)
    )


def _bracket_caption(line: str, n_words: int) -> bool:
    """A caption's bracketed credit ("... (AFP)") or people placed in a photo ("Jane Roe
    (L) and John Doe (R) ...", on a caption's short line)."""
    return bool(_CAPTION_BRACKET_RE.search(line)) or (
        n_words <= CAPTION_MAX_WORDS and _places_people(line)
    )


def has_photo_credit(line: str, n_words: int | None = None) -> bool:
    """Whether a short line credits a photo (`_PHOTO_CREDIT_RE`): "Photo: X", "Фото: X",
    "AP Photo/ X", "© X". `n_words`: `word_count(line)`, if known."""
    if n_words is None:
        n_words = word_count(line)
    return _has_marker_word(line, n_words) and _PHOTO_CREDIT_RE.search(line) is not None


# Captions, photo credits and follow-us lines are short: a marker word in a longer line (a
# paragraph that mentions a photo or a website, or a story printed as one line) is no sign.
_MARKER_LINE_MAX_WORDS = CAPTION_MAX_WORDS


def _has_marker_word(line: str, n_words: int) -> bool:
    """Whether a marker of the words `_PHOTO_CREDIT_RE`, `_WWW_RE` or `_FOLLOW_RE` search
    anywhere in a line occurs in it ("photo", "фото", "www.", "follow", ...), on a line of
    at most `_MARKER_LINE_MAX_WORDS` words: one search for all of them, which most lines
    fail, before the searches for each. The lower-cased line is searched (a case-insensitive
    search of the markers costs ten times as much), with the Turkish capital İ, which
    `str.lower` turns into i and a combining dot, as the plain i the patterns match it to."""
    if n_words > _MARKER_LINE_MAX_WORDS:
        return False
    return _MARKER_RE.search(line.lower().replace("i\u0307", "i")) is not None


def _is_caption_or_chrome(line: str, n_words: int, opening: bool = True) -> bool:
    """`is_caption(line) or _has_chrome_marker(line)`, with the searches for words anywhere
    in the line done only when one of them occurs. `opening`: False if `OPENING_RE` does
    not match the line (then no pattern anchored at its start does)."""
    if _has_marker_word(line, n_words):
        return is_caption(line, n_words) or _has_chrome_marker(line)
    return bool(
        (opening and (_CAPTION_OPENING_RE.match(line) or _is_chrome_opening(line)))
        or ("(" in line and _bracket_caption(line, n_words))
        or _slash_credit_caption(line)
        or ("@" in line and _HANDLE_RE.search(line))
        or ("://" in line and _URL_RE.search(line))
    )


def _is_chrome_opening(line: str) -> bool:
    """ "Share this", "Copyright ...", "Home | World", or a stamp ("Posted in News")."""
    return bool(_FURNITURE_OPENING_RE.match(line) or _STAMP_OPENING_RE.match(line))


def _has_chrome_marker(line: str) -> bool:
    """ "Posted ...", "Share", "Copyright", "Follow us on", "@handle", links."""
    return bool(
        _is_chrome_opening(line)
        or ("@" in line and _HANDLE_RE.search(line))
        or ("://" in line and _URL_RE.search(line))
        or _WWW_RE.search(line)
        or _FOLLOW_RE.search(line)
        or _CONSENT_RE.search(line)
    )


def is_consent_banner(line: str, n_words: int | None = None) -> bool:
    """A cookie or consent banner in any language ("We use cookies to ...", "Мы используем
    файлы cookie", "Nous utilisons des cookies"): chrome, never a page's first paragraph. A
    banner is short; a longer line that names cookies is prose. `n_words`: `word_count(line)`,
    if known."""
    if n_words is None:
        n_words = word_count(line)
    return _has_marker_word(line, n_words) and _CONSENT_RE.search(line) is not None


def is_end_chrome(line: str) -> bool:
    """Whether a line is one a page's closing chrome is made of, in any language: share,
    print and comment links, "Loading...", copyright lines, related-links lines ("Read
    more ...", "Читайте также"), tag lines, credit lines, comment forms, share bars,
    follow-us lines, handles, links and rules. These are chrome wherever they stand
    (`is_chrome_line`), but for a line opening with a related heading ("Latest figures
    show ..." is prose) and for stamps, which stay (the page's date may be in its tail)."""
    n_words = word_count(line)
    return bool(
        _FURNITURE_OPENING_RE.match(line)
        or RELATED_OPENING_RE.match(line)
        or _LINK_OR_RULE_LINE_RE.match(line)
        or _TAG_LINE_RE.match(line)
        or _CREDIT_LINE_RE.match(line)
        or (n_words <= _WIDGET_MAX_WORDS and _WIDGET_LINE_RE.match(line))
        or (n_words <= _SHARE_LINE_MAX_WORDS and _SHARE_LINE_RE.match(line))
        or (n_words <= _SHARE_BAR_MAX_WORDS and _is_share_bar(line, n_words))
        or (_has_marker_word(line, n_words) and (_FOLLOW_RE.search(line) or _WWW_RE.search(line)))
        or ("@" in line and _HANDLE_RE.search(line))
        or ("://" in line and _URL_RE.search(line))
    )


# A byline ("By Jane Roe, with research by ..."); a paragraph of prose that opens with
# "By the standards of ..." or "By Tuesday, ..." is no byline.
BYLINE_RE = _opening(reader_words("byline_openers"), r"\s+\S")
_MENU_SEPARATORS = ("|", "»", "\u203a", " > ", " / ")
# Numbers, clock times and dates in digits ("21st", "14:02", "18/09/2017", "(UTC+3)").
_DATE_NUMBER_RE = re.compile(
    rf"^(?:[0-9]+(?:{reader_words('ordinal_suffixes')})?|[\d:./+\-()]+)$", re.IGNORECASE
)
_WORD_RE = re.compile(r"[^\W_][\w'\u2019.\-]*", re.UNICODE)
_SENT_END_RE = re.compile(r"[.!?\u061f\u06d4…][\"'”\u2019)\]»\u200f\u200e]*\s*$")
# For ASCII lines, `_WORD_RE` words are the runs of letters, digits and _ ' . - that hold a
# letter or a digit. With _ ' . - deleted, every letter and digit made an "x" and every other
# byte a space, each such run is one run of "x" (and a run without letters or digits none).
_WORD_MARKS = bytes(0x78 if chr(b).isascii() and chr(b).isalnum() else 0x20 for b in range(256))


def words_of(line: str) -> list[str]:
    """The words of a line (`_WORD_RE`)."""
    return _WORD_RE.findall(line)


# The character classes of `_WORD_RE`, whose stand-ins keep its words (stand_ins.py).
_WORD_STAND_INS = ascii_stand_ins([r"[^\W_]", r"[\w'\u2019.\-]"])


def word_count(line: str) -> int:
    """`len(words_of(line))`, without building the words of an ASCII line: they are the runs
    of "x" in its marks, and one starts at each "x" after a space, and at the start. A line
    whose only non-ASCII characters are punctuation with stand-ins is counted as ASCII."""
    if not line.isascii():
        line = with_stand_ins(line, _WORD_STAND_INS)
    if line.isascii():
        marks = line.encode("ascii").translate(_WORD_MARKS, b"_'.-")
        return marks.count(b" x") + marks.startswith(b"x")
    return len(_WORD_RE.findall(line))


def _date_words_of_every_language() -> frozenset[str]:
    """Month, weekday and relative-day names of every language of `patterns/dates.json` and
    the clock words of `patterns/reader.json`, lower case: a date stamp ("21 декабря 2017,
    00:15", "Friday, March 3, 10:30 AM GMT") is chrome in any language."""
    keys = ("months", "solar_months", "weekdays", "relative_days")
    blocks = _blocks("dates")
    names = {str(name).lower() for block in blocks for key in keys for name in block.get(key, ())}
    return frozenset(names | set(reader_word_list("clock_words")))


_DATE_WORDS = _date_words_of_every_language()


def _is_date_word(word: str) -> bool:
    word = word.strip(".,|\u060c")
    return bool(_DATE_NUMBER_RE.match(word)) or word.lower() in _DATE_WORDS


_DATE_WORD = StringCache(_is_date_word)


def _is_date_line(words: list[str]) -> bool:
    if not words:
        return False
    datey = sum(map(_DATE_WORD.__getitem__, words))
    return datey >= max(2, len(words) - 1) or (len(words) <= 3 and datey >= 1)


def is_date_text(text: str) -> bool:
    """A date or a stamp and nothing more ("12 March.", "21 декабря 2017, 00:15")."""
    return _is_date_line(words_of(text))


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
    """`n_words`: the number of `words_of(line)`; `opening`: False if `OPENING_RE` does not
    match the line."""
    if n_words < 3:
        return True
    if _is_caption_or_chrome(line, n_words, opening) or (
        opening and _RELATED_INLINE_RE.match(line)
    ):
        return True
    if opening and BYLINE_RE.match(line) and not is_prose(line, n_words):
        return True
    if is_furniture(line, n_words, opening):
        return True
    if n_words > 15:
        return False
    if _is_menu(line) and not is_prose(line, n_words):
        return True
    words = words_of(line)
    return _is_masthead(line, n_words) or _is_date_line(words) or is_button_row(words)


def is_label_run(line: str, n_words: int) -> bool:
    """A long run of interface labels, not prose: twenty words or more, half of them with
    the same last four letters ("bookmarkicon cameraicon checkicon ...", the names of an
    icon sprite). No sentence of a story repeats one ending so."""
    if n_words < _LABEL_RUN_MIN_WORDS:
        return False
    endings = Counter(word[-4:].lower() for word in words_of(line) if len(word) >= 4)
    return bool(endings) and 2 * endings.most_common(1)[0][1] >= n_words


_LABEL_RUN_MIN_WORDS = 20


def is_button_row(words: list[str]) -> bool:
    """A row of buttons: at least three words (`words_of`), half or more of them a single letter
    ("Font size A A A", "حجم الخط أ أ أ"). No headline or sentence is made so."""
    singles = sum(len(word) == 1 and word.isalpha() for word in words)
    return len(words) >= _BUTTON_ROW_MIN_WORDS and 2 * singles >= len(words)


_BUTTON_ROW_MIN_WORDS = 3

# "Jane Roe, John Doe", "Jane Roe - RIVERTON", "Dr Jane Roe, Senior Fellow, Institute": names
# and titles parted by commas or dashes.
_NAME_PIECES_RE = re.compile(r"\s*[,\u2013\u2014|]\s*|\s+-\s+")
_NAME_LINE_MAX_WORDS = 8
_NAME_PIECE_MAX_WORDS = 4


def is_name_line(line: str) -> bool:
    """A byline without a label: at most 8 words in two or more pieces parted by commas or
    dashes, each of one to four capitalised words ("Jane Roe, John Doe", "Jane Roe -
    RIVERTON", "Dr Jane Roe, Senior Fellow, Institute"). Never the headline, which has
    words of lower case between its names. Scripts without capitals never make one."""
    pieces = _NAME_PIECES_RE.split(line.strip())
    if len(pieces) < 2:
        return False
    words = [piece.split() for piece in pieces]
    if sum(map(len, words)) > _NAME_LINE_MAX_WORDS:
        return False
    return all(
        1 <= len(piece) <= _NAME_PIECE_MAX_WORDS and all(map(_is_capitalised, piece))
        for piece in words
    )


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and not any(ch.isdigit() for ch in word)


# The archive's scraper header (" date 2017-12-20 ", or only the month: " date 2024-01 ")
# written in front of the page's first line.
DATE_HEADER_RE = re.compile(
    rf"^\s*(?:{reader_words('date_header_words')})\s+\d{{4}}-\d{{2}}(?:-\d{{2}})?\b", re.IGNORECASE
)


def without_date_header(line: str) -> str:
    """The line without the scraper's header in front of it: the page's own first line."""
    header = DATE_HEADER_RE.match(line)
    return line[header.end() :].strip() if header else line


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
    words = [w for block in _blocks("rounds") for w in block.get("background_openers", ())]
    openers = alternation([w.lower() for w in words])
    return re.compile(rf"^\s*(?:{openers})\s*[:\-\u2013\u2014]", re.IGNORECASE)


BACKGROUND_RE = _background_opener_re()

# The patterns anchored at the start of a line, as one: most lines of a page open with none
# of them, and one failed match of the union costs a fraction of one match of each.
_OPENING_PATTERNS = (
    *(_CAPTION_OPENING_RE, _FURNITURE_OPENING_RE, _STAMP_OPENING_RE, _RELATED_INLINE_RE),
    BYLINE_RE,
    *(RELATED_HEADER_RE, BACKGROUND_RE, _SHARE_LINE_RE),
    *(_CREDIT_LINE_RE, _TAG_LINE_RE, _WIDGET_LINE_RE, _STAMP_LINE_RE, _BYLINE_LABEL_RE),
)
OPENING_RE = re.compile("|".join(f"(?:{rx.pattern})" for rx in _OPENING_PATTERNS), re.IGNORECASE)
