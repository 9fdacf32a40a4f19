"""Sentences and page layout: which sentence is the headline, the lead, body text or chrome.

`astana_sentences` is the sentencizer: it ends sentences at final punctuation and starts one
at every paragraph break (and at a line break after a short line, a bullet or final
punctuation), so headlines, bylines and captions never merge with the paragraph that
follows. `analyse_layout` then classifies each sentence from the lines of the text: the
headline (the article's title or the last headline-like line above the body), the lead
(first sentence of the first paragraph of prose), body text, and page chrome (mastheads,
menus, date stamps, bylines, photo captions, "Related" lists, follow-us lines) that no fact
is taken from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress
from typing import Any

import numpy
from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

from .data import load
from .stand_ins import ascii_stand_ins, with_stand_ins

SENTENCES_COMPONENT = "astana_sentences"

HEADLINE, LEAD, BODY, CHROME = "headline", "lead", "body", "chrome"

# Final punctuation of every supported script: the Arabic question mark (U+061F) and full
# stop (U+06D4) end sentences too. The Arabic comma (U+060C) ends none.
_FINAL_PUNCT = frozenset('.!?:;"”\u2019)]»\u061f\u06d4\u061b')
# A clause that ends a line of a numbered statement or a list: ", " "، " "; " "؛ ". After a
# line that is not hard-wrapped (see `_unwrapped`), the line break ends a sentence.
_CLAUSE_END = frozenset(",;\u060c\u061b")
# "1." "12)" (any digits) opening a line: a numbered item ("1." may be one token).
_LIST_NUMBER_RE = re.compile(r"^\d{1,2}[.)]?$")
_SENT_END = frozenset({".", "!", "?", "…", "...", "!?", "?!", "\u061f", "\u06d4"})
_CLOSERS = frozenset({'"', "”", "\u2019", "'", ")", "]", "»", ".", "!", "?", "\u061f"})
# Direction marks (RLM, LRM, ALM) that right-to-left text puts after punctuation: the
# tokenizer leaves "word.\u200f" as one token, which still ends a sentence.
_DIRECTION_MARKS = "\u200f\u200e\u061c"
_BULLETS = frozenset({"-", "*", "•", "\u2013", "\u2014", "·"})
_SHORT_LINE_TOKENS = 10
# A line that ends without punctuation breaks its sentence when it is at most this share of
# the next line's length: a date stamp above a headline, a headline above its lead.
_SHORT_OF = 0.75


@Language.component(SENTENCES_COMPONENT, assigns=["token.is_sent_start"])
def mark_sentences(doc: Doc) -> Doc:
    """A sentencizer for news pages: sets `Token.is_sent_start` after final punctuation (and
    the quotes or brackets that close it), after paragraph breaks, and after a line break
    that ends a short line (a headline, a byline), a bullet item or a sentence. A line break
    inside running text (hard-wrapped lines) is not a boundary."""
    tv = tokens_of(doc)
    T = tv.text
    n = tv.n
    # Only final punctuation and line breaks can end a sentence: visit just those tokens.
    breaks = tv.breaks
    if breaks is None:
        breaks = list(compress(range(n), map(_BREAKS.__getitem__, T)))
    starts: list[int] = []
    line_start = 0
    resume = 0  # tokens before this closed the previous sentence
    for i in breaks:
        if i < resume:
            continue
        text = T[i]
        if _ENDS_SENTENCE[text]:
            if _numbers_item(T, i):
                continue  # "1." opening a line: the line break before it starts the item
            j = i + 1
            while j < n and T[j] in _CLOSERS:
                j += 1
            if j < n:
                starts.append(j + 1 if T[j].isspace() else j)
            resume = j
            continue
        # a whitespace token with a line break
        if i + 1 < n:
            prev_text = T[i - 1] if i > 0 else ""
            blank = text.count("\n") >= 2
            ends_line = prev_text[-1:] in _FINAL_PUNCT
            # A short line counts its words: the runs of spaces between menu items are tokens.
            short = i - line_start <= _SHORT_LINE_TOKENS or (
                sum(not t.isspace() for t in T[line_start:i]) <= _SHORT_LINE_TOKENS
            )
            if (
                blank
                or ends_line
                or short
                or T[i + 1] in _BULLETS
                or _opens_numbered_item(T, i + 1)
                or _unwrapped(
                    tv, line_start, i, 1.0 if prev_text[-1:] in _CLAUSE_END else _SHORT_OF
                )
            ):
                starts.append(i + 1)
        line_start = i + 1
    # Every start is in 1..n, and the one past the last token (n) starts nothing.
    marked = sorted({0, *starts} - {n}) if n else []
    if n:
        # One array write instead of a Token setter per sentence (each setter rescans the doc).
        flags = numpy.full(n, -1, dtype="int64")
        flags[marked] = 1
        doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
    doc.user_data["astana.sent_starts"] = marked
    return doc


def _opens_numbered_item(T: list[str], i: int) -> bool:
    """Whether token `i`, first of its line, numbers a list item: "1." "2)" "(3)"."""
    word = T[i]
    if word == "(":
        return i + 2 < len(T) and _LIST_NUMBER_RE.match(T[i + 1]) is not None and T[i + 2] == ")"
    if not _LIST_NUMBER_RE.match(word):
        return False
    return word[-1] in ".)" or T[i + 1 : i + 2] in ([")"], ["."])


def _numbers_item(T: list[str], i: int) -> bool:
    """Whether the "." at `i` closes the number of a list item ("1." opening a line), which
    ends no sentence: the item begins one."""
    if T[i] != "." or i == 0 or not T[i - 1].isdigit() or len(T[i - 1]) > 2:
        return False
    return i == 1 or ("\n" in T[i - 2] and T[i - 2].isspace())


def _unwrapped(tv: Tokens, line_start: int, end: int, share: float = 1.0) -> bool:
    """Whether the line of tokens [line_start, end) (`end` the line break) ends before the
    width of the next line: a hard-wrapping tool would have put the next line's first word on
    it, so the break is the author's. A wrapped paragraph's lines all reach the width.
    `share`: the line must also be at most this share of the next line's length (a line
    that ends mid-clause breaks only well short of the next: a ragged wrap is not a break)."""
    T, idx = tv.text, tv.idx
    n = tv.n
    first = end + 1
    if first >= n or line_start >= end:
        return False
    line_length = idx[end] - idx[line_start]
    next_end = first
    while next_end < n and "\n" not in T[next_end]:
        next_end += 1
    if next_end >= n:
        next_length = idx[n - 1] + len(T[n - 1]) - idx[first]
    else:
        next_length = idx[next_end] - idx[first]
    return line_length + 1 + len(T[first]) <= next_length and line_length <= share * next_length


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token offsets of the sentences, without building Span objects."""
    starts = doc.user_data.get("astana.sent_starts")
    if starts is None:
        starts = [s.start for s in doc.sents]
    ends = [*starts[1:], len(doc)] if starts else []
    return list(zip(starts, ends, strict=True))


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per Doc (spaCy joins every token on each access)."""
    text = doc.user_data.get("astana.text")
    if text is None:
        tv = tokens_of(doc)
        text = "".join([t + " " if w else t for t, w in zip(tv.text, tv.ws, strict=True)])
        doc.user_data["astana.text"] = text
    return text


def use_source_text(doc: Doc, text: str) -> None:
    """Let `doc_text` return `text`, the string the Doc was made from (the tokenizer keeps
    every character), instead of joining the tokens again."""
    if "astana.text" in doc.user_data:
        return
    tv = tokens_of(doc)
    length = tv.idx[-1] + len(tv.text[-1]) + tv.ws[-1] if tv.n else 0
    if len(text) == length:
        doc.user_data["astana.text"] = text


class StringCache(dict):
    """Value of `compute(key)` for every key seen so far (token strings repeat a lot)."""

    def __init__(self, compute: Callable[[Any], Any]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.compute(key)
        return value


def _ends_sentence(text: str) -> bool:
    """Final punctuation, alone or closing a word before a direction mark ("word.\u200f")."""
    if text in _SENT_END:
        return True
    if text[-1:] in _DIRECTION_MARKS:
        bare = text.rstrip(_DIRECTION_MARKS)
        return bare in _SENT_END or (len(bare) > 1 and bare[-1] in _SENT_END)
    return False


def _is_break(text: str) -> bool:
    return _ends_sentence(text) or ("\n" in text and text.isspace())


_ENDS_SENTENCE = StringCache(_ends_sentence)


# Tokens that may end a sentence (final punctuation, whitespace with a line break).
_BREAKS = StringCache(_is_break)


class WordTest:
    """A yes/no test of a token's lower-case form (`Tokens.any_in` takes one where it takes
    a word set); results are cached per distinct string."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        self.results = StringCache(test)


