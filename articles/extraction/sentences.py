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
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import compress

import numpy
from spacy.attrs import IDX, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

from .page_lines import (
    BACKGROUND_RE,
    OPENING_RE,
    RELATED_HEADER_RE,
    StringCache,
    is_caption,
    is_chrome_line,
    is_consent_banner,
    is_date_text,
    is_heading_after,
    is_label_run,
    is_name_line,
    is_prose,
    is_spaced_menu,
    norm_line,
    without_date_header,
    word_count,
)

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
_DATELINE_MAX_WORDS = 6


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
                or _short_line_follows(T, i + 1)
                or _ends_with_credit(T, line_start, i)
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


def _ends_with_credit(T: list[str], line_start: int, end: int) -> bool:
    """Whether the line of tokens [line_start, end) ends in a credit after a slash that
    follows final punctuation ("... in Geneva. / Reuters"): a caption, ended by its credit."""
    for j in range(end - 1, max(line_start, end - _CREDIT_TOKENS) - 1, -1):
        if T[j] == "/":
            k = j - 1
            while k >= line_start and T[k].isspace():
                k -= 1
            return k >= line_start and T[k][-1:] in _FINAL_PUNCT
    return False


_CREDIT_TOKENS = 5


def _short_line_follows(T: list[str], first: int) -> bool:
    """Whether the line opening at token `first` is short and ends without final
    punctuation: a date, a byline or a label under a headline ("June 21, 2023", "Author: X")
    stands alone. The last line of a wrapped paragraph ends in punctuation."""
    n = len(T)
    words = 0
    j = first
    while j < n and not ("\n" in T[j] and T[j].isspace()):
        if not T[j].isspace():
            words += 1
            if words > _SHORT_LINE_TOKENS:
                return False
        j += 1
    last = j - 1
    while last >= first and T[last].isspace():
        last -= 1
    # "and the others" under a line: the wrapped rest of a heading, not a line of its own.
    return words > 0 and T[last][-1:] not in _FINAL_PUNCT and not T[first][:1].islower()


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


def _split_at_lines(
    bounds: list[tuple[int, int]],
    token_idx: list[int],
    lines: tuple[set[int], set[int]],
    line_starts: list[int],
    line_texts: list[str],
) -> list[tuple[int, int]]:
    """`bounds` with every sentence that runs across the start of one of `lines[0]` or the
    end of one of `lines[1]` (headline lines) split there: a title line without final
    punctuation, longer than the lead under it, is a sentence of its own, not the start of
    the lead's; nor is it the end of a stamp's or a byline's above it."""
    starts, ends = lines
    # (offset, whether a line ends there): a line's end keeps the line break before the cut.
    edges = sorted(
        {(line_starts[i], False) for i in starts}
        | {(line_starts[i] + len(line_texts[i]), True) for i in ends}
    )
    out: list[tuple[int, int]] = []
    for start, end in bounds:
        for edge, line_end in edges:
            if token_idx[start] < edge and token_idx[end - 1] > edge - (not line_end):
                find = bisect_right if line_end else bisect_left
                cut = find(token_idx, edge, start, end)
                out.append((start, cut))
                start = cut
        out.append((start, end))
    return out


def _first_body_line(line_texts: list[str], word_counts: list[int], start: int) -> int:
    """The first line from `start` on that is prose, and no caption, menu, consent banner or
    run of interface labels (0 if there is none)."""
    return next(
        (
            i
            for i in range(start, len(line_texts))
            if is_prose(line_texts[i], word_counts[i])
            and not is_caption(line_texts[i], word_counts[i])
            and not is_spaced_menu(line_texts[i])
            and not is_consent_banner(line_texts[i], word_counts[i])
            and not is_label_run(line_texts[i], word_counts[i])
        ),
        0,
    )


def _is_top_chrome(line: str, n_words: int) -> bool:
    """A line of chrome or a run of interface labels (the names of an icon sprite)."""
    return is_chrome_line(line, n_words) or is_label_run(line, n_words)


def _names_only(text: str) -> bool:
    """A short sentence of capitalised words only: an agency's or outlet's name after a
    dateline ("Riverton, 3 March. Wire Service. The talks ...")."""
    words = text.rstrip(".").split()
    return 0 < len(words) <= _NAME_SENTENCE_MAX_WORDS and all(w[0].isupper() for w in words)


