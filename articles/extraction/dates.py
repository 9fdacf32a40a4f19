"""Publication dates: find the date an article was published, not the dates it talks about.

The rules, in order (first that gives an answer wins):

1. A leading `` date YYYY-MM-DD `` header (the archive's scraper writes it): taken as is.
2. HTML metadata (``ArticleText.meta_published``, from ``article:published_time``, JSON-LD,
   ``<time datetime>``...). Evidence is the top line of the text that carries the same date
   when there is one; otherwise an empty span (``start == end == 0``) whose ``sentence`` is
   the ISO value, because the date is not in the text at all.
3. A date line near the top, above the first paragraph of prose. A line is cut into
   segments at the separators news pages use (``|``, ``\u00b7``, ``\u2022``, a spaced
   dash or slash, a wide gap); each date must fill its segment together with a label
   (``Published``, ``Posted``, ``First published``, ``Created``, ``Issued``, ``Live
   coverage started``; ``Updated``, ``Last modified``, ``Edited``...), a time, a time
   zone or offset, a weekday, a place or outlet, and in a labelled stamp a byline or
   section (``Posted on 3 May 2018 in World by Jane Roe``). The other segments must be
   labels: an outlet, section or byline, a reading time (``9 min read``), a relative stamp
   (``Updated 2 years ago``, never a date in itself), a counter or button. Beside an
   explicitly labelled stamp a desk or agency credit may stand too (``NEWS DESK with wires
   \u00b7 Published ...``), but not another headline. Also taken: a dateline ``PLACE,
   <date> -`` opening the first paragraph; a headline that opens with its own date, as
   press releases do (``No: 12, 3 May 2018, Press Release on ...``); and a labelled or
   bylined stamp just under a short first paragraph (a standfirst).
   Decoys are dropped: lines that mark a page-view or save date (``Today:``, ``accessed``,
   a weather or sign-in bar...), photo captions, lists of other stories, and - when
   another date line is there - a date line above the headline that is years later than
   every date the body mentions (a page saved long after publication; a lone date line is
   kept, since a retrospective may cite only old events).
   When several dates survive, a ``Published``-type label beats an unlabelled date, which
   beats an ``Updated``-type one; among equals the earliest wins: an article is published
   before it is updated, re-shared or saved. A page that shows only an update stamp is
   dated by it, with lower confidence (0.65 rather than 0.85-0.9): publication was on or
   before that day, and for news it is nearly always the same day.
4. Failing all that, a stamp explicitly labelled ``Published``/``Posted`` among the last
   lines (some pages print it under the story); ``Last modified`` there is never taken.

Dates inside sentences of the body are never taken: they name other events.
Numeric dates are read day-first (``05.05.2017``, ``22/12/2021``) unless the second number
cannot be a month: ``12/22/2021`` is read month-first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache, lru_cache

from .data import load
from .datetext import (
    DateMention,
    DayMonth,
    find_date_mentions,
    find_day_months,
    find_month_years,
    fold,
    parse_date_text,
    parse_machine_date,
    weekday_names,
    weekday_pattern,
)
from .types import ArticleText, DateFinding, Evidence

__all__ = [
    "DateMention",
    "find_date_mentions",
    "find_publication_date",
    "parse_date_text",
    "parse_machine_date",
]

# --- pattern data -------------------------------------------------------------------------

# The archive's scraper header: " date 2019-04-26 " at the very start of the file.
_HEADER_RE = re.compile(r"\A\s*(date\s+(?P<iso>\d{4}-\d{2}-\d{2}))\b", re.IGNORECASE)
# The same header with the month alone (" date 2024-01 "): the year for a year-less date.
_HEADER_MONTH_RE = re.compile(r"\A\s*date\s+(?P<y>\d{4})-(?P<m>\d{2})\b", re.IGNORECASE)

# A line carrying one of these is a page-view or save stamp, not a publication date.
PAGE_STAMP_MARKERS: tuple[str, ...] = (
    r"\btoday(?:\s*[:,]|\s+is\b)",  # "Today: ...", not an outlet called "... Today"
    r"\bnow\s*:",
    r"\bcurrent(?:ly)?\s+(?:date|time)\b",
    r"\b(?:accessed|retrieved|viewed|visited|saved|printed|downloaded|captured)\b",
    r"\barchived\s+(?:on|at)\b",
    r"\bas\s+of\b",
    r"\bsnapshot\b",
    # Header-bar furniture that sits beside the day's date: weather, sign-in links.
    r"\d\s*\u00b0\s*[CF]\b",
    r"\bsign\s*(?:in|up)\b",
    r"\blog\s*in\b",
    r"\bweather\b",
)
# A line carrying one of these lists other stories; its dates are theirs.
LINK_LIST_MARKERS: tuple[str, ...] = (
    r"^\s*(?:related|most\s+(?:read|popular|viewed)|read\s+(?:more|also)|also\s+read|see\s+also"
    r"|more\s+(?:on|from|stories|news)|latest|recommended|trending|top\s+stories)\b",
)
# A line carrying one of these is a photo caption; its date is the photo's.
CAPTION_MARKERS: tuple[str, ...] = (
    r"^\s*[\[(]",
    r"\b(?:photo|image|picture|pictured|caption|credit)s?\b",
    r"\bfile\s+photo\b",
)
# Labels in front of a stamp's date. The first kind dates the article; the second a later
# change to it. "Started" alone only counts at the head of a stamp ("Started 1 May 2019,
# 09:05"), or after "live coverage": "Talks started 3 May 2017" is a sentence.
PUBLISHED_LABELS: tuple[str, ...] = (
    r"\b(?:first\s+|originally\s+)?(?:published|posted|issued|released|created)\b",
    r"\b(?:publication|release|publish(?:ing)?)\s+date\b",
    r"\blive(?:\s+(?:coverage|blog|updates|page|reporting|text))?\s+(?:started|began|opened)\b",
    r"\b(?:coverage|blog)\s+(?:started|began|opened)\b",
    r"^\W*(?:started|began)\b",
)
UPDATED_LABELS: tuple[str, ...] = (
    r"\b(?:last\s+)?(?:updated?|modified|edited|revised|amended|corrected)\b",
)
# Page furniture that may share a date line: reading time, relative stamps ("Updated 2 years
# ago" - never a date in itself), counters and buttons, an issue or page number.
_COUNT = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|few|several)"
CHROME_SEGMENTS: tuple[str, ...] = (
    r"\d+\s*-?\s*(?:min(?:ute)?s?|m)\.?\s+(?:read|listen|watch)(?:ing)?(?:\s+time)?",
    r"(?:reading|listening)\s+time\s*:?\s*\d+\s*-?\s*(?:min(?:ute)?s?)?\.?",
    rf"(?:(?:last\s+)?(?:updated|posted|published|modified|edited)\s*:?\s*)?"
    rf"(?:about\s+|over\s+|almost\s+|nearly\s+)?{_COUNT}\s+"
    r"(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\s+ago",
    r"\d+\s+(?:comments?|views?|shares?|reads?|replies|reactions?)",
    r"(?:comments?|share|print|listen|save|e-?mail|follow|bookmark)(?:\s*\(\d+\))?",
    r"(?:issue|no\.?|vol(?:ume)?\.?|page|edition|episode)\s*#?\s*\d+",
)

# Words that may sit beside a date on a date line without making it a sentence.
_FILLER_WORDS = frozenset(
    (
        *("posted", "published", "first", "last", "updated", "update", "modified", "on", "at"),
        *("date", "dated", "time", "local", "am", "pm", "hrs", "h", "gmt", "z"),
        *("utc", "msk", "almt", "cet", "cest", "est", "edt", "bst", "eet", "eest", "ist"),
        *("wet", "west", "trt", "irst", "ast", "gst", "pkt", "aqtt", "orat", "yekt", "jst"),
        *("kst", "sgt", "hkt", "aest", "aedt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et"),
    )
)
_TIME_RE = re.compile(
    r"(?:(?<=\d)T|\b)\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?(?![\d.])"
    r"(?:\s*(?:Z\b|[+\-\u2212]\d{2}:?\d{2}\b))?"
    r"|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)",
    re.IGNORECASE,
)
_TZ_RE = re.compile(
    r"\(?\b(?:GMT|UTC)\s*(?:[+\-\u2212]\s*\d{1,2}(?::?\d{2})?)?\)?",
    re.IGNORECASE,
)
# A byline or a section inside a labelled stamp: "Posted on 3 May 2018 in World by Jane Roe".
_NAME = r"[A-Z][\w.'\u2019-]*"
_BYLINE_IN_STAMP_RE = re.compile(
    rf"\b[Bb]y\s+{_NAME}(?:\s+(?:{_NAME}|de|al|el|van|von|bin)){{0,4}}"
)
_SECTION_IN_STAMP_RE = re.compile(rf"\bin\s+{_NAME}(?:\s+(?:{_NAME}|&)){{0,2}}")
# A press-release number in front of a headline's date: "No: 21, 25 January 2024, ...".
_HEADLINE_DATE_PREFIX_RE = re.compile(
    r"^\s*(?:(?:press\s+release\s+)?(?:no|nr|ref|number)\.?\s*:?\s*[\w/.-]{1,12}"
    r"\s*[,;:|\u2013\u2014-]\s*)?$",
    re.IGNORECASE,
)
_HEADLINE_DATE_SUFFIX_RE = re.compile(r"^\s*[,;:|\u2013\u2014-]\s*\w")
_SEGMENT_SPLIT_RE = re.compile(r"\s*[|\u00b7\u2022]\s*|\s+[\u2013\u2014-]\s+|\s{3,}|\s+/\s+")
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*\.?", re.UNICODE)
_SMALL_WORDS = frozenset({"of", "the", "and", "&", "in", "on", "for", "a", "de", "al"})
_CREDIT_WORDS = frozenset(
    (
        *_SMALL_WORDS,
        *("with", "by", "from", "at", "wires", "wire", "agencies", "agency", "staff", "desk"),
        *("reporting", "reports", "report", "correspondent", "correspondents", "writer"),
        *("editor", "contributor", "our", "own", "newsroom", "team", "bureau"),
    )
)
_SENTENCE_END_RE = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$")
# "ASTANA, 24 January 2017 (Agency) - ..." at the start of the first paragraph.
# A place (up to four words, any script), maybe ", COUNTRY", then a comma, a stop or just a
# space; or the place and an open bracket with an agency credit and a separator.
_PLACE = r"[^\W\d_][\w.'\u2019-]*(?:\s+[^\W\d_][\w.'\u2019-]*){0,3}"
_DATELINE_PREFIX_RE = re.compile(
    rf"^{_PLACE}(?:,\s*{_PLACE})?(?:\s*\([^()]{{1,60}}?[-\u2013\u2014,/]|\s*[,.]?)\s*$"
)
_DATELINE_SUFFIX_RE = re.compile(r"^\s*(?:\(|[-\u2013\u2014/:]|\.\s*\S)")
_DATELINE_CLOSE_RE = re.compile(r"^\s*\)")

_HAS_YEAR_RE = re.compile(r"(?:19|20)\d\d|1[34]\d\d")  # Gregorian or Solar Hijri
_BYLINE_RE = re.compile(r"\s*by\s", re.IGNORECASE)
_PAGE_STAMP_RE = re.compile("|".join(PAGE_STAMP_MARKERS), re.IGNORECASE)
_CAPTION_RE = re.compile("|".join(CAPTION_MARKERS), re.IGNORECASE)
_LINK_LIST_RE = re.compile("|".join(LINK_LIST_MARKERS), re.IGNORECASE)
_CHROME_SEGMENT_RE = re.compile(r"\W*(?:" + "|".join(CHROME_SEGMENTS) + r")\W*", re.IGNORECASE)


@dataclass(frozen=True)
class _LanguageRules:
    """The stamp words of one language (with English, which page chrome often is)."""

    lang: str
    published: re.Pattern[str]
    updated: re.Pattern[str]
    label: re.Pattern[str]
    weekday: re.Pattern[str]


def _words_re(words: object) -> list[str]:
    return [rf"(?<!\w){re.escape(w).replace(chr(92) + ' ', chr(92) + 's+')}(?!\w)" for w in words]  # type: ignore[attr-defined]


@cache
def _rules(lang: str) -> _LanguageRules:
    own = load("dates").get("languages", {}).get(lang, {}) if lang != "en" else {}
    published = [*PUBLISHED_LABELS, *_words_re(own.get("published_labels", ()))]
    updated = [*UPDATED_LABELS, *_words_re(own.get("updated_labels", ()))]
    weekdays = (
        weekday_pattern("en")
        if lang == "en"
        else (f"(?:{weekday_pattern(lang)}|{weekday_pattern('en')})")
    )
    return _LanguageRules(
        lang,
        re.compile("|".join(published), re.IGNORECASE),
        re.compile("|".join(updated), re.IGNORECASE),
        re.compile("|".join((*published, *updated)), re.IGNORECASE),
        re.compile(rf"(?<!\w){weekdays}(?!\w)\.?,?", re.IGNORECASE),
    )


# How far below the top we look for a date line, and what counts as the first paragraph.
_MAX_TOP_LINES = 15
# A dateline opens the first paragraph, or the second under a standfirst.
_DATELINE_PARAGRAPHS = 2
# A weekday that dates a year-less dateline is named in its paragraph or the next.
_WEEKDAY_PARAGRAPHS = 3
# A year-less date "at a round" falls within this many days of the round's own days.
_ROUND_MARGIN = timedelta(days=7)
# Candidates from a line of their own (rather than from a paragraph's opening).
_STAMP_KINDS = frozenset({"date:page-stamp", "date:standfirst-stamp", "date:stamp-below-lead"})
# What may stand between "tomorrow" and its date: a comma, "the", a bracket, a weekday.
_RELATIVE_GAP_RE = re.compile(r"[\s,(\u2013\u2014-]*(?:the\s+)?", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\d,.-])(?P<y>(?:19|20)\d\d)(?![\d-])")
_MAX_TAIL_LINES = 3
_PROSE_MIN_WORDS = 12
_MAX_DATE_LINE_CHARS = 160
# A first paragraph this short may be a standfirst, with the byline stamp under it.
_STANDFIRST_MAX_WORDS = 45
# With another date line on the page, one above the headline this much later than anything
# the body mentions is a page-save stamp.
_SAVE_STAMP_GAP = timedelta(days=3 * 366)
_EARLIEST_YEAR = 1900


# --- parsing ------------------------------------------------------------------------------


# --- publication date ---------------------------------------------------------------------


@dataclass(slots=True)  # not frozen: a frozen dataclass costs four times as much to make
class _Line:
    """A non-blank line of the text, stripped, with its character span and its number among
    the non-blank lines."""

    text: str
    start: int
    end: int
    index: int


@dataclass(frozen=True)
class _Candidate:
    value: date
    line: _Line
    label: str  # "published", "updated" or ""
    has_time: bool
    kind: str  # the rule: "date:page-stamp", "date:dateline", "date:headline", ...


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = pos + (len(raw) - len(raw.lstrip()))
            lines.append(_Line(stripped, start, start + len(stripped), len(lines)))
        pos += len(raw) + 1
    return lines


def _words(s: str) -> list[str]:
    return _WORD_RE.findall(s)


@lru_cache(maxsize=16)
def _word_count(line: str) -> int:
    """`len(_words(line))`, remembered for the last few lines: the prose test and the
    standfirst test both count the words of the first paragraph."""
    return len(_WORD_RE.findall(line))


def _is_prose(line: _Line) -> bool:
    """A paragraph of running text: the body starts here."""
    text = line.text
    if _CAPTION_RE.match(text):  # a caption that opens with "[" is not the body
        return False
    # The words are counted last: most lines above the body are short and end without a stop.
    if len(text) < 120 and not _SENTENCE_END_RE.search(text):
        return False
    return _word_count(text) >= _PROSE_MIN_WORDS


def _is_pure_date_segment(
    segment: str, spans: list[tuple[int, int]], rules: _LanguageRules
) -> bool:
    """A segment that is a stamp: its dates (at `spans`) plus a label, a time, a time zone,
    a weekday, a place or outlet; in a labelled stamp also a byline and a section."""
    pieces, pos = [], 0
    for start, end in spans:
        pieces.append(segment[pos:start])
        pos = end
    pieces.append(segment[pos:])
    rest = " ".join(pieces)
    labelled = bool(rules.label.search(rest))
    rest = rules.label.sub(" ", rest)
    timed = bool(_TIME_RE.search(rest))
    opens_with_date = not _words(rules.weekday.sub(" ", rules.label.sub(" ", pieces[0])))
    rest = _TZ_RE.sub(" ", _TIME_RE.sub(" ", rest))
    rest = rules.weekday.sub(" ", rest)
    if labelled:
        rest = _SECTION_IN_STAMP_RE.sub(" ", _BYLINE_IN_STAMP_RE.sub(" ", rest))
    leftover = [w for w in _words(rest) if w.lower().replace(".", "") not in _FILLER_WORDS]
    # A place or outlet may stand beside the date ("ASTANA, 5 May 2017", "Abu Dhabi,
    # 5 May 2017"); a lower-case word makes it a sentence ("Talks open 3 May 2017").
    if len(leftover) <= 1:
        return True
    if len(leftover) > 3:
        return False
    # A header bar's stamp with its clock time may run on into a section link ("Mon
    # 2018-05-14 08:35 Latest news"); a sentence does not open with a date and a time.
    return (opens_with_date and timed) or all(w[0].isupper() for w in leftover)


def _is_label_segment(segment: str) -> bool:
    """What may share a date line: a byline, an outlet or section name, a time, page chrome
    such as a reading time or "Updated 2 years ago"."""
    if _CHROME_SEGMENT_RE.fullmatch(segment):
        return True
    words = _words(segment)
    if len(words) <= 2 or _BYLINE_RE.match(segment):
        return len(words) <= 8
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    return len(words) <= 5 and all(w[0].isupper() or w[0].isdigit() for w in significant)


def _is_credit(segment: str) -> bool:
    """Beside an explicitly labelled stamp a little more may stand: a desk or agency credit
    ("NEWS DESK with wires", "Our correspondent in Astana"), not a headline or a sentence."""
    words = _words(segment)
    if len(words) > 8 or _SENTENCE_END_RE.search(segment):
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in _CREDIT_WORDS for w in words)


def _label(text: str, rules: _LanguageRules) -> str:
    """The kind of the last label in `text`: "published", "updated" or ""."""
    published = max((m.start() for m in rules.published.finditer(text)), default=-1)
    updated = max((m.start() for m in rules.updated.finditer(text)), default=-1)
    if published == updated == -1:
        return ""
    return "updated" if updated > published else "published"


def _segments(line: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for m in _SEGMENT_SPLIT_RE.finditer(line):
        out.append((pos, line[pos : m.start()]))
        pos = m.end()
    out.append((pos, line[pos:]))
    return out


def _date_line_candidates(line: _Line, rules: _LanguageRules) -> list[_Candidate]:
    """Dates on a line that is nothing but date stamps and page chrome.

    The line is cut into segments at separators (| \u00b7 \u2022, a spaced dash or slash,
    wide gaps). Each date must fill its segment (see `_is_pure_date_segment`); the other
    segments must be labels (outlet, section, byline, reading time, "Updated 2 years ago").
    A date takes the label written before it in its segment ("Live coverage started 1 August
    2019 \u00b7 Last updated 2 August 2019": published, then updated), or a bare label segment
    just before it.
    """
    if len(line.text) > _MAX_DATE_LINE_CHARS or not _HAS_YEAR_RE.search(line.text):
        return []  # too long, or no date at all (the cheap test first)
    if (
        _PAGE_STAMP_RE.search(line.text)
        or _CAPTION_RE.search(line.text)
        or _LINK_LIST_RE.search(line.text)
    ):
        return []
    mentions = find_date_mentions(line.text, rules.lang)
    if not mentions:
        return []
    segments = _segments(line.text)
    by_segment: dict[int, list[DateMention]] = {}
    for mention in mentions:
        index = max(i for i, (off, _) in enumerate(segments) if off <= mention.start)
        offset, segment = segments[index]
        if mention.end > offset + len(segment):
            return []  # a separator inside the date: not a date line we understand
        by_segment.setdefault(index, []).append(mention)
    spans_of: dict[int, list[tuple[int, int]]] = {}
    for index, found in by_segment.items():
        offset, segment = segments[index]
        spans_of[index] = [(m.start - offset, m.end - offset) for m in found]
        if not _is_pure_date_segment(segment, spans_of[index], rules):
            return []
    has_time = bool(_TIME_RE.search(line.text))
    candidates: list[_Candidate] = []
    for index, found in by_segment.items():
        segment, spans = segments[index][1], spans_of[index]
        previous = segments[index - 1][1] if index > 0 else ""
        bare_label = _label(previous, rules) if rules.label.fullmatch(previous.strip(" :")) else ""
        labels = []
        for i, (start, _) in enumerate(spans):
            since = spans[i - 1][1] if i else 0
            labels.append(_label(segment[since:start], rules) or (bare_label if i == 0 else ""))
        others = [seg for i, (_, seg) in enumerate(segments) if i not in by_segment]
        check = _is_credit if any(labels) else _is_label_segment
        if not all(_is_label_segment(seg) or check(seg) for seg in others):
            return []  # a headline or sentence shares the line
        candidates.extend(
            _Candidate(m.value, line, label, has_time, "date:page-stamp")
            for m, label in zip(found, labels, strict=True)
        )
    return candidates


def _headline_lead(line: _Line, rules: _LanguageRules) -> list[_Candidate]:
    """A headline that opens with its own date, as press releases do: "25 January 2024 -
    Statement on ...", "No: 21, 25 January 2024, Press Release Regarding ..."."""
    for mention in find_date_mentions(line.text[:80], rules.lang):
        prefix, suffix = line.text[: mention.start], line.text[mention.end :]
        if _HEADLINE_DATE_PREFIX_RE.match(prefix) and _HEADLINE_DATE_SUFFIX_RE.match(suffix):
            return [_Candidate(mention.value, line, "", False, "date:headline")]
        break
    return []


def _is_dateline_prefix(prefix: str) -> bool:
    """What may open a paragraph before its dateline's date: nothing, a place ("ASTANA, ",
    "Москва. ", "Astaná "), or a place and an agency credit ("MOSCOW (Agency - ")."""
    if not prefix.strip():
        return True
    return bool(_DATELINE_PREFIX_RE.match(prefix)) and not prefix[0].islower()


def _dateline_lead(line: _Line, rules: _LanguageRules) -> list[_Candidate]:
    """'PLACE, 24 January 2017 (Agency) - ...' opening a paragraph at the top of the story;
    also 'PLACE (Agency - 24 January 2017) ...'."""
    if _CAPTION_RE.match(line.text):
        return []
    for mention in find_date_mentions(line.text[:100], rules.lang):
        prefix = line.text[: mention.start]
        suffix = line.text[mention.end :]
        closes = (
            _DATELINE_CLOSE_RE.match(suffix) if "(" in prefix else _DATELINE_SUFFIX_RE.match(suffix)
        )
        if _is_dateline_prefix(prefix) and closes:
            return [_Candidate(mention.value, line, "", False, "date:dateline")]
        break
    return []


def _day_month_dateline(line: _Line, rules: _LanguageRules) -> DayMonth | None:
    """The day and month of a dateline written without a year: 'ASTANA, Dec 21 (Agency) -',
    'April 4 (Agency) -', 'Москва. 3 мая. AGENCY -'."""
    if _CAPTION_RE.match(line.text):
        return None
    for found in find_day_months(line.text[:100], rules.lang):
        prefix, suffix = line.text[: found.start], line.text[found.end :]
        if _is_dateline_prefix(prefix) and _DATELINE_SUFFIX_RE.match(suffix):
            return found
        break
    return None


def _under_standfirst(
    lines: list[_Line], first_prose: int, rules: _LanguageRules
) -> list[_Candidate]:
    """The first "paragraph" may be a standfirst under the headline: a labelled or bylined
    stamp between it and the next paragraph still heads the story. With no paragraph below,
    the stamp is under the story, not under a standfirst."""
    found: list[_Candidate] = []
    for line in lines[first_prose + 1 : _MAX_TOP_LINES]:
        if _is_prose(line):
            return found
        found.extend(
            replace(c, kind="date:standfirst-stamp")
            for c in _date_line_candidates(line, rules)
            if c.label or _BYLINE_RE.match(line.text)
        )
    return []


def _latest_body_date(lines: list[_Line], lang: str) -> date | None:
    """The latest date the body mentions, counting a month or a year as its last day."""
    latest: date | None = None

    def bump(value: date) -> None:
        nonlocal latest
        if latest is None or value > latest:
            latest = value

    for line in lines:
        for mention in find_date_mentions(line.text, lang):
            bump(mention.value)
        for year, month in find_month_years(line.text, lang):
            nxt = date(year + (month == 12), month % 12 + 1, 1)
            bump(nxt - timedelta(days=1))
        for m in _YEAR_RE.finditer(line.text):
            bump(date(int(m["y"]), 12, 31))
    return latest


def _evidence(line: _Line, text: str) -> Evidence:
    """The line as the article writes it (`line` comes from the folded text, same offsets)."""
    return Evidence(text[line.start : line.end], line.start, line.end)


def _headline_index(lines: list[_Line], title: str | None) -> int | None:
    if not title:
        return None
    wanted = " ".join(fold(title).split()).casefold()
    for line in lines[:_MAX_TOP_LINES]:
        if " ".join(line.text.split()).casefold() == wanted:
            return line.index
    return None


def _plausible(value: date, today: date) -> bool:
    return value.year >= _EARLIEST_YEAR and value <= today + timedelta(days=1)


# --- a day and month without a year ---------------------------------------------------------


@cache
def _round_spans() -> tuple[tuple[date, date], ...]:
    """(start, end) of every round of the package's calendar (`patterns/calendar.json`)."""
    spans = []
    for entry in load("calendar")["rounds"]:
        start = date.fromisoformat(entry["start"])
        spans.append((start, date.fromisoformat(entry.get("end") or entry["start"])))
    return tuple(spans)


def _near_a_round(value: date) -> bool:
    return any(
        start - _ROUND_MARGIN <= value <= end + _ROUND_MARGIN for start, end in _round_spans()
    )


def _weekday_named(lines: list[_Line], rules: _LanguageRules) -> int | None:
    """The one weekday these lines name ("on Wednesday", "в среду"), if they name one."""
    names = weekday_names(rules.lang) if rules.lang != "en" else {}
    found = set()
    for line in lines:
        for m in rules.weekday.finditer(line.text):
            word = " ".join(m.group(0).rstrip(".,").lower().split())
            number = names.get(word, weekday_names("en").get(word))
            if number is not None:
                found.add(number)
    return found.pop() if len(found) == 1 else None


def _relative_day(line: _Line, rules: _LanguageRules) -> tuple[DayMonth, int] | None:
    """A day and month right after "today", "tomorrow" or "yesterday" in the article's
    language ("ends tomorrow, 25 January"), with the words' distance in days."""
    rx = _relative_re(rules.lang)
    if rx is None:
        return None
    for m in rx.finditer(line.text):
        rest = line.text[m.end() :]
        for day_month in find_day_months(rest[:40], rules.lang):
            gap = rest[: day_month.start]
            if _RELATIVE_GAP_RE.fullmatch(rules.weekday.sub(" ", gap)):
                offset = _relative_days(rules.lang)[" ".join(m.group(0).lower().split())]
                return day_month, offset
            break
    return None


@cache
def _relative_days(lang: str) -> dict[str, int]:
    own = load("dates").get("languages", {}).get(lang, {}) if lang != "en" else load("dates")
    return {fold(word).lower(): days for word, days in own.get("relative_days", {}).items()}


@cache
def _relative_re(lang: str) -> re.Pattern[str] | None:
    words = _relative_days(lang)
    if not words:
        return None
    names = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{names})(?!\w)", re.IGNORECASE)