class _OrthStrings:
    """ORTH hash -> token string, its lower-case form (spaCy's LOWER is `str.lower`) and
    whether it may end a sentence (`_is_break`), for every hash seen so far. A hash names the
    same string in every vocab, so one table serves all Docs.

    A Doc's hashes are looked up all at once in sorted numpy arrays: a binary search and
    gathers in C instead of dict lookups per token. Hashes not in the arrays yet wait in a
    dict until there are enough of them to be merged in, so the arrays are rebuilt rarely.
    """

    def __init__(self) -> None:
        # (sorted hashes, strings, lower-case strings, breaks), replaced as a whole on a
        # merge. Hash 0 (the empty string, never a token) stands where a hash would be past
        # the end.
        self.table = (
            numpy.zeros(1, dtype="uint64"),
            numpy.array([""], dtype=object),
            numpy.array([""], dtype=object),
            numpy.zeros(1, dtype=bool),
        )
        self.recent: dict[int, str] = {}

    def lookup(
        self, orths: numpy.ndarray, strings: StringStore
    ) -> tuple[list[str], list[str], list[int]]:
        """The strings and lower-case strings of `orths` (uint64 hashes), and the offsets of
        those that may end a sentence."""
        keys, texts, lowers, breaks = self.table
        at = keys.searchsorted(orths)
        at[at == len(keys)] = 0
        text = texts[at].tolist()
        lower = lowers[at].tolist()
        is_break = breaks[at]
        missing = numpy.flatnonzero(keys[at] != orths)
        if len(missing):
            recent = self.recent
            for i, orth in zip(missing.tolist(), orths[missing].tolist(), strict=True):
                string = recent.get(orth)
                if string is None:
                    string = recent[orth] = strings[orth]
                text[i] = string
                lower[i] = string.lower()
                is_break[i] = _BREAKS[string]
            if len(recent) > len(keys) // 8 + 64:
                self._merge()
        return text, lower, numpy.flatnonzero(is_break).tolist()

    def _merge(self) -> None:
        keys, texts, lowers, breaks = self.table
        added = list(self.recent.values())
        all_keys = numpy.concatenate([keys, numpy.fromiter(self.recent, "uint64", len(added))])
        order = all_keys.argsort()
        all_texts = numpy.concatenate([texts, numpy.array(added, dtype=object)])
        all_lowers = numpy.concatenate(
            [lowers, numpy.array([string.lower() for string in added], dtype=object)]
        )
        all_breaks = numpy.concatenate([breaks, numpy.array([_BREAKS[s] for s in added], bool)])
        self.table = (all_keys[order], all_texts[order], all_lowers[order], all_breaks[order])
        self.recent = {}