_NAME_SENTENCE_MAX_WORDS = 3


_TEASER_LINES = 2
_TEASER_MAX_WORDS = 30


def _title_below_teasers(
    line_texts: list[str], word_counts: list[int], body_start: int, wanted: str
) -> int | None:
    """The line holding the title `wanted` (normalised) under at most two short lines of
    prose from `body_start` on, or None."""
    for i in range(body_start, min(len(line_texts), body_start + _TEASER_LINES + 1)):
        if norm_line(line_texts[i]) == wanted:
            return i
        if word_counts[i] > _TEASER_MAX_WORDS:
            return None
    return None


def _is_headline_like(line: str) -> bool:
    """A line above the body that may be the headline: no chrome (after the scraper's date
    header, which stands in front of any first line), no row of menu links and no byline."""
    line = without_date_header(line)
    n_words = word_count(line)
    return (
        n_words >= 3
        and not is_chrome_line(line, n_words)
        and not is_spaced_menu(line)
        and not is_name_line(line)
    )


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
    word_counts = [word_count(line) for line in line_texts]
    body_start = _first_body_line(line_texts, word_counts, 0)

    # Headline: the article's title where the text has it, else the last headline-like line
    # above the body.
    wanted = norm_line(title) if title else ""
    headline_lines: set[int] = set()
    if wanted:
        headline_lines = {
            i for i in range(min(n_lines, body_start + 1)) if norm_line(line_texts[i]) == wanted
        }
        if not headline_lines:
            # A teaser of another story above the title ("Important: ..."): one or two short
            # lines of prose that are not the body, which starts under the title.
            title_line = _title_below_teasers(line_texts, word_counts, body_start, wanted)
            if title_line is not None:
                headline_lines = {title_line}
                body_start = _first_body_line(line_texts, word_counts, title_line + 1)
    if not headline_lines:
        candidates = [i for i in range(body_start) if _is_headline_like(line_texts[i])]
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
        opening = OPENING_RE.match(line) is not None
        if opening and BACKGROUND_RE.match(line):
            in_background = line_paragraphs[i]
        elif in_background == line_paragraphs[i] and is_heading_after(
            line, n_words, line_texts[i - 1]
        ):
            in_background = -1
        if in_background == line_paragraphs[i]:
            background_lines.add(i)
        if opening and RELATED_HEADER_RE.match(line):
            in_related = True
            chrome[i] = True
            continue
        if in_related:
            if is_prose(line, n_words) and n_words >= 25:
                in_related = False
            else:
                chrome[i] = True
                continue
        # A line that repeats the title under it (a teaser or a caption's heading) is chrome.
        chrome[i] = i != body_start and (is_chrome_line(line, n_words, opening))
        if i - 1 in headline_lines and is_name_line(line):
            chrome[i] = True  # the byline under the headline ("Jane Roe, Riverton")

    sents: list[SentInfo] = []
    lead: int | None = None
    headline: list[int] = []
    body_paragraph = line_paragraphs[body_start]
    tv = tokens_of(doc)
    token_text, token_idx = tv.text, tv.idx
    bounds = sentence_bounds(doc)
    if headline_lines:
        # A headline line is cut from a stamp, a byline or a run of labels above it ("12 May,
        # 10:15 | Author: X"); a line of other text above it may be its own wrapped start.
        after_chrome = {
            i for i in headline_lines if i and _is_top_chrome(line_texts[i - 1], word_counts[i - 1])
        }
        bounds = _split_at_lines(
            bounds, token_idx, (after_chrome, headline_lines), line_starts, line_texts
        )
    for start_tok, end_tok in bounds:
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
    # A dateline that ends in a full stop ("SOCHI, July 31.", "ANKARA.", or "MOSCOW. July
    # 31." in two, and an agency's name after it) is a sentence of its own, or more: the lead
    # is the sentence after them on their line.
    steps = 0
    while lead is not None and lead + 1 < len(sents):
        first, after = sents[lead], sents[lead + 1]
        first_text = text[first.start_char : first.end_char]
        if not (
            after.line == first.line
            and after.kind == BODY
            and word_count(first_text) <= _DATELINE_MAX_WORDS
            and (steps == 0 or is_date_text(first_text) or _names_only(first_text))
        ):
            break
        steps += 1
        first.kind, after.kind = BODY, LEAD
        lead += 1
    return Layout(sents=sents, headline=headline, lead=lead)