def _year_of(
    day_month: DayMonth, lines: list[_Line], paragraph: int, rules: _LanguageRules, today: date
) -> date | None:
    """The year a dateline's day and month belong to, where the page makes it certain.

    The page's own full dates come first: the year they name most often (the latest on a
    tie). A page without any takes the weekday its first paragraphs name ("on Wednesday"):
    the years since the talks began whose calendar puts that day on it; of several, the one
    that falls at a round of the calendar. Without a weekday only a round's own days
    decide. Anything less certain gives no date.
    """
    years: dict[int, int] = {}
    header = _HEADER_MONTH_RE.match(lines[0].text) if lines else None
    if header:  # the scraper's month of publication outweighs any date the text names
        years[int(header["y"])] = len(lines) + 1
    for line in lines:
        for mention in find_date_mentions(line.text, rules.lang):
            years[mention.value.year] = years.get(mention.value.year, 0) + 1

    def on(year: int) -> date | None:
        try:
            return date(year, day_month.month, day_month.day)
        except ValueError:
            return None

    if years:
        year = max(years, key=lambda y: (years[y], y))
        value = on(year)
        return value if value is not None and _plausible(value, today) else None
    weekday = _weekday_named(lines[paragraph : paragraph + _WEEKDAY_PARAGRAPHS], rules)
    first_year = _round_spans()[0][0].year - 1 if _round_spans() else today.year - 10
    options = [
        value
        for value in map(on, range(first_year, today.year + 1))
        if value is not None and _plausible(value, today)
    ]
    if weekday is not None:
        options = [value for value in options if value.weekday() == weekday]
        if len(options) == 1:
            return options[0]
    at_round = [value for value in options if _near_a_round(value)]
    return at_round[0] if len(at_round) == 1 else None