_ORTH_STRINGS = _OrthStrings()


class Tokens:
    """Plain lists of token attributes for rules written in Python.

    `doc[i]` builds a new Token object on every access; rules read these lists instead
    (built once per Doc by `tokens_of`). `breaks` (the offsets of the tokens that may end a
    sentence, for `mark_sentences`) comes with a view of a Doc, not with one rebuilt from
    plain lists.
    """

    __slots__ = ("breaks", "idx", "lower", "n", "text", "ws")

    def __init__(
        self,
        text: list[str],
        lower: list[str],
        idx: list[int],
        ws: list[bool],
        breaks: list[int] | None = None,
    ) -> None:
        self.text = text
        self.lower = lower
        self.idx = idx
        self.ws = ws
        self.n = len(text)
        self.breaks = breaks

    @classmethod
    def of(cls, doc: Doc) -> Tokens:
        if not len(doc):
            return cls([], [], [], [], [])
        array = doc.to_array([ORTH, SPACY, IDX])
        text, lower, breaks = _ORTH_STRINGS.lookup(array[:, 0], doc.vocab.strings)
        return cls(text, lower, array[:, 2].tolist(), (array[:, 1] != 0).tolist(), breaks)

    def positions_in(self, words: frozenset[str], start: int, end: int) -> list[int]:
        """Offsets in [start, end) of the tokens whose lower-case form is in `words`."""
        return list(compress(range(start, end), map(words.__contains__, self.lower[start:end])))

    def any_in(self, words: frozenset[str] | WordTest, start: int, end: int) -> bool:
        """Whether a token in [start, end) has its lower-case form in `words` (or passes the
        test)."""
        if isinstance(words, WordTest):
            return any(map(words.results.__getitem__, self.lower[start:end]))
        return not words.isdisjoint(self.lower[start:end])


def tokens_of(doc: Doc) -> Tokens:
    """The `Tokens` view of a Doc, built once per Doc.

    `doc.user_data` keeps only plain lists, so a Doc stays serialisable (nlp.pipe with
    n_process > 1 sends Docs between processes).
    """
    cached = doc.user_data.get("astana.tokens")
    if isinstance(cached, Tokens):
        return cached
    view = Tokens(*cached) if cached is not None else Tokens.of(doc)
    doc.user_data["astana.tokens"] = view
    return view


def make_serialisable(doc: Doc) -> Doc:
    """Replace the cached `Tokens` by plain lists (for Docs that leave the process)."""
    cached = doc.user_data.get("astana.tokens")
    if isinstance(cached, Tokens):
        doc.user_data["astana.tokens"] = (cached.text, cached.lower, cached.idx, cached.ws)
    return doc


@dataclass(slots=True)
class SentInfo:
    """One sentence of the document and where it stands on the page."""

    index: int
    start: int  # token offsets
    end: int
    start_char: int
    end_char: int
    line: int
    paragraph: int
    kind: str  # HEADLINE, LEAD, BODY or CHROME
    background: bool = False  # inside a "Background:" paragraph
    first_paragraph: bool = False


@dataclass
class Layout:
    sents: list[SentInfo]
    headline: list[int] = field(default_factory=list)
    lead: int | None = None

    def text_of(self, doc: Doc, sent: SentInfo) -> str:
        return doc_text(doc)[sent.start_char : sent.end_char]

    @property
    def content(self) -> list[SentInfo]:
        """Sentences facts may come from: headline, lead and body."""
        return [s for s in self.sents if s.kind != CHROME]


# --- line classification ---------------------------------------------------------------------

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
# related-links heading.
_RELATED_HEADER_RE = re.compile(
    rf"^\s*(?:{_reader_words('related_headers')})\s*[:.]?\s*$", re.IGNORECASE
)
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