# --- the decision ---------------------------------------------------------------------------


def find_publication_date(article: ArticleText, *, today: date | None = None) -> DateFinding | None:
    """The article's own publication date with the line that gives it, or None if unknown.

    `today` (default: the real date) rejects dates in the future. Month and weekday names
    are read in the article's language (and English).
    """
    today = today or date.today()
    original = article.text
    text = fold(original)
    rules = _rules(article.language)

    header = _HEADER_RE.match(text)
    if header:
        value = parse_date_text(header["iso"])
        if value is not None and _plausible(value, today):
            evidence = Evidence(header.group(1), header.start(1), header.end(1))
            return DateFinding(value, evidence, 0.98, "date:header")

    lines = _lines(text)
    headline = _headline_index(lines, article.title)
    prose = [ln.index for ln in lines if ln.index != headline and _is_prose(ln)]
    body_start = prose[0] if prose else len(lines)
    top = lines[: min(body_start, _MAX_TOP_LINES)]

    candidates: list[_Candidate] = []
    for line in top:
        candidates.extend(_date_line_candidates(line, rules))
    if headline is not None and headline < len(top):
        candidates.extend(_headline_lead(lines[headline], rules))
    # The dateline opens the first paragraph, or the second under a standfirst.
    leads = [i for i in prose[:_DATELINE_PARAGRAPHS] if i <= _MAX_TOP_LINES]
    for index in leads:
        candidates.extend(_dateline_lead(lines[index], rules))
    if leads and _word_count(lines[body_start].text) <= _STANDFIRST_MAX_WORDS:
        candidates.extend(_under_standfirst(lines, body_start, rules))
    if not candidates:
        # A stamp alone on its line among the first paragraphs ("July 31, 2018" under a
        # standfirst), before the third and with a paragraph below it, still heads the
        # story; a stamp under the last paragraph may be the last edit.
        limit = prose[_DATELINE_PARAGRAPHS] if len(prose) > _DATELINE_PARAGRAPHS else len(lines)
        for line in lines[body_start + 1 : min(limit, _MAX_TOP_LINES)]:
            if line.index < prose[-1] and not _is_prose(line) and _is_bare_stamp(line, rules):
                candidates.extend(
                    replace(c, kind="date:stamp-below-lead")
                    for c in _date_line_candidates(line, rules)
                    if c.label != "updated"
                )
    if not candidates:
        # Some pages print "Published 14 May 2018" under the story instead; only an
        # explicitly labelled stamp counts there, among the last few lines.
        for line in lines[max(body_start + 1, len(lines) - _MAX_TAIL_LINES) :]:
            candidates.extend(
                replace(c, kind="date:tail-stamp")
                for c in _date_line_candidates(line, rules)
                if c.label == "published"
            )
    candidates = [c for c in candidates if _plausible(c.value, today)]

    if article.meta_published is not None and _plausible(article.meta_published, today):
        same = [c for c in candidates if c.value == article.meta_published]
        if same:
            evidence = _evidence(same[0].line, original)
            return DateFinding(article.meta_published, evidence, 0.97, "date:meta-tag")
        iso = article.meta_published.isoformat()
        return DateFinding(article.meta_published, Evidence(iso, 0, 0), 0.9, "date:meta-tag")

    if not candidates:
        return _year_less(lines, leads, rules, today, original)

    # A stamp above the headline that is years after everything the body talks about was
    # added when the page was saved or viewed, when another date line is there to take its
    # place. A lone date line stays: a retrospective may cite only events years old.
    several = len({c.value for c in candidates}) > 1
    latest = (
        _latest_body_date(lines[body_start:], rules.lang)
        if several and headline is not None
        else None
    )
    if headline is not None and latest is not None:
        kept = [
            c
            for c in candidates
            if not (c.line.index < headline and c.value - latest > _SAVE_STAMP_GAP)
        ]
        candidates = kept or candidates

    pool = [c for c in candidates if c.label != "updated"] or candidates
    pool = [c for c in pool if c.label == "published"] or pool
    lines_pool = [c for c in pool if c.kind in _STAMP_KINDS] or pool
    best = min(lines_pool, key=lambda c: (c.value, c.line.index))

    confidence = 0.85 if best.kind in _STAMP_KINDS else 0.8  # a line of its own is surest
    if best.kind == "date:stamp-below-lead":
        confidence -= 0.1
    if best.label == "updated":
        confidence -= 0.2  # only an update stamp: publication was on or before it
    elif best.label == "published" or best.has_time:
        confidence += 0.05
    # An update stamp later than the publication stamp is no disagreement.
    rivals = (
        candidates if best.label == "updated" else [c for c in candidates if c.label != "updated"]
    )
    if len({c.value for c in rivals}) > 1:
        confidence -= 0.15  # the top of the page disagrees with itself
    return DateFinding(best.value, _evidence(best.line, original), round(confidence, 2), best.kind)


def _year_less(
    lines: list[_Line], leads: list[int], rules: _LanguageRules, today: date, original: str
) -> DateFinding | None:
    """A page with no full date at its top: a dateline's day and month, or a day and month
    the first paragraph puts "tomorrow" or "yesterday", in the year the page makes certain."""
    for index in leads:
        day_month = _day_month_dateline(lines[index], rules)
        if day_month is None:
            continue
        value = _year_of(day_month, lines, index, rules, today)
        if value is not None:
            evidence = _evidence(lines[index], original)
            return DateFinding(value, evidence, 0.6, "date:dateline-no-year")
        return None
    for index in leads[:1]:
        relative = _relative_day(lines[index], rules)
        if relative is None:
            continue
        day_month, offset = relative
        value = _year_of(day_month, lines, index, rules, today)
        if value is not None:
            value -= timedelta(days=offset)
            if _plausible(value, today):
                evidence = _evidence(lines[index], original)
                return DateFinding(value, evidence, 0.55, "date:relative-day")
    return None


def _is_bare_stamp(line: _Line, rules: _LanguageRules) -> bool:
    """A line that is a date and nothing else but a weekday, a time or a label."""
    mentions = find_date_mentions(line.text, rules.lang)
    if len(mentions) != 1:
        return False
    rest = line.text[: mentions[0].start] + " " + line.text[mentions[0].end :]
    rest = rules.label.sub(" ", _TZ_RE.sub(" ", _TIME_RE.sub(" ", rest)))
    leftover = [w for w in _words(rules.weekday.sub(" ", rest)) if w.lower() not in _FILLER_WORDS]
    return not leftover