def _is_caption(line: str) -> bool:
    """ "Photo: ...", "(Photo by ...)", "file photo", "... (AFP)"."""
    return bool(
        _CAPTION_OPENING_RE.match(line)
        or ("(" in line and _CAPTION_BRACKET_RE.search(line))
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
    """`_is_caption(line) or _has_chrome_marker(line)`, with the searches for words anywhere
    in the line done only when one of them occurs. `opening`: False if `_OPENING_RE` does
    not match the line (then no pattern anchored at its start does)."""
    if _has_marker_word(line):
        return _is_caption(line) or _has_chrome_marker(line)
    return bool(
        (opening and (_CAPTION_OPENING_RE.match(line) or _CHROME_OPENING_RE.match(line)))
        or ("(" in line and _CAPTION_BRACKET_RE.search(line))
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
    r"|am|pm|[0-9]+(?:st|nd|rd|th)?|[0-9:./+\-()]+)$",
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


def _word_count(line: str) -> int:
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


def _is_prose(line: str, n_words: int) -> bool:
    return n_words >= 12 and (bool(_SENT_END_RE.search(line)) or len(line) >= 100)


def _is_heading_after(line: str, n_words: int, previous: str) -> bool:
    """A short line without a sentence end, after a line that ended a sentence (not the
    wrapped rest of a paragraph)."""
    return (
        n_words <= 10
        and not _SENT_END_RE.search(line)
        and bool(_SENT_END_RE.search(previous.rstrip()))
    )


def _is_menu(line: str) -> bool:
    """ "Home | Syria | Iraq", "World > Middle East > Syria", "News / Syria"."""
    return sum(line.count(sep) for sep in _MENU_SEPARATORS) >= 2 or (
        " / " in line and len(line) < 40
    )


def _is_chrome_line(line: str, n_words: int, opening: bool = True) -> bool:
    """`n_words`: the number of `_words(line)`; `opening`: False if `_OPENING_RE` does not
    match the line."""
    if n_words < 3:
        return True
    if _is_caption_or_chrome(line, opening) or (opening and _RELATED_INLINE_RE.match(line)):
        return True
    if opening and _BYLINE_RE.match(line) and not _is_prose(line, n_words):
        return True
    if opening and n_words <= _SHARE_LINE_MAX_WORDS and _SHARE_LINE_RE.match(line):
        return True
    if n_words > 15:
        return False
    if _is_menu(line) and not _is_prose(line, n_words):
        return True
    return _is_masthead(line, n_words) or _is_date_line(_words(line))


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _background_opener_re() -> re.Pattern[str]:
    """ "Background:", "Справка:", "Hintergrund -": the openers of every language at once
    (layout runs before the language matters, and one union costs one search)."""
    data = load("rounds")
    blocks = [data, *data.get("languages", {}).values()]
    words = sorted({w for block in blocks for w in block.get("background_openers", ())}, key=len)
    openers = "|".join(re.escape(w) for w in reversed(words))
    return re.compile(rf"^\s*(?:{openers})\s*[:\-\u2013\u2014]", re.IGNORECASE)


_BACKGROUND_RE = _background_opener_re()

# The patterns anchored at the start of a line, as one: most lines of a page open with none
# of them, and one failed match of the union costs less than half as much as six.
_OPENING_PATTERNS = (
    *(_CAPTION_OPENING_RE, _CHROME_OPENING_RE, _RELATED_INLINE_RE, _BYLINE_RE),
    *(_RELATED_HEADER_RE, _BACKGROUND_RE, _SHARE_LINE_RE),
)
_OPENING_RE = re.compile("|".join(f"(?:{rx.pattern})" for rx in _OPENING_PATTERNS), re.IGNORECASE)


def analyse_layout(doc: Doc, title: str | None = None) -> Layout:
    """Classify every sentence of `doc` as headline, lead, body or chrome."""
    text = doc_text(doc)
    # Lines with their character spans and paragraph numbers.
    line_starts: list[int] = []
    line_texts: list[str] = []
    line_paragraphs: list[int] = []
    paragraph = 0
    pos = 0
    previous_blank = False
    for raw in text.split("\n"):
        if raw.strip():
            if previous_blank and line_texts:
                paragraph += 1
            line_starts.append(pos)
            line_texts.append(raw)
            line_paragraphs.append(paragraph)
            previous_blank = False
        else:
            previous_blank = True
        pos += len(raw) + 1

    n_lines = len(line_texts)
    if not n_lines:
        return Layout(sents=[])  # only whitespace: no sentence
    word_counts = [_word_count(line) for line in line_texts]
    body_start = next(
        (
            i
            for i in range(n_lines)
            if _is_prose(line_texts[i], word_counts[i]) and not _is_caption(line_texts[i])
        ),
        0,
    )

    # Headline: the article's title where the text has it, else the last headline-like line
    # above the body.
    wanted = _norm(title) if title else ""
    headline_lines: set[int] = set()
    if wanted:
        headline_lines = {
            i for i in range(min(n_lines, body_start + 1)) if _norm(line_texts[i]) == wanted
        }
    if not headline_lines:
        candidates = [
            i
            for i in range(body_start)
            if not _is_chrome_line(line_texts[i], word_counts[i]) and word_counts[i] >= 3
        ]
        if candidates:
            headline_lines = {candidates[-1]}

    chrome = [False] * n_lines
    for i in range(body_start):
        chrome[i] = i not in headline_lines
    in_related = False
    # A "Background:" line and the rest of its paragraph, up to a heading: on a page whose
    # lines are not parted by blank lines, one paragraph holds the whole article.
    background_lines: set[int] = set()
    in_background = -1  # the paragraph of the open background section
    for i in range(body_start, n_lines):
        line, n_words = line_texts[i], word_counts[i]
        opening = _OPENING_RE.match(line) is not None
        if opening and _BACKGROUND_RE.match(line):
            in_background = line_paragraphs[i]
        elif in_background == line_paragraphs[i] and _is_heading_after(
            line, n_words, line_texts[i - 1]
        ):
            in_background = -1
        if in_background == line_paragraphs[i]:
            background_lines.add(i)
        if opening and _RELATED_HEADER_RE.match(line):
            in_related = True
            chrome[i] = True
            continue
        if in_related:
            if _is_prose(line, n_words) and n_words >= 25:
                in_related = False
            else:
                chrome[i] = True
                continue
        chrome[i] = i != body_start and _is_chrome_line(line, n_words, opening)

    sents: list[SentInfo] = []
    lead: int | None = None
    headline: list[int] = []
    body_paragraph = line_paragraphs[body_start]
    tv = tokens_of(doc)
    token_text, token_idx = tv.text, tv.idx
    for start_tok, end_tok in sentence_bounds(doc):
        # Leading and trailing whitespace is not part of the sentence.
        while start_tok < end_tok and token_text[start_tok].isspace():
            start_tok += 1
        last = end_tok - 1
        while last >= start_tok and token_text[last].isspace():
            last -= 1
        if last < start_tok:
            continue
        start_char = token_idx[start_tok]
        end_char = token_idx[last] + len(token_text[last])
        if end_char <= start_char:
            continue
        line = bisect_right(line_starts, start_char) - 1  # a non-space is on a non-blank line
        para = line_paragraphs[line]
        if chrome[line]:
            kind = CHROME
        elif line in headline_lines:
            kind = HEADLINE
        elif lead is None and line >= body_start:
            kind = LEAD
            lead = len(sents)
        else:
            kind = BODY
        if kind == HEADLINE:
            headline.append(len(sents))
        # Positional arguments: keywords cost three times as much for a slotted dataclass.
        sents.append(
            SentInfo(
                len(sents),
                start_tok,
                end_tok,
                start_char,
                end_char,
                line,
                para,
                kind,
                line in background_lines,
                para == body_paragraph and kind in (LEAD, BODY),
            )
        )
    return Layout(sents=sents, headline=headline, lead=lead)
